# Regain's messages, pages and password-policy texts in Indonesian, translated from en.ftl
# (same messages, attributes, variables and selectors).
#
# A message's value is its body; `.subject` is an email's subject. Paragraphs are separated by
# a blank line. Variables: $code, $link and $reference are shown as given; $minutes and $hours
# are numbers (Indonesian has a single plural form, `other`); $kind is "email" or "phone"; $name
# is a person's display name, as they wrote it.

## Shared pieces

-brand = Regain

# The last lines of every notice of a change: what to do if it was you (unless the notice says
# otherwise), and the "this wasn't me" link.
notice-if-you = Jika ini Anda, tidak ada yang perlu dilakukan.
notice-not-me =
    Jika ini bukan Anda, segera buka tautan ini. Sesi login di semua perangkat akan diakhiri, lalu Anda dapat mengambil kembali akun Anda:
    { $link }

# A notice sent by SMS: the subject, then the body.
sms-notice = { -brand }: { $subject }. { $body }

## Codes

confirm-email =
    Kode konfirmasi { -brand } Anda adalah { $code }.

    Masukkan kode ini di { -brand } untuk mengonfirmasi alamat email ini. Kode berlaku selama { $minutes ->
       *[other] { $minutes } menit
    } dan hanya dapat dipakai sekali.

    Jika Anda tidak menambahkan alamat ini ke akun { -brand }, abaikan pesan ini: tidak ada yang berubah selama kode belum dimasukkan.
    .subject = Konfirmasi alamat email Anda untuk { -brand }

# One SMS segment: at most 160 GSM-7 characters, or 70 for any other script (with a 6-digit
# code and 10 minutes).
confirm-phone-sms = { -brand }: { $code } adalah kode untuk mengonfirmasi nomor telepon ini. Berlaku { $minutes ->
       *[other] { $minutes } menit
    }. Jangan berikan kode ini kepada siapa pun.

recovery-email =
    Seseorang, semoga Anda sendiri, meminta pengaturan ulang kata sandi akun { -brand } Anda.

    Kode pemulihan Anda adalah { $code }. Kode berlaku selama { $minutes ->
       *[other] { $minutes } menit
    } dan hanya dapat dipakai sekali.

    Atau buka tautan ini untuk melanjutkan:
    { $link }

    Jangan berikan kode ini kepada siapa pun: staf { -brand } tidak akan pernah memintanya. Jika Anda tidak memintanya, abaikan pesan ini; kata sandi Anda tidak berubah.
    .subject = Kode pemulihan { -brand } Anda

# One SMS segment (see confirm-phone-sms).
recovery-sms = { -brand }: { $code } adalah kode pemulihan Anda, berlaku { $minutes ->
       *[other] { $minutes } menit
    }. Jangan berikan kepada siapa pun; kami tidak akan pernah memintanya.

## Notices of a change (each followed by notice-if-you, or its own .if-you, and notice-not-me)

password-reset = { $questions-only ->
        [yes] Kata sandi akun { -brand } Anda baru saja diatur ulang hanya dengan pertanyaan keamanan, dan sesi login di semua perangkat telah diakhiri.
       *[no] Kata sandi akun { -brand } Anda baru saja diatur ulang, dan sesi login di semua perangkat telah diakhiri.
    }
    .subject = Kata sandi { -brand } Anda telah diatur ulang

password-changed = Kata sandi akun { -brand } Anda baru saja diubah dari perangkat yang sedang masuk, dan sesi login di perangkat Anda yang lain telah diakhiri.
    .subject = Kata sandi { -brand } Anda telah diubah

security-questions-changed = Pertanyaan keamanan akun { -brand } Anda baru saja diganti.
    .subject = Pertanyaan keamanan { -brand } Anda telah diubah

second-factor-added = Aplikasi autentikator baru saja diatur sebagai langkah kedua untuk masuk ke akun { -brand } Anda, beserta satu set kode pemulihan baru.
    .subject = Verifikasi dua langkah aktif untuk akun { -brand } Anda
    .if-you = Jika ini Anda, simpan kode pemulihan di tempat yang aman.

