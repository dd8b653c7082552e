# Regain's messages, pages and password-policy texts in Hindi (hi), translated from en.ftl
# (same messages, attributes, variables and selectors).
#
# A message's value is its body; `.subject` is an email's subject. Paragraphs are separated by
# a blank line. Variables: $code, $link and $reference are shown as given; $minutes and $hours
# are numbers (select on them for plurals); $kind is "email" or "phone"; $name is a person's
# display name, as they wrote it.
#
# Terminology follows ui/src/lib/messages/hi.ts: खाता, रिकवरी, रिकवरी संपर्क, गारंटी देना
# (vouch), सहायता टीम (support), कर्मचारी (staff), दो-चरणीय सत्यापन, ऑथेंटिकेटर ऐप,
# प्रतीक्षा अवधि, रिकवरी पास, प्रमाण. Sentences about the reader avoid gendered verb forms
# ("यह मैंने नहीं किया", not "यह मैं नहीं था").

## Shared pieces

-brand = Regain

# The last lines of every notice of a change: what to do if it was you (unless the notice says
# otherwise), and the "this wasn't me" link.
notice-if-you = अगर यह आपने किया था, तो आपको कुछ नहीं करना है।
notice-not-me =
    अगर यह आपने नहीं किया, तो यह लिंक तुरंत खोलें: इससे सभी डिवाइस साइन आउट हो जाएँगे और आप अपना खाता वापस पा सकेंगे:
    { $link }

# A notice sent by SMS: the subject, then the body.
sms-notice = { -brand }: { $subject }। { $body }

## Codes

confirm-email =
    आपका { -brand } पुष्टि कोड { $code } है।

    इस ईमेल पते की पुष्टि करने के लिए इसे { -brand } में डालें। यह { $minutes ->
        [one] { $minutes } मिनट
       *[other] { $minutes } मिनट
    } तक मान्य है और सिर्फ़ एक बार काम करता है।

    अगर आपने यह पता किसी { -brand } खाते में नहीं जोड़ा है, तो इस संदेश को अनदेखा करें: जब तक कोड डाला नहीं जाता, कुछ नहीं बदलेगा।
    .subject = { -brand } के लिए अपने ईमेल पते की पुष्टि करें

# One SMS segment: at most 160 GSM-7 characters, or 70 for any other script (with a 6-digit
# code and 10 minutes).
confirm-phone-sms = { -brand }: फ़ोन नंबर पुष्टि कोड { $code }, { $minutes ->
        [one] { $minutes } मिनट
       *[other] { $minutes } मिनट
    } मान्य। किसी को न बताएँ।

recovery-email =
    किसी ने (उम्मीद है, आपने ही) आपके { -brand } खाते का पासवर्ड रीसेट करने का अनुरोध किया है।

    आपका रिकवरी कोड { $code } है। यह { $minutes ->
        [one] { $minutes } मिनट
       *[other] { $minutes } मिनट
    } तक मान्य है और सिर्फ़ एक बार काम करता है।

    या आगे बढ़ने के लिए यह लिंक खोलें:
    { $link }

    यह कोड कभी किसी को न बताएँ: { -brand } के कर्मचारी इसे कभी नहीं माँगेंगे। अगर आपने इसका अनुरोध नहीं किया, तो इस संदेश को अनदेखा करें; आपका पासवर्ड जैसा है, वैसा ही रहेगा।
    .subject = आपका { -brand } रिकवरी कोड

# One SMS segment (see confirm-phone-sms).
recovery-sms = { -brand }: रिकवरी कोड { $code }, { $minutes ->
        [one] { $minutes } मिनट
       *[other] { $minutes } मिनट
    } मान्य। इसे कभी किसी को न बताएँ।

## Notices of a change (each followed by notice-if-you, or its own .if-you, and notice-not-me)

password-reset = { $questions-only ->
        [yes] आपके { -brand } खाते का पासवर्ड अभी-अभी सिर्फ़ सुरक्षा प्रश्नों के ज़रिए रीसेट किया गया, और सभी डिवाइस साइन आउट कर दिए गए।
       *[no] आपके { -brand } खाते का पासवर्ड अभी-अभी रीसेट किया गया, और सभी डिवाइस साइन आउट कर दिए गए।
    }
    .subject = आपका { -brand } पासवर्ड रीसेट किया गया

password-changed = आपके { -brand } खाते का पासवर्ड अभी-अभी एक साइन इन किए हुए डिवाइस से बदला गया, और आपके दूसरे डिवाइस साइन आउट कर दिए गए।
    .subject = आपका { -brand } पासवर्ड बदला गया

security-questions-changed = आपके { -brand } खाते के सुरक्षा प्रश्न अभी-अभी बदले गए।
    .subject = आपके { -brand } सुरक्षा प्रश्न बदले गए

second-factor-added = आपके { -brand } खाते में साइन इन के दूसरे चरण के तौर पर अभी-अभी एक ऑथेंटिकेटर ऐप सेट किया गया, और रिकवरी कोड का एक नया सेट बनाया गया।
    .subject = आपके { -brand } खाते के लिए दो-चरणीय सत्यापन चालू है
    .if-you = अगर यह आपने किया था, तो रिकवरी कोड किसी सुरक्षित जगह रखें।

second-factor-removed = आपके { -brand } खाते से ऑथेंटिकेटर ऐप और रिकवरी कोड अभी-अभी हटा दिए गए: अब साइन इन के लिए सिर्फ़ पासवर्ड चाहिए।
    .subject = आपके { -brand } खाते के लिए दो-चरणीय सत्यापन बंद किया गया

recovery-codes-regenerated = आपके { -brand } खाते के लिए अभी-अभी रिकवरी कोड का एक नया सेट बनाया गया; पुराने कोड अब काम नहीं करते।
    .subject = आपके { -brand } खाते के लिए नए रिकवरी कोड
    .if-you = अगर यह आपने किया था, तो नए कोड किसी सुरक्षित जगह रखें।

contact-changed = { $kind ->
        [email] आपके { -brand } खाते के लिए अभी-अभी एक नए ईमेल पते की पुष्टि की गई। अब से खाते के कोड और सूचनाएँ इसी पते पर आएँगी।
       *[phone] आपके { -brand } खाते के लिए अभी-अभी एक नए फ़ोन नंबर की पुष्टि की गई। अब से खाते के कोड और सूचनाएँ इसी नंबर पर आएँगी।
    }
    .subject = { $kind ->
        [email] आपके { -brand } खाते के लिए नया ईमेल पता
       *[phone] आपके { -brand } खाते के लिए नया फ़ोन नंबर
    }

contact-removed = { $kind ->
        [email] आपके { -brand } खाते से ईमेल पता अभी-अभी हटा दिया गया: अब खाते के कोड और सूचनाएँ उस पते पर नहीं आएँगी।
       *[phone] आपके { -brand } खाते से फ़ोन नंबर अभी-अभी हटा दिया गया: अब खाते के कोड और सूचनाएँ उस नंबर पर नहीं आएँगी।
    }
    .subject = { $kind ->
        [email] आपके { -brand } खाते से ईमेल पता हटाया गया
       *[phone] आपके { -brand } खाते से फ़ोन नंबर हटाया गया
    }

device-marked-lost = आपके { -brand } खाते में साइन इन किए हुए डिवाइस में से एक को अभी-अभी खोया हुआ बताया गया। वह लॉक है: उस पर चल रहा ऐप कुछ भी करने से पहले खाते का पासवर्ड माँगेगा।
    .subject = आपके { -brand } खाते का एक डिवाइस खोया हुआ बताया गया

circle-invited = आपने { $name } को { -brand } पर अपना रिकवरी संपर्क बनने के लिए आमंत्रित किया है। आमंत्रण स्वीकार होने के बाद, वे आपके दूसरे संपर्कों के साथ मिलकर आपकी गारंटी दे सकेंगे।
    .subject = आपने एक रिकवरी संपर्क को आमंत्रित किया

circle-rules-changed = आपके { -brand } खाते से एक रिकवरी संपर्क हटाया गया, या आपकी गारंटी देने के लिए ज़रूरी संपर्कों की संख्या बदली गई।
    .subject = आपके रिकवरी संपर्क बदले गए

