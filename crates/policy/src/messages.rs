//! Every text the policy can show, by stable message key (`password.reason.common`), in every
//! language Regain speaks: the catalogs of `regain-i18n` hold them as `password-reason-common`.
//! The app's screens keep the same keys in their own catalogs; a key without a text in any
//! language is a test failure.

pub use regain_i18n::Language;

/// The guidance shown beside a new-password field, in order. The standards (NIST SP 800-63B-4,
/// OWASP ASVS 6.2) forbid composition rules; these tips teach what actually helps.
pub const GUIDANCE: &[&str] = &[
    "password.tip.length",
    "password.tip.personal",
    "password.tip.reuse",
    "password.tip.manager",
    "password.tip.two_step",
];

/// The groups of the policy's keys (`password.<group>.<name>`); other `password.*` messages in
/// the catalogs (the notices of a reset or a change) are not the policy's.
const GROUPS: &[&str] = &["reason", "warning", "suggestion", "tip", "breach_check"];

/// The text of `key` in `language` (English's where the language lacks it), `min` filling in
/// the minimum length where a text names it (`too_short`), or `None` for a key that is not one
/// of the policy's.
pub fn text(key: &str, language: Language, min: usize) -> Option<String> {
    let rest = key.strip_prefix("password.")?;
    let (group, _) = rest.split_once('.')?;
    if !GROUPS.contains(&group) {
        return None;
    }
    let id = format!("password-{}", rest.replace('.', "-"));
    let mut args = regain_i18n::Args::new();
    args.set("min", min);
    Language::english().has(&id, None).then(|| language.text(&id, &args))
}