second-factor-removed = Aplikasi autentikator dan kode pemulihan akun { -brand } Anda baru saja dihapus: kini masuk hanya memerlukan kata sandi.
    .subject = Verifikasi dua langkah untuk akun { -brand } Anda dinonaktifkan

recovery-codes-regenerated = Satu set kode pemulihan yang baru telah dibuat untuk akun { -brand } Anda; kode yang lama tidak berlaku lagi.
    .subject = Kode pemulihan baru untuk akun { -brand } Anda
    .if-you = Jika ini Anda, simpan kode yang baru di tempat yang aman.

contact-changed = { $kind ->
        [email] Alamat email baru telah dikonfirmasi untuk akun { -brand } Anda. Mulai sekarang, kode dan pemberitahuan akun dikirim ke alamat ini.
       *[phone] Nomor telepon baru telah dikonfirmasi untuk akun { -brand } Anda. Mulai sekarang, kode dan pemberitahuan akun dikirim ke nomor ini.
    }
    .subject = { $kind ->
        [email] Alamat email baru untuk akun { -brand } Anda
       *[phone] Nomor telepon baru untuk akun { -brand } Anda
    }

contact-removed = { $kind ->
        [email] Alamat email akun { -brand } Anda baru saja dihapus: alamat ini tidak lagi menerima kode dan pemberitahuan akun.
       *[phone] Nomor telepon akun { -brand } Anda baru saja dihapus: nomor ini tidak lagi menerima kode dan pemberitahuan akun.
    }
    .subject = { $kind ->
        [email] Alamat email akun { -brand } Anda telah dihapus
       *[phone] Nomor telepon akun { -brand } Anda telah dihapus
    }

device-marked-lost = Salah satu perangkat yang masuk ke akun { -brand } Anda baru saja ditandai hilang. Perangkat itu kini terkunci: aplikasi di perangkat itu akan meminta kata sandi akun sebelum melakukan apa pun.
    .subject = Salah satu perangkat akun { -brand } Anda ditandai hilang

circle-invited = Anda mengundang { $name } menjadi salah satu kontak pemulihan Anda di { -brand }. Setelah dia menerima, dia dapat menjamin Anda bersama kontak Anda yang lain.
    .subject = Anda telah mengundang kontak pemulihan

circle-rules-changed = Seorang kontak pemulihan dihapus dari akun { -brand } Anda, atau jumlah kontak yang harus menjamin Anda telah diubah.
    .subject = Kontak pemulihan Anda telah diubah

vouch-declined = { $dont-know ->
        [yes] Seseorang meminta kontak pemulihan Anda menjamin pemulihan akun { -brand } Anda, dan { $name } menyatakan tidak tahu apa pun soal itu. Pemulihan dihentikan.
       *[no] Seseorang meminta kontak pemulihan Anda menjamin pemulihan akun { -brand } Anda, dan { $name } menolak. Pemulihan dihentikan.
    }
    .subject = Pemulihan akun Anda dihentikan

## Support requests and assisted recovery

support-contact-code =
    Kode Anda adalah { $code }. Masukkan kode ini di { -brand } untuk mengonfirmasi bahwa tim dukungan dapat menghubungi Anda di sini. Kode berlaku selama { $minutes ->
       *[other] { $minutes } menit
    } dan hanya dapat dipakai sekali.

    Jika Anda tidak meminta bantuan dukungan { -brand }, abaikan pesan ini.
    .subject = Konfirmasi alamat ini untuk permintaan dukungan { -brand } Anda

# One SMS segment (see confirm-phone-sms).
support-contact-code-sms = { -brand }: { $code } adalah kode untuk mengonfirmasi nomor ini bagi permintaan dukungan Anda. Berlaku { $minutes ->
       *[other] { $minutes } menit
    }.

support-request-received =
    Kami telah menerima permintaan dukungan Anda dengan nomor referensi { $reference }. Staf kami akan memeriksa bukti Anda. Anda dapat melihat statusnya di sini:
    { $link }

    Staf { -brand } tidak pernah meminta kata sandi atau kode.
    .subject = Permintaan dukungan { -brand } { $reference } telah diterima

