# Regain's messages, pages and password-policy texts in Vietnamese, translated from en.ftl
# (same messages, attributes, variables and selectors).
#
# A message's value is its body; `.subject` is an email's subject. Paragraphs are separated by
# a blank line. Variables: $code, $link and $reference are shown as given; $minutes and $hours
# are numbers (Vietnamese nouns do not change with a count: the `[one]` variant, which the plural
# data in use gives for 0 and 1, repeats the `other` text); $kind is "email" or "phone"; $name
# is a person's display name, as they wrote it.
#
# Vietnamese notes: the reader is addressed as "bạn". Terms shared with the app's screens
# (ui/src/lib/messages/vi.ts): mã xác nhận (confirmation code), mã khôi phục (recovery code),
# xác minh 2 bước (two-step verification), ứng dụng xác thực (authenticator app), người liên hệ
# khôi phục (recovery contact), xác nhận cho (vouch for), mã thông hành khôi phục (recovery
# pass), thời gian chờ (waiting period), trung tâm bảo mật (security centre), bằng chứng (proofs).
# The code SMS are in Unicode (UCS-2), so each must fit 70 characters.

## Shared pieces

-brand = Regain

# The last lines of every notice of a change: what to do if it was you (unless the notice says
# otherwise), and the "this wasn't me" link.
notice-if-you = Nếu đó là bạn, bạn không cần làm gì thêm.
notice-not-me =
    Nếu đó không phải là bạn, hãy mở ngay liên kết này để đăng xuất mọi thiết bị và lấy lại tài khoản:
    { $link }

# A notice sent by SMS: the subject, then the body.
sms-notice = { -brand }: { $subject }. { $body }

## Codes

confirm-email =
    Mã xác nhận { -brand } của bạn là { $code }.

    Hãy nhập mã này vào { -brand } để xác nhận địa chỉ email này. Mã có hiệu lực trong { $minutes ->
        [one] { $minutes } phút
       *[other] { $minutes } phút
    } và chỉ dùng được một lần.

    Nếu bạn không thêm địa chỉ này vào tài khoản { -brand } nào, hãy bỏ qua email này: sẽ không có gì thay đổi khi mã chưa được nhập.
    .subject = Xác nhận địa chỉ email của bạn cho { -brand }

# One SMS segment: at most 160 GSM-7 characters, or 70 for any other script (with a 6-digit
# code and 10 minutes).
confirm-phone-sms = { -brand }: mã xác nhận SĐT là { $code }, hiệu lực { $minutes ->
        [one] { $minutes } phút
       *[other] { $minutes } phút
    }. Đừng chia sẻ mã.

recovery-email =
    Có người (hy vọng là bạn) đã yêu cầu đặt lại mật khẩu tài khoản { -brand } của bạn.

    Mã khôi phục của bạn là { $code }. Mã có hiệu lực trong { $minutes ->
        [one] { $minutes } phút
       *[other] { $minutes } phút
    } và chỉ dùng được một lần.

    Hoặc mở liên kết này để tiếp tục:
    { $link }

    Đừng chia sẻ mã này với ai: nhân viên { -brand } sẽ không bao giờ hỏi mã. Nếu bạn không yêu cầu, hãy bỏ qua email này; mật khẩu của bạn vẫn giữ nguyên.
    .subject = Mã khôi phục { -brand } của bạn

# One SMS segment (see confirm-phone-sms).
recovery-sms = { -brand }: mã khôi phục là { $code }, hiệu lực { $minutes ->
        [one] { $minutes } phút
       *[other] { $minutes } phút
    }. Đừng chia sẻ mã.

## Notices of a change (each followed by notice-if-you, or its own .if-you, and notice-not-me)

password-reset = { $questions-only ->
        [yes] Mật khẩu tài khoản { -brand } của bạn vừa được đặt lại chỉ bằng câu hỏi bảo mật, và mọi thiết bị đã bị đăng xuất.
       *[no] Mật khẩu tài khoản { -brand } của bạn vừa được đặt lại, và mọi thiết bị đã bị đăng xuất.
    }
    .subject = Mật khẩu { -brand } của bạn đã được đặt lại

