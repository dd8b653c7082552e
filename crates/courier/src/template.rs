use regain_secret::Secret;

use crate::{ChannelKind, Message};

/// Languages messages are written in. Unknown tags fall back to English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    En,
    /// Simplified Chinese.
    ZhCn,
}

impl Locale {
    /// Reads a BCP 47 tag (`en-GB`, `zh`, `zh-Hans-CN`).
    pub fn from_tag(tag: Option<&str>) -> Self {
        let tag = tag.unwrap_or_default().to_ascii_lowercase();
        let simplified_chinese = tag == "zh"
            || tag.starts_with("zh-cn")
            || tag.starts_with("zh-hans")
            || tag.starts_with("zh-sg");
        if simplified_chinese {
            Self::ZhCn
        } else {
            Self::En
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::ZhCn => "zh-CN",
        }
    }
}

/// Every message Regain sends. Rendering is a pure function of the template and the locale.
/// Codes and links (which carry tokens) are secrets until they are rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Template {
    /// Confirm a new email address with a code.
    ConfirmEmail { code: Secret<String>, minutes_valid: u32 },
    /// Confirm a new phone number with a code.
    ConfirmPhone { code: Secret<String>, minutes_valid: u32 },
    /// A recovery code by email, with a link that opens the flow (in the app or the browser).
    RecoveryEmail { code: Secret<String>, minutes_valid: u32, link: Secret<String> },
    /// A recovery code by SMS.
    RecoverySms { code: Secret<String>, minutes_valid: u32 },
    /// The password was reset; a "this wasn't me" link secures the account.
    PasswordReset { not_me_link: Secret<String>, by_questions_only: bool },
    /// The password was changed by a signed-in session.
    PasswordChanged { not_me_link: Secret<String> },
    /// The security questions were replaced.
    SecurityQuestionsChanged { not_me_link: Secret<String> },
    /// An authenticator app became the account's second factor.
    SecondFactorAdded { not_me_link: Secret<String> },
    /// The second factor was turned off.
    SecondFactorRemoved { not_me_link: Secret<String> },
    /// A new set of recovery codes replaced the old one.
    RecoveryCodesRegenerated { not_me_link: Secret<String> },
    /// A new email address (`email`) or phone number was confirmed for the account; the notice
    /// never names it.
    ContactChanged { email: bool, not_me_link: Secret<String> },
    /// The email address (`email`) or phone number was removed from the account.
    ContactRemoved { email: bool, not_me_link: Secret<String> },
    /// One of the account's devices was marked lost and locked.
    DeviceMarkedLost { not_me_link: Secret<String> },
    /// Confirm the contact given in a support request with a code.
    SupportContactCode { code: Secret<String>, minutes_valid: u32 },
    /// A support request was received: its reference and the secret link to where it stands.
    SupportRequestReceived { reference: String, status_link: Secret<String> },
    /// Staff approved a support request for the account: to every confirmed contact, with the
    /// waiting period and the link that cancels it.
    AssistedRecoveryStarted { wait_hours: u32, cancel_link: Secret<String> },
    /// The waiting period of an assisted recovery ended: the single-use pass, to the contact
    /// the person confirmed in their request.
    AssistedRecoveryPass { pass_link: Secret<String>, hours_valid: u32 },
    /// Someone signed up with (or added) this email or phone, which is already the confirmed
    /// contact of an account: its owner is told, and nothing is sent that could confirm it.
    ContactClaimed,
    /// `from_name` asks this account to be one of their recovery contacts: to its confirmed
    /// contacts, answered in the app.
    CircleInvitation { from_name: String },
    /// The owner invited `invited_as` (masked) to be a recovery contact: to every confirmed
    /// contact of the owner, with "this wasn't me".
    CircleInvited { invited_as: String, not_me_link: Secret<String> },
    /// `name` accepted to be one of the owner's recovery contacts.
    CircleAccepted { name: String },
    /// `name` is no longer one of the owner's recovery contacts: they stepped down.
    CircleSteppedDown { name: String },
    /// The owner removed a recovery contact or changed how many must vouch: to every
    /// confirmed contact, with "this wasn't me".
    CircleRulesChanged { not_me_link: Secret<String> },
    /// `from_name`, whom this account vouches for, asks it to vouch now: to its confirmed
    /// contacts. No code and no link: the contact answers in their own app, after calling.
    VouchRequested { from_name: String },
    /// Recovery contacts vouched for a recovery of the account: the waiting period began. To
    /// every confirmed contact, with the link that cancels it.
    VouchedRecoveryStarted { wait_hours: u32, cancel_link: Secret<String> },
    /// A recovery contact declined to vouch for a recovery of the account (`dont_know`: said
    /// they know nothing of it), which ended it: to every confirmed contact, with "this
    /// wasn't me".
    VouchDeclined { name: String, dont_know: bool, not_me_link: Secret<String> },
}

impl Template {
    /// The message for `to`, in `locale`.
    pub fn render(&self, to: &str, locale: Locale) -> Message {
        match (self.exposed(), locale) {
            (Exposed::ConfirmEmail { code, minutes_valid }, Locale::En) => email(
                to,
                "Confirm your email address for Regain",
                format!(
                    "Your Regain confirmation code is {code}.\n\n\
                     Enter it in Regain to confirm this email address. It is valid for \
                     {minutes_valid} minutes and works once.\n\n\
                     If you did not add this address to a Regain account, ignore this message: \
                     nothing changes until the code is entered.\n"
                ),
            ),
            (Exposed::ConfirmEmail { code, minutes_valid }, Locale::ZhCn) => email(
                to,
                "确认您在 Regain 的邮箱地址",
                format!(
                    "您的 Regain 确认码是 {code}。\n\n\
                     请在 Regain 中输入此确认码以确认该邮箱地址。确认码 {minutes_valid} 分钟内有效，只能使用一次。\n\n\
                     如果您没有将此地址添加到 Regain 账号，请忽略本邮件：在输入确认码之前不会有任何更改。\n"
                ),
            ),
            (Exposed::ConfirmPhone { code, minutes_valid }, Locale::En) => sms(
                to,
                format!(
                    "Regain: {code} is your code to confirm this phone number. Valid for \
                     {minutes_valid} minutes. Never share it with anyone."
                ),
            ),
            (Exposed::ConfirmPhone { code, minutes_valid }, Locale::ZhCn) => sms(
                to,
                format!("【Regain】确认码 {code}，用于确认此手机号，{minutes_valid} 分钟内有效。请勿告诉任何人。"),
            ),
            (Exposed::RecoveryEmail { code, minutes_valid, link }, Locale::En) => email(
                to,
                "Your Regain recovery code",
                format!(
                    "Someone, hopefully you, asked to reset the password of your Regain account.\n\n\
                     Your recovery code is {code}. It is valid for {minutes_valid} minutes and works once.\n\n\
                     Or open this link to continue:\n{link}\n\n\
                     Never share this code: Regain staff will never ask for it. If you did not ask \
                     for it, ignore this message; your password stays as it is.\n"
                ),
            ),
            (Exposed::RecoveryEmail { code, minutes_valid, link }, Locale::ZhCn) => email(
                to,
                "您的 Regain 找回验证码",
                format!(
                    "有人（希望是您本人）申请重置您的 Regain 账号密码。\n\n\
                     您的验证码是 {code}，{minutes_valid} 分钟内有效，只能使用一次。\n\n\
                     或打开以下链接继续：\n{link}\n\n\
                     请勿向任何人透露此验证码，Regain 工作人员绝不会向您索要。如果不是您本人操作，请忽略本邮件，您的密码不会改变。\n"
                ),
            ),
            (Exposed::RecoverySms { code, minutes_valid }, Locale::En) => sms(
                to,
                format!("Regain: {code} is your recovery code, valid for {minutes_valid} minutes. Never share it; we will never ask for it."),
            ),
            (Exposed::RecoverySms { code, minutes_valid }, Locale::ZhCn) => sms(
                to,
                format!("【Regain】找回验证码 {code}，{minutes_valid} 分钟内有效。请勿告诉任何人，我们绝不会向您索要。"),
            ),
            (Exposed::PasswordReset { not_me_link, by_questions_only }, Locale::En) => notice(
                to,
                "Your Regain password was reset",
                format!(
                    "The password of your Regain account was just reset{}, and every device was signed out.\n\n\
                     If this was you, there is nothing to do.\n\n\
                     If this wasn't you, open this link at once: it signs out every device again and \
                     lets you take the account back:\n{not_me_link}\n",
                    if by_questions_only { " using only the security questions" } else { "" }
                ),
            ),
            (Exposed::PasswordReset { not_me_link, by_questions_only }, Locale::ZhCn) => notice(
                to,
                "您的 Regain 密码已重置",
                format!(
                    "您的 Regain 账号密码刚刚被重置{}，所有设备均已退出登录。\n\n\
                     如果是您本人操作，无需任何处理。\n\n\
                     如果不是您本人操作，请立即打开此链接，它会再次退出所有设备并帮助您取回账号：\n{not_me_link}\n",
                    if by_questions_only { "（仅通过安全问题）" } else { "" }
                ),
            ),
            (Exposed::PasswordChanged { not_me_link }, locale) => change_notice(
                to,
                locale,
                match locale {
                    Locale::En => Words {
                        subject: "Your Regain password was changed",
                        happened: "The password of your Regain account was just changed from a \
                                   signed-in device, and your other devices were signed out.",
                        if_you: None,
                    },
                    Locale::ZhCn => Words {
                        subject: "您的 Regain 密码已更改",
                        happened: "您的 Regain 账号密码刚刚在一台已登录的设备上被更改，其他设备均已退出登录。",
                        if_you: None,
                    },
                },
                not_me_link,
            ),
            (Exposed::SecurityQuestionsChanged { not_me_link }, locale) => change_notice(
                to,
                locale,
                match locale {
                    Locale::En => Words {
                        subject: "Your Regain security questions were changed",
                        happened: "The security questions of your Regain account were just replaced.",
                        if_you: None,
                    },
                    Locale::ZhCn => Words {
                        subject: "您的 Regain 安全问题已更改",
                        happened: "您的 Regain 账号的安全问题刚刚被替换。",
                        if_you: None,
                    },
                },
                not_me_link,
            ),
            (Exposed::SecondFactorAdded { not_me_link }, locale) => change_notice(
                to,
                locale,
                match locale {
                    Locale::En => Words {
                        subject: "Two-step verification is on for your Regain account",
                        happened: "An authenticator app was just set up as the second step of \
                                   signing in to your Regain account, with a new set of recovery codes.",
                        if_you: Some("keep the recovery codes somewhere safe."),
                    },
                    Locale::ZhCn => Words {
                        subject: "您的 Regain 账号已开启两步验证",
                        happened: "刚刚有一个身份验证器应用被设置为您 Regain 账号登录的第二步，并生成了一组新的恢复码。",
                        if_you: Some("请妥善保管恢复码。"),
                    },
                },
                not_me_link,
            ),
            (Exposed::SecondFactorRemoved { not_me_link }, locale) => change_notice(
                to,
                locale,
                match locale {
                    Locale::En => Words {
                        subject: "Two-step verification was turned off for your Regain account",
                        happened: "The authenticator app and the recovery codes of your Regain \
                                   account were just removed: signing in now needs the password only.",
                        if_you: None,
                    },
                    Locale::ZhCn => Words {
                        subject: "您的 Regain 账号已关闭两步验证",
                        happened: "您 Regain 账号的身份验证器应用和恢复码刚刚被移除，现在登录只需要密码。",
                        if_you: None,
                    },
                },
                not_me_link,
            ),
            (Exposed::RecoveryCodesRegenerated { not_me_link }, locale) => change_notice(
                to,
                locale,
                match locale {
                    Locale::En => Words {
                        subject: "New recovery codes for your Regain account",
                        happened: "A new set of recovery codes was just made for your Regain \
                                   account; the old codes no longer work.",
                        if_you: Some("keep the new codes somewhere safe."),
                    },
                    Locale::ZhCn => Words {
                        subject: "您的 Regain 账号有了新的恢复码",
                        happened: "刚刚为您的 Regain 账号生成了一组新的恢复码，旧的恢复码已失效。",
                        if_you: Some("请妥善保管新的恢复码。"),
                    },
                },
                not_me_link,
            ),
            (Exposed::ContactChanged { email, not_me_link }, locale) => {
                let (subject, happened) = match (locale, email) {
                    (Locale::En, true) => ("A new email address for your Regain account", "A new email address was just confirmed for your Regain account. From now on it receives the account's codes and notices."),
                    (Locale::En, false) => ("A new phone number for your Regain account", "A new phone number was just confirmed for your Regain account. From now on it receives the account's codes and notices."),
                    (Locale::ZhCn, true) => ("您的 Regain 账号有了新的邮箱地址", "刚刚为您的 Regain 账号确认了新的邮箱地址，今后账号的验证码和通知会发送到那里。"),
                    (Locale::ZhCn, false) => ("您的 Regain 账号有了新的手机号", "刚刚为您的 Regain 账号确认了新的手机号，今后账号的验证码和通知会发送到那里。"),
                };
                change_notice(to, locale, Words { subject, happened, if_you: None }, not_me_link)
            }
            (Exposed::ContactRemoved { email, not_me_link }, locale) => {
                let (subject, happened) = match (locale, email) {
                    (Locale::En, true) => ("The email address of your Regain account was removed", "The email address of your Regain account was just removed: it no longer receives the account's codes and notices."),
                    (Locale::En, false) => ("The phone number of your Regain account was removed", "The phone number of your Regain account was just removed: it no longer receives the account's codes and notices."),
                    (Locale::ZhCn, true) => ("您 Regain 账号的邮箱地址已被移除", "您 Regain 账号的邮箱地址刚刚被移除，今后它将不再收到账号的验证码和通知。"),
                    (Locale::ZhCn, false) => ("您 Regain 账号的手机号已被移除", "您 Regain 账号的手机号刚刚被移除，今后它将不再收到账号的验证码和通知。"),
                };
                change_notice(to, locale, Words { subject, happened, if_you: None }, not_me_link)
            }
            (Exposed::DeviceMarkedLost { not_me_link }, locale) => change_notice(
                to,
                locale,
                match locale {
                    Locale::En => Words {
                        subject: "A device of your Regain account was marked lost",
                        happened: "One of the devices signed in to your Regain account was just \
                                   marked lost. It is locked: the app on it asks for the account's \
                                   password before it does anything else.",
                        if_you: None,
                    },
                    Locale::ZhCn => Words {
                        subject: "您 Regain 账号的一台设备已被标记为丢失",
                        happened: "登录您 Regain 账号的一台设备刚刚被标记为丢失，并已锁定：该设备上的应用在做任何事之前都会要求输入账号密码。",
                        if_you: None,
                    },
                },
                not_me_link,
            ),
            (Exposed::SupportContactCode { code, minutes_valid }, Locale::En) => {
                if to.contains('@') {
                    email(
                        to,
                        "Confirm this address for your Regain support request",
                        format!(
                            "Your code is {code}. Enter it in Regain to confirm that support can \
                             reach you here. It is valid for {minutes_valid} minutes and works once.\n\n\
                             If you did not ask Regain's support for help, ignore this message.\n"
                        ),
                    )
                } else {
                    sms(to, format!("Regain: {code} confirms this number for your support request. Valid for {minutes_valid} minutes."))
                }
            }
            (Exposed::SupportContactCode { code, minutes_valid }, Locale::ZhCn) => {
                if to.contains('@') {
                    email(
                        to,
                        "确认您 Regain 支持请求的联系地址",
                        format!(
                            "您的确认码是 {code}。请在 Regain 中输入，以确认支持人员可以通过此地址联系您。确认码 {minutes_valid} 分钟内有效，只能使用一次。\n\n\
                             如果您没有向 Regain 支持寻求帮助，请忽略本邮件。\n"
                        ),
                    )
                } else {
                    sms(to, format!("【Regain】确认码 {code}，用于确认您支持请求的手机号，{minutes_valid} 分钟内有效。"))
                }
            }
            (Exposed::SupportRequestReceived { reference, status_link }, Locale::En) => notice(
                to,
                &format!("Regain support request {reference} received"),
                format!(
                    "We received your support request {reference}. A member of staff will look \
                     at your proofs. You can see where it stands here:\n{status_link}\n\n\
                     Regain staff never ask for a password or a code.\n"
                ),
            ),
            (Exposed::SupportRequestReceived { reference, status_link }, Locale::ZhCn) => notice(
                to,
                &format!("已收到 Regain 支持请求 {reference}"),
                format!(
                    "我们已收到您的支持请求 {reference}，工作人员会查看您提交的证明。您可以在这里查看进度：\n{status_link}\n\n\
                     Regain 工作人员绝不会向您索要密码或验证码。\n"
                ),
            ),
            (Exposed::AssistedRecoveryStarted { wait_hours, cancel_link }, Locale::En) => notice(
                to,
                "Someone asked Regain's support to recover your account",
                format!(
                    "A member of Regain's staff approved a request to recover your account with \
                     proofs of ownership. In {wait_hours} hours, the person who asked will be able \
                     to choose a new password.\n\n\
                     If it was you, there is nothing to do.\n\n\
                     If it was not you, cancel it now:\n{cancel_link}\n\n\
                     Signing in with your current password also cancels it.\n"
                ),
            ),
            (Exposed::AssistedRecoveryStarted { wait_hours, cancel_link }, Locale::ZhCn) => notice(
                to,
                "有人请求 Regain 支持恢复您的账号",
                format!(
                    "Regain 工作人员根据所有权证明批准了恢复您账号的请求。{wait_hours} 小时后，提出请求的人将可以设置新密码。\n\n\
                     如果是您本人，无需任何操作。\n\n\
                     如果不是您本人，请立即取消：\n{cancel_link}\n\n\
                     用当前密码登录也会取消它。\n"
                ),
            ),
            (Exposed::AssistedRecoveryPass { pass_link, hours_valid }, Locale::En) => notice(
                to,
                "Your Regain recovery pass",
                format!(
                    "The waiting period of your support request is over. Open this link to choose \
                     a new password; it works once, for {hours_valid} hours:\n{pass_link}\n\n\
                     Regain staff never ask for a password or a code.\n"
                ),
            ),
            (Exposed::AssistedRecoveryPass { pass_link, hours_valid }, Locale::ZhCn) => notice(
                to,
                "您的 Regain 恢复通行证",
                format!(
                    "您的支持请求的等待期已结束。打开此链接设置新密码；它只能使用一次，{hours_valid} 小时内有效：\n{pass_link}\n\n\
                     Regain 工作人员绝不会向您索要密码或验证码。\n"
                ),
            ),
            (Exposed::ContactClaimed, Locale::En) => {
                let what = if to.contains('@') { "email address" } else { "phone number" };
                notice(
                    to,
                    &format!("Someone tried to use your {what} for a new Regain account"),
                    format!(
                        "Someone just tried to create a Regain account with this {what}, which \
                         already belongs to your account. Nothing was changed, and the new account \
                         cannot use it.\n\n\
                         If this was you, sign in to your existing account instead; if you forgot \
                         its password, recover it in the Regain app.\n"
                    ),
                )
            }
            (Exposed::ContactClaimed, Locale::ZhCn) => {
                let what = if to.contains('@') { "邮箱地址" } else { "手机号" };
                notice(
                    to,
                    &format!("有人试图用您的{what}注册新的 Regain 账号"),
                    format!(
                        "刚刚有人试图用此{what}注册 Regain 账号，而它已属于您的账号。没有任何更改，新账号也无法使用它。\n\n\
                         如果是您本人操作，请直接登录现有账号；如果忘记了密码，请在 Regain 应用中找回。\n"
                    ),
                )
            }
            (Exposed::CircleInvitation { from_name }, Locale::En) => notice(
                to,
                &format!("{from_name} asks you to be a recovery contact"),
                format!(
                    "{from_name} would like you to be one of their recovery contacts on Regain: if \
                     they ever lose every way into their account, you and their other contacts can \
                     vouch for them, and no one of you can do it alone.\n\n\
                     Open the Regain app to accept or decline. If you do not know {from_name}, \
                     decline.\n"
                ),
            ),
            (Exposed::CircleInvitation { from_name }, Locale::ZhCn) => notice(
                to,
                &format!("{from_name} 邀请您成为恢复联系人"),
                format!(
                    "{from_name} 希望您成为其 Regain 账号的恢复联系人：如果对方无法再用任何方式进入账号，您和其他联系人可以为其担保，任何一人都无法单独完成。\n\n\
                     请打开 Regain 应用接受或拒绝。如果您不认识 {from_name}，请拒绝。\n"
                ),
            ),
            (Exposed::CircleInvited { invited_as, not_me_link }, locale) => {
                let (subject, happened) = match locale {
                    Locale::En => (
                        "You invited a recovery contact",
                        format!(
                            "You invited {invited_as} to be one of your recovery contacts on \
                             Regain. Once they accept, they can vouch for you with your other \
                             contacts."
                        ),
                    ),
                    Locale::ZhCn => (
                        "您邀请了一位恢复联系人",
                        format!("您邀请了 {invited_as} 成为您的 Regain 恢复联系人。对方接受后，可与您的其他联系人一起为您担保。"),
                    ),
                };
                change_notice_text(to, locale, subject, &happened, None, not_me_link)
            }
            (Exposed::CircleRulesChanged { not_me_link }, Locale::En) => change_notice(
                to,
                Locale::En,
                Words {
                    subject: "Your recovery contacts were changed",
                    happened: "A recovery contact was removed from your Regain account, or the \
                               number of contacts who must vouch for you was changed.",
                    if_you: None,
                },
                not_me_link,
            ),
            (Exposed::CircleRulesChanged { not_me_link }, Locale::ZhCn) => change_notice(
                to,
                Locale::ZhCn,
                Words {
                    subject: "您的恢复联系人已更改",
                    happened: "您的 Regain 账号移除了一位恢复联系人，或更改了需要为您担保的联系人数量。",
                    if_you: None,
                },
                not_me_link,
            ),
            (Exposed::CircleAccepted { name }, Locale::En) => notice(
                to,
                &format!("{name} is now one of your recovery contacts"),
                format!(
                    "{name} accepted to be one of your recovery contacts on Regain. You can see and \
                     change your recovery contacts in the app's security centre.\n"
                ),
            ),
            (Exposed::CircleAccepted { name }, Locale::ZhCn) => notice(
                to,
                &format!("{name} 已成为您的恢复联系人"),
                format!("{name} 已接受成为您的 Regain 恢复联系人。您可以在应用的安全中心查看和更改恢复联系人。\n"),
            ),
            (Exposed::CircleSteppedDown { name }, Locale::En) => notice(
                to,
                &format!("{name} is no longer one of your recovery contacts"),
                format!(
                    "{name} stepped down as one of your recovery contacts on Regain. Check in the \
                     app's security centre that enough contacts remain to vouch for you, and \
                     invite someone else if not.\n"
                ),
            ),
            (Exposed::CircleSteppedDown { name }, Locale::ZhCn) => notice(
                to,
                &format!("{name} 不再是您的恢复联系人"),
                format!("{name} 已不再担任您的 Regain 恢复联系人。请在应用的安全中心确认仍有足够的联系人可以为您担保，如果不够，请邀请其他人。\n"),
            ),
            (Exposed::VouchRequested { from_name }, Locale::En) => notice(
                to,
                &format!("{from_name} asks you to vouch for them"),
                format!(
                    "{from_name} says they lost every way into their Regain account and asks \
                     you, one of their recovery contacts, to vouch for them.\n\n\
                     Before you do anything, call them or see them in person. Never vouch for \
                     a message, a chat or a call you did not expect: that is how accounts are \
                     stolen. If it is really them, they will read you a code; enter it in your \
                     Regain app's security centre.\n"
                ),
            ),
            (Exposed::VouchRequested { from_name }, Locale::ZhCn) => notice(
                to,
                &format!("{from_name} 请您为其担保"),
                format!(
                    "{from_name} 说已无法通过任何方式进入其 Regain 账号，请您作为其恢复联系人为其担保。\n\n\
                     在做任何操作之前，请先给对方打电话或当面确认。不要因为一条意外的消息、聊天或来电就担保：账号往往就是这样被盗的。\
                     如果确实是本人，对方会念给您一个验证码；请在 Regain 应用的安全中心输入。\n"
                ),
            ),
            (Exposed::VouchedRecoveryStarted { wait_hours, cancel_link }, Locale::En) => notice(
                to,
                "Your recovery contacts vouched for a recovery of your account",
                format!(
                    "Enough of your recovery contacts vouched for someone recovering your Regain \
                     account. In {wait_hours} hours at most, that person will be able to choose \
                     a new password.\n\n\
                     If it was you, there is nothing to do.\n\n\
                     If it was not you, cancel it now:\n{cancel_link}\n\n\
                     Signing in with your current password also cancels it.\n"
                ),
            ),
            (Exposed::VouchedRecoveryStarted { wait_hours, cancel_link }, Locale::ZhCn) => notice(
                to,
                "您的恢复联系人为一次账号恢复作了担保",
                format!(
                    "足够多的恢复联系人为正在恢复您 Regain 账号的人作了担保。最多 {wait_hours} 小时后，此人将可以设置新密码。\n\n\
                     如果是您本人，无需任何操作。\n\n\
                     如果不是您本人，请立即取消：\n{cancel_link}\n\n\
                     用当前密码登录也会取消它。\n"
                ),
            ),
            (Exposed::VouchDeclined { name, dont_know, not_me_link }, locale) => {
                let (subject, happened) = match (locale, dont_know) {
                    (Locale::En, true) => (
                        "A recovery of your account was stopped",
                        format!(
                            "Someone asked your recovery contacts to vouch for a recovery of your \
                             Regain account, and {name} said they know nothing about it. The \
                             recovery was stopped."
                        ),
                    ),
                    (Locale::En, false) => (
                        "A recovery of your account was stopped",
                        format!(
                            "Someone asked your recovery contacts to vouch for a recovery of your \
                             Regain account, and {name} declined. The recovery was stopped."
                        ),
                    ),
                    (Locale::ZhCn, true) => (
                        "您账号的一次恢复已被停止",
                        format!("有人请您的恢复联系人为恢复您的 Regain 账号作担保，{name} 表示对此毫不知情。此次恢复已被停止。"),
                    ),
                    (Locale::ZhCn, false) => (
                        "您账号的一次恢复已被停止",
                        format!("有人请您的恢复联系人为恢复您的 Regain 账号作担保，{name} 拒绝了。此次恢复已被停止。"),
                    ),
                };
                change_notice_text(to, locale, subject, &happened, None, not_me_link)
            }
        }
    }
}