assisted-recovery-started =
    Staf { -brand } telah menyetujui permintaan untuk memulihkan akun Anda dengan bukti kepemilikan. Setelah { $hours ->
       *[other] { $hours } jam
    }, orang yang mengajukan permintaan itu akan dapat memilih kata sandi baru.

    Jika itu Anda, tidak ada yang perlu dilakukan.

    Jika itu bukan Anda, batalkan sekarang:
    { $link }

    Masuk dengan kata sandi Anda yang sekarang juga akan membatalkannya.
    .subject = Seseorang meminta dukungan { -brand } untuk memulihkan akun Anda

assisted-recovery-pass =
    Masa tunggu permintaan dukungan Anda telah selesai. Buka tautan ini untuk memilih kata sandi baru. Tautan berlaku selama { $hours ->
       *[other] { $hours } jam
    } dan hanya dapat dipakai sekali:
    { $link }

    Staf { -brand } tidak pernah meminta kata sandi atau kode.
    .subject = Pass pemulihan { -brand } Anda

contact-claimed =
    Seseorang baru saja mencoba membuat akun { -brand } dengan { $kind ->
        [email] alamat email
       *[phone] nomor telepon
    } ini, yang sudah terdaftar di akun Anda. Tidak ada yang diubah, dan akun baru itu tidak dapat menggunakannya.

    Jika itu Anda, masuklah ke akun Anda yang sudah ada; jika Anda lupa kata sandinya, pulihkan akun di aplikasi { -brand }.
    .subject = { $kind ->
        [email] Seseorang mencoba memakai alamat email Anda untuk akun { -brand } baru
       *[phone] Seseorang mencoba memakai nomor telepon Anda untuk akun { -brand } baru
    }

## Recovery contacts

circle-invitation =
    { $name } ingin Anda menjadi salah satu kontak pemulihannya di { -brand }: jika suatu saat dia kehilangan semua cara masuk ke akunnya, Anda dan kontak pemulihannya yang lain dapat menjaminnya bersama-sama; tidak ada yang bisa melakukannya sendirian.

    Buka aplikasi { -brand } untuk menerima atau menolak. Jika Anda tidak mengenal { $name }, tolak undangan ini.
    .subject = { $name } meminta Anda menjadi kontak pemulihan

circle-accepted = { $name } bersedia menjadi salah satu kontak pemulihan Anda di { -brand }. Anda dapat melihat dan mengubah kontak pemulihan di pusat keamanan aplikasi.
    .subject = { $name } kini menjadi salah satu kontak pemulihan Anda

circle-stepped-down = { $name } mengundurkan diri sebagai salah satu kontak pemulihan Anda di { -brand }. Periksa di pusat keamanan aplikasi apakah kontak yang tersisa masih cukup untuk menjamin Anda; jika tidak, undang orang lain.
    .subject = { $name } tidak lagi menjadi kontak pemulihan Anda

vouch-requested =
    { $name } mengatakan telah kehilangan semua cara masuk ke akun { -brand } miliknya dan meminta Anda, sebagai salah satu kontak pemulihannya, untuk menjaminnya.

    Sebelum melakukan apa pun, telepon atau temui dia secara langsung. Jangan pernah menjamin karena pesan, chat, atau telepon yang tidak Anda duga: begitulah akun dicuri. Jika itu benar dia, dia akan membacakan sebuah kode; masukkan kode itu di pusat keamanan aplikasi { -brand } Anda.
    .subject = { $name } meminta Anda menjaminnya

vouched-recovery-started =
    Sudah cukup banyak kontak pemulihan Anda yang menjamin seseorang yang sedang memulihkan akun { -brand } Anda. Paling lama dalam { $hours ->
       *[other] { $hours } jam
    }, orang tersebut akan dapat memilih kata sandi baru.

    Jika itu Anda, tidak ada yang perlu dilakukan.

    Jika itu bukan Anda, batalkan sekarang:
    { $link }

    Masuk dengan kata sandi Anda yang sekarang juga akan membatalkannya.
    .subject = Kontak pemulihan Anda menjamin pemulihan akun Anda

