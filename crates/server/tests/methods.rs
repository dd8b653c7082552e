//! The recovery method seam: a method that exists only in this test, in one `impl` and one
//! registration line, passes a flow's gate through the real recovery service on a real SQLite
//! file, keeping its own state, with nothing else in the tree changed for it.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use async_trait::async_trait;
use regain_protocol::{DeliveryState, FlowState};
use regain_recovery::flow::{MethodKind, Prompt};
use regain_recovery::recovery::methods::{
    decode, encode, Begun, Challenge, Checked, Cx, Gate, Method, Offer, Proof, Subject,
};
use regain_recovery::store::StateWrite;
use regain_recovery::{
    Accounts, AccountsSettings, CaptchaSettings, Deps, DepsSettings, Email, Error, FakeClock,
    NewAccountInput, OsRandom, Recovery, RecoverySettings, Registry, RequestMeta, Secret,
};
use regain_server::store::SqliteStore;
use serde::{Deserialize, Serialize};

/// A recovery card the person was given in person: its one-time word opens the first gate.
#[derive(Debug)]
struct RecoveryCard;

const CARD: MethodKind = MethodKind::named("recovery_card");
const WORD: &str = "lantern-orbit";

#[derive(Debug, Default, Serialize, Deserialize)]
struct CardState {
    word_mac: Option<String>,
    attempts: u32,
}

#[async_trait]
impl Method for RecoveryCard {
    fn kind(&self) -> MethodKind {
        CARD
    }

    fn prompt(&self) -> Prompt {
        Prompt::Code
    }

    fn accepts(&self, proof: &Proof) -> bool {
        matches!(proof, Proof::Code(_))
    }

    fn fits(&self, gate: &Gate) -> bool {
        gate.first
    }

    fn offer(&self, subject: &Subject) -> Option<Offer> {
        let full = match subject {
            Subject::Account(account) => Some(account.id.to_string()),
            Subject::Decoy(_) => None,
        };
        Some(Offer { kind: CARD, destination: "your recovery card".into(), full })
    }

    async fn begin(&self, cx: &Cx<'_>, _: &Offer) -> Result<Begun, Error> {
        let stored = cx.state("card").await?;
        let state = CardState {
            word_mac: Some(cx.tools.keys.mac("card", &cx.flow.id, WORD)),
            attempts: stored
                .as_ref()
                .map(decode::<CardState>)
                .transpose()?
                .map_or(0, |s| s.attempts),
        };
        let state = StateWrite {
            key: "card".into(),
            expected_version: stored.map(|s| s.version),
            data: encode(&state)?,
        };
        Ok(Begun::new(state, None))
    }

    async fn verify(&self, cx: &Cx<'_>, proof: &Proof) -> Result<Checked, Error> {
        let Proof::Code(word) = proof else { return Err(Error::FlowState) };
        let (state, version) = cx.count_attempt::<CardState>("card", |s| &mut s.attempts).await?;
        if state.attempts > 3 {
            return Err(Error::FlowLocked);
        }
        let mac = state.word_mac.clone().unwrap_or_default();
        if cx.flow.is_decoy() || !cx.tools.keys.verify("card", &cx.flow.id, word.expose(), &mac) {
            return Ok(Checked::Wrong(Error::InvalidCode));
        }
        let used = CardState { word_mac: None, ..state };
        Ok(Checked::Right(StateWrite {
            key: "card".into(),
            expected_version: Some(version),
            data: encode(&used)?,
        }))
    }

    async fn challenge(&self, cx: &Cx<'_>, offer: Option<&Offer>) -> Result<Challenge, Error> {
        let state: CardState =
            cx.state("card").await?.as_ref().map(decode).transpose()?.unwrap_or_default();
        Ok(Challenge {
            kind: CARD,
            destination: offer.map(|o| o.destination.clone()).unwrap_or_default(),
            delivery: DeliveryState::NotApplicable,
            code_expires_at: None,
            resend_at: None,
            sends_left: 0,
            attempts_left: 3u32.saturating_sub(state.attempts),
            questions: Vec::new(),
            exhausted: state.attempts >= 3,
            vouching: None,
        })
    }
}

#[tokio::test]
async fn a_method_registered_in_one_line_passes_a_gate_with_its_own_state() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SqliteStore::open(&dir.path().join("t.sqlite3")).await.unwrap());
    store.migrate().await.unwrap();
    let settings = DepsSettings {
        captcha: CaptchaSettings { cost: 1, counter_min: 5, counter_max: 20, ttl_secs: 600 },
        ..DepsSettings::default()
    };
    let clock = Arc::new(FakeClock::at(1_800_000_000));
    let courier = Arc::new(tokio::sync::Notify::new());
    let deps =
        Deps::new(store.clone(), clock, Arc::new(OsRandom), &[7; 32], courier, settings).unwrap();
    let accounts = Accounts::new(&deps, AccountsSettings::default());
    // The one line: the standard methods and this test's.
    let registry = Registry::standard().with(RecoveryCard);
    let recovery = Recovery::new(&deps, registry, RecoverySettings::default());

    let input = NewAccountInput {
        display_name: "Ana Souza".into(),
        email: Some(Email::parse("ana@example.com").unwrap()),
        phone: None,
        birthday: None,
        password: Secret::new("violet harbour compass 1987".into()),
        locale: None,
    };
    accounts.create(input, true).await.unwrap();
    let meta = RequestMeta::default();
    let captcha = regain_client::captcha::solve(&recovery.captcha_challenge().unwrap()).unwrap();
    let flow = recovery.start("ana@example.com", None, captcha.expose(), &meta).await.unwrap();
    let offered: Vec<&str> = flow.methods.iter().map(|o| o.kind.as_str()).collect();
    assert_eq!(offered, ["email", "recovery_card"], "offered beside the standard methods");

    let flow = recovery.challenge(&flow.flow_id, &CARD, &meta).await.unwrap();
    assert_eq!(flow.state, FlowState::EnterCode);
    assert_eq!(flow.challenge.as_ref().unwrap().attempts_left, 3);
    let wrong =
        recovery.verify(&flow.flow_id, Proof::Code(Secret::new("guess".into())), &meta).await;
    assert!(matches!(wrong, Err(Error::InvalidCode)));
    let right = Proof::Code(Secret::new(WORD.into()));
    let passed = recovery.verify(&flow.flow_id, right.clone(), &meta).await.unwrap();
    assert_eq!(passed.flow.state, FlowState::ChoosePassword);
    assert!(passed.reset_token.is_some(), "its gate was the last");
    let again = recovery.verify(&flow.flow_id, right, &meta).await;
    assert!(matches!(again, Err(Error::FlowState)), "used once");
}
