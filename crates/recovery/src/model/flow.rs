//! The recovery flow as a state machine. The states and every legal move are listed in
//! [`next`], one exhaustive match on (state, input) with no wildcard arm, and drawn in
//! `flow.mermaid` beside this file; change both together. A flow begins at `ChooseMethod`, or,
//! opened by an assisted recovery's single-use pass, at `ChoosePassword`.
//!
//! A flow keeps only what every way of proving ownership shares: where it stands, which gates
//! it needs and which it passed, its reset token once they are all passed, and when it ends.
//! What a method needs (a code's MAC, how many tries are left) is that method's own state
//! (`crate::recovery::methods`).

use std::borrow::Cow;

/// A way of proving ownership, named as it is stored and as the protocol names it (`email`,
/// `sms`, `security_questions`). Methods are registered by kind
/// (`crate::recovery::methods::Registry`), so a new one needs no change here.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MethodKind(Cow<'static, str>);

impl MethodKind {
    pub const EMAIL: Self = Self(Cow::Borrowed("email"));
    pub const SMS: Self = Self(Cow::Borrowed("sms"));
    pub const SECURITY_QUESTIONS: Self = Self(Cow::Borrowed("security_questions"));
    pub const TOTP: Self = Self(Cow::Borrowed("totp"));
    pub const RECOVERY_CODE: Self = Self(Cow::Borrowed("recovery_code"));
    /// The single-use pass of an assisted recovery: staff approved proofs of ownership (with
    /// a supervisor's second approval where the account has a second factor), the account's
    /// contacts were told, and the waiting period passed without a cancel.
    pub const SUPPORT_PASS: Self = Self(Cow::Borrowed("support_pass"));
    /// Recovery contacts vouched, k of n: one gate, after which the flow waits (a waiting
    /// period any old contact can cancel) before its reset token is handed out.
    pub const RECOVERY_CONTACTS: Self = Self(Cow::Borrowed("recovery_contacts"));

    /// A kind of a method registered elsewhere (a test's).
    pub const fn named(name: &'static str) -> Self {
        Self(Cow::Borrowed(name))
    }

    /// A kind as the store wrote it.
    pub fn from_stored(name: &str) -> Self {
        Self(Cow::Owned(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for MethodKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a method asks the person for once its challenge is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// A code (sent by email or SMS, or read from an app), or the emailed link.
    Code,
    /// Answers to security questions.
    Answers,
}

/// The stored states. `Locked` and `Expired` are derived, never stored: a flow is locked when
/// its current method says its tries are spent, expired when its time is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    ChooseMethod,
    EnterCode,
    AnswerQuestions,
    /// Every gate is passed, one of them by recovery contacts: the waiting period runs.
    Waiting,
    ChoosePassword,
    Complete,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ChooseMethod => "choose_method",
            Self::EnterCode => "enter_code",
            Self::AnswerQuestions => "answer_questions",
            Self::Waiting => "waiting",
            Self::ChoosePassword => "choose_password",
            Self::Complete => "complete",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Some(match value {
            "choose_method" => Self::ChooseMethod,
            "enter_code" => Self::EnterCode,
            "answer_questions" => Self::AnswerQuestions,
            "waiting" => Self::Waiting,
            "choose_password" => Self::ChoosePassword,
            "complete" => Self::Complete,
            _ => return None,
        })
    }
}

/// What can happen to a flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// A method's challenge begins (again): a code is sent, or the questions are shown.
    Challenge(Prompt),
    /// A proof was right; `last` when it was the last gate, `waits` when recovery contacts
    /// passed one of the gates (the last then starts a waiting period).
    Passed { last: bool, waits: bool },
    /// The waiting period is over and nobody cancelled.
    WaitOver,
    /// The new password was set.
    PasswordSet,
}

/// The move a state makes on an input, or `None` when the input is not accepted there.
pub fn next(state: State, input: Input) -> Option<State> {
    match (state, input) {
        (
            State::ChooseMethod | State::EnterCode | State::AnswerQuestions,
            Input::Challenge(Prompt::Code),
        ) => Some(State::EnterCode),
        (
            State::ChooseMethod | State::EnterCode | State::AnswerQuestions,
            Input::Challenge(Prompt::Answers),
        ) => Some(State::AnswerQuestions),
        (State::EnterCode | State::AnswerQuestions, Input::Passed { last: false, .. }) => {
            Some(State::ChooseMethod)
        }
        (State::EnterCode | State::AnswerQuestions, Input::Passed { last: true, waits: false }) => {
            Some(State::ChoosePassword)
        }
        (State::EnterCode | State::AnswerQuestions, Input::Passed { last: true, waits: true }) => {
            Some(State::Waiting)
        }
        (State::Waiting, Input::WaitOver) => Some(State::ChoosePassword),
        (State::ChoosePassword, Input::PasswordSet) => Some(State::Complete),
        (State::ChooseMethod, Input::Passed { .. } | Input::PasswordSet | Input::WaitOver)
        | (State::EnterCode | State::AnswerQuestions, Input::PasswordSet | Input::WaitOver)
        | (State::Waiting, Input::Challenge(_) | Input::Passed { .. } | Input::PasswordSet)
        | (State::ChoosePassword, Input::Challenge(_) | Input::Passed { .. } | Input::WaitOver)
        | (
            State::Complete,
            Input::Challenge(_) | Input::Passed { .. } | Input::PasswordSet | Input::WaitOver,
        ) => None,
    }
}

/// A flow as stored: real (with an account) or decoy (without).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    pub id: String,
    pub account_id: Option<u64>,
    /// MAC of the normalised identifier: the decoy's seed and the per-identifier throttle.
    pub subject: String,
    pub state: State,
    /// The method whose challenge is on, if any.
    pub method: Option<MethodKind>,
    pub gates_required: u8,
    pub gates_passed: Vec<MethodKind>,
    pub reset_mac: Option<String>,
    pub reset_expires_at: Option<i64>,
    pub created_at: i64,
    pub expires_at: i64,
    pub completed_at: Option<i64>,
    /// Bumped by every move, so that a move made on a stale read is refused.
    pub version: i64,
}

impl Flow {
    pub fn is_decoy(&self) -> bool {
        self.account_id.is_none()
    }

    /// Whether the next gate is the first.
    pub fn first_gate(&self) -> bool {
        self.gates_passed.is_empty()
    }

    /// The stored gates, in order, as the store keeps them (comma-separated).
    pub fn gates_passed_text(methods: &[MethodKind]) -> String {
        methods.iter().map(MethodKind::as_str).collect::<Vec<_>>().join(",")
    }

    pub fn parse_gates(text: &str) -> Vec<MethodKind> {
        text.split(',').filter(|k| !k.is_empty()).map(MethodKind::from_stored).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_STATES: [State; 6] = [
        State::ChooseMethod,
        State::EnterCode,
        State::AnswerQuestions,
        State::Waiting,
        State::ChoosePassword,
        State::Complete,
    ];

    #[test]
    fn the_happy_paths() {
        let code = next(State::ChooseMethod, Input::Challenge(Prompt::Code));
        assert_eq!(code, Some(State::EnterCode));
        assert_eq!(next(State::EnterCode, Input::Challenge(Prompt::Code)), Some(State::EnterCode));
        assert_eq!(
            next(State::EnterCode, Input::Passed { last: false, waits: false }),
            Some(State::ChooseMethod)
        );
        assert_eq!(
            next(State::ChooseMethod, Input::Challenge(Prompt::Answers)),
            Some(State::AnswerQuestions)
        );
        assert_eq!(
            next(State::AnswerQuestions, Input::Passed { last: true, waits: false }),
            Some(State::ChoosePassword)
        );
        assert_eq!(next(State::ChoosePassword, Input::PasswordSet), Some(State::Complete));
    }

    #[test]
    fn nothing_changes_after_completion_or_before_a_proof() {
        for input in [
            Input::Challenge(Prompt::Code),
            Input::Passed { last: true, waits: false },
            Input::PasswordSet,
        ] {
            assert_eq!(next(State::Complete, input), None);
        }
        assert_eq!(
            next(State::ChooseMethod, Input::PasswordSet),
            None,
            "no password before a proof"
        );
        assert_eq!(next(State::ChooseMethod, Input::Passed { last: true, waits: false }), None);
        assert_eq!(next(State::EnterCode, Input::PasswordSet), None);
        assert_eq!(next(State::ChoosePassword, Input::Challenge(Prompt::Code)), None);
    }

    #[test]
    fn vouches_at_the_last_gate_wait_and_only_the_wait_leads_to_a_password() {
        let vouched = Input::Passed { last: true, waits: true };
        assert_eq!(next(State::EnterCode, vouched), Some(State::Waiting));
        assert_eq!(next(State::Waiting, Input::WaitOver), Some(State::ChoosePassword));
        assert_eq!(next(State::Waiting, Input::PasswordSet), None, "no password while waiting");
        assert_eq!(next(State::Waiting, Input::Challenge(Prompt::Code)), None);
        assert_eq!(
            next(State::EnterCode, Input::Passed { last: false, waits: true }),
            Some(State::ChooseMethod),
            "a second gate still to pass comes first"
        );
        assert_eq!(next(State::ChoosePassword, Input::WaitOver), None);
    }

    #[test]
    fn states_and_gates_round_trip_through_storage() {
        for state in ALL_STATES {
            assert_eq!(State::parse(state.as_str()), Some(state));
        }
        let gates = vec![MethodKind::SMS, MethodKind::SECURITY_QUESTIONS];
        assert_eq!(Flow::parse_gates(&Flow::gates_passed_text(&gates)), gates);
        assert_eq!(Flow::parse_gates(""), Vec::<MethodKind>::new());
    }
}
