# Regain's messages, pages and password-policy texts in Turkish, checked against en.ftl (same
# messages, attributes, variables and selectors).
#
# A message's value is its body; `.subject` is an email's subject. Paragraphs are separated by
# a blank line. Variables: $code, $link and $reference are shown as given; $minutes and $hours
# are numbers (select on them for plurals); $kind is "email" or "phone"; $name is a person's
# display name, as they wrote it. Turkish wording avoids case suffixes on variables.

## Shared pieces

-brand = Regain

# The last lines of every notice of a change: what to do if it was you (unless the notice says
# otherwise), and the "this wasn't me" link.
notice-if-you = Bu işlemi siz yaptıysanız başka bir şey yapmanız gerekmez.
notice-not-me =
    Bu işlemi siz yapmadıysanız hemen bu bağlantıyı açın. Bağlantı tüm cihazlarda oturumu kapatır ve hesabınızı geri almanızı sağlar:
    { $link }

# A notice sent by SMS: the subject, then the body.
sms-notice = { -brand }: { $subject }. { $body }

## Codes

confirm-email =
    { -brand } onay kodunuz: { $code }

    Bu e-posta adresini onaylamak için kodu { -brand } uygulamasına girin. Kod { $minutes ->
        [one] { $minutes } dakika
       *[other] { $minutes } dakika
    } geçerlidir ve yalnızca bir kez kullanılabilir.

    Bu adresi bir { -brand } hesabına siz eklemediyseniz bu mesajı dikkate almayın: Kod girilmedikçe hiçbir şey değişmez.
    .subject = { -brand } için e-posta adresinizi onaylayın

# One SMS segment: at most 160 GSM-7 characters, or 70 for any other script (with a 6-digit
# code and 10 minutes). Turkish needs ı, ş, ç, ğ, so it must fit 70 (up to 30 minutes).
confirm-phone-sms = { -brand } telefon onay kodu: { $code }. { $minutes ->
        [one] { $minutes } dk
       *[other] { $minutes } dk
    } geçerli. Kimseyle paylaşmayın.

recovery-email =
    { -brand } hesabınızın şifresini sıfırlama talebi aldık.

    Kurtarma kodunuz: { $code }. Kod { $minutes ->
        [one] { $minutes } dakika
       *[other] { $minutes } dakika
    } geçerlidir ve yalnızca bir kez kullanılabilir.

    Dilerseniz devam etmek için bu bağlantıyı açın:
    { $link }

    Bu kodu kimseyle paylaşmayın: { -brand } personeli bu kodu sizden asla istemez. Bu talebi siz yapmadıysanız bu mesajı dikkate almayın; şifreniz değişmez.
    .subject = { -brand } kurtarma kodunuz

# One SMS segment (see confirm-phone-sms).
recovery-sms = { -brand } kurtarma kodu: { $code }. { $minutes ->
        [one] { $minutes } dk
       *[other] { $minutes } dk
    } geçerli. Kimseyle paylaşmayın.

## Notices of a change (each followed by notice-if-you, or its own .if-you, and notice-not-me)

password-reset = { $questions-only ->
        [yes] { -brand } hesabınızın şifresi az önce yalnızca güvenlik soruları kullanılarak sıfırlandı ve tüm cihazlarda oturum kapatıldı.
       *[no] { -brand } hesabınızın şifresi az önce sıfırlandı ve tüm cihazlarda oturum kapatıldı.
    }
    .subject = { -brand } şifreniz sıfırlandı

password-changed = { -brand } hesabınızın şifresi, oturum açık bir cihazdan az önce değiştirildi ve diğer cihazlarınızda oturum kapatıldı.
    .subject = { -brand } şifreniz değiştirildi

security-questions-changed = { -brand } hesabınızın güvenlik soruları az önce değiştirildi.
    .subject = { -brand } güvenlik sorularınız değiştirildi

second-factor-added = { -brand } hesabınızda girişin ikinci adımı olarak az önce bir kimlik doğrulama uygulaması ayarlandı ve yeni kurtarma kodları oluşturuldu.
    .subject = { -brand } hesabınızda iki adımlı doğrulama açıldı
    .if-you = Bu işlemi siz yaptıysanız kurtarma kodlarını güvenli bir yerde saklayın.

second-factor-removed = { -brand } hesabınızın kimlik doğrulama uygulaması ve kurtarma kodları az önce kaldırıldı: Giriş için artık yalnızca şifre gerekiyor.
    .subject = { -brand } hesabınızda iki adımlı doğrulama kapatıldı

recovery-codes-regenerated = { -brand } hesabınız için az önce yeni kurtarma kodları oluşturuldu; eski kodlar artık geçersiz.
    .subject = { -brand } hesabınız için yeni kurtarma kodları
    .if-you = Bu işlemi siz yaptıysanız yeni kodları güvenli bir yerde saklayın.

contact-changed = { $kind ->
        [email] { -brand } hesabınız için az önce yeni bir e-posta adresi onaylandı. Hesabın kodları ve bildirimleri artık bu adrese gönderilecek.
       *[phone] { -brand } hesabınız için az önce yeni bir telefon numarası onaylandı. Hesabın kodları ve bildirimleri artık bu numaraya gönderilecek.
    }
    .subject = { $kind ->
        [email] { -brand } hesabınız için yeni e-posta adresi
       *[phone] { -brand } hesabınız için yeni telefon numarası
    }

contact-removed = { $kind ->
        [email] { -brand } hesabınızın e-posta adresi az önce kaldırıldı: Hesabın kodları ve bildirimleri artık bu adrese gönderilmeyecek.
       *[phone] { -brand } hesabınızın telefon numarası az önce kaldırıldı: Hesabın kodları ve bildirimleri artık bu numaraya gönderilmeyecek.
    }
    .subject = { $kind ->
        [email] { -brand } hesabınızın e-posta adresi kaldırıldı
       *[phone] { -brand } hesabınızın telefon numarası kaldırıldı
    }

device-marked-lost = { -brand } hesabınızda oturum açık olan cihazlardan biri az önce kayıp olarak işaretlendi. Cihaz kilitlendi: Cihazdaki uygulama başka bir işlem yapmadan önce hesabın şifresini ister.
    .subject = { -brand } hesabınıza bağlı bir cihaz kayıp olarak işaretlendi

circle-invited = { $name } adlı kişiyi { -brand } hesabınızda kurtarma kişilerinizden biri olmaya davet ettiniz. Kişi daveti kabul ederse diğer kurtarma kişilerinizle birlikte size kefil olabilir.
    .subject = Kurtarma kişisi daveti gönderdiniz

circle-rules-changed = { -brand } hesabınızdan bir kurtarma kişisi kaldırıldı veya size kefil olması gereken kişi sayısı değiştirildi.
    .subject = Kurtarma kişileriniz değiştirildi

vouch-declined = { $dont-know ->
        [yes] Biri, { -brand } hesabınızın kurtarılması için kurtarma kişilerinizden kefil olmalarını istedi; { $name } ise bu konudan haberi olmadığını bildirdi. Kurtarma durduruldu.
       *[no] Biri, { -brand } hesabınızın kurtarılması için kurtarma kişilerinizden kefil olmalarını istedi; { $name } bunu reddetti. Kurtarma durduruldu.
    }
    .subject = Hesabınızın kurtarılması durduruldu

## Support requests and assisted recovery

support-contact-code =
    Kodunuz: { $code }. Destek ekibinin size buradan ulaşabileceğini onaylamak için kodu { -brand } uygulamasına girin. Kod { $minutes ->
        [one] { $minutes } dakika
       *[other] { $minutes } dakika
    } geçerlidir ve yalnızca bir kez kullanılabilir.

    { -brand } destek ekibinden yardım istemediyseniz bu mesajı dikkate almayın.
    .subject = { -brand } destek talebiniz için bu adresi onaylayın

# One SMS segment (see confirm-phone-sms).
support-contact-code-sms = { -brand } destek kodu: { $code }. { $minutes ->
        [one] { $minutes } dk
       *[other] { $minutes } dk
    } geçerli. Kimseyle paylaşmayın.

support-request-received =
    { $reference } numaralı destek talebinizi aldık. Bir görevli kanıtlarınızı inceleyecek. Talebinizin durumunu buradan görebilirsiniz:
    { $link }

    { -brand } personeli sizden asla şifre veya kod istemez.
    .subject = { -brand } destek talebiniz alındı: { $reference }

assisted-recovery-started =
    Bir { -brand } görevlisi, hesabınızın sahipliğine ilişkin kanıtlara dayanarak hesabınızı kurtarma talebini onayladı. { $hours ->
        [one] { $hours } saat
       *[other] { $hours } saat
    } sonra talebi yapan kişi yeni bir şifre belirleyebilecek.

    Talebi siz yaptıysanız başka bir şey yapmanız gerekmez.

    Talebi siz yapmadıysanız hemen iptal edin:
    { $link }

    Mevcut şifrenizle giriş yapmanız da talebi iptal eder.
    .subject = Biri { -brand } destek ekibinden hesabınızı kurtarmasını istedi

assisted-recovery-pass =
    Destek talebinizin bekleme süresi doldu. Yeni bir şifre belirlemek için bu bağlantıyı açın. Bağlantı yalnızca bir kez ve { $hours ->
        [one] { $hours } saat
       *[other] { $hours } saat
    } boyunca kullanılabilir:
    { $link }

    { -brand } personeli sizden asla şifre veya kod istemez.
    .subject = { -brand } kurtarma anahtarınız

contact-claimed =
    Az önce biri, hesabınıza kayıtlı bu { $kind ->
        [email] e-posta adresiyle
       *[phone] telefon numarasıyla
    } yeni bir { -brand } hesabı oluşturmaya çalıştı. Hiçbir şey değiştirilmedi; yeni hesap bu bilgiyi kullanamaz.

    Bunu siz yaptıysanız yeni hesap yerine mevcut hesabınıza giriş yapın. Şifresini unuttuysanız hesabınızı { -brand } uygulamasından kurtarın.
    .subject = { $kind ->
        [email] Biri e-posta adresinizi yeni bir { -brand } hesabı için kullanmaya çalıştı
       *[phone] Biri telefon numaranızı yeni bir { -brand } hesabı için kullanmaya çalıştı
    }

## Recovery contacts

circle-invitation =
    { $name }, { -brand } hesabında kurtarma kişilerinden biri olmanızı istiyor: Hesabına girmenin tüm yollarını kaybederse siz ve diğer kurtarma kişileri ona birlikte kefil olabilirsiniz; hiçbiriniz bunu tek başına yapamaz.

    Daveti kabul etmek veya reddetmek için { -brand } uygulamasını açın. { $name } adlı kişiyi tanımıyorsanız daveti reddedin.
    .subject = { $name }, kurtarma kişisi olmanızı istiyor

circle-accepted = { $name }, { -brand } hesabınızda kurtarma kişilerinizden biri olmayı kabul etti. Kurtarma kişilerinizi uygulamadaki güvenlik merkezinden görebilir ve değiştirebilirsiniz.
    .subject = { $name } artık kurtarma kişilerinizden biri

circle-stepped-down = { $name }, { -brand } hesabınızın kurtarma kişileri arasından ayrıldı. Size kefil olabilecek yeterli sayıda kişi kalıp kalmadığını uygulamadaki güvenlik merkezinden kontrol edin; kalmadıysa başka birini davet edin.
    .subject = { $name } artık kurtarma kişilerinizden biri değil

vouch-requested =
    { $name }, { -brand } hesabına girmenin tüm yollarını kaybettiğini söylüyor ve kurtarma kişilerinden biri olarak sizden kendisine kefil olmanızı istiyor.

    Herhangi bir işlem yapmadan önce kişiyi arayın veya yüz yüze görüşün. Beklemediğiniz bir mesaj, sohbet veya arama yüzünden asla kefil olmayın: Hesaplar bu şekilde çalınır. Gerçekten o ise size bir kod okuyacak; bu kodu { -brand } uygulamanızın güvenlik merkezine girin.
    .subject = { $name }, kendisine kefil olmanızı istiyor

vouched-recovery-started =
    Kurtarma kişilerinizden yeterli sayıda kişi, { -brand } hesabınızı kurtarmaya çalışan birine kefil oldu. En geç { $hours ->
        [one] { $hours } saat
       *[other] { $hours } saat
    } sonra bu kişi yeni bir şifre belirleyebilecek.

    Bu kişi sizseniz başka bir şey yapmanız gerekmez.

    Bu kişi siz değilseniz kurtarmayı hemen iptal edin:
    { $link }

    Mevcut şifrenizle giriş yapmanız da kurtarmayı iptal eder.
    .subject = Kurtarma kişileriniz, hesabınızın kurtarılması için kefil oldu

## Pages a browser sees (the emailed links). Each page's title is its message's value.

page-link = Kurtarma işleminize devam edin
    .intro = { -brand } şifrenizi sıfırlama talebinde bulundunuz.
    .open-app = { -brand } uygulamasında aç
    .continue = Bu tarayıcıda devam et
    .not-you = Bu talebi siz yapmadıysanız bu sayfayı kapatın: Hiçbir şey değişmez.
page-one-more-step = Bir adım daha
    .text = E-posta adresiniz onaylandı. Bu hesap bir doğrulama daha gerektiriyor: { -brand } uygulamasında devam edin.
page-new-password = Yeni şifre belirleyin
    .label = Yeni şifre
    .guidance = En az { $min } karakter veya rastgele seçilmiş dört ya da daha fazla kelime kullanın. Adınızı, doğum tarihinizi ve telefon numaranızı kullanmayın. Şifrenizi bir şifre yöneticisi oluştursun ve sizin yerinize hatırlasın.
    .submit = Yeni şifreyi kaydet
page-password-reset = Şifreniz sıfırlandı
    .text = Tüm cihazlarda oturum kapatıldı. Yeni şifrenizle giriş yapın.
    .advice = E-posta adresinizi ve telefon numaranızı güncel tutun, iki adımlı doğrulamayı açın ve bir şifre yöneticisi kullanın.
page-not-me = Bunu ben yapmadım
    .text = Şifrenizi başka biri sıfırladıysa şimdi tüm cihazlarda oturumu kapatın, ardından hesabınızı { -brand } uygulamasından kurtarın.
    .button = Tüm cihazlarda oturumu kapat
page-signed-out = Tüm cihazlarda oturum kapatıldı
    .text = Şimdi hesabınızı { -brand } uygulamasından kurtarın ve başka hiçbir yerde kullanmadığınız bir şifre seçin.
    .open-app = { -brand } uygulamasını aç
page-support-status = Destek talebi { $reference }
    .awaiting-contact = Verdiğiniz iletişim bilgisine gönderdiğimiz kodun girilmesi bekleniyor.
    .open = Sırada: Bir görevli kanıtlarınızı inceleyecek.
    .in-review = Bir görevli kanıtlarınızı şu anda inceliyor.
    .approved = Onaylandı: Hesabınıza kayıtlı iletişim bilgilerine bildirim gönderildi; bekleme süresi dolduğunda kurtarma anahtarınız gönderilecek.
    .denied = Onaylanmadı. Başka kanıtlarla yeni bir talep oluşturabilirsiniz.
    .closed = Kapatıldı.
    .staff-never-ask = { -brand } personeli sizden asla şifre veya kod istemez.
page-cancel = Hesabınızın kurtarılmasını iptal edin
    .text = Biri { -brand } destek ekibinden hesabınızı kurtarmasını istedi. Bu siz değilseniz kurtarmayı iptal edin: Böylece kimse bu kurtarmayı kullanamaz.
    .button = Kurtarmayı iptal et
page-cancelled = Kurtarma iptal edildi
    .text = Bu kurtarmayı artık kimse kullanamaz. Giriş yapın ve hesabınızın güvenlik merkezini kontrol edin: Şifrenizi başka birinin bildiğini düşünüyorsanız değiştirin.
page-pass = Yeni şifre belirleyin
    .text = Bekleme süresi doldu. Bu kurtarma anahtarı yalnızca bir kez kullanılabilir.
    .button = Devam et
page-error = Bu bağlantıyla devam edilemiyor
    .code = Kod: { $code }
# Why a page refused, by the stable error code; any other code gets the last line.
page-error-reason = { $reason ->
        [invalid_link] Bu bağlantı artık geçerli değil. Yeni bir kod isteyin.
        [invalid_reset_token] Bu sıfırlama işlemi artık geçerli değil. Kurtarmayı baştan başlatın.
        [flow_expired] Bu kurtarma işlemi sona erdi. Baştan başlayın.
        [flow_locked] Çok fazla yanlış deneme yapıldığı için bu kurtarma işlemi sona erdi. Daha sonra yeniden başlayın veya destek ekibine başvurun.
        [flow_state] Bu adım şu anda kullanılamıyor. { -brand } uygulamasında devam edin.
        [rate_limited] Çok fazla deneme yapıldı. Biraz bekleyip tekrar deneyin.
        [busy] Şu anda yoğunluk yaşıyoruz ve hiçbir değişiklik yapılmadı. Biraz sonra tekrar deneyin.
        [invalid_field] Bu bağlantı eksik. Size gönderdiğimiz mesajdan yeniden açın.
       *[other] Bir sorun oluştu. Biraz sonra tekrar deneyin veya { -brand } uygulamasında devam edin.
    }

## Password policy: the guidance beside a new-password field and the reasons a password is
## refused (keys as the policy names them, dots written as hyphens)

password-tip-length = En az 15 karakter veya rastgele seçilmiş dört ya da daha fazla kelime kullanın.
password-tip-personal = Adınızı, doğum tarihinizi, telefon numaranızı ve e-posta adresinizi kullanmayın.
password-tip-reuse = Başka bir hesapta kullandığınız şifreyi asla tekrar kullanmayın.
password-tip-manager = Şifrenizi bir şifre yöneticisi oluştursun ve sizin yerinize hatırlasın.
password-tip-two_step = İki adımlı doğrulamayı da açın.

password-reason-too_short = { $min } karakterden kısa.
password-reason-too_long = 256 karakterden uzun.
password-reason-common = En yaygın şifrelerden biri.
password-reason-breached = Bir veri ihlalinde ortaya çıkmış.
password-reason-personal = Adınızı, e-posta adresinizi, telefon numaranızı veya doğum tarihinizi içeriyor.
password-reason-too_guessable = Kolayca tahmin edilebilir.
password-reason-reused = Bu şifreyi yakın zamanda kullandınız. Daha önce kullanmadığınız bir şifre seçin.

password-warning-straight_rows = Klavyede yan yana dizili tuşlar kolay tahmin edilir.
password-warning-short_keyboard_patterns = Kısa klavye desenleri kolay tahmin edilir.
password-warning-repeats = “aaa” gibi tekrarlanan karakterler kolay tahmin edilir.
password-warning-repeated_patterns = “abcabc” gibi tekrarlar, “abc” dizisinden yalnızca biraz daha zor tahmin edilir.
password-warning-top10 = Bu, en yaygın on şifreden biri.
password-warning-top100 = Bu, en yaygın yüz şifreden biri.
password-warning-common = Bu çok yaygın bir şifre.
password-warning-similar_to_common = Bu, sık kullanılan bir şifreye benziyor.
password-warning-sequences = “abc” veya “6543” gibi diziler kolay tahmin edilir.
password-warning-recent_years = Yakın yıllar kolay tahmin edilir.
password-warning-single_word = Tek bir kelime kolay tahmin edilir.
password-warning-dates = Tarihler genellikle kolay tahmin edilir.
password-warning-names = Tek başına kullanılan ad ve soyadlar kolay tahmin edilir.
password-warning-common_names = Yaygın ad ve soyadlar kolay tahmin edilir.

password-suggestion-few_words = Birkaç kelime kullanın; yaygın ifadelerden kaçının.
password-suggestion-no_symbols_needed = Sembol, rakam veya büyük harf kullanmanız gerekmez.
password-suggestion-add_word = Bir iki kelime daha ekleyin. Az kullanılan kelimeler daha iyidir.
password-suggestion-capitalization = Büyük harf kullanmak pek işe yaramaz.
password-suggestion-all_uppercase = Tamamı büyük harfle yazılan bir şifreyi tahmin etmek, tamamı küçük harfle yazılanı tahmin etmekten pek zor değildir.
password-suggestion-reversed_words = Tersten yazılan kelimeleri tahmin etmek çok daha zor değildir.
password-suggestion-substitutions = “a” yerine “@” gibi değişiklikler pek işe yaramaz.
password-suggestion-longer_keyboard_pattern = Daha uzun ve daha çok yön değiştiren bir klavye deseni kullanın.
password-suggestion-avoid_repeats = Tekrarlanan kelime ve karakterlerden kaçının.
password-suggestion-avoid_sequences = Dizilerden kaçının.
password-suggestion-avoid_recent_years = Yakın yıllardan kaçının.
password-suggestion-avoid_your_years = Sizinle ilişkili yıllardan kaçının.
password-suggestion-avoid_your_dates = Sizinle ilişkili tarih ve yıllardan kaçının.

password-breach_check-unavailable = Veri ihlali kontrolü şu anda yapılamıyor; diğer kontroller yine de uygulanıyor.

# The words before the reasons a new password is refused.
password-blocked = Bu şifre henüz kullanılamaz:
