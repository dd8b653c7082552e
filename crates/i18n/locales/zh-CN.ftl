# Regain's messages, pages and password-policy texts in Simplified Chinese (zh-CN), translated
# from en.ftl (same messages, attributes, variables and selectors).
#
# A message's value is its body; `.subject` is an email's subject. Paragraphs are separated by
# a blank line. Variables: $code, $link and $reference are shown as given; $minutes and $hours
# are numbers (Chinese has no plural forms: each select has the single `*[other]` variant);
# $kind is "email" or "phone"; $name is a person's display name, as they wrote it.
#
# Terminology follows the app's screens (ui/src/lib/messages/zh-CN.ts): 账号 (not 帐号), 您,
# 恢复联系人, 两步验证, 安全中心, 恢复码, 身份验证器应用. A space separates Chinese text from
# Latin words and numbers ("您的 Regain 账号", "10 分钟").

## Shared pieces

-brand = Regain

# The last lines of every notice of a change: what to do if it was you (unless the notice says
# otherwise), and the "this wasn't me" link.
notice-if-you = 如果是您本人操作，无需任何处理。
notice-not-me =
    如果不是您本人操作，请立即打开此链接，它会退出所有设备并帮助您取回账号：
    { $link }

# A notice sent by SMS: the subject, then the body.
sms-notice = 【{ -brand }】{ $subject }。{ $body }

## Codes

confirm-email =
    您的 { -brand } 确认码是 { $code }。

    请在 { -brand } 中输入此确认码以确认该邮箱地址。确认码 { $minutes ->
       *[other] { $minutes } 分钟
    }内有效，只能使用一次。

    如果您没有将此地址添加到 { -brand } 账号，请忽略本邮件：在输入确认码之前不会有任何更改。
    .subject = 确认您在 { -brand } 的邮箱地址

# One SMS segment: at most 160 GSM-7 characters, or 70 for any other script (with a 6-digit
# code and 10 minutes).
confirm-phone-sms = 【{ -brand }】确认码 { $code }，用于确认此手机号，{ $minutes ->
       *[other] { $minutes } 分钟
    }内有效。请勿告诉任何人。

recovery-email =
    有人（希望是您本人）申请重置您的 { -brand } 账号密码。

    您的验证码是 { $code }，{ $minutes ->
       *[other] { $minutes } 分钟
    }内有效，只能使用一次。

    或打开以下链接继续：
    { $link }

    请勿向任何人透露此验证码，{ -brand } 工作人员绝不会向您索要。如果不是您本人操作，请忽略本邮件，您的密码不会改变。
    .subject = 您的 { -brand } 找回验证码

# One SMS segment (see confirm-phone-sms).
recovery-sms = 【{ -brand }】找回验证码 { $code }，{ $minutes ->
       *[other] { $minutes } 分钟
    }内有效。请勿告诉任何人，我们绝不会向您索要。

## Notices of a change (each followed by notice-if-you, or its own .if-you, and notice-not-me)

password-reset = { $questions-only ->
        [yes] 您的 { -brand } 账号密码刚刚被重置（仅通过安全问题），所有设备均已退出登录。
       *[no] 您的 { -brand } 账号密码刚刚被重置，所有设备均已退出登录。
    }
    .subject = 您的 { -brand } 密码已重置

password-changed = 您的 { -brand } 账号密码刚刚在一台已登录的设备上被更改，其他设备均已退出登录。
    .subject = 您的 { -brand } 密码已更改

security-questions-changed = 您的 { -brand } 账号的安全问题刚刚被替换。
    .subject = 您的 { -brand } 安全问题已更改

second-factor-added = 刚刚有一个身份验证器应用被设置为您 { -brand } 账号登录的第二步，并生成了一组新的恢复码。
    .subject = 您的 { -brand } 账号已开启两步验证
    .if-you = 如果是您本人操作，请妥善保管恢复码。

second-factor-removed = 您 { -brand } 账号的身份验证器应用和恢复码刚刚被移除，现在登录只需要密码。
    .subject = 您的 { -brand } 账号已关闭两步验证

recovery-codes-regenerated = 刚刚为您的 { -brand } 账号生成了一组新的恢复码，旧的恢复码已失效。
    .subject = 您的 { -brand } 账号有了新的恢复码
    .if-you = 如果是您本人操作，请妥善保管新的恢复码。

contact-changed = { $kind ->
        [email] 刚刚为您的 { -brand } 账号确认了新的邮箱地址，今后账号的验证码和通知会发送到那里。
       *[phone] 刚刚为您的 { -brand } 账号确认了新的手机号，今后账号的验证码和通知会发送到那里。
    }
    .subject = { $kind ->
        [email] 您的 { -brand } 账号有了新的邮箱地址
       *[phone] 您的 { -brand } 账号有了新的手机号
    }

contact-removed = { $kind ->
        [email] 您 { -brand } 账号的邮箱地址刚刚被移除，今后它将不再收到账号的验证码和通知。
       *[phone] 您 { -brand } 账号的手机号刚刚被移除，今后它将不再收到账号的验证码和通知。
    }
    .subject = { $kind ->
        [email] 您 { -brand } 账号的邮箱地址已被移除
       *[phone] 您 { -brand } 账号的手机号已被移除
    }

device-marked-lost = 登录您 { -brand } 账号的一台设备刚刚被标记为丢失，并已锁定：该设备上的应用在做任何事之前都会要求输入账号密码。
    .subject = 您 { -brand } 账号的一台设备已被标记为丢失

circle-invited = 您邀请了 { $name } 成为您的 { -brand } 恢复联系人。对方接受后，可与您的其他联系人一起为您担保。
    .subject = 您邀请了一位恢复联系人

circle-rules-changed = 您的 { -brand } 账号移除了一位恢复联系人，或更改了需要为您担保的联系人数量。
    .subject = 您的恢复联系人已更改

vouch-declined = { $dont-know ->
        [yes] 有人请您的恢复联系人为恢复您的 { -brand } 账号作担保，{ $name } 表示对此毫不知情。此次恢复已被停止。
       *[no] 有人请您的恢复联系人为恢复您的 { -brand } 账号作担保，{ $name } 拒绝了。此次恢复已被停止。
    }
    .subject = 您账号的一次恢复已被停止

## Support requests and assisted recovery

support-contact-code =
    您的确认码是 { $code }。请在 { -brand } 中输入，以确认支持人员可以通过此地址联系您。确认码 { $minutes ->
       *[other] { $minutes } 分钟
    }内有效，只能使用一次。

    如果您没有向 { -brand } 支持寻求帮助，请忽略本邮件。
    .subject = 确认您 { -brand } 支持请求的联系地址

# One SMS segment (see confirm-phone-sms).
support-contact-code-sms = 【{ -brand }】确认码 { $code }，用于确认您支持请求的手机号，{ $minutes ->
       *[other] { $minutes } 分钟
    }内有效。

support-request-received =
    我们已收到您的支持请求 { $reference }，工作人员会查看您提交的证明。您可以在这里查看进度：
    { $link }

    { -brand } 工作人员绝不会向您索要密码或验证码。
    .subject = 已收到 { -brand } 支持请求 { $reference }

assisted-recovery-started =
    { -brand } 工作人员根据所有权证明批准了恢复您账号的请求。{ $hours ->
       *[other] { $hours } 小时
    }后，提出请求的人将可以设置新密码。

    如果是您本人，无需任何操作。

    如果不是您本人，请立即取消：
    { $link }

    用当前密码登录也会取消它。
    .subject = 有人请求 { -brand } 支持恢复您的账号

assisted-recovery-pass =
    您的支持请求的等待期已结束。打开此链接设置新密码；它只能使用一次，{ $hours ->
       *[other] { $hours } 小时
    }内有效：
    { $link }

    { -brand } 工作人员绝不会向您索要密码或验证码。
    .subject = 您的 { -brand } 恢复通行证

contact-claimed =
    刚刚有人试图用此{ $kind ->
        [email] 邮箱地址
       *[phone] 手机号
    }注册 { -brand } 账号，而它已属于您的账号。没有任何更改，新账号也无法使用它。

    如果是您本人操作，请直接登录现有账号；如果忘记了密码，请在 { -brand } 应用中找回。
    .subject = { $kind ->
        [email] 有人试图用您的邮箱地址注册新的 { -brand } 账号
       *[phone] 有人试图用您的手机号注册新的 { -brand } 账号
    }

## Recovery contacts

circle-invitation =
    { $name } 希望您成为其 { -brand } 账号的恢复联系人：如果对方无法再用任何方式进入账号，您和其他联系人可以为其担保，任何一人都无法单独完成。

    请打开 { -brand } 应用接受或拒绝。如果您不认识 { $name }，请拒绝。
    .subject = { $name } 邀请您成为恢复联系人

circle-accepted = { $name } 已接受成为您的 { -brand } 恢复联系人。您可以在应用的安全中心查看和更改恢复联系人。
    .subject = { $name } 已成为您的恢复联系人

circle-stepped-down = { $name } 已不再担任您的 { -brand } 恢复联系人。请在应用的安全中心确认仍有足够的联系人可以为您担保，如果不够，请邀请其他人。
    .subject = { $name } 不再是您的恢复联系人

vouch-requested =
    { $name } 说已无法通过任何方式进入其 { -brand } 账号，请您作为其恢复联系人为其担保。

    在做任何操作之前，请先给对方打电话或当面确认。不要因为一条意外的消息、聊天或来电就担保：账号往往就是这样被盗的。如果确实是本人，对方会念给您一个验证码；请在 { -brand } 应用的安全中心输入。
    .subject = { $name } 请您为其担保

vouched-recovery-started =
    足够多的恢复联系人为正在恢复您 { -brand } 账号的人作了担保。最多 { $hours ->
       *[other] { $hours } 小时
    }后，此人将可以设置新密码。

    如果是您本人，无需任何操作。

    如果不是您本人，请立即取消：
    { $link }

    用当前密码登录也会取消它。
    .subject = 您的恢复联系人为一次账号恢复作了担保

## Pages a browser sees (the emailed links). Each page's title is its message's value.

page-link = 继续找回账号
    .intro = 您申请了重置 { -brand } 账号密码。
    .open-app = 在 { -brand } 应用中打开
    .continue = 在此浏览器中继续
    .not-you = 如果不是您本人申请，请关闭此页面，不会有任何更改。
page-one-more-step = 还差一步
    .text = 您的邮箱已确认。此账号还需要再验证一次：请在 { -brand } 应用中继续。
page-new-password = 设置新密码
    .label = 新密码
    .guidance = 至少使用 { $min } 个字符，或 4 个以上随机词语。不要使用您的姓名、生日或手机号。让密码管理器为您生成并记住密码。
    .submit = 重置密码
page-password-reset = 密码已重置
    .text = 所有设备均已退出登录。请使用新密码登录。
    .advice = 请及时更新邮箱和手机号，开启两步验证，并使用密码管理器。
page-not-me = 不是我本人操作
    .text = 如果是其他人重置了您的密码，请立即退出所有设备，然后在 { -brand } 应用中找回您的账号。
    .button = 退出所有设备
page-signed-out = 所有设备均已退出登录
    .text = 请立即在 { -brand } 应用中找回您的账号，并设置一个没有在其他任何地方使用过的密码。
    .open-app = 打开 { -brand } 应用
page-support-status = 支持请求 { $reference }
    .awaiting-contact = 等待您输入我们发送到您所提供联系方式的确认码。
    .open = 排队中：工作人员将查看您的证明。
    .in-review = 工作人员正在查看您的证明。
    .approved = 已批准。已通知账号的联系人；等待期结束后，恢复通行证会发送给您。
    .denied = 未获批准。您可以提交新的请求并附上其他证明。
    .closed = 已关闭。
    .staff-never-ask = { -brand } 工作人员绝不会向您索要密码或验证码。
page-cancel = 取消账号恢复
    .text = 有人请求 { -brand } 支持恢复您的账号。如果不是您本人，请取消：取消后，任何人都无法再使用此次恢复。
    .button = 取消恢复
page-cancelled = 恢复已取消
    .text = 任何人都无法再使用此次恢复。请登录并查看账号的安全中心：如果您认为有人知道您的密码，请更改密码。
page-pass = 设置新密码
    .text = 等待期已结束。此通行证只能使用一次。
    .button = 继续
page-error = 无法通过此链接继续
    .code = 错误代码：{ $code }
# Why a page refused, by the stable error code; any other code gets the last line.
page-error-reason = { $reason ->
        [invalid_link] 此链接已失效，请重新获取验证码。
        [invalid_reset_token] 本次重置已失效，请重新开始找回。
        [flow_expired] 本次找回已结束，请重新开始。
        [flow_locked] 错误次数过多，本次找回已结束。请稍后重新开始，或向支持人员求助。
        [flow_state] 当前无法进行此步骤，请在 { -brand } 应用中继续。
        [rate_limited] 尝试次数过多，请稍候片刻再试。
        [busy] 系统正忙，未做任何更改。请稍后重试。
        [invalid_field] 此链接不完整，请从我们发送给您的消息中重新打开。
       *[other] 出错了，请稍后重试，或在 { -brand } 应用中继续。
    }

## Password policy: the guidance beside a new-password field and the reasons a password is
## refused (keys as the policy names them, dots written as hyphens)

password-tip-length = 至少使用 15 个字符，或 4 个以上随机词语。
password-tip-personal = 不要使用您的姓名、生日、手机号或邮箱。
password-tip-reuse = 切勿重复使用其他账号的密码。
password-tip-manager = 让密码管理器为您生成并记住密码。
password-tip-two_step = 同时开启两步验证。

password-reason-too_short = 少于 { $min } 个字符。
password-reason-too_long = 超过 256 个字符。
password-reason-common = 这是最常见的密码之一。
password-reason-breached = 它曾出现在数据泄露中。
password-reason-personal = 包含您的姓名、邮箱、手机号或生日。
password-reason-too_guessable = 很容易被猜到。
password-reason-reused = 您最近用过这个密码，请换一个没用过的。

password-warning-straight_rows = 键盘上连续的一行按键很容易被猜到。
password-warning-short_keyboard_patterns = 短的键盘图案很容易被猜到。
password-warning-repeats = 像“aaa”这样的重复字符很容易被猜到。
password-warning-repeated_patterns = 像“abcabc”这样的重复只比“abc”稍难猜一点。
password-warning-top10 = 这是最常见的十个密码之一。
password-warning-top100 = 这是最常见的一百个密码之一。
password-warning-common = 这是非常常见的密码。
password-warning-similar_to_common = 这与常用密码相似。
password-warning-sequences = 像“abc”或“6543”这样的序列很容易被猜到。
password-warning-recent_years = 近几年的年份很容易被猜到。
password-warning-single_word = 单个词语很容易被猜到。
password-warning-dates = 日期通常很容易被猜到。
password-warning-names = 单独的名字或姓氏很容易被猜到。
password-warning-common_names = 常见的名字和姓氏很容易被猜到。

password-suggestion-few_words = 使用几个词语，避免常见短语。
password-suggestion-no_symbols_needed = 无需符号、数字或大写字母。
password-suggestion-add_word = 再加一两个词语，越不常见越好。
password-suggestion-capitalization = 大写字母帮助不大。
password-suggestion-all_uppercase = 全部大写和全部小写一样容易被猜到。
password-suggestion-reversed_words = 倒着拼写的词语并不难猜多少。
password-suggestion-substitutions = 用“@”代替“a”之类的替换帮助不大。
password-suggestion-longer_keyboard_pattern = 使用更长、转折更多的键盘图案。
password-suggestion-avoid_repeats = 避免重复的词语和字符。
password-suggestion-avoid_sequences = 避免序列。
password-suggestion-avoid_recent_years = 避免使用近几年的年份。
password-suggestion-avoid_your_years = 避免使用与您相关的年份。
password-suggestion-avoid_your_dates = 避免使用与您相关的日期和年份。

password-breach_check-unavailable = 泄露检查暂时不可用；其他检查仍然有效。

# The words before the reasons a new password is refused.
password-blocked = 此密码不可用：