password-changed = Mật khẩu tài khoản { -brand } của bạn vừa được đổi từ một thiết bị đang đăng nhập, và các thiết bị khác của bạn đã bị đăng xuất.
    .subject = Mật khẩu { -brand } của bạn đã được đổi

security-questions-changed = Câu hỏi bảo mật trong tài khoản { -brand } của bạn vừa được thay mới.
    .subject = Câu hỏi bảo mật { -brand } của bạn đã được thay đổi

second-factor-added = Một ứng dụng xác thực vừa được thiết lập làm bước thứ hai khi đăng nhập vào tài khoản { -brand } của bạn, kèm một bộ mã khôi phục mới.
    .subject = Đã bật xác minh 2 bước cho tài khoản { -brand } của bạn
    .if-you = Nếu đó là bạn, hãy cất giữ các mã khôi phục ở nơi an toàn.

second-factor-removed = Ứng dụng xác thực và các mã khôi phục trong tài khoản { -brand } của bạn vừa bị gỡ bỏ: giờ đây chỉ cần mật khẩu là đăng nhập được.
    .subject = Đã tắt xác minh 2 bước cho tài khoản { -brand } của bạn

recovery-codes-regenerated = Một bộ mã khôi phục mới vừa được tạo cho tài khoản { -brand } của bạn; các mã cũ không còn dùng được nữa.
    .subject = Mã khôi phục mới cho tài khoản { -brand } của bạn
    .if-you = Nếu đó là bạn, hãy cất giữ các mã mới ở nơi an toàn.

contact-changed = { $kind ->
        [email] Một địa chỉ email mới vừa được xác nhận cho tài khoản { -brand } của bạn. Từ nay, địa chỉ này sẽ nhận mã và thông báo của tài khoản.
       *[phone] Một số điện thoại mới vừa được xác nhận cho tài khoản { -brand } của bạn. Từ nay, số này sẽ nhận mã và thông báo của tài khoản.
    }
    .subject = { $kind ->
        [email] Địa chỉ email mới cho tài khoản { -brand } của bạn
       *[phone] Số điện thoại mới cho tài khoản { -brand } của bạn
    }

contact-removed = { $kind ->
        [email] Địa chỉ email trong tài khoản { -brand } của bạn vừa bị xóa: địa chỉ này không còn nhận mã và thông báo của tài khoản nữa.
       *[phone] Số điện thoại trong tài khoản { -brand } của bạn vừa bị xóa: số này không còn nhận mã và thông báo của tài khoản nữa.
    }
    .subject = { $kind ->
        [email] Đã xóa địa chỉ email khỏi tài khoản { -brand } của bạn
       *[phone] Đã xóa số điện thoại khỏi tài khoản { -brand } của bạn
    }

device-marked-lost = Một thiết bị đang đăng nhập vào tài khoản { -brand } của bạn vừa bị đánh dấu là bị mất. Thiết bị này đã bị khóa: ứng dụng trên đó sẽ yêu cầu mật khẩu của tài khoản trước khi làm bất cứ việc gì khác.
    .subject = Một thiết bị trong tài khoản { -brand } của bạn đã bị đánh dấu là bị mất

circle-invited = Bạn đã mời { $name } làm người liên hệ khôi phục trên { -brand }. Khi họ đồng ý, họ có thể cùng những người liên hệ khác xác nhận cho bạn.
    .subject = Bạn đã mời một người liên hệ khôi phục

circle-rules-changed = Một người liên hệ khôi phục đã bị xóa khỏi tài khoản { -brand } của bạn, hoặc số người cần xác nhận cho bạn đã được thay đổi.
    .subject = Người liên hệ khôi phục của bạn đã thay đổi

vouch-declined = { $dont-know ->
        [yes] Có người đã nhờ những người liên hệ khôi phục của bạn xác nhận cho một yêu cầu khôi phục tài khoản { -brand } của bạn, và { $name } cho biết họ không biết gì về việc này. Yêu cầu khôi phục đã bị dừng.
       *[no] Có người đã nhờ những người liên hệ khôi phục của bạn xác nhận cho một yêu cầu khôi phục tài khoản { -brand } của bạn, và { $name } đã từ chối. Yêu cầu khôi phục đã bị dừng.
    }
    .subject = Một yêu cầu khôi phục tài khoản của bạn đã bị dừng

## Support requests and assisted recovery

support-contact-code =
    Mã của bạn là { $code }. Hãy nhập mã này vào { -brand } để xác nhận bộ phận hỗ trợ có thể liên hệ với bạn qua đây. Mã có hiệu lực trong { $minutes ->
        [one] { $minutes } phút
       *[other] { $minutes } phút
    } và chỉ dùng được một lần.

    Nếu bạn không nhờ bộ phận hỗ trợ của { -brand } giúp đỡ, hãy bỏ qua tin nhắn này.
    .subject = Xác nhận địa chỉ này cho yêu cầu hỗ trợ { -brand } của bạn

# One SMS segment (see confirm-phone-sms).
support-contact-code-sms = { -brand }: mã xác nhận cho yêu cầu hỗ trợ là { $code }, hiệu lực { $minutes ->
        [one] { $minutes } phút
       *[other] { $minutes } phút
    }.

support-request-received =
    Chúng tôi đã nhận được yêu cầu hỗ trợ { $reference } của bạn. Một nhân viên sẽ xem bằng chứng của bạn. Bạn có thể theo dõi tình trạng yêu cầu tại đây:
    { $link }

    Nhân viên { -brand } không bao giờ hỏi mật khẩu hay mã của bạn.
    .subject = Đã nhận yêu cầu hỗ trợ { -brand } { $reference }

assisted-recovery-started =
    Một nhân viên của { -brand } đã phê duyệt yêu cầu khôi phục tài khoản của bạn dựa trên bằng chứng sở hữu. Sau { $hours ->
        [one] { $hours } giờ
       *[other] { $hours } giờ
    }, người gửi yêu cầu sẽ có thể tạo mật khẩu mới.

    Nếu đó là bạn, bạn không cần làm gì thêm.

    Nếu đó không phải là bạn, hãy hủy ngay:
    { $link }

    Đăng nhập bằng mật khẩu hiện tại cũng sẽ hủy yêu cầu này.
    .subject = Có người đã nhờ bộ phận hỗ trợ của { -brand } khôi phục tài khoản của bạn

assisted-recovery-pass =
    Thời gian chờ của yêu cầu hỗ trợ đã kết thúc. Hãy mở liên kết này để tạo mật khẩu mới; liên kết chỉ dùng được một lần, trong vòng { $hours ->
        [one] { $hours } giờ
       *[other] { $hours } giờ
    }:
    { $link }

    Nhân viên { -brand } không bao giờ hỏi mật khẩu hay mã của bạn.
    .subject = Mã thông hành khôi phục { -brand } của bạn

contact-claimed =
    Có người vừa thử tạo tài khoản { -brand } bằng { $kind ->
        [email] địa chỉ email
       *[phone] số điện thoại
    } này, vốn đã thuộc về tài khoản của bạn. Không có gì thay đổi, và tài khoản mới không dùng được thông tin này.

    Nếu đó là bạn, hãy đăng nhập vào tài khoản hiện có; nếu bạn quên mật khẩu, hãy khôi phục tài khoản trong ứng dụng { -brand }.
    .subject = { $kind ->
        [email] Có người đã thử dùng địa chỉ email của bạn cho một tài khoản { -brand } mới
       *[phone] Có người đã thử dùng số điện thoại của bạn cho một tài khoản { -brand } mới
    }

## Recovery contacts

circle-invitation =
    { $name } muốn mời bạn làm người liên hệ khôi phục trên { -brand }: nếu có lúc họ mất mọi cách vào tài khoản, bạn và những người liên hệ khác của họ có thể xác nhận cho họ, và không ai trong số các bạn làm được việc đó một mình.

    Hãy mở ứng dụng { -brand } để đồng ý hoặc từ chối. Nếu bạn không quen biết { $name }, hãy từ chối.
    .subject = { $name } mời bạn làm người liên hệ khôi phục

circle-accepted = { $name } đã đồng ý làm người liên hệ khôi phục của bạn trên { -brand }. Bạn có thể xem và thay đổi người liên hệ khôi phục trong trung tâm bảo mật của ứng dụng.
    .subject = { $name } giờ là người liên hệ khôi phục của bạn

circle-stepped-down = { $name } đã thôi làm người liên hệ khôi phục của bạn trên { -brand }. Hãy vào trung tâm bảo mật của ứng dụng để kiểm tra xem vẫn còn đủ người xác nhận cho bạn không, và mời thêm người khác nếu cần.
    .subject = { $name } không còn là người liên hệ khôi phục của bạn

vouch-requested =
    { $name } cho biết họ đã mất mọi cách vào tài khoản { -brand } và nhờ bạn, một trong những người liên hệ khôi phục của họ, xác nhận cho họ.

    Trước khi làm bất cứ điều gì, hãy gọi điện hoặc gặp trực tiếp họ. Đừng bao giờ xác nhận chỉ vì một tin nhắn, cuộc trò chuyện hay cuộc gọi bất ngờ: kẻ gian thường chiếm đoạt tài khoản theo cách đó. Nếu đúng là họ, họ sẽ đọc cho bạn một mã; hãy nhập mã đó vào trung tâm bảo mật trong ứng dụng { -brand } của bạn.
    .subject = { $name } nhờ bạn xác nhận cho họ

vouched-recovery-started =
    Đã có đủ người liên hệ khôi phục xác nhận cho một người đang khôi phục tài khoản { -brand } của bạn. Chậm nhất sau { $hours ->
        [one] { $hours } giờ
       *[other] { $hours } giờ
    }, người đó sẽ có thể tạo mật khẩu mới.

    Nếu đó là bạn, bạn không cần làm gì thêm.

    Nếu đó không phải là bạn, hãy hủy ngay:
    { $link }

    Đăng nhập bằng mật khẩu hiện tại cũng sẽ hủy yêu cầu này.
    .subject = Người liên hệ khôi phục đã xác nhận cho một yêu cầu khôi phục tài khoản của bạn

## Pages a browser sees (the emailed links). Each page's title is its message's value.

page-link = Tiếp tục khôi phục tài khoản
    .intro = Bạn đã yêu cầu đặt lại mật khẩu { -brand }.
    .open-app = Mở trong ứng dụng { -brand }
    .continue = Tiếp tục trên trình duyệt này
    .not-you = Nếu bạn không yêu cầu việc này, hãy đóng trang này: sẽ không có gì thay đổi.
page-one-more-step = Còn một bước nữa
    .text = Email của bạn đã được xác nhận. Tài khoản này cần thêm một bằng chứng nữa: hãy tiếp tục trong ứng dụng { -brand }.
page-new-password = Tạo mật khẩu mới
    .label = Mật khẩu mới
    .guidance = Dùng ít nhất { $min } ký tự, hoặc từ 4 từ ngẫu nhiên trở lên. Tránh dùng tên, ngày sinh và số điện thoại của bạn. Hãy để trình quản lý mật khẩu tạo và ghi nhớ mật khẩu giúp bạn.
    .submit = Đặt mật khẩu mới
page-password-reset = Mật khẩu của bạn đã được đặt lại
    .text = Mọi thiết bị đã bị đăng xuất. Hãy đăng nhập bằng mật khẩu mới.
    .advice = Hãy luôn cập nhật email và số điện thoại, bật xác minh 2 bước và dùng trình quản lý mật khẩu.
page-not-me = Không phải tôi
    .text = Nếu người khác đã đặt lại mật khẩu của bạn, hãy đăng xuất mọi thiết bị ngay, rồi khôi phục tài khoản trong ứng dụng { -brand }.
    .button = Đăng xuất mọi thiết bị
page-signed-out = Mọi thiết bị đã bị đăng xuất
    .text = Hãy khôi phục tài khoản trong ứng dụng { -brand } ngay bây giờ, và chọn một mật khẩu bạn không dùng ở bất kỳ nơi nào khác.
    .open-app = Mở ứng dụng { -brand }
page-support-status = Yêu cầu hỗ trợ { $reference }
    .awaiting-contact = Yêu cầu đang chờ mã chúng tôi đã gửi đến địa chỉ liên hệ bạn cung cấp.
    .open = Yêu cầu đang trong hàng đợi: một nhân viên sẽ xem bằng chứng của bạn.
    .in-review = Một nhân viên đang xem bằng chứng của bạn.
    .approved = Yêu cầu đã được phê duyệt: các địa chỉ liên hệ của tài khoản đã được thông báo, và bạn sẽ nhận được mã thông hành khôi phục khi hết thời gian chờ.
    .denied = Yêu cầu không được phê duyệt. Bạn có thể gửi yêu cầu mới với bằng chứng khác.
    .closed = Yêu cầu đã đóng.
    .staff-never-ask = Nhân viên { -brand } không bao giờ hỏi mật khẩu hay mã của bạn.
page-cancel = Hủy yêu cầu khôi phục tài khoản của bạn
    .text = Có người đã nhờ bộ phận hỗ trợ của { -brand } khôi phục tài khoản của bạn. Nếu đó không phải là bạn, hãy hủy yêu cầu này để không ai dùng được nó.
    .button = Hủy yêu cầu khôi phục
page-cancelled = Yêu cầu khôi phục đã bị hủy
    .text = Không ai dùng được yêu cầu này nữa. Hãy đăng nhập và xem trung tâm bảo mật của tài khoản; nếu nghĩ có người khác biết mật khẩu, hãy đổi mật khẩu.
page-pass = Tạo mật khẩu mới
    .text = Thời gian chờ đã kết thúc. Mã thông hành này chỉ dùng được một lần.
    .button = Tiếp tục
page-error = Không thể tiếp tục với liên kết này
    .code = Mã lỗi: { $code }
# Why a page refused, by the stable error code; any other code gets the last line.
page-error-reason = { $reason ->
        [invalid_link] Liên kết này không còn dùng được. Hãy yêu cầu mã mới.
        [invalid_reset_token] Yêu cầu đặt lại này không còn hợp lệ. Hãy bắt đầu khôi phục lại.
        [flow_expired] Quá trình khôi phục này đã kết thúc. Hãy bắt đầu lại.
        [flow_locked] Quá trình khôi phục này đã kết thúc vì thử sai quá nhiều lần. Hãy bắt đầu lại sau, hoặc liên hệ bộ phận hỗ trợ.
        [flow_state] Bước này hiện không khả dụng. Hãy tiếp tục trong ứng dụng { -brand }.
        [rate_limited] Bạn đã thử quá nhiều lần. Hãy chờ một lát rồi thử lại.
        [busy] Hệ thống đang bận và chưa có gì thay đổi. Hãy thử lại sau giây lát.
        [invalid_field] Liên kết này không đầy đủ. Hãy mở lại liên kết từ tin nhắn chúng tôi đã gửi.
       *[other] Đã xảy ra lỗi. Hãy thử lại sau giây lát, hoặc tiếp tục trong ứng dụng { -brand }.
    }

## Password policy: the guidance beside a new-password field and the reasons a password is
## refused (keys as the policy names them, dots written as hyphens)

password-tip-length = Dùng ít nhất 15 ký tự, hoặc từ 4 từ ngẫu nhiên trở lên.
password-tip-personal = Tránh dùng tên, ngày sinh, số điện thoại và email của bạn.
password-tip-reuse = Không dùng lại mật khẩu của tài khoản khác.
password-tip-manager = Để trình quản lý mật khẩu tạo và ghi nhớ mật khẩu giúp bạn.
password-tip-two_step = Bật thêm xác minh 2 bước.

password-reason-too_short = Mật khẩu ngắn hơn { $min } ký tự.
password-reason-too_long = Mật khẩu dài hơn 256 ký tự.
password-reason-common = Đây là một trong những mật khẩu phổ biến nhất.
password-reason-breached = Mật khẩu này đã bị lộ trong một vụ rò rỉ dữ liệu.
password-reason-personal = Mật khẩu chứa tên, email, số điện thoại hoặc ngày sinh của bạn.
password-reason-too_guessable = Mật khẩu này dễ bị đoán ra.
password-reason-reused = Bạn đã dùng mật khẩu này gần đây. Hãy chọn mật khẩu bạn chưa từng dùng.

password-warning-straight_rows = Các phím nằm liền nhau trên một hàng rất dễ đoán.
password-warning-short_keyboard_patterns = Các chuỗi phím ngắn trên bàn phím rất dễ đoán.
password-warning-repeats = Ký tự lặp lại như “aaa” rất dễ đoán.
password-warning-repeated_patterns = Chuỗi lặp lại như “abcabc” chỉ khó đoán hơn “abc” một chút.
password-warning-top10 = Đây là một trong 10 mật khẩu phổ biến nhất.
password-warning-top100 = Đây là một trong 100 mật khẩu phổ biến nhất.
password-warning-common = Đây là mật khẩu rất phổ biến.
password-warning-similar_to_common = Mật khẩu này giống một mật khẩu hay được dùng.
password-warning-sequences = Các dãy như “abc” hoặc “6543” rất dễ đoán.
password-warning-recent_years = Các năm gần đây rất dễ đoán.
password-warning-single_word = Một từ đơn lẻ rất dễ đoán.
password-warning-dates = Ngày tháng thường dễ đoán.
password-warning-names = Chỉ dùng tên hoặc họ thì rất dễ đoán.
password-warning-common_names = Tên và họ phổ biến rất dễ đoán.

password-suggestion-few_words = Dùng vài từ; tránh các cụm từ quen thuộc.
password-suggestion-no_symbols_needed = Không cần ký hiệu, chữ số hay chữ hoa.
password-suggestion-add_word = Thêm một hai từ nữa. Từ ít gặp thì càng tốt.
password-suggestion-capitalization = Viết hoa không giúp ích nhiều.
password-suggestion-all_uppercase = Viết hoa toàn bộ cũng dễ đoán gần như viết thường toàn bộ.
password-suggestion-reversed_words = Từ viết ngược cũng không khó đoán hơn bao nhiêu.
password-suggestion-substitutions = Các kiểu thay ký tự như “@” thay cho “a” không giúp ích nhiều.
password-suggestion-longer_keyboard_pattern = Dùng chuỗi phím dài hơn, đổi hướng nhiều lần hơn.
password-suggestion-avoid_repeats = Tránh lặp lại từ và ký tự.
password-suggestion-avoid_sequences = Tránh các dãy liên tiếp.
password-suggestion-avoid_recent_years = Tránh các năm gần đây.
password-suggestion-avoid_your_years = Tránh các năm gắn với bạn.
password-suggestion-avoid_your_dates = Tránh các ngày tháng và năm gắn với bạn.

password-breach_check-unavailable = Hiện chưa kiểm tra được mật khẩu trong các vụ rò rỉ dữ liệu; các bước kiểm tra khác vẫn được áp dụng.

# The words before the reasons a new password is refused.
password-blocked = Chưa thể dùng mật khẩu này:
