# Regain's messages, pages and password-policy texts in Arabic (Modern Standard Arabic).
# Translated from en.ftl: same messages, attributes, variables and selectors.
#
# Plurals on $minutes / $hours follow the CLDR Arabic categories (zero, one, two, few, many,
# other). After "لمدة" / "بعد" / "خلال" the noun is in the genitive, hence دقيقتين / ساعتين.
# Digits stay Western, as passed in.

## Shared pieces

-brand = Regain

# The last lines of every notice of a change: what to do if it was you (unless the notice says
# otherwise), and the "this wasn't me" link.
notice-if-you = إذا كنت أنت من قام بذلك، فلا يلزمك أي إجراء.
notice-not-me =
    إذا لم تكن أنت، فافتح هذا الرابط فورًا: سيُسجَّل الخروج من كل الأجهزة، ويمكنك استعادة السيطرة على حسابك:
    { $link }

# A notice sent by SMS: the subject, then the body.
sms-notice = { -brand }: { $subject }. { $body }

## Codes

confirm-email =
    رمز التأكيد الخاص بك في { -brand } هو { $code }.

    أدخله في { -brand } لتأكيد عنوان البريد الإلكتروني هذا. الرمز صالح لمدة { $minutes ->
        [zero] { $minutes } دقيقة
        [one] دقيقة واحدة
        [two] دقيقتين
        [few] { $minutes } دقائق
        [many] { $minutes } دقيقة
       *[other] { $minutes } دقيقة
    } ويعمل مرة واحدة فقط.

    إذا لم تُضِف هذا العنوان إلى حساب في { -brand }، فتجاهل هذه الرسالة: لن يتغير شيء ما لم يُدخَل الرمز.
    .subject = أكّد عنوان بريدك الإلكتروني في { -brand }

# One SMS segment: at most 160 GSM-7 characters, or 70 for any other script (with a 6-digit
# code and 10 minutes).
confirm-phone-sms = { -brand }: { $code } رمز تأكيد رقمك، صالح لمدة { $minutes ->
        [zero] { $minutes } دقيقة
        [one] دقيقة
        [two] دقيقتين
        [few] { $minutes } دقائق
        [many] { $minutes } دقيقة
       *[other] { $minutes } دقيقة
    }. لا تشاركه مع أحد.

recovery-email =
    تلقّينا طلبًا لإعادة تعيين كلمة مرور حسابك في { -brand }، ونأمل أن يكون منك.

    رمز الاسترداد الخاص بك هو { $code }. وهو صالح لمدة { $minutes ->
        [zero] { $minutes } دقيقة
        [one] دقيقة واحدة
        [two] دقيقتين
        [few] { $minutes } دقائق
        [many] { $minutes } دقيقة
       *[other] { $minutes } دقيقة
    } ويعمل مرة واحدة فقط.

    أو افتح هذا الرابط للمتابعة:
    { $link }

    لا تشارك هذا الرمز مع أحد: لن يطلبه منك موظفو { -brand } أبدًا. إذا لم تطلبه، فتجاهل هذه الرسالة؛ ستبقى كلمة مرورك كما هي.
    .subject = رمز الاسترداد الخاص بك في { -brand }

# One SMS segment (see confirm-phone-sms).
recovery-sms = { -brand }: { $code } رمز الاسترداد، صالح لمدة { $minutes ->
        [zero] { $minutes } دقيقة
        [one] دقيقة
        [two] دقيقتين
        [few] { $minutes } دقائق
        [many] { $minutes } دقيقة
       *[other] { $minutes } دقيقة
    }. لا تشاركه حتى معنا.

## Notices of a change (each followed by notice-if-you, or its own .if-you, and notice-not-me)

password-reset = { $questions-only ->
        [yes] تمت للتو إعادة تعيين كلمة مرور حسابك في { -brand } باستخدام أسئلة الأمان فقط، وتم تسجيل الخروج من كل الأجهزة.
       *[no] تمت للتو إعادة تعيين كلمة مرور حسابك في { -brand }، وتم تسجيل الخروج من كل الأجهزة.
    }
    .subject = تمت إعادة تعيين كلمة مرورك في { -brand }