## Pages a browser sees (the emailed links). Each page's title is its message's value.

page-link = Lanjutkan pemulihan Anda
    .intro = Anda meminta pengaturan ulang kata sandi { -brand } Anda.
    .open-app = Buka di aplikasi { -brand }
    .continue = Lanjutkan di browser ini
    .not-you = Jika Anda tidak memintanya, tutup halaman ini: tidak ada yang berubah.
page-one-more-step = Satu langkah lagi
    .text = Email Anda sudah dikonfirmasi. Akun ini memerlukan satu bukti lagi: lanjutkan di aplikasi { -brand }.
page-new-password = Buat kata sandi baru
    .label = Kata sandi baru
    .guidance = Gunakan minimal { $min } karakter, atau empat kata acak atau lebih. Hindari nama, tanggal lahir, dan nomor telepon Anda. Biarkan pengelola kata sandi membuat dan mengingatnya.
    .submit = Simpan kata sandi baru
page-password-reset = Kata sandi Anda telah diatur ulang
    .text = Sesi login di semua perangkat telah diakhiri. Masuk dengan kata sandi baru.
    .advice = Perbarui email dan nomor telepon Anda, aktifkan verifikasi dua langkah, dan gunakan pengelola kata sandi.
page-not-me = Ini bukan saya
    .text = Jika orang lain mengatur ulang kata sandi Anda, segera keluar dari semua perangkat, lalu pulihkan akun Anda di aplikasi { -brand }.
    .button = Keluar dari semua perangkat
page-signed-out = Anda telah keluar dari semua perangkat
    .text = Pulihkan akun Anda di aplikasi { -brand } sekarang, dan pilih kata sandi yang tidak Anda pakai di tempat lain.
    .open-app = Buka aplikasi { -brand }
page-support-status = Permintaan dukungan { $reference }
    .awaiting-contact = Menunggu kode yang kami kirim ke kontak yang Anda berikan.
    .open = Dalam antrean: staf akan memeriksa bukti Anda.
    .in-review = Staf sedang memeriksa bukti Anda sekarang.
    .approved = Disetujui: kontak akun Anda sudah diberi tahu, dan pass pemulihan akan dikirim setelah masa tunggu selesai.
    .denied = Tidak disetujui. Anda dapat mengirim permintaan baru dengan bukti lain.
    .closed = Permintaan ini sudah ditutup.
    .staff-never-ask = Staf { -brand } tidak pernah meminta kata sandi atau kode.
page-cancel = Batalkan pemulihan akun Anda
    .text = Seseorang meminta dukungan { -brand } untuk memulihkan akun Anda. Jika itu bukan Anda, batalkan agar pemulihan ini tidak dapat dipakai siapa pun.
    .button = Batalkan pemulihan
page-cancelled = Pemulihan telah dibatalkan
    .text = Pemulihan ini tidak dapat dipakai siapa pun. Masuk dan periksa pusat keamanan akun Anda: ubah kata sandi jika Anda menduga ada orang lain yang mengetahuinya.
page-pass = Buat kata sandi baru
    .text = Masa tunggu telah selesai. Pass ini hanya dapat dipakai sekali.
    .button = Lanjutkan
page-error = Tautan ini tidak dapat diproses
    .code = Kode: { $code }
# Why a page refused, by the stable error code; any other code gets the last line.
page-error-reason = { $reason ->
        [invalid_link] Tautan ini sudah tidak berlaku. Minta kode baru.
        [invalid_reset_token] Pengaturan ulang ini sudah tidak berlaku. Mulai pemulihan lagi.
        [flow_expired] Pemulihan ini telah berakhir. Mulai lagi.
        [flow_locked] Pemulihan ini dihentikan karena terlalu banyak percobaan yang salah. Mulai lagi nanti, atau hubungi dukungan.
        [flow_state] Langkah ini sedang tidak tersedia. Lanjutkan di aplikasi { -brand }.
        [rate_limited] Terlalu banyak percobaan. Tunggu sebentar, lalu coba lagi.
        [busy] Kami sedang sibuk dan tidak ada yang diubah. Coba lagi sebentar lagi.
        [invalid_field] Tautan ini tidak lengkap. Buka lagi dari pesan yang kami kirim.
       *[other] Terjadi kesalahan. Coba lagi sebentar lagi, atau lanjutkan di aplikasi { -brand }.
    }

## Password policy: the guidance beside a new-password field and the reasons a password is
## refused (keys as the policy names them, dots written as hyphens)

password-tip-length = Gunakan minimal 15 karakter, atau empat kata acak atau lebih.
password-tip-personal = Hindari nama, tanggal lahir, nomor telepon, dan email Anda.
password-tip-reuse = Jangan pernah memakai ulang kata sandi akun lain.
password-tip-manager = Biarkan pengelola kata sandi membuat dan mengingatnya untuk Anda.
password-tip-two_step = Aktifkan juga verifikasi dua langkah.

password-reason-too_short = Kurang dari { $min } karakter.
password-reason-too_long = Lebih dari 256 karakter.
password-reason-common = Termasuk kata sandi yang paling umum.
password-reason-breached = Pernah muncul dalam kebocoran data.
password-reason-personal = Berisi nama, email, nomor telepon, atau tanggal lahir Anda.
password-reason-too_guessable = Akan mudah ditebak.
password-reason-reused = Anda baru saja memakainya. Pilih yang belum pernah Anda pakai.

password-warning-straight_rows = Deretan tombol yang lurus mudah ditebak.
password-warning-short_keyboard_patterns = Pola keyboard yang pendek mudah ditebak.
password-warning-repeats = Pengulangan seperti “aaa” mudah ditebak.
password-warning-repeated_patterns = Pengulangan seperti “abcabc” hanya sedikit lebih sulit ditebak daripada “abc”.
password-warning-top10 = Ini salah satu dari sepuluh kata sandi yang paling umum.
password-warning-top100 = Ini salah satu dari seratus kata sandi yang paling umum.
password-warning-common = Ini kata sandi yang sangat umum.
password-warning-similar_to_common = Ini mirip dengan kata sandi yang umum dipakai.
password-warning-sequences = Urutan seperti “abc” atau “6543” mudah ditebak.
password-warning-recent_years = Tahun-tahun terakhir mudah ditebak.
password-warning-single_word = Satu kata saja mudah ditebak.
password-warning-dates = Tanggal sering mudah ditebak.
password-warning-names = Nama depan dan nama belakang saja mudah ditebak.
password-warning-common_names = Nama umum mudah ditebak.

password-suggestion-few_words = Gunakan beberapa kata; hindari frasa umum.
password-suggestion-no_symbols_needed = Tidak perlu simbol, angka, atau huruf besar.
password-suggestion-add_word = Tambahkan satu atau dua kata lagi. Kata yang jarang lebih baik.
password-suggestion-capitalization = Huruf besar tidak banyak membantu.
password-suggestion-all_uppercase = Semua huruf besar hampir sama mudahnya ditebak dengan semua huruf kecil.
password-suggestion-reversed_words = Kata yang dieja terbalik tidak jauh lebih sulit ditebak.
password-suggestion-substitutions = Penggantian seperti “@” untuk “a” tidak banyak membantu.
password-suggestion-longer_keyboard_pattern = Gunakan pola keyboard yang lebih panjang dengan lebih banyak belokan.
password-suggestion-avoid_repeats = Hindari kata dan karakter yang berulang.
password-suggestion-avoid_sequences = Hindari urutan.
password-suggestion-avoid_recent_years = Hindari tahun-tahun terakhir.
password-suggestion-avoid_your_years = Hindari tahun yang berkaitan dengan Anda.
password-suggestion-avoid_your_dates = Hindari tanggal dan tahun yang berkaitan dengan Anda.

password-breach_check-unavailable = Pemeriksaan kebocoran sedang tidak tersedia; pemeriksaan lain tetap berlaku.

# The words before the reasons a new password is refused.
password-blocked = Belum bisa dipakai:
