use regain_i18n::{Args, Language, Value};
use regain_secret::Secret;

use crate::{ChannelKind, Message};

/// Every message Regain sends. Rendering is a pure function of the template and the language.
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
    /// The message for `to` (an email address or a phone number) in `language`. Every link in
    /// it carries the language, so the page it opens speaks it too.
    pub fn render(&self, to: &str, language: Language) -> Message {
        let kind = |email: bool| if email { "email" } else { "phone" };
        let yes_no = |yes: bool| if yes { "yes" } else { "no" };
        let link = |link: &str| with_language(link, language);
        let words = Words { language, to };
        let by_email = words.by_email();
        match self.exposed() {
            Exposed::ConfirmEmail { code, minutes_valid } => {
                words.email("confirm-email", args([("code", code.into())], minutes_valid, None))
            }
            Exposed::ConfirmPhone { code, minutes_valid } => {
                words.sms("confirm-phone-sms", args([("code", code.into())], minutes_valid, None))
            }
            Exposed::RecoveryEmail { code, minutes_valid, link: url } => words.email(
                "recovery-email",
                args([("code", code.into()), ("link", link(url).into())], minutes_valid, None),
            ),
            Exposed::RecoverySms { code, minutes_valid } => {
                words.sms("recovery-sms", args([("code", code.into())], minutes_valid, None))
            }
            Exposed::PasswordReset { not_me_link, by_questions_only } => words.change_notice(
                "password-reset",
                args([("questions-only", yes_no(by_questions_only).into())], None, None),
                &link(not_me_link),
            ),
            Exposed::PasswordChanged { not_me_link } => {
                words.change_notice("password-changed", Args::new(), &link(not_me_link))
            }
            Exposed::SecurityQuestionsChanged { not_me_link } => {
                words.change_notice("security-questions-changed", Args::new(), &link(not_me_link))
            }
            Exposed::SecondFactorAdded { not_me_link } => {
                words.change_notice("second-factor-added", Args::new(), &link(not_me_link))
            }
            Exposed::SecondFactorRemoved { not_me_link } => {
                words.change_notice("second-factor-removed", Args::new(), &link(not_me_link))
            }
            Exposed::RecoveryCodesRegenerated { not_me_link } => {
                words.change_notice("recovery-codes-regenerated", Args::new(), &link(not_me_link))
            }
            Exposed::ContactChanged { email, not_me_link } => words.change_notice(
                "contact-changed",
                args([("kind", kind(email).into())], None, None),
                &link(not_me_link),
            ),
            Exposed::ContactRemoved { email, not_me_link } => words.change_notice(
                "contact-removed",
                args([("kind", kind(email).into())], None, None),
                &link(not_me_link),
            ),
            Exposed::DeviceMarkedLost { not_me_link } => {
                words.change_notice("device-marked-lost", Args::new(), &link(not_me_link))
            }
            Exposed::SupportContactCode { code, minutes_valid } => {
                let values = args([("code", code.into())], minutes_valid, None);
                if by_email {
                    words.email("support-contact-code", values)
                } else {
                    words.sms("support-contact-code-sms", values)
                }
            }
            Exposed::SupportRequestReceived { reference, status_link } => words.notice(
                "support-request-received",
                args(
                    [("reference", reference.into()), ("link", link(status_link).into())],
                    None,
                    None,
                ),
            ),
            Exposed::AssistedRecoveryStarted { wait_hours, cancel_link } => words.notice(
                "assisted-recovery-started",
                args([("link", link(cancel_link).into())], None, wait_hours),
            ),
            Exposed::AssistedRecoveryPass { pass_link, hours_valid } => words.notice(
                "assisted-recovery-pass",
                args([("link", link(pass_link).into())], None, hours_valid),
            ),
            Exposed::ContactClaimed => {
                words.notice("contact-claimed", args([("kind", kind(by_email).into())], None, None))
            }
            Exposed::CircleInvitation { from_name } => {
                words.notice("circle-invitation", args([("name", from_name.into())], None, None))
            }
            Exposed::CircleInvited { invited_as, not_me_link } => words.change_notice(
                "circle-invited",
                args([("name", invited_as.into())], None, None),
                &link(not_me_link),
            ),
            Exposed::CircleAccepted { name } => {
                words.notice("circle-accepted", args([("name", name.into())], None, None))
            }
            Exposed::CircleSteppedDown { name } => {
                words.notice("circle-stepped-down", args([("name", name.into())], None, None))
            }
            Exposed::CircleRulesChanged { not_me_link } => {
                words.change_notice("circle-rules-changed", Args::new(), &link(not_me_link))
            }
            Exposed::VouchRequested { from_name } => {
                words.notice("vouch-requested", args([("name", from_name.into())], None, None))
            }
            Exposed::VouchedRecoveryStarted { wait_hours, cancel_link } => words.notice(
                "vouched-recovery-started",
                args([("link", link(cancel_link).into())], None, wait_hours),
            ),
            Exposed::VouchDeclined { name, dont_know, not_me_link } => words.change_notice(
                "vouch-declined",
                args([("name", name.into()), ("dont-know", yes_no(dont_know).into())], None, None),
                &link(not_me_link),
            ),
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

/// A message's values: texts, and the minutes or hours its plural forms are chosen by.
fn args<'a, const N: usize>(
    texts: [(&'static str, Value<'a>); N],
    minutes: impl Into<Option<u32>>,
    hours: impl Into<Option<u32>>,
) -> Args<'a> {
    let mut args = Args::new();
    for (name, value) in texts {
        args.set(name, value);
    }
    if let Some(minutes) = minutes.into() {
        args.set("minutes", minutes);
    }
    if let Some(hours) = hours.into() {
        args.set("hours", hours);
    }
    args
}

