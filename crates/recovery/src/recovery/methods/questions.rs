//! Security questions (SECURITY.md S13): answers stored as argon2id hashes of their normalised
//! form, three tries a flow, a second gate by default or the only one where the deployment
//! allows (`security_questions = "sole"`).

use async_trait::async_trait;
use regain_protocol::DeliveryState;
use serde::{Deserialize, Serialize};

use super::{decode, encode, Begun, Challenge, Checked, Cx, Gate, Method, Offer, Proof, Subject};
use crate::model::flow::{MethodKind, Prompt};
use crate::recovery::{decoy, QuestionsPolicy};
use crate::store::StateWrite;
use crate::{Error, Secret};

const KEY: &str = "security_questions";
/// What offers and events call the questions (there is no destination to mask).
const DESTINATION: &str = "security questions";

/// The account's security questions.
#[derive(Debug, Clone, Copy, Default)]
pub struct SecurityQuestions;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct QuestionState {
    /// Answer checks in this flow, counted before comparing.
    attempts: u32,
}

#[async_trait]
impl Method for SecurityQuestions {
    fn kind(&self) -> MethodKind {
        MethodKind::SECURITY_QUESTIONS
    }

    fn prompt(&self) -> Prompt {
        Prompt::Answers
    }

    fn accepts(&self, proof: &Proof) -> bool {
        matches!(proof, Proof::Answers(_))
    }

    /// A later gate, unless the subject's second gate is its second factor; the first gate
    /// too where the deployment allows questions alone.
    fn fits(&self, gate: &Gate) -> bool {
        if gate.first {
            gate.questions == QuestionsPolicy::Sole
        } else {
            !gate.second_factor
        }
    }

    fn offer(&self, subject: &Subject) -> Option<Offer> {
        let has_questions = match subject {
            Subject::Account(account) => account.has_security_questions,
            Subject::Decoy(profile) => profile.question_count > 0,
        };
        has_questions.then(|| Offer {
            kind: self.kind(),
            destination: DESTINATION.to_owned(),
            full: None,
        })
    }

    async fn begin(&self, cx: &Cx<'_>, _: &Offer) -> Result<Begun, Error> {
        let stored = cx.state(KEY).await?;
        let state: QuestionState = stored.as_ref().map(decode).transpose()?.unwrap_or_default();
        let state = StateWrite {
            key: KEY.to_owned(),
            expected_version: stored.map(|s| s.version),
            data: encode(&state)?,
        };
        Ok(Begun::new(state, None))
    }

    async fn verify(&self, cx: &Cx<'_>, proof: &Proof) -> Result<Checked, Error> {
        let Proof::Answers(answers) = proof else { return Err(Error::FlowState) };
        let (state, version) = cx.count_attempt::<QuestionState>(KEY, |s| &mut s.attempts).await?;
        if state.attempts > cx.tools.settings.max_question_attempts {
            return Err(Error::FlowLocked);
        }
        // Past the account's budget of failed proofs answers stop counting, after the same
        // work (the service's doc).
        if !check_answers(cx, answers).await? || cx.hardened {
            return Ok(Checked::Wrong(Error::InvalidAnswers));
        }
        Ok(Checked::Right(StateWrite {
            key: KEY.to_owned(),
            expected_version: Some(version),
            data: encode(&state)?,
        }))
    }

    async fn challenge(&self, cx: &Cx<'_>, _: Option<&Offer>) -> Result<Challenge, Error> {
        let state: QuestionState =
            cx.state(KEY).await?.as_ref().map(decode).transpose()?.unwrap_or_default();
        let max = cx.tools.settings.max_question_attempts;
        Ok(Challenge {
            kind: self.kind(),
            destination: DESTINATION.to_owned(),
            delivery: DeliveryState::NotApplicable,
            code_expires_at: None,
            resend_at: None,
            sends_left: 0,
            attempts_left: max.saturating_sub(state.attempts),
            questions: questions(cx).await?,
            exhausted: state.attempts >= max,
            vouching: None,
        })
    }
}

/// The questions: the account's own, or those a decoy asks (from the list the app suggests).
async fn questions(cx: &Cx<'_>) -> Result<Vec<String>, Error> {
    Ok(match cx.subject {
        Subject::Account(account) => {
            cx.tools.store.questions(account.id).await?.into_iter().map(|(q, _)| q).collect()
        }
        Subject::Decoy(profile) => {
            decoy::questions(&decoy::seed(&cx.flow.subject), profile.question_count)
        }
    })
}

/// Whether every answer matches, in order. A decoy spends the same argon2 work and fails.
async fn check_answers(cx: &Cx<'_>, answers: &[Secret<String>]) -> Result<bool, Error> {
    let (stored, expected) = match cx.subject {
        Subject::Account(account) => {
            let stored = cx.tools.store.questions(account.id).await?;
            let expected = stored.len();
            (stored, expected)
        }
        Subject::Decoy(profile) => (Vec::new(), usize::from(profile.question_count)),
    };
    let mut right = answers.len() == expected && expected > 0 && !cx.flow.is_decoy();
    for (i, answer) in answers.iter().take(expected).enumerate() {
        let normalized = Secret::new(normalize_answer(answer.expose()));
        let hash = stored.get(i).map(|(_, hash)| hash.as_str());
        right &= cx.tools.passwords.verify(&normalized, hash).await?;
    }
    Ok(right)
}

/// Answers compare loosely where people differ without meaning to: NFKC, case, and spaces.
pub fn normalize_answer(raw: &str) -> String {
    regain_policy::normalize(raw).to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}
