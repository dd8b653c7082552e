//! The security checkup: the prevention advice of every recovery guide as a checklist about
//! one account, with a score. It reads; it never changes anything, and it never sees the
//! password, only the strength class kept when the password was set.

use regain_protocol::{CheckItem, CheckKind, CheckState, EventKind, EventOutcome};

use super::Accounts;
use crate::events::StoredEvent;
use crate::{Account, Error, SecurityFacts, Session};

/// A contact confirmed longer ago than this is worth confirming again.
const CONTACT_FRESH_SECS: i64 = 365 * 24 * 3600;
/// A device not seen for this long is worth signing out. (With the default session lifetime of
/// 30 days a device is signed out well before; this counts where sessions live longer.)
const STALE_DEVICE_SECS: i64 = 90 * 24 * 3600;
/// The activity the checkup shows.
const ACTIVITY_SECS: i64 = 30 * 24 * 3600;
/// At most this many events are read for it.
const ACTIVITY_LIMIT: u32 = 200;
/// Recovery codes below this many are worth replacing.
const FEW_CODES: u8 = 3;

/// The checkup of one account at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkup {
    pub score: u8,
    pub items: Vec<CheckItem>,
    /// The last 30 days of events, newest first.
    pub activity: Vec<StoredEvent>,
}

impl Accounts {
    /// The signed-in account's security checkup.
    pub async fn checkup(&self, session: &Session) -> Result<Checkup, Error> {
        let now = self.clock.now();
        let account = self.account(session.account_id).await?;
        let facts = self.store.security_facts(account.id).await?;
        let sessions = self.store.sessions_of(account.id, now).await?;
        let stale = sessions.iter().filter(|s| now - s.last_used_at > STALE_DEVICE_SECS).count();
        let activity: Vec<StoredEvent> = self
            .store
            .events(account.id, ACTIVITY_LIMIT)
            .await?
            .into_iter()
            .filter(|e| now - e.at <= ACTIVITY_SECS)
            .collect();
        let unusual = activity.iter().filter(|e| unusual(e)).count();
        let mut items = checks(
            &account,
            &facts,
            self.rules.policy().min_score,
            u32::try_from(stale).unwrap_or(u32::MAX),
            u32::try_from(unusual).unwrap_or(u32::MAX),
            now,
        );
        let accepted = super::circle::accepted(&self.store.circle_of(account.id, now).await?);
        let chosen = self.store.vouch_threshold(account.id).await?;
        let can_vouch = crate::model::vouches_needed(accepted, chosen).is_some();
        items.push(CheckItem {
            kind: CheckKind::RecoveryContacts,
            state: if can_vouch { CheckState::Good } else { CheckState::Improve },
            since: None,
            count: Some(accepted),
        });
        Ok(Checkup { score: score(&items), items, activity })
    }
}

/// Whether an event is one to look at twice: a refusal, a throttle, a lock, or something
/// that only happens when things go wrong.
fn unusual(event: &StoredEvent) -> bool {
    let outcome = EventOutcome::parse(&event.outcome);
    let kind = EventKind::parse(&event.kind);
    matches!(outcome, Some(EventOutcome::Refused | EventOutcome::Throttled | EventOutcome::Locked))
        || matches!(kind, Some(EventKind::ReportedNotMe | EventKind::DeviceMarkedLost))
}

/// Every check, in the order the checkup lists them.
fn checks(
    account: &Account,
    facts: &SecurityFacts,
    min_score: u8,
    stale_devices: u32,
    unusual: u32,
    now: i64,
) -> Vec<CheckItem> {
    let item = |kind, state, since, count| CheckItem { kind, state, since, count };
    let contact = |kind, exists: bool, confirmed_at: Option<i64>| {
        let state = match confirmed_at {
            Some(at) if now - at <= CONTACT_FRESH_SECS => CheckState::Good,
            Some(_) => CheckState::Improve,
            // A contact that was never confirmed reaches nobody yet.
            None if exists => CheckState::Attention,
            None => CheckState::Improve,
        };
        item(kind, state, confirmed_at, None)
    };
    let mut items = vec![
        contact(CheckKind::Email, account.email.is_some(), facts.email_confirmed_at),
        contact(CheckKind::Phone, account.phone.is_some(), facts.phone_confirmed_at),
        item(
            CheckKind::SecurityQuestions,
            if account.has_security_questions { CheckState::Good } else { CheckState::Improve },
            None,
            None,
        ),
        item(
            CheckKind::SecondFactor,
            if account.second_factor { CheckState::Good } else { CheckState::Improve },
            None,
            None,
        ),
    ];
    if account.second_factor {
        let state = match account.recovery_codes_left {
            0 => CheckState::Attention,
            left if left < FEW_CODES => CheckState::Improve,
            _ => CheckState::Good,
        };
        items.push(item(
            CheckKind::RecoveryCodes,
            state,
            None,
            Some(u32::from(account.recovery_codes_left)),
        ));
    }
    // Today's policy would still accept the class the password was given: its score, and a
    // length that stands alone unless a second factor backs it. Unknown for older passwords.
    let password = match facts.password_strength {
        Some(strength)
            if strength.score >= min_score
                && (strength.long_enough_alone || account.second_factor) =>
        {
            CheckState::Good
        }
        Some(_) => CheckState::Attention,
        None => CheckState::Improve,
    };
    items.push(item(CheckKind::Password, password, facts.password_set_at, None));
    items.push(item(
        CheckKind::StaleDevices,
        if stale_devices == 0 { CheckState::Good } else { CheckState::Improve },
        None,
        Some(stale_devices),
    ));
    items.push(item(
        CheckKind::UnusualActivity,
        if unusual == 0 { CheckState::Good } else { CheckState::Attention },
        None,
        Some(unusual),
    ));
    items
}

/// 0 to 100: good counts fully, to improve half, needing attention nothing.
fn score(items: &[CheckItem]) -> u8 {
    if items.is_empty() {
        return 0;
    }
    let points: usize = items
        .iter()
        .map(|i| match i.state {
            CheckState::Good => 2,
            CheckState::Improve => 1,
            CheckState::Attention => 0,
        })
        .sum();
    u8::try_from(points * 100 / (items.len() * 2)).unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Contact, Email, PasswordStrength};

    const NOW: i64 = 1_800_000_000;

    fn account(second_factor: bool, codes: u8) -> Account {
        Account {
            id: 1_000_000_001,
            display_name: "Ana".into(),
            birthday: None,
            email: Some(Contact {
                value: Email::parse("ana@example.com").expect("email"),
                confirmed: true,
            }),
            phone: None,
            email_change: None,
            phone_change: None,
            password_hash: String::new(),
            has_security_questions: false,
            question_count: 0,
            second_factor,
            recovery_codes_left: codes,
            circle_accepted: 0,
            circle_chosen: None,
            locale: "en".into(),
            failed_sign_ins: 0,
            created_at: 0,
        }
    }

    fn state(items: &[CheckItem], kind: CheckKind) -> Option<CheckState> {
        items.iter().find(|i| i.kind == kind).map(|i| i.state)
    }

    #[test]
    fn each_item_says_what_to_do_and_the_score_follows() {
        let facts = SecurityFacts {
            email_confirmed_at: Some(NOW - 10),
            phone_confirmed_at: None,
            password_set_at: Some(NOW - 100),
            password_strength: Some(PasswordStrength { score: 4, long_enough_alone: true }),
        };
        let items = checks(&account(false, 0), &facts, 3, 0, 0, NOW);
        assert_eq!(state(&items, CheckKind::Email), Some(CheckState::Good));
        assert_eq!(state(&items, CheckKind::Phone), Some(CheckState::Improve));
        assert_eq!(state(&items, CheckKind::SecondFactor), Some(CheckState::Improve));
        assert_eq!(state(&items, CheckKind::RecoveryCodes), None, "only with a second factor");
        assert_eq!(state(&items, CheckKind::Password), Some(CheckState::Good));
        // 7 items: 4 good, 3 to improve.
        assert_eq!(score(&items), u8::try_from((4 * 2 + 3) * 100 / 14).expect("score"));

        let stale = SecurityFacts {
            email_confirmed_at: Some(NOW - 2 * CONTACT_FRESH_SECS),
            ..facts.clone()
        };
        assert_eq!(
            state(&checks(&account(false, 0), &stale, 3, 0, 0, NOW), CheckKind::Email),
            Some(CheckState::Improve)
        );
        let items = checks(&account(true, 0), &facts, 3, 2, 1, NOW);
        assert_eq!(state(&items, CheckKind::RecoveryCodes), Some(CheckState::Attention));
        assert_eq!(state(&items, CheckKind::StaleDevices), Some(CheckState::Improve));
        assert_eq!(state(&items, CheckKind::UnusualActivity), Some(CheckState::Attention));
    }

    #[test]
    fn a_short_password_is_fine_only_beside_a_second_factor() {
        let short = SecurityFacts {
            password_strength: Some(PasswordStrength { score: 4, long_enough_alone: false }),
            ..SecurityFacts::default()
        };
        let alone = checks(&account(false, 0), &short, 3, 0, 0, NOW);
        assert_eq!(state(&alone, CheckKind::Password), Some(CheckState::Attention));
        let backed = checks(&account(true, 10), &short, 3, 0, 0, NOW);
        assert_eq!(state(&backed, CheckKind::Password), Some(CheckState::Good));
        let unknown = checks(&account(false, 0), &SecurityFacts::default(), 3, 0, 0, NOW);
        assert_eq!(state(&unknown, CheckKind::Password), Some(CheckState::Improve));
    }
}