password-changed = تم للتو تغيير كلمة مرور حسابك في { -brand } من جهاز مسجّل الدخول، وتم تسجيل الخروج من أجهزتك الأخرى.
    .subject = تم تغيير كلمة مرورك في { -brand }

security-questions-changed = تم للتو استبدال أسئلة الأمان لحسابك في { -brand }.
    .subject = تم تغيير أسئلة الأمان لحسابك في { -brand }

second-factor-added = تم للتو إعداد تطبيق مصادقة كخطوة ثانية لتسجيل الدخول إلى حسابك في { -brand }، مع مجموعة جديدة من رموز الاسترداد.
    .subject = تم تفعيل التحقق بخطوتين لحسابك في { -brand }
    .if-you = إذا كنت أنت من قام بذلك، فاحفظ رموز الاسترداد في مكان آمن.

second-factor-removed = تمت للتو إزالة تطبيق المصادقة ورموز الاسترداد من حسابك في { -brand }: أصبح تسجيل الدخول الآن يتطلب كلمة المرور فقط.
    .subject = تم إيقاف التحقق بخطوتين لحسابك في { -brand }

recovery-codes-regenerated = تم للتو إنشاء مجموعة جديدة من رموز الاسترداد لحسابك في { -brand }؛ ولم تعد الرموز القديمة تعمل.
    .subject = رموز استرداد جديدة لحسابك في { -brand }
    .if-you = إذا كنت أنت من قام بذلك، فاحفظ الرموز الجديدة في مكان آمن.

contact-changed = { $kind ->
        [email] تم للتو تأكيد عنوان بريد إلكتروني جديد لحسابك في { -brand }. ومن الآن فصاعدًا ستصل إليه رموز الحساب وإشعاراته.
       *[phone] تم للتو تأكيد رقم هاتف جديد لحسابك في { -brand }. ومن الآن فصاعدًا ستصل إليه رموز الحساب وإشعاراته.
    }
    .subject = { $kind ->
        [email] عنوان بريد إلكتروني جديد لحسابك في { -brand }
       *[phone] رقم هاتف جديد لحسابك في { -brand }
    }

contact-removed = { $kind ->
        [email] تمت للتو إزالة عنوان البريد الإلكتروني من حسابك في { -brand }: لم تعد تصل إليه رموز الحساب وإشعاراته.
       *[phone] تمت للتو إزالة رقم الهاتف من حسابك في { -brand }: لم تعد تصل إليه رموز الحساب وإشعاراته.
    }
    .subject = { $kind ->
        [email] تمت إزالة عنوان البريد الإلكتروني من حسابك في { -brand }
       *[phone] تمت إزالة رقم الهاتف من حسابك في { -brand }
    }

device-marked-lost = تم للتو وضع علامة مفقود على أحد الأجهزة المسجّل دخولها إلى حسابك في { -brand }. وقد قُفل الجهاز: سيطلب التطبيق عليه كلمة مرور الحساب قبل أن يفعل أي شيء آخر.
    .subject = تم وضع علامة مفقود على جهاز مرتبط بحسابك في { -brand }

circle-invited = دعوت { $name } ليكون جهة اتصال للاسترداد لديك في { -brand }. بعد أن يقبل الدعوة، يمكنه أن يشهد لك مع جهات اتصالك الأخرى.
    .subject = دعوت جهة اتصال للاسترداد

circle-rules-changed = تمت إزالة إحدى جهات اتصال الاسترداد من حسابك في { -brand }، أو تم تغيير عدد جهات الاتصال التي يجب أن تشهد لك.
    .subject = تم تغيير جهات اتصال الاسترداد لديك

vouch-declined = { $dont-know ->
        [yes] طلب أحدهم من جهات اتصال الاسترداد لديك أن تشهد لعملية استرداد لحسابك في { -brand }، فقال { $name } إنه لا يعلم شيئًا عن ذلك. وقد أُوقف الاسترداد.
       *[no] طلب أحدهم من جهات اتصال الاسترداد لديك أن تشهد لعملية استرداد لحسابك في { -brand }، فرفض { $name }. وقد أُوقف الاسترداد.
    }
    .subject = تم إيقاف عملية استرداد لحسابك

## Support requests and assisted recovery

support-contact-code =
    رمزك هو { $code }. أدخله في { -brand } لتأكيد أن فريق الدعم يمكنه التواصل معك هنا. الرمز صالح لمدة { $minutes ->
        [zero] { $minutes } دقيقة
        [one] دقيقة واحدة
        [two] دقيقتين
        [few] { $minutes } دقائق
        [many] { $minutes } دقيقة
       *[other] { $minutes } دقيقة
    } ويعمل مرة واحدة فقط.

    إذا لم تطلب المساعدة من دعم { -brand }، فتجاهل هذه الرسالة.
    .subject = أكّد هذا العنوان لطلب الدعم الخاص بك في { -brand }

# One SMS segment (see confirm-phone-sms).
support-contact-code-sms = { -brand }: { $code } رمز تأكيد هذا الرقم لطلب الدعم، صالح لمدة { $minutes ->
        [zero] { $minutes } دقيقة
        [one] دقيقة
        [two] دقيقتين
        [few] { $minutes } دقائق
        [many] { $minutes } دقيقة
       *[other] { $minutes } دقيقة
    }.

support-request-received =
    استلمنا طلب الدعم { $reference }. سيطّلع أحد موظفينا على إثباتاتك. يمكنك متابعة حالة الطلب هنا:
    { $link }

    لا يطلب موظفو { -brand } أبدًا كلمة مرور أو رمزًا.
    .subject = تم استلام طلب الدعم { $reference } لدى { -brand }

assisted-recovery-started =
    وافق أحد موظفي { -brand } على طلب لاسترداد حسابك بإثباتات ملكية. وبعد { $hours ->
        [zero] { $hours } ساعة
        [one] ساعة واحدة
        [two] ساعتين
        [few] { $hours } ساعات
        [many] { $hours } ساعة
       *[other] { $hours } ساعة
    } سيتمكن الشخص الذي قدّم الطلب من اختيار كلمة مرور جديدة.

    إذا كنت أنت صاحب الطلب، فلا يلزمك أي إجراء.

    إذا لم تكن أنت، فألغِه الآن:
    { $link }

    تسجيل الدخول بكلمة مرورك الحالية يلغيه أيضًا.
    .subject = طلب أحدهم من دعم { -brand } استرداد حسابك

assisted-recovery-pass =
    انتهت فترة الانتظار لطلب الدعم الخاص بك. افتح هذا الرابط لاختيار كلمة مرور جديدة؛ يعمل الرابط مرة واحدة فقط، ولمدة { $hours ->
        [zero] { $hours } ساعة
        [one] ساعة واحدة
        [two] ساعتين
        [few] { $hours } ساعات
        [many] { $hours } ساعة
       *[other] { $hours } ساعة
    }:
    { $link }

    لا يطلب موظفو { -brand } أبدًا كلمة مرور أو رمزًا.
    .subject = تصريح الاسترداد الخاص بك في { -brand }

contact-claimed =
    حاول أحدهم للتو إنشاء حساب في { -brand } باستخدام { $kind ->
        [email] عنوان البريد الإلكتروني هذا
       *[phone] رقم الهاتف هذا
    }، وهو مرتبط بحسابك بالفعل. لم يتغير شيء، ولا يمكن للحساب الجديد استخدامه.

    إذا كنت أنت من حاول ذلك، فسجّل الدخول إلى حسابك الحالي بدلًا من إنشاء حساب جديد؛ وإذا نسيت كلمة مروره، فاسترد حسابك من تطبيق { -brand }.
    .subject = { $kind ->
        [email] حاول أحدهم استخدام بريدك الإلكتروني لحساب جديد في { -brand }
       *[phone] حاول أحدهم استخدام رقم هاتفك لحساب جديد في { -brand }
    }

## Recovery contacts

circle-invitation =
    يرغب { $name } في أن تكون جهة اتصال للاسترداد لديه في { -brand }: إذا فقد يومًا كل طرق الدخول إلى حسابه، يمكنك أنت وجهات اتصاله الأخرى أن تشهدوا له، ولا يستطيع أحدكم فعل ذلك وحده.

    افتح تطبيق { -brand } لقبول الدعوة أو رفضها. إذا كنت لا تعرف { $name }، فارفضها.
    .subject = يطلب منك { $name } أن تكون جهة اتصال للاسترداد

circle-accepted = قبل { $name } أن يكون جهة اتصال للاسترداد لديك في { -brand }. يمكنك عرض جهات اتصال الاسترداد وتغييرها من مركز الأمان في التطبيق.
    .subject = أصبح { $name } جهة اتصال للاسترداد لديك

circle-stepped-down = انسحب { $name } من جهات اتصال الاسترداد لديك في { -brand }. تحقّق من مركز الأمان في التطبيق من بقاء عدد كافٍ من جهات الاتصال ليشهدوا لك، وادعُ شخصًا آخر إن لم يكن العدد كافيًا.
    .subject = لم يعد { $name } من جهات اتصال الاسترداد لديك

vouch-requested =
    يقول { $name } إنه فقد كل طرق الدخول إلى حسابه في { -brand }، ويطلب منك، بصفتك إحدى جهات اتصال الاسترداد لديه، أن تشهد له.

    قبل أن تفعل أي شيء، اتصل به أو قابله شخصيًا. لا تشهد أبدًا بسبب رسالة أو محادثة أو مكالمة لم تتوقعها: هكذا تُسرق الحسابات. إذا كان هو فعلًا، فسيقرأ عليك رمزًا؛ أدخله في مركز الأمان في تطبيق { -brand } لديك.
    .subject = يطلب منك { $name } أن تشهد له

vouched-recovery-started =
    شهد عدد كافٍ من جهات اتصال الاسترداد لديك لشخص يسترد حسابك في { -brand }. وخلال { $hours ->
        [zero] { $hours } ساعة
        [one] ساعة واحدة
        [two] ساعتين
        [few] { $hours } ساعات
        [many] { $hours } ساعة
       *[other] { $hours } ساعة
    } على الأكثر، سيتمكن هذا الشخص من اختيار كلمة مرور جديدة.

    إذا كنت أنت صاحب الطلب، فلا يلزمك أي إجراء.

    إذا لم تكن أنت، فألغِه الآن:
    { $link }

    تسجيل الدخول بكلمة مرورك الحالية يلغيه أيضًا.
    .subject = شهدت جهات اتصال الاسترداد لديك لعملية استرداد لحسابك

## Pages a browser sees (the emailed links). Each page's title is its message's value.

page-link = متابعة استرداد حسابك
    .intro = طلبت إعادة تعيين كلمة مرورك في { -brand }.
    .open-app = فتح في تطبيق { -brand }
    .continue = المتابعة في هذا المتصفح
    .not-you = إذا لم تطلب ذلك، فأغلق هذه الصفحة: لن يتغير شيء.
page-one-more-step = خطوة أخرى
    .text = تم تأكيد بريدك الإلكتروني. يحتاج هذا الحساب إلى إثبات آخر: تابع في تطبيق { -brand }.
page-new-password = اختر كلمة مرور جديدة
    .label = كلمة المرور الجديدة
    .guidance = استخدم { $min ->
        [few] { $min } أحرف
       *[other] { $min } حرفًا
    } على الأقل، أو أربع كلمات عشوائية أو أكثر. تجنّب اسمك وتاريخ ميلادك ورقم هاتفك. ودع مدير كلمات المرور ينشئها ويتذكّرها عنك.
    .submit = تعيين كلمة المرور الجديدة