vouch-declined = { $dont-know ->
        [yes] किसी ने आपके रिकवरी संपर्कों से आपके { -brand } खाते की रिकवरी की गारंटी माँगी, और { $name } ने कहा कि उन्हें इसकी कोई जानकारी नहीं है। रिकवरी रोक दी गई।
       *[no] किसी ने आपके रिकवरी संपर्कों से आपके { -brand } खाते की रिकवरी की गारंटी माँगी, और { $name } ने मना कर दिया। रिकवरी रोक दी गई।
    }
    .subject = आपके खाते की एक रिकवरी रोक दी गई

## Support requests and assisted recovery

support-contact-code =
    आपका कोड { $code } है। यह पुष्टि करने के लिए कि सहायता टीम यहाँ आपसे संपर्क कर सकती है, इसे { -brand } में डालें। यह { $minutes ->
        [one] { $minutes } मिनट
       *[other] { $minutes } मिनट
    } तक मान्य है और सिर्फ़ एक बार काम करता है।

    अगर आपने { -brand } की सहायता टीम से मदद नहीं माँगी, तो इस संदेश को अनदेखा करें।
    .subject = अपने { -brand } सहायता अनुरोध के लिए इस पते की पुष्टि करें

# One SMS segment (see confirm-phone-sms).
support-contact-code-sms = { -brand }: सहायता अनुरोध के लिए नंबर पुष्टि कोड { $code }, { $minutes ->
        [one] { $minutes } मिनट
       *[other] { $minutes } मिनट
    } मान्य।

support-request-received =
    हमें आपका सहायता अनुरोध { $reference } मिल गया है। एक कर्मचारी आपके प्रमाण देखेगा। इसकी स्थिति आप यहाँ देख सकते हैं:
    { $link }

    { -brand } के कर्मचारी कभी पासवर्ड या कोड नहीं माँगते।
    .subject = { -brand } सहायता अनुरोध { $reference } मिल गया

assisted-recovery-started =
    { -brand } के एक कर्मचारी ने आपके खाते की रिकवरी का एक अनुरोध मंज़ूर किया है, जिसके साथ खाते का मालिक होने के प्रमाण दिए गए थे। { $hours ->
        [one] { $hours } घंटे
       *[other] { $hours } घंटे
    } बाद, अनुरोध करने वाला व्यक्ति नया पासवर्ड चुन सकेगा।

    अगर यह अनुरोध आपका है, तो आपको कुछ नहीं करना है।

    अगर यह अनुरोध आपका नहीं है, तो इसे अभी रद्द करें:
    { $link }

    अपने मौजूदा पासवर्ड से साइन इन करने पर भी यह रद्द हो जाता है।
    .subject = किसी ने { -brand } की सहायता टीम से आपका खाता रिकवर करने को कहा है

assisted-recovery-pass =
    आपके सहायता अनुरोध की प्रतीक्षा अवधि पूरी हो गई है। नया पासवर्ड चुनने के लिए यह लिंक खोलें; यह { $hours ->
        [one] { $hours } घंटे
       *[other] { $hours } घंटे
    } तक मान्य है और सिर्फ़ एक बार काम करता है:
    { $link }

    { -brand } के कर्मचारी कभी पासवर्ड या कोड नहीं माँगते।
    .subject = आपका { -brand } रिकवरी पास

contact-claimed =
    किसी ने अभी-अभी इस { $kind ->
        [email] ईमेल पते
       *[phone] फ़ोन नंबर
    } से एक { -brand } खाता बनाने की कोशिश की, जो पहले से आपके खाते से जुड़ा है। कुछ नहीं बदला गया, और नया खाता इसका इस्तेमाल नहीं कर सकता।

    अगर यह आपने किया था, तो इसके बजाय अपने मौजूदा खाते में साइन इन करें; अगर उसका पासवर्ड याद नहीं है, तो { -brand } ऐप में खाता रिकवर करें।
    .subject = { $kind ->
        [email] किसी ने नए { -brand } खाते के लिए आपका ईमेल पता इस्तेमाल करने की कोशिश की
       *[phone] किसी ने नए { -brand } खाते के लिए आपका फ़ोन नंबर इस्तेमाल करने की कोशिश की
    }

## Recovery contacts

