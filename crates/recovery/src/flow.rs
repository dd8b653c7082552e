//! The recovery flow as a state machine. The states and every legal move are listed in
//! [`next`], one exhaustive match on (state, input) with no wildcard arm, and drawn in
//! `flow.mermaid` beside this file; change both together.

use regain_protocol::{FlowState, RecoveryMethod};

/// The stored states. `Locked` and `Expired` are derived ([`Flow::phase`]), never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    ChooseMethod,
    EnterCode,
    AnswerQuestions,
    ChoosePassword,
    Complete,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ChooseMethod => "choose_method",
            Self::EnterCode => "enter_code",
            Self::AnswerQuestions => "answer_questions",
            Self::ChoosePassword => "choose_password",
            Self::Complete => "complete",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Some(match value {
            "choose_method" => Self::ChooseMethod,
            "enter_code" => Self::EnterCode,
            "answer_questions" => Self::AnswerQuestions,
            "choose_password" => Self::ChoosePassword,
            "complete" => Self::Complete,
            _ => return None,
        })
    }
}

/// What can happen to a flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Send a code by email or SMS (again), or show the security questions.
    Challenge(RecoveryMethod),
    /// A proof (code, link or answers) was right; `last` when it was the last gate.
    Passed { last: bool },
    /// The new password was set.
    PasswordSet,
}

/// The move a state makes on an input, or `None` when the input is not accepted there.
pub fn next(state: State, input: Input) -> Option<State> {
    use RecoveryMethod::{Email, SecurityQuestions, Sms};
    match (state, input) {
        (
            State::ChooseMethod | State::EnterCode | State::AnswerQuestions,
            Input::Challenge(Email | Sms),
        ) => Some(State::EnterCode),
        (
            State::ChooseMethod | State::EnterCode | State::AnswerQuestions,
            Input::Challenge(SecurityQuestions),
        ) => Some(State::AnswerQuestions),
        (State::EnterCode | State::AnswerQuestions, Input::Passed { last: false }) => {
            Some(State::ChooseMethod)
        }
        (State::EnterCode | State::AnswerQuestions, Input::Passed { last: true }) => {
            Some(State::ChoosePassword)
        }
        (State::ChoosePassword, Input::PasswordSet) => Some(State::Complete),
        (State::ChooseMethod, Input::Passed { .. } | Input::PasswordSet)
        | (State::EnterCode | State::AnswerQuestions, Input::PasswordSet)
        | (State::ChoosePassword, Input::Challenge(_) | Input::Passed { .. })
        | (State::Complete, Input::Challenge(_) | Input::Passed { .. } | Input::PasswordSet) => {
            None
        }
    }
}

/// A flow as stored: real (with an account) or decoy (without).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    pub id: String,
    pub account_id: Option<u64>,
    /// MAC of the normalised identifier: the decoy's seed and the per-identifier throttle.
    pub subject: String,
    /// A decoy's masks, as shown at its start (masks are public; a decoy has no account).
    pub decoy_email: Option<String>,
    pub decoy_phone: Option<String>,
    /// How many security questions a decoy asks (0: none).
    pub decoy_questions: u8,
    pub state: State,
    pub method: Option<RecoveryMethod>,
    pub gates_required: u8,
    pub gates_passed: Vec<RecoveryMethod>,
    pub code_mac: Option<String>,
    pub code_expires_at: Option<i64>,
    pub code_sent_at: Option<i64>,
    pub sends: u32,
    pub code_attempts: u32,
    pub link_mac: Option<String>,
    pub link_expires_at: Option<i64>,
    pub question_attempts: u32,
    pub message_id: Option<String>,
    pub reset_mac: Option<String>,
    pub reset_expires_at: Option<i64>,
    pub created_at: i64,
    pub expires_at: i64,
    pub completed_at: Option<i64>,
}

/// The limits a flow's phase depends on.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_code_attempts: u32,
    pub max_question_attempts: u32,
}

impl Flow {
    pub fn is_decoy(&self) -> bool {
        self.account_id.is_none()
    }

    /// Where the flow stands at `now`, including the derived states.
    pub fn phase(&self, now: i64, limits: Limits) -> FlowState {
        match self.state {
            State::Complete => FlowState::Complete,
            _ if now >= self.expires_at => FlowState::Expired,
            State::EnterCode if self.code_attempts >= limits.max_code_attempts => FlowState::Locked,
            State::AnswerQuestions if self.question_attempts >= limits.max_question_attempts => {
                FlowState::Locked
            }
            State::ChooseMethod => FlowState::ChooseMethod,
            State::EnterCode => FlowState::EnterCode,
            State::AnswerQuestions => FlowState::AnswerQuestions,
            State::ChoosePassword => FlowState::ChoosePassword,
        }
    }

    pub fn gates_passed_text(methods: &[RecoveryMethod]) -> String {
        methods.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(",")
    }

    pub fn parse_gates(text: &str) -> Vec<RecoveryMethod> {
        text.split(',').filter_map(RecoveryMethod::parse).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_STATES: [State; 5] = [
        State::ChooseMethod,
        State::EnterCode,
        State::AnswerQuestions,
        State::ChoosePassword,
        State::Complete,
    ];

    #[test]
    fn the_happy_paths() {
        let code = next(State::ChooseMethod, Input::Challenge(RecoveryMethod::Sms));
        assert_eq!(code, Some(State::EnterCode));
        assert_eq!(
            next(State::EnterCode, Input::Challenge(RecoveryMethod::Email)),
            Some(State::EnterCode)
        );
        assert_eq!(
            next(State::EnterCode, Input::Passed { last: false }),
            Some(State::ChooseMethod)
        );
        assert_eq!(
            next(State::ChooseMethod, Input::Challenge(RecoveryMethod::SecurityQuestions)),
            Some(State::AnswerQuestions)
        );
        assert_eq!(
            next(State::AnswerQuestions, Input::Passed { last: true }),
            Some(State::ChoosePassword)
        );
        assert_eq!(next(State::ChoosePassword, Input::PasswordSet), Some(State::Complete));
    }

    #[test]
    fn nothing_changes_after_completion_or_before_a_proof() {
        for input in [
            Input::Challenge(RecoveryMethod::Email),
            Input::Passed { last: true },
            Input::PasswordSet,
        ] {
            assert_eq!(next(State::Complete, input), None);
        }
        assert_eq!(
            next(State::ChooseMethod, Input::PasswordSet),
            None,
            "no password before a proof"
        );
        assert_eq!(next(State::ChooseMethod, Input::Passed { last: true }), None);
        assert_eq!(next(State::EnterCode, Input::PasswordSet), None);
        assert_eq!(next(State::ChoosePassword, Input::Challenge(RecoveryMethod::Sms)), None);
    }

    #[test]
    fn states_round_trip_through_storage() {
        for state in ALL_STATES {
            assert_eq!(State::parse(state.as_str()), Some(state));
        }
    }

    #[test]
    fn locked_and_expired_are_derived() {
        let limits = Limits { max_code_attempts: 5, max_question_attempts: 3 };
        let mut flow = Flow {
            id: "rf_1".into(),
            account_id: Some(1),
            subject: "s".into(),
            decoy_email: None,
            decoy_phone: None,
            decoy_questions: 0,
            state: State::EnterCode,
            method: Some(RecoveryMethod::Sms),
            gates_required: 1,
            gates_passed: vec![],
            code_mac: None,
            code_expires_at: None,
            code_sent_at: None,
            sends: 1,
            code_attempts: 4,
            link_mac: None,
            link_expires_at: None,
            question_attempts: 0,
            message_id: None,
            reset_mac: None,
            reset_expires_at: None,
            created_at: 0,
            expires_at: 1800,
            completed_at: None,
        };
        assert_eq!(flow.phase(10, limits), FlowState::EnterCode);
        flow.code_attempts = 5;
        assert_eq!(flow.phase(10, limits), FlowState::Locked);
        assert_eq!(flow.phase(1800, limits), FlowState::Expired);
        flow.state = State::Complete;
        assert_eq!(flow.phase(9999, limits), FlowState::Complete);
    }
}
