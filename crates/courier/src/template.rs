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
#[derive(Clone, PartialEq, Eq)]
pub enum Template {
    /// Confirm a new email address with a code.
    ConfirmEmail { code: String, minutes_valid: u32 },
    /// Confirm a new phone number with a code.
    ConfirmPhone { code: String, minutes_valid: u32 },
}

impl std::fmt::Debug for Template {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match self {
            Self::ConfirmEmail { .. } => "ConfirmEmail",
            Self::ConfirmPhone { .. } => "ConfirmPhone",
        };
        write!(f, "Template::{name}(<redacted>)")
    }
}

impl Template {
    /// The message for `to`, in `locale`.
    pub fn render(&self, to: &str, locale: Locale) -> Message {
        match (self, locale) {
            (Self::ConfirmEmail { code, minutes_valid }, Locale::En) => email(
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
            (Self::ConfirmEmail { code, minutes_valid }, Locale::ZhCn) => email(
                to,
                "确认您在 Regain 的邮箱地址",
                format!(
                    "您的 Regain 确认码是 {code}。\n\n\
                     请在 Regain 中输入此确认码以确认该邮箱地址。确认码 {minutes_valid} 分钟内有效，只能使用一次。\n\n\
                     如果您没有将此地址添加到 Regain 帐号，请忽略本邮件：在输入确认码之前不会有任何更改。\n"
                ),
            ),
            (Self::ConfirmPhone { code, minutes_valid }, Locale::En) => sms(
                to,
                format!(
                    "Regain: {code} is your code to confirm this phone number. Valid for \
                     {minutes_valid} minutes. Never share it with anyone."
                ),
            ),
            (Self::ConfirmPhone { code, minutes_valid }, Locale::ZhCn) => sms(
                to,
                format!("【Regain】确认码 {code}，用于确认此手机号，{minutes_valid} 分钟内有效。请勿告诉任何人。"),
            ),
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
    fn debug_hides_the_code() {
        let shown =
            format!("{:?}", Template::ConfirmPhone { code: "482913".into(), minutes_valid: 10 });
        assert!(!shown.contains("482913"));
    }
}