circle-invitation =
    { $name } चाहते हैं कि आप { -brand } पर उनके रिकवरी संपर्कों में से एक बनें: अगर कभी उनके खाते में जाने के सारे रास्ते बंद हो जाएँ, तो आप और उनके दूसरे संपर्क मिलकर उनकी गारंटी दे सकते हैं, और आप में से कोई भी अकेले ऐसा नहीं कर सकता।

    स्वीकार करने या मना करने के लिए { -brand } ऐप खोलें। अगर आप { $name } को नहीं जानते, तो मना कर दें।
    .subject = { $name } ने आपसे रिकवरी संपर्क बनने को कहा है

circle-accepted = { $name } ने { -brand } पर आपका रिकवरी संपर्क बनना स्वीकार कर लिया है। ऐप के सुरक्षा केंद्र में आप अपने रिकवरी संपर्क देख और बदल सकते हैं।
    .subject = { $name } अब आपके रिकवरी संपर्कों में से एक हैं

circle-stepped-down = { $name } ने { -brand } पर आपके रिकवरी संपर्क की भूमिका छोड़ दी है। ऐप के सुरक्षा केंद्र में जाँच लें कि आपकी गारंटी देने के लिए काफ़ी संपर्क बचे हैं, और अगर नहीं, तो किसी और को आमंत्रित करें।
    .subject = { $name } अब आपके रिकवरी संपर्क नहीं हैं

vouch-requested =
    { $name } का कहना है कि उनके { -brand } खाते में जाने के सारे रास्ते बंद हो गए हैं, और उन्होंने अपने रिकवरी संपर्क के तौर पर आपसे गारंटी माँगी है।

    कुछ भी करने से पहले उन्हें फ़ोन करें या उनसे खुद मिलें। अचानक आए किसी संदेश, चैट या कॉल के भरोसे कभी गारंटी न दें: खाते ऐसे ही चुराए जाते हैं। अगर यह सच में वही हैं, तो उनसे एक कोड पढ़कर सुनाने को कहें और उसे अपने { -brand } ऐप के सुरक्षा केंद्र में डालें।
    .subject = { $name } ने आपसे गारंटी माँगी है

vouched-recovery-started =
    आपके { -brand } खाते की रिकवरी कर रहे एक व्यक्ति के लिए आपके काफ़ी रिकवरी संपर्कों ने गारंटी दे दी है। ज़्यादा से ज़्यादा { $hours ->
        [one] { $hours } घंटे
       *[other] { $hours } घंटे
    } में, वह व्यक्ति नया पासवर्ड चुन सकेगा।

    अगर यह रिकवरी आपकी है, तो आपको कुछ नहीं करना है।

    अगर यह रिकवरी आपकी नहीं है, तो इसे अभी रद्द करें:
    { $link }

    अपने मौजूदा पासवर्ड से साइन इन करने पर भी यह रद्द हो जाती है।
    .subject = आपके रिकवरी संपर्कों ने आपके खाते की एक रिकवरी की गारंटी दी

## Pages a browser sees (the emailed links). Each page's title is its message's value.

page-link = अपनी रिकवरी जारी रखें
    .intro = आपने अपना { -brand } पासवर्ड रीसेट करने का अनुरोध किया था।
    .open-app = { -brand } ऐप में खोलें
    .continue = इसी ब्राउज़र में जारी रखें
    .not-you = अगर आपने यह अनुरोध नहीं किया, तो यह पेज बंद कर दें: कुछ नहीं बदलेगा।
page-one-more-step = बस एक चरण और
    .text = आपके ईमेल की पुष्टि हो गई है। इस खाते के लिए एक और प्रमाण चाहिए: { -brand } ऐप में जारी रखें।
page-new-password = नया पासवर्ड चुनें
    .label = नया पासवर्ड
    .guidance = कम से कम { $min } अक्षर, या चार या ज़्यादा रैंडम शब्द इस्तेमाल करें। अपना नाम, जन्मदिन और फ़ोन नंबर न डालें। पासवर्ड मैनेजर को इसे बनाने और याद रखने दें।
    .submit = नया पासवर्ड सेट करें
page-password-reset = आपका पासवर्ड रीसेट हो गया
    .text = सभी डिवाइस साइन आउट कर दिए गए। नए पासवर्ड से साइन इन करें।
    .advice = अपना ईमेल और फ़ोन नंबर अपडेट रखें, दो-चरणीय सत्यापन चालू करें, और पासवर्ड मैनेजर इस्तेमाल करें।
page-not-me = यह मैंने नहीं किया
    .text = अगर किसी और ने आपका पासवर्ड रीसेट किया है, तो अभी सभी डिवाइस साइन आउट करें, फिर { -brand } ऐप में अपना खाता रिकवर करें।
    .button = सभी डिवाइस साइन आउट करें
page-signed-out = सभी डिवाइस साइन आउट हो गए
    .text = अभी { -brand } ऐप में अपना खाता रिकवर करें, और ऐसा पासवर्ड चुनें जो कहीं और इस्तेमाल न होता हो।
    .open-app = { -brand } ऐप खोलें
page-support-status = सहायता अनुरोध { $reference }
    .awaiting-contact = यह उस कोड का इंतज़ार कर रहा है जो हमने आपके दिए संपर्क पर भेजा है।
    .open = यह कतार में है: एक कर्मचारी आपके प्रमाण देखेगा।
    .in-review = एक कर्मचारी अभी आपके प्रमाण देख रहा है।
    .approved = इसे मंज़ूरी मिल गई: आपके खाते के संपर्कों को सूचना दे दी गई है, और प्रतीक्षा अवधि पूरी होने पर रिकवरी पास भेजा जाएगा।
    .denied = इसे मंज़ूरी नहीं मिली। आप दूसरे प्रमाणों के साथ नया अनुरोध भेज सकते हैं।
    .closed = यह बंद हो गया है।
    .staff-never-ask = { -brand } के कर्मचारी कभी पासवर्ड या कोड नहीं माँगते।
page-cancel = अपने खाते की रिकवरी रद्द करें
    .text = किसी ने { -brand } की सहायता टीम से आपका खाता रिकवर करने को कहा है। अगर यह आपने नहीं किया, तो इसे रद्द करें: फिर कोई भी इस रिकवरी का इस्तेमाल नहीं कर सकेगा।
    .button = रिकवरी रद्द करें
page-cancelled = रिकवरी रद्द हो गई
    .text = अब कोई भी इसका इस्तेमाल नहीं कर सकता। साइन इन करें और अपने खाते का सुरक्षा केंद्र देखें: अगर लगता है कि किसी और को आपका पासवर्ड पता है, तो उसे बदल दें।
page-pass = नया पासवर्ड चुनें
    .text = प्रतीक्षा अवधि पूरी हो गई है। यह पास सिर्फ़ एक बार काम करता है।
    .button = जारी रखें
page-error = इस लिंक से आगे नहीं बढ़ा जा सकता
    .code = कोड: { $code }
# Why a page refused, by the stable error code; any other code gets the last line.
page-error-reason = { $reason ->
        [invalid_link] यह लिंक अब काम नहीं करता। नया कोड माँगें।
        [invalid_reset_token] यह रीसेट अब मान्य नहीं है। रिकवरी फिर से शुरू करें।
        [flow_expired] यह रिकवरी खत्म हो गई है। फिर से शुरू करें।
        [flow_locked] बहुत ज़्यादा गलत कोशिशों की वजह से यह रिकवरी रोक दी गई। बाद में फिर से शुरू करें, या सहायता टीम से संपर्क करें।
        [flow_state] यह चरण अभी उपलब्ध नहीं है। { -brand } ऐप में जारी रखें।
        [rate_limited] बहुत ज़्यादा प्रयास। थोड़ी देर रुककर फिर कोशिश करें।
        [busy] अभी हम व्यस्त हैं और कुछ भी नहीं बदला गया। थोड़ी देर में फिर कोशिश करें।
        [invalid_field] यह लिंक अधूरा है। हमारे भेजे संदेश से इसे फिर से खोलें।
       *[other] कुछ गड़बड़ हो गई। थोड़ी देर में फिर कोशिश करें, या { -brand } ऐप में जारी रखें।
    }

## Password policy: the guidance beside a new-password field and the reasons a password is
## refused (keys as the policy names them, dots written as hyphens)

password-tip-length = कम से कम 15 अक्षर, या चार या ज़्यादा रैंडम शब्द इस्तेमाल करें।
password-tip-personal = अपना नाम, जन्मदिन, फ़ोन नंबर और ईमेल न डालें।
password-tip-reuse = किसी दूसरे खाते का पासवर्ड कभी दोबारा उपयोग न करें।
password-tip-manager = पासवर्ड मैनेजर को इसे बनाने और याद रखने दें।
password-tip-two_step = दो-चरणीय सत्यापन भी चालू करें।

password-reason-too_short = यह { $min } अक्षरों से छोटा है।
password-reason-too_long = यह 256 अक्षरों से लंबा है।
password-reason-common = यह सबसे आम पासवर्ड में से एक है।
password-reason-breached = यह किसी डेटा लीक में सामने आ चुका है।
password-reason-personal = इसमें आपका नाम, ईमेल, फ़ोन नंबर या जन्मदिन है।
password-reason-too_guessable = इसका अनुमान लगाना आसान होगा।
password-reason-reused = आपने इसे हाल में उपयोग किया है। ऐसा चुनें जो पहले न उपयोग किया हो।

password-warning-straight_rows = कीबोर्ड की सीधी पंक्तियों का अनुमान लगाना आसान है।
password-warning-short_keyboard_patterns = छोटे कीबोर्ड पैटर्न का अनुमान लगाना आसान है।
password-warning-repeats = “aaa” जैसे दोहराव का अनुमान लगाना आसान है।
password-warning-repeated_patterns = “abcabc” जैसे दोहराव “abc” से थोड़े ही कठिन हैं।
password-warning-top10 = यह दस सबसे आम पासवर्ड में से एक है।
password-warning-top100 = यह सौ सबसे आम पासवर्ड में से एक है।
password-warning-common = यह बहुत आम पासवर्ड है।
password-warning-similar_to_common = यह किसी आम पासवर्ड जैसा है।
password-warning-sequences = “abc” या “6543” जैसे क्रम का अनुमान लगाना आसान है।
password-warning-recent_years = हाल के वर्षों का अनुमान लगाना आसान है।
password-warning-single_word = एक अकेले शब्द का अनुमान लगाना आसान है।
password-warning-dates = तारीखों का अनुमान अक्सर आसान होता है।
password-warning-names = केवल नाम और उपनाम का अनुमान लगाना आसान है।
password-warning-common_names = आम नाम और उपनाम का अनुमान लगाना आसान है।

password-suggestion-few_words = कुछ शब्द उपयोग करें; आम वाक्यांशों से बचें।
password-suggestion-no_symbols_needed = चिह्न, अंक या बड़े अक्षर ज़रूरी नहीं।
password-suggestion-add_word = एक-दो शब्द और जोड़ें। कम आम शब्द बेहतर हैं।
password-suggestion-capitalization = बड़े अक्षर ज़्यादा मदद नहीं करते।
password-suggestion-all_uppercase = सब बड़े अक्षर लगभग उतने ही आसान हैं जितने सब छोटे अक्षर।
password-suggestion-reversed_words = उल्टे लिखे शब्द ज़्यादा कठिन नहीं होते।
password-suggestion-substitutions = “a” की जगह “@” जैसे बदलाव ज़्यादा मदद नहीं करते।
password-suggestion-longer_keyboard_pattern = ज़्यादा मोड़ वाला लंबा कीबोर्ड पैटर्न उपयोग करें।
password-suggestion-avoid_repeats = दोहराए गए शब्दों और अक्षरों से बचें।
password-suggestion-avoid_sequences = क्रमों से बचें।
password-suggestion-avoid_recent_years = हाल के वर्षों से बचें।
password-suggestion-avoid_your_years = अपने से जुड़े वर्षों से बचें।
password-suggestion-avoid_your_dates = अपने से जुड़ी तारीखों और वर्षों से बचें।

password-breach_check-unavailable = लीक की जाँच अभी उपलब्ध नहीं है; बाकी जाँचें लागू हैं।

# The words before the reasons a new password is refused.
password-blocked = अभी इसका उपयोग नहीं हो सकता:
