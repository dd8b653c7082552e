//! Regain's password policy: one [`evaluate`] that the server enforces (the authority) and the
//! app runs on every keystroke (guidance).
//!
//! It owns the rules and their stable reason codes (SECURITY.md S14-S15): length in code points,
//! the bundled list of the 100,000 most common passwords, the account's own words, zxcvbn's
//! strength estimate, and the reason for reuse (the server compares hashes, since only it has
//! them). The core does no I/O: no network, no files, no clock, so the app can run it offline
//! and the server on any thread. The optional breach check ([`breach`], feature `breach`) is the
//! one part that talks to a network, and its result is an input to [`evaluate`], never a
//! condition of it. Must not depend on the server, the store or the protocol crate.
//!
//! Normalisation: a password is NFKC-normalised before it is counted, checked or hashed
//! ([`normalize`]), so the same password typed on two keyboards (full-width digits, composed or
//! decomposed accents) is the same password. Nothing is ever truncated and no character class is
//! required.

mod blocklist;
#[cfg(feature = "breach")]
pub mod breach;
mod messages;
mod personal;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

pub use messages::{text, Language, GUIDANCE};
pub use personal::PersonalKind;

/// zxcvbn is run over at most this many code points: its matching grows fast with length, and
/// a password this long is already far beyond any threshold when its prefix is.
const ZXCVBN_MAX_CHARS: usize = 100;

/// The policy's numbers; each is a setting of the server's configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Minimum length in code points for an account with a password only (NIST 800-63B-4: 15).
    pub min_length_single_factor: usize,
    /// Minimum length in code points for an account with a second factor (NIST 800-63B-4: 8).
    pub min_length_with_second_factor: usize,
    /// Maximum length in code points; longer ones are refused, never truncated.
    pub max_length: usize,
    /// Lowest acceptable zxcvbn score (0-4).
    pub min_score: u8,
    /// How many recent passwords may not be chosen again (the current one counts).
    pub history: usize,
    /// A Have-I-Been-Pwned-compatible range API ending in `/range/`; off when empty.
    pub breach_range_url: String,
    pub breach_timeout_ms: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            min_length_single_factor: 15,
            min_length_with_second_factor: 8,
            max_length: 256,
            min_score: 3,
            history: 5,
            breach_range_url: String::new(),
            breach_timeout_ms: 2000,
        }
    }
}

impl Settings {
    /// Problems with these numbers, all at once (for `config check`).
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.min_length_single_factor < 15 {
            problems.push(
                "password.min_length_single_factor must be at least 15 (NIST SP 800-63B-4)"
                    .to_owned(),
            );
        }
        if self.min_length_with_second_factor < 8 {
            problems.push(
                "password.min_length_with_second_factor must be at least 8 (NIST SP 800-63B-4)"
                    .to_owned(),
            );
        }
        if self.max_length < 64 {
            problems.push("password.max_length must be at least 64 so passphrases fit".to_owned());
        }
        if self.max_length < self.min_length_single_factor {
            problems.push("password.max_length must not be below the minimum length".to_owned());
        }
        if self.min_score > 4 {
            problems.push("password.min_score is a zxcvbn score, 0 to 4".to_owned());
        }
        if self.history == 0 {
            problems.push(
                "password.history must be at least 1 (SECURITY.md S15: the last 5)".to_owned(),
            );
        }
        let url = &self.breach_range_url;
        let acceptable_url =
            url.is_empty() || url.starts_with("https://") || url.starts_with("http://127.0.0.1");
        if !acceptable_url {
            problems.push(
                "password.breach_range_url must be https:// (plain http only on loopback)"
                    .to_owned(),
            );
        }
        problems
    }
}

/// What the policy knows about the account whose password is being chosen.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Context {
    has_second_factor: bool,
    words: Vec<personal::Word>,
    breach: BreachStatus,
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("has_second_factor", &self.has_second_factor)
            .field("words", &self.words.len())
            .field("breach", &self.breach)
            .finish()
    }
}

impl Context {
    /// A context with only the service's own name (a sign-up form before it is filled in).
    pub fn new() -> Self {
        let mut context = Self::default();
        personal::push(&mut context.words, PersonalKind::ServiceName, "regain");
        context
    }

    pub fn with_second_factor(mut self, has_second_factor: bool) -> Self {
        self.has_second_factor = has_second_factor;
        self
    }

    /// The display name, whole and word by word.
    pub fn name(mut self, display_name: &str) -> Self {
        personal::push(&mut self.words, PersonalKind::Name, display_name);
        for part in display_name.split_whitespace() {
            personal::push(&mut self.words, PersonalKind::Name, part);
        }
        self
    }

    /// The email, its local part and the parts of that (`li.wei` → `liwei`, `li`, `wei`).
    pub fn email(mut self, email: &str) -> Self {
        personal::push(&mut self.words, PersonalKind::Email, email);
        if let Some((local, _)) = email.rsplit_once('@') {
            personal::push(&mut self.words, PersonalKind::Email, local);
            for part in local.split(['.', '_', '-', '+']) {
                personal::push(&mut self.words, PersonalKind::Email, part);
            }
        }
        self
    }

    /// The phone number: all its digits, and the national number without the country code.
    pub fn phone(mut self, e164: &str, country_code: u16) -> Self {
        let digits: String = e164.chars().filter(char::is_ascii_digit).collect();
        personal::push(&mut self.words, PersonalKind::Phone, &digits);
        if let Some(national) = digits.strip_prefix(&country_code.to_string()) {
            personal::push(&mut self.words, PersonalKind::Phone, national);
        }
        self
    }

    pub fn account_id(mut self, account_id: u64) -> Self {
        personal::push(&mut self.words, PersonalKind::AccountId, &account_id.to_string());
        self
    }

    /// `YYYY-MM-DD`, kept out in the forms people write it.
    pub fn birthday(mut self, birthday: &str) -> Self {
        for form in personal::birthday_forms(birthday) {
            personal::push(&mut self.words, PersonalKind::Birthday, &form);
        }
        self
    }

    /// The result of the breach check, when one was made ([`breach`]).
    pub fn breach(mut self, status: BreachStatus) -> Self {
        self.breach = status;
        self
    }
}

/// Why a password is refused. Each is a stable code on the wire and a message key in the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Fewer code points than the minimum for this account.
    TooShort,
    /// More code points than the maximum.
    TooLong,
    /// On the bundled list of the most common passwords.
    Common,
    /// Found by the breach check.
    Breached,
    /// Contains the account's own words (see `Verdict::personal`).
    Personal,
    /// zxcvbn's score is below the threshold.
    TooGuessable,
    /// One of the account's recent passwords (decided by the server, which has the hashes).
    Reused,
}

impl Reason {
    /// The stable code, as it appears in `ErrorBody.fields`.
    pub fn code(self) -> &'static str {
        match self {
            Self::TooShort => "too_short",
            Self::TooLong => "too_long",
            Self::Common => "common",
            Self::Breached => "breached",
            Self::Personal => "personal",
            Self::TooGuessable => "too_guessable",
            Self::Reused => "reused",
        }
    }

    /// The key of the text that explains it ([`text`]).
    pub fn message_key(self) -> &'static str {
        match self {
            Self::TooShort => "password.reason.too_short",
            Self::TooLong => "password.reason.too_long",
            Self::Common => "password.reason.common",
            Self::Breached => "password.reason.breached",
            Self::Personal => "password.reason.personal",
            Self::TooGuessable => "password.reason.too_guessable",
            Self::Reused => "password.reason.reused",
        }
    }
}

/// Whether the password was checked against a breach corpus, and what came of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BreachStatus {
    /// No breach check is configured (or it has not run): the offline list still applies.
    #[default]
    NotChecked,
    /// Checked; not found in any breach.
    Clear,
    /// Checked; found in breaches this many times.
    Found(u64),
    /// The check could not be made (service down, timeout); the offline list still applies.
    Unavailable,
}

/// The policy's answer about one password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Verdict {
    pub acceptable: bool,
    /// zxcvbn's score, 0 (guessable in under 10^3 tries) to 4 (more than 10^10).
    pub score: u8,
    /// Everything that refuses the password, in a fixed order; empty when it is acceptable.
    pub reasons: Vec<Reason>,
    /// Which of the account's own words it contains (kinds only, never the words).
    pub personal: Vec<PersonalKind>,
    /// zxcvbn's warning, as a message key.
    pub warning: Option<String>,
    /// zxcvbn's suggestions, as message keys.
    pub suggestions: Vec<String>,
    /// Estimated time to crack offline at 10^4 guesses a second (a slow hash), in seconds.
    pub crack_time_seconds: u64,
    /// The same in English words ("3 hours", "centuries"); the UI localises from the seconds.
    pub crack_time_display: String,
    /// Length in code points after normalisation.
    pub length: usize,
    /// The minimum length that applied.
    pub min_length: usize,
    pub breach: BreachStatus,
}

impl Verdict {
    /// Adds a reason found outside the crate (the server's reuse check).
    pub fn refuse(&mut self, reason: Reason) {
        if !self.reasons.contains(&reason) {
            self.reasons.push(reason);
        }
        self.acceptable = false;
    }

    /// The message key for the breach check's state, when the UI should mention it.
    pub fn breach_notice(&self) -> Option<&'static str> {
        (self.breach == BreachStatus::Unavailable).then_some("password.breach_check.unavailable")
    }
}

/// The form of a password that is counted, checked and hashed (NFKC).
pub fn normalize(password: &str) -> String {
    password.nfkc().collect()
}

/// Evaluate `password` for an account described by `context`.
pub fn evaluate(password: &str, context: &Context, settings: &Settings) -> Verdict {
    let normalized = normalize(password);
    let lowered = normalized.to_lowercase();
    let length = normalized.chars().count();
    let min_length = if context.has_second_factor {
        settings.min_length_with_second_factor
    } else {
        settings.min_length_single_factor
    };

    let inputs: Vec<&str> = context.words.iter().map(|w| w.text.as_str()).collect();
    let estimated: String = normalized.chars().take(ZXCVBN_MAX_CHARS).collect();
    let entropy = zxcvbn::zxcvbn(&estimated, &inputs);
    let score = u8::from(entropy.score());
    let crack_time = entropy.crack_times().offline_slow_hashing_1e4_per_second();
    let feedback = entropy.feedback();

    let personal = if normalized.is_empty() {
        Vec::new()
    } else {
        personal::found_in(&normalized, &context.words)
    };
    let mut reasons = Vec::new();
    if length < min_length {
        reasons.push(Reason::TooShort);
    }
    if length > settings.max_length {
        reasons.push(Reason::TooLong);
    }
    if blocklist::contains(&lowered) {
        reasons.push(Reason::Common);
    }
    if matches!(context.breach, BreachStatus::Found(_)) {
        reasons.push(Reason::Breached);
    }
    if !personal.is_empty() {
        reasons.push(Reason::Personal);
    }
    if score < settings.min_score {
        reasons.push(Reason::TooGuessable);
    }
    Verdict {
        acceptable: reasons.is_empty(),
        score,
        reasons,
        personal,
        warning: feedback.and_then(|f| f.warning()).map(|w| warning_key(w).to_owned()),
        suggestions: feedback
            .map(|f| f.suggestions().iter().map(|s| suggestion_key(*s).to_owned()).collect())
            .unwrap_or_default(),
        crack_time_seconds: std::time::Duration::from(crack_time).as_secs(),
        crack_time_display: crack_time.to_string(),
        length,
        min_length,
        breach: context.breach,
    }
}

/// zxcvbn's warnings as our message keys; exhaustive, so a new warning cannot slip through.
fn warning_key(warning: zxcvbn::feedback::Warning) -> &'static str {
    use zxcvbn::feedback::Warning as W;
    match warning {
        W::StraightRowsOfKeysAreEasyToGuess => "password.warning.straight_rows",
        W::ShortKeyboardPatternsAreEasyToGuess => "password.warning.short_keyboard_patterns",
        W::RepeatsLikeAaaAreEasyToGuess => "password.warning.repeats",
        W::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => "password.warning.repeated_patterns",
        W::ThisIsATop10Password => "password.warning.top10",
        W::ThisIsATop100Password => "password.warning.top100",
        W::ThisIsACommonPassword => "password.warning.common",
        W::ThisIsSimilarToACommonlyUsedPassword => "password.warning.similar_to_common",
        W::SequencesLikeAbcAreEasyToGuess => "password.warning.sequences",
        W::RecentYearsAreEasyToGuess => "password.warning.recent_years",
        W::AWordByItselfIsEasyToGuess => "password.warning.single_word",
        W::DatesAreOftenEasyToGuess => "password.warning.dates",
        W::NamesAndSurnamesByThemselvesAreEasyToGuess => "password.warning.names",
        W::CommonNamesAndSurnamesAreEasyToGuess => "password.warning.common_names",
    }
}

/// zxcvbn's suggestions as our message keys; exhaustive like [`warning_key`].
fn suggestion_key(suggestion: zxcvbn::feedback::Suggestion) -> &'static str {
    use zxcvbn::feedback::Suggestion as S;
    match suggestion {
        S::UseAFewWordsAvoidCommonPhrases => "password.suggestion.few_words",
        S::NoNeedForSymbolsDigitsOrUppercaseLetters => "password.suggestion.no_symbols_needed",
        S::AddAnotherWordOrTwo => "password.suggestion.add_word",
        S::CapitalizationDoesntHelpVeryMuch => "password.suggestion.capitalization",
        S::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase => "password.suggestion.all_uppercase",
        S::ReversedWordsArentMuchHarderToGuess => "password.suggestion.reversed_words",
        S::PredictableSubstitutionsDontHelpVeryMuch => "password.suggestion.substitutions",
        S::UseALongerKeyboardPatternWithMoreTurns => "password.suggestion.longer_keyboard_pattern",
        S::AvoidRepeatedWordsAndCharacters => "password.suggestion.avoid_repeats",
        S::AvoidSequences => "password.suggestion.avoid_sequences",
        S::AvoidRecentYears => "password.suggestion.avoid_recent_years",
        S::AvoidYearsThatAreAssociatedWithYou => "password.suggestion.avoid_your_years",
        S::AvoidDatesAndYearsThatAreAssociatedWithYou => "password.suggestion.avoid_your_dates",
    }
}