page-password-reset = تمت إعادة تعيين كلمة مرورك
    .text = تم تسجيل الخروج من كل الأجهزة. سجّل الدخول بكلمة المرور الجديدة.
    .advice = حافظ على تحديث بريدك الإلكتروني ورقم هاتفك، وفعّل التحقق بخطوتين، واستخدم مدير كلمات مرور.
page-not-me = لم أكن أنا
    .text = إذا أعاد شخص آخر تعيين كلمة مرورك، فسجّل الخروج من كل الأجهزة الآن، ثم استرد حسابك من تطبيق { -brand }.
    .button = تسجيل الخروج من كل الأجهزة
page-signed-out = تم تسجيل الخروج من كل الأجهزة
    .text = استرد حسابك من تطبيق { -brand } الآن، واختر كلمة مرور لا تستخدمها في أي مكان آخر.
    .open-app = فتح تطبيق { -brand }
page-support-status = طلب الدعم { $reference }
    .awaiting-contact = بانتظار الرمز الذي أرسلناه إلى وسيلة التواصل التي قدّمتها.
    .open = في قائمة الانتظار: سيطّلع أحد الموظفين على إثباتاتك.
    .in-review = يطّلع أحد الموظفين على إثباتاتك الآن.
    .approved = تمت الموافقة عليه: أُبلغت جهات اتصال حسابك، وسيصلك تصريح الاسترداد عند انتهاء فترة الانتظار.
    .denied = لم تتم الموافقة عليه. يمكنك تقديم طلب جديد بإثباتات أخرى.
    .closed = الطلب مغلق.
    .staff-never-ask = لا يطلب موظفو { -brand } أبدًا كلمة مرور أو رمزًا.
page-cancel = إلغاء استرداد حسابك
    .text = طلب أحدهم من دعم { -brand } استرداد حسابك. إذا لم تكن أنت، فألغِ الاسترداد: لن يتمكن أحد من استخدامه.
    .button = إلغاء الاسترداد
page-cancelled = تم إلغاء الاسترداد
    .text = لم يعد بإمكان أحد استخدامه. سجّل الدخول وراجع مركز الأمان في حسابك، وغيّر كلمة مرورك إذا كنت تظن أن أحدًا يعرفها.
page-pass = اختر كلمة مرور جديدة
    .text = انتهت فترة الانتظار. يعمل هذا التصريح مرة واحدة فقط.
    .button = متابعة
page-error = تعذّرت المتابعة عبر هذا الرابط
    .code = رمز الخطأ: { $code }
# Why a page refused, by the stable error code; any other code gets the last line.
page-error-reason = { $reason ->
        [invalid_link] هذا الرابط لم يعد يعمل. اطلب رمزًا جديدًا.
        [invalid_reset_token] إعادة التعيين هذه لم تعد صالحة. ابدأ الاسترداد من جديد.
        [flow_expired] انتهت عملية الاسترداد هذه. ابدأ من جديد.
        [flow_locked] أُنهيت عملية الاسترداد هذه بسبب كثرة المحاولات الخاطئة. ابدأ من جديد لاحقًا، أو تواصل مع الدعم.
        [flow_state] هذه الخطوة غير متاحة الآن. تابع في تطبيق { -brand }.
        [rate_limited] محاولات كثيرة جدًا. انتظر قليلًا ثم حاول مرة أخرى.
        [busy] نحن مشغولون الآن ولم يتغيّر شيء. حاول مرة أخرى بعد قليل.
        [invalid_field] هذا الرابط غير مكتمل. افتحه مرة أخرى من الرسالة التي أرسلناها.
       *[other] حدث خطأ ما. حاول مرة أخرى بعد قليل، أو تابع في تطبيق { -brand }.
    }

## Password policy: the guidance beside a new-password field and the reasons a password is
## refused (keys as the policy names them, dots written as hyphens)