/// `link` with the language the message is written in, for the page it opens.
fn with_language(link: &str, language: Language) -> String {
    let separator = if link.contains('?') { '&' } else { '?' };
    format!("{link}{separator}lang={}", language.tag())
}

/// The words of one message: its language and recipient.
struct Words<'a> {
    language: Language,
    to: &'a str,
}

impl Words<'_> {
    /// An email: the message's `.subject` and its value as the body.
    fn email(&self, id: &str, args: Args) -> Message {
        let subject = self.language.attribute(id, "subject", &args);
        self.email_of(subject, &self.language.text(id, &args))
    }

    fn email_of(&self, subject: String, body: &str) -> Message {
        Message {
            channel: ChannelKind::Email,
            to: self.to.to_owned(),
            subject: Some(subject),
            body: format!("{body}\n"),
        }
    }

    /// Whether the recipient is an email address (else a phone number).
    fn by_email(&self) -> bool {
        self.to.contains('@')
    }

    /// An SMS: the message's value.
    fn sms(&self, id: &str, args: Args) -> Message {
        Message {
            channel: ChannelKind::Sms,
            to: self.to.to_owned(),
            subject: None,
            body: self.language.text(id, &args),
        }
    }

    /// A security notice: an email to an address; to a number, an SMS with the subject first.
    fn notice(&self, id: &str, args: Args) -> Message {
        let subject = self.language.attribute(id, "subject", &args);
        let body = self.language.text(id, &args);
        self.either(subject, body)
    }

    /// A notice of a change: what happened, what to do if it was the owner, and the "this
    /// wasn't me" link that signs every device out and takes the account back.
    fn change_notice(&self, id: &str, args: Args, not_me_link: &str) -> Message {
        let language = self.language;
        let subject = language.attribute(id, "subject", &args);
        let if_you = language
            .optional_attribute(id, "if-you", &args)
            .unwrap_or_else(|| language.text("notice-if-you", &Args::new()));
        let not_me =
            language.text("notice-not-me", &self::args([("link", not_me_link.into())], None, None));
        let body = [language.text(id, &args), if_you, not_me].join("\n\n");
        self.either(subject, body)
    }

    fn either(&self, subject: String, body: String) -> Message {
        if self.by_email() {
            self.email_of(subject, &body)
        } else {
            let sms = args([("subject", subject.into()), ("body", body.into())], None, None);
            self.sms("sms-notice", sms)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_renders_the_code_in_every_locale() {
        for locale in Language::all() {
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
        for locale in Language::all() {
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
        for locale in Language::all() {
            let code = Template::SupportContactCode { code: "482903".into(), minutes_valid: 15 };
            for to in ["a@example.com", "+12015550123"] {
                let message = code.render(to, locale);
                assert!(message.body.contains("482903") && message.body.contains("15"));
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
        for locale in Language::all() {
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
        for locale in Language::all() {
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

    /// How many SMS segments `text` takes: 160 GSM-7 septets (the extension table's characters
    /// count two), or 70 UTF-16 units for text outside that alphabet.
    fn segments(text: &str) -> usize {
        const BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡\
                             ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
        const EXTENSION: &str = "^{}\\[~]|€\u{c}";
        let gsm = text.chars().all(|c| BASIC.contains(c) || EXTENSION.contains(c));
        let (units, single, multi) = if gsm {
            (text.chars().map(|c| if EXTENSION.contains(c) { 2 } else { 1 }).sum(), 160, 153)
        } else {
            (text.encode_utf16().count(), 70, 67)
        };
        if units <= single {
            1
        } else {
            units.div_ceil(multi)
        }
    }

    #[test]
    fn segments_are_counted_by_alphabet() {
        assert_eq!(segments(&"a".repeat(160)), 1);
        assert_eq!(segments(&"a".repeat(161)), 2);
        assert_eq!(segments(&"€".repeat(80)), 1, "two septets each");
        assert_eq!(segments(&"€".repeat(81)), 2);
        assert_eq!(segments(&"á".repeat(70)), 1, "not GSM-7: UCS-2");
        assert_eq!(segments(&"á".repeat(71)), 2);
        assert_eq!(segments(&"क".repeat(71)), 2);
    }

    #[test]
    fn a_code_sms_fits_one_segment_in_every_language() {
        for language in Language::all() {
            for minutes in 1..=30 {
                for template in [
                    Template::ConfirmPhone { code: "482913".into(), minutes_valid: minutes },
                    Template::RecoverySms { code: "482913".into(), minutes_valid: minutes },
                    Template::SupportContactCode { code: "482913".into(), minutes_valid: minutes },
                ] {
                    let sms = template.render("+919876543210", language);
                    assert_eq!(sms.channel, ChannelKind::Sms);
                    assert!(sms.body.contains("482913"), "{language}: {}", sms.body);
                    assert_eq!(segments(&sms.body), 1, "{language}, {minutes} min: {}", sms.body);
                }
            }
        }
    }

    #[test]
    fn the_reset_notice_in_every_language_carries_its_this_wasnt_me_link_in_that_language() {
        let english = Template::PasswordReset {
            not_me_link: "https://r.example/recover/not-me?token=rgn_x".into(),
            by_questions_only: false,
        }
        .render("a@example.com", Language::english());
        for language in Language::all() {
            for questions_only in [false, true] {
                let reset = Template::PasswordReset {
                    not_me_link: "https://r.example/recover/not-me?token=rgn_x".into(),
                    by_questions_only: questions_only,
                };
                let link = format!("https://r.example/recover/not-me?token=rgn_x&lang={language}");
                let email = reset.render("a@example.com", language);
                assert!(email.body.contains(&link), "{language}: {}", email.body);
                let subject = email.subject.expect("an email has a subject");
                if language != Language::english() {
                    assert_ne!(Some(subject), english.subject, "{language} has its own words");
                    assert_ne!(email.body, english.body, "{language} has its own words");
                }
                assert!(reset.render("+919876543210", language).body.contains(&link));
            }
        }
    }

    #[test]
    fn plural_forms_follow_the_count() {
        let sms = |n| {
            Template::RecoverySms { code: "482913".into(), minutes_valid: n }
                .render("+12015550123", Language::english())
                .body
        };
        assert!(sms(1).contains("valid for 1 minute."), "{}", sms(1));
        assert!(sms(10).contains("valid for 10 minutes."), "{}", sms(10));
    }

    #[test]
    fn debug_hides_the_code() {
        let shown =
            format!("{:?}", Template::ConfirmPhone { code: "482913".into(), minutes_valid: 10 });
        assert!(!shown.contains("482913"));
    }
}