/// The template's values, readable, for rendering only.
#[derive(Clone, Copy)]
enum Exposed<'a> {
    ConfirmEmail { code: &'a str, minutes_valid: u32 },
    ConfirmPhone { code: &'a str, minutes_valid: u32 },
    RecoveryEmail { code: &'a str, minutes_valid: u32, link: &'a str },
    RecoverySms { code: &'a str, minutes_valid: u32 },
    PasswordReset { not_me_link: &'a str, by_questions_only: bool },
    PasswordChanged { not_me_link: &'a str },
    SecurityQuestionsChanged { not_me_link: &'a str },
    SecondFactorAdded { not_me_link: &'a str },
    SecondFactorRemoved { not_me_link: &'a str },
    RecoveryCodesRegenerated { not_me_link: &'a str },
    ContactChanged { email: bool, not_me_link: &'a str },
    ContactRemoved { email: bool, not_me_link: &'a str },
    DeviceMarkedLost { not_me_link: &'a str },
    SupportContactCode { code: &'a str, minutes_valid: u32 },
    SupportRequestReceived { reference: &'a str, status_link: &'a str },
    AssistedRecoveryStarted { wait_hours: u32, cancel_link: &'a str },
    AssistedRecoveryPass { pass_link: &'a str, hours_valid: u32 },
    ContactClaimed,
    CircleInvitation { from_name: &'a str },
    CircleInvited { invited_as: &'a str, not_me_link: &'a str },
    CircleAccepted { name: &'a str },
    CircleSteppedDown { name: &'a str },
    CircleRulesChanged { not_me_link: &'a str },
    VouchRequested { from_name: &'a str },
    VouchedRecoveryStarted { wait_hours: u32, cancel_link: &'a str },
    VouchDeclined { name: &'a str, dont_know: bool, not_me_link: &'a str },
}

impl Template {
    fn exposed(&self) -> Exposed<'_> {
        match self {
            Self::ConfirmEmail { code, minutes_valid } => {
                Exposed::ConfirmEmail { code: code.expose(), minutes_valid: *minutes_valid }
            }
            Self::ConfirmPhone { code, minutes_valid } => {
                Exposed::ConfirmPhone { code: code.expose(), minutes_valid: *minutes_valid }
            }
            Self::RecoveryEmail { code, minutes_valid, link } => Exposed::RecoveryEmail {
                code: code.expose(),
                minutes_valid: *minutes_valid,
                link: link.expose(),
            },
            Self::RecoverySms { code, minutes_valid } => {
                Exposed::RecoverySms { code: code.expose(), minutes_valid: *minutes_valid }
            }
            Self::PasswordReset { not_me_link, by_questions_only } => Exposed::PasswordReset {
                not_me_link: not_me_link.expose(),
                by_questions_only: *by_questions_only,
            },
            Self::PasswordChanged { not_me_link } => {
                Exposed::PasswordChanged { not_me_link: not_me_link.expose() }
            }
            Self::SecurityQuestionsChanged { not_me_link } => {
                Exposed::SecurityQuestionsChanged { not_me_link: not_me_link.expose() }
            }
            Self::SecondFactorAdded { not_me_link } => {
                Exposed::SecondFactorAdded { not_me_link: not_me_link.expose() }
            }
            Self::SecondFactorRemoved { not_me_link } => {
                Exposed::SecondFactorRemoved { not_me_link: not_me_link.expose() }
            }
            Self::RecoveryCodesRegenerated { not_me_link } => {
                Exposed::RecoveryCodesRegenerated { not_me_link: not_me_link.expose() }
            }
            Self::ContactChanged { email, not_me_link } => {
                Exposed::ContactChanged { email: *email, not_me_link: not_me_link.expose() }
            }
            Self::ContactRemoved { email, not_me_link } => {
                Exposed::ContactRemoved { email: *email, not_me_link: not_me_link.expose() }
            }
            Self::DeviceMarkedLost { not_me_link } => {
                Exposed::DeviceMarkedLost { not_me_link: not_me_link.expose() }
            }
            Self::SupportContactCode { code, minutes_valid } => {
                Exposed::SupportContactCode { code: code.expose(), minutes_valid: *minutes_valid }
            }
            Self::SupportRequestReceived { reference, status_link } => {
                Exposed::SupportRequestReceived { reference, status_link: status_link.expose() }
            }
            Self::AssistedRecoveryStarted { wait_hours, cancel_link } => {
                Exposed::AssistedRecoveryStarted {
                    wait_hours: *wait_hours,
                    cancel_link: cancel_link.expose(),
                }
            }
            Self::AssistedRecoveryPass { pass_link, hours_valid } => {
                Exposed::AssistedRecoveryPass {
                    pass_link: pass_link.expose(),
                    hours_valid: *hours_valid,
                }
            }
            Self::ContactClaimed => Exposed::ContactClaimed,
            Self::CircleInvitation { from_name } => Exposed::CircleInvitation { from_name },
            Self::CircleInvited { invited_as, not_me_link } => {
                Exposed::CircleInvited { invited_as, not_me_link: not_me_link.expose() }
            }
            Self::CircleAccepted { name } => Exposed::CircleAccepted { name },
            Self::CircleSteppedDown { name } => Exposed::CircleSteppedDown { name },
            Self::CircleRulesChanged { not_me_link } => {
                Exposed::CircleRulesChanged { not_me_link: not_me_link.expose() }
            }
            Self::VouchRequested { from_name } => Exposed::VouchRequested { from_name },
            Self::VouchedRecoveryStarted { wait_hours, cancel_link } => {
                Exposed::VouchedRecoveryStarted {
                    wait_hours: *wait_hours,
                    cancel_link: cancel_link.expose(),
                }
            }
            Self::VouchDeclined { name, dont_know, not_me_link } => Exposed::VouchDeclined {
                name,
                dont_know: *dont_know,
                not_me_link: not_me_link.expose(),
            },
        }
    }
}

fn email(to: &str, subject: &str, body: String) -> Message {
    Message {
        channel: ChannelKind::Email,
        to: to.to_owned(),
        subject: Some(subject.to_owned()),
        body,
    }
}

/// What a notice of a change says in one language: its subject, what happened, and what the
/// owner does if it was them (nothing, unless said).
struct Words {
    subject: &'static str,
    happened: &'static str,
    if_you: Option<&'static str>,
}

/// A notice of a change: what happened, then the "this wasn't me" link that signs every device
/// out and takes the account back, in the owner's language.
fn change_notice(to: &str, locale: Locale, words: Words, not_me_link: &str) -> Message {
    let Words { subject, happened, if_you } = words;
    change_notice_text(to, locale, subject, happened, if_you, not_me_link)
}

/// [`change_notice`] with words made for this notice.
fn change_notice_text(
    to: &str,
    locale: Locale,
    subject: &str,
    happened: &str,
    if_you: Option<&str>,
    not_me_link: &str,
) -> Message {
    let body = match locale {
        Locale::En => format!(
            "{happened}\n\nIf this was you, {}\n\nIf this wasn't you, open this link at once: it \
             signs out every device and lets you take the account back:\n{not_me_link}\n",
            if_you.unwrap_or("there is nothing to do.")
        ),
        Locale::ZhCn => format!(
            "{happened}\n\n如果是您本人操作，{}\n\n如果不是您本人操作，请立即打开此链接，它会退出所有设备并帮助您取回账号：\n{not_me_link}\n",
            if_you.unwrap_or("无需任何处理。")
        ),
    };
    notice(to, subject, body)
}

/// A security notice: an email with a subject to an address, an SMS (subject first) to a number.
fn notice(to: &str, subject: &str, body: String) -> Message {
    if to.contains('@') {
        email(to, subject, body)
    } else {
        sms(to, format!("Regain: {subject}. {body}"))
    }
}

fn sms(to: &str, body: String) -> Message {
    Message { channel: ChannelKind::Sms, to: to.to_owned(), subject: None, body }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_from_tags() {
        assert_eq!(Locale::from_tag(Some("zh-Hans-CN")), Locale::ZhCn);
        assert_eq!(Locale::from_tag(Some("zh-CN")), Locale::ZhCn);
        assert_eq!(Locale::from_tag(Some("en-GB")), Locale::En);
        assert_eq!(Locale::from_tag(Some("zh-TW")), Locale::En);
        assert_eq!(Locale::from_tag(None), Locale::En);
    }

    #[test]
    fn every_template_renders_the_code_in_every_locale() {
        for locale in [Locale::En, Locale::ZhCn] {
            let email = Template::ConfirmEmail { code: "482913".into(), minutes_valid: 10 }
                .render("a@example.com", locale);
            assert_eq!(email.channel, ChannelKind::Email);
            assert!(email.subject.is_some());
            assert!(email.body.contains("482913") && email.body.contains("10"));

            let sms = Template::ConfirmPhone { code: "482913".into(), minutes_valid: 10 }
                .render("+447700900123", locale);
            assert_eq!(sms.channel, ChannelKind::Sms);
            assert!(sms.body.contains("482913"));
        }
    }

    #[test]
    fn recovery_messages_carry_code_and_link_and_notices_go_by_either_channel() {
        for locale in [Locale::En, Locale::ZhCn] {
            let message = Template::RecoveryEmail {
                code: "730194".into(),
                minutes_valid: 10,
                link: "https://regain.example/recover/link?flow=rf_1&token=rgl_x".into(),
            }
            .render("a@example.com", locale);
            assert!(
                message.body.contains("730194")
                    && message.body.contains("https://regain.example/recover/link")
            );
            let sms = Template::RecoverySms { code: "730194".into(), minutes_valid: 10 }
                .render("+12015550123", locale);
            assert!(sms.body.contains("730194"));
            let reset = Template::PasswordReset {
                not_me_link: "https://r.example/not-me".into(),
                by_questions_only: true,
            };
            assert_eq!(reset.render("a@example.com", locale).channel, ChannelKind::Email);
            let by_sms = reset.render("+12015550123", locale);
            assert_eq!(by_sms.channel, ChannelKind::Sms);
            assert!(by_sms.body.contains("https://r.example/not-me"));
            for notice in [
                Template::PasswordChanged { not_me_link: "https://r.example/not-me".into() },
                Template::SecurityQuestionsChanged {
                    not_me_link: "https://r.example/not-me".into(),
                },
                Template::SecondFactorAdded { not_me_link: "https://r.example/not-me".into() },
                Template::SecondFactorRemoved { not_me_link: "https://r.example/not-me".into() },
                Template::RecoveryCodesRegenerated {
                    not_me_link: "https://r.example/not-me".into(),
                },
                Template::ContactChanged {
                    email: true,
                    not_me_link: "https://r.example/not-me".into(),
                },
                Template::ContactRemoved {
                    email: false,
                    not_me_link: "https://r.example/not-me".into(),
                },
                Template::DeviceMarkedLost { not_me_link: "https://r.example/not-me".into() },
            ] {
                for to in ["a@example.com", "+12015550123"] {
                    assert!(notice.render(to, locale).body.contains("https://r.example/not-me"));
                }
            }
            let claimed = Template::ContactClaimed.render("a@example.com", locale);
            assert_eq!(claimed.channel, ChannelKind::Email);
            assert!(!claimed.body.chars().any(|c| c.is_ascii_digit()), "no code in the notice");
        }
    }

    #[test]
    fn support_messages_carry_the_code_or_the_reference_and_link() {
        for locale in [Locale::En, Locale::ZhCn] {
            let code = Template::SupportContactCode { code: "615204".into(), minutes_valid: 15 };
            for to in ["a@example.com", "+12015550123"] {
                let message = code.render(to, locale);
                assert!(message.body.contains("615204") && message.body.contains("15"));
            }
            let received = Template::SupportRequestReceived {
                reference: "RG-7KQ2-M9XD".into(),
                status_link: "https://r.example/support/status?token=rgq_x".into(),
            };
            for to in ["a@example.com", "+12015550123"] {
                let message = received.render(to, locale);
                assert!(message.body.contains("RG-7KQ2-M9XD"));
                assert!(message.body.contains("https://r.example/support/status?token=rgq_x"));
            }
        }
    }

    #[test]
    fn assisted_recovery_messages_carry_their_links() {
        for locale in [Locale::En, Locale::ZhCn] {
            let started = Template::AssistedRecoveryStarted {
                wait_hours: 72,
                cancel_link: "https://r.example/support/cancel?token=rgc_x".into(),
            };
            let pass = Template::AssistedRecoveryPass {
                pass_link: "https://r.example/support/pass?pass=rgp_y".into(),
                hours_valid: 24,
            };
            for to in ["a@example.com", "+12015550123"] {
                let message = started.render(to, locale);
                assert!(message.body.contains("72"));
                assert!(message.body.contains("https://r.example/support/cancel?token=rgc_x"));
                let message = pass.render(to, locale);
                assert!(message.body.contains("24"));
                assert!(message.body.contains("https://r.example/support/pass?pass=rgp_y"));
            }
        }
    }

    #[test]
    fn recovery_contact_messages_name_who_and_the_invitation_carries_no_link() {
        for locale in [Locale::En, Locale::ZhCn] {
            for to in ["a@example.com", "+12015550123"] {
                let invitation = Template::CircleInvitation { from_name: "Li Wei".into() };
                let message = invitation.render(to, locale);
                assert!(message.body.contains("Li Wei"));
                assert!(!message.body.contains("http"), "answered in the app, never by a link");
                let invited = Template::CircleInvited {
                    invited_as: "j•••@example.com".into(),
                    not_me_link: "https://r.example/not-me".into(),
                };
                let message = invited.render(to, locale);
                assert!(message.body.contains("j•••@example.com"));
                assert!(message.body.contains("https://r.example/not-me"));
                let changed =
                    Template::CircleRulesChanged { not_me_link: "https://r.example/not-me".into() };
                assert!(changed.render(to, locale).body.contains("https://r.example/not-me"));
                for notice in [
                    Template::CircleAccepted { name: "Ana".into() },
                    Template::CircleSteppedDown { name: "Ana".into() },
                ] {
                    assert!(notice.render(to, locale).body.contains("Ana"));
                }
            }
        }
    }

    #[test]
    fn debug_hides_the_code() {
        let shown =
            format!("{:?}", Template::ConfirmPhone { code: "482913".into(), minutes_valid: 10 });
        assert!(!shown.contains("482913"));
    }
}