password-tip-length = استخدم 15 حرفًا على الأقل، أو أربع كلمات عشوائية أو أكثر.
password-tip-personal = تجنّب اسمك وتاريخ ميلادك ورقم هاتفك وبريدك الإلكتروني.
password-tip-reuse = لا تُعِد استخدام كلمة مرور حساب آخر أبدًا.
password-tip-manager = دع مدير كلمات المرور ينشئها ويتذكّرها عنك.
password-tip-two_step = فعّل التحقق بخطوتين أيضًا.

password-reason-too_short = أقصر من { $min } حرفًا.
password-reason-too_long = أطول من 256 حرفًا.
password-reason-common = إنها من أكثر كلمات المرور شيوعًا.
password-reason-breached = ظهرت في تسريب بيانات.
password-reason-personal = تحتوي على اسمك أو بريدك الإلكتروني أو رقم هاتفك أو تاريخ ميلادك.
password-reason-too_guessable = سيكون تخمينها سهلًا.
password-reason-reused = استخدمتها مؤخرًا. اختر كلمة لم تستخدمها من قبل.

password-warning-straight_rows = الصفوف المتتالية من المفاتيح سهلة التخمين.
password-warning-short_keyboard_patterns = أنماط لوحة المفاتيح القصيرة سهلة التخمين.
password-warning-repeats = التكرار مثل «aaa» سهل التخمين.
password-warning-repeated_patterns = التكرار مثل «abcabc» أصعب قليلًا فقط من «abc».
password-warning-top10 = هذه واحدة من أكثر عشر كلمات مرور شيوعًا.
password-warning-top100 = هذه واحدة من أكثر مئة كلمة مرور شيوعًا.
password-warning-common = هذه كلمة مرور شائعة جدًا.
password-warning-similar_to_common = هذه تشبه كلمة مرور شائعة الاستخدام.
password-warning-sequences = التسلسلات مثل «abc» أو «6543» سهلة التخمين.
password-warning-recent_years = السنوات الأخيرة سهلة التخمين.
password-warning-single_word = الكلمة الواحدة سهلة التخمين.
password-warning-dates = التواريخ غالبًا سهلة التخمين.
password-warning-names = الأسماء وأسماء العائلة وحدها سهلة التخمين.
password-warning-common_names = الأسماء الشائعة سهلة التخمين.

password-suggestion-few_words = استخدم بضع كلمات وتجنّب العبارات الشائعة.
password-suggestion-no_symbols_needed = لا حاجة إلى رموز أو أرقام أو أحرف كبيرة.
password-suggestion-add_word = أضف كلمة أو اثنتين. الكلمات غير الشائعة أفضل.
password-suggestion-capitalization = الأحرف الكبيرة لا تساعد كثيرًا.
password-suggestion-all_uppercase = الأحرف الكبيرة كلها سهلة التخمين تقريبًا مثل الصغيرة كلها.
password-suggestion-reversed_words = الكلمات المكتوبة بالعكس ليست أصعب كثيرًا في التخمين.
password-suggestion-substitutions = استبدالات مثل «@» مكان «a» لا تساعد كثيرًا.
password-suggestion-longer_keyboard_pattern = استخدم نمط لوحة مفاتيح أطول وبه منعطفات أكثر.
password-suggestion-avoid_repeats = تجنّب الكلمات والأحرف المكررة.
password-suggestion-avoid_sequences = تجنّب التسلسلات.
password-suggestion-avoid_recent_years = تجنّب السنوات الأخيرة.
password-suggestion-avoid_your_years = تجنّب السنوات المرتبطة بك.
password-suggestion-avoid_your_dates = تجنّب التواريخ والسنوات المرتبطة بك.

password-breach_check-unavailable = فحص التسريبات غير متاح الآن؛ وتبقى الفحوص الأخرى سارية.

# The words before the reasons a new password is refused.
password-blocked = لا يمكن استخدامها بعد:
