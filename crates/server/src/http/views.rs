//! Domain values as the protocol shows them.

use regain_protocol::{
    AccountView, AuthMethod, ChallengeView, ContactView, FlowView, MethodOffer, RecoveryMethod,
    SecondFactorChallenge, SecondFactorMethod, SecondFactorView, SessionGrant, SessionView,
};
use regain_recovery::{Account, Grant, MethodKind, SecondFactorStep, Session};

pub fn account(account: &Account) -> AccountView {
    AccountView {
        account_id: account.id,
        display_name: account.display_name.clone(),
        email: account.email.as_ref().map(|c| ContactView {
            masked: c.value.masked(),
            confirmed: c.confirmed,
            pending: account.email_change.as_ref().map(regain_recovery::Email::masked),
        }),
        phone: account.phone.as_ref().map(|c| ContactView {
            masked: c.value.masked(),
            confirmed: c.confirmed,
            pending: account.phone_change.as_ref().map(regain_recovery::Phone::masked),
        }),
        birthday: account.birthday.clone(),
        has_security_questions: account.has_security_questions,
        second_factor: SecondFactorView {
            enabled: account.second_factor,
            recovery_codes_left: account.recovery_codes_left,
        },
        locale: account.locale.clone(),
        created_at: account.created_at,
    }
}

pub fn grant(grant: Grant) -> SessionGrant {
    SessionGrant {
        session_id: grant.session_id,
        account_id: grant.account_id,
        access_token: grant.access_token,
        access_expires_at: grant.access_expires_at,
        refresh_token: grant.refresh_token,
        refresh_expires_at: grant.refresh_expires_at,
    }
}

pub fn session(session: &Session, current: &str) -> SessionView {
    SessionView {
        session_id: session.id.clone(),
        created_at: session.created_at,
        last_used_at: session.last_used_at,
        ip: session.ip.clone(),
        user_agent: session.user_agent.clone(),
        factors: session.factors.clone(),
        device_name: session.device.name.clone(),
        platform: session.device.platform,
        locked: session.locked_at.is_some(),
        current: session.id == current,
    }
}

/// The device a request describes, checked.
pub fn device(
    info: Option<&regain_protocol::DeviceInfo>,
) -> Result<regain_recovery::Device, regain_recovery::Error> {
    regain_recovery::Device::parse(
        info.and_then(|d| d.name.as_deref()),
        info.and_then(|d| d.platform),
    )
}

pub fn second_factor_step(step: SecondFactorStep) -> SecondFactorChallenge {
    SecondFactorChallenge {
        token: step.token,
        expires_at: step.expires_at,
        methods: step.methods.into_iter().filter_map(second_factor_method).collect(),
    }
}

fn second_factor_method(method: AuthMethod) -> Option<SecondFactorMethod> {
    match method {
        AuthMethod::Totp => Some(SecondFactorMethod::Totp),
        AuthMethod::RecoveryCode => Some(SecondFactorMethod::RecoveryCode),
        AuthMethod::Password
        | AuthMethod::Email
        | AuthMethod::Sms
        | AuthMethod::SecurityQuestions
        | AuthMethod::RecoveryContacts => None,
    }
}

/// The factor a sign-in's second step names, as the domain knows it.
pub fn auth_method(method: SecondFactorMethod) -> AuthMethod {
    match method {
        SecondFactorMethod::Totp => AuthMethod::Totp,
        SecondFactorMethod::RecoveryCode => AuthMethod::RecoveryCode,
    }
}

/// A recovery method as the protocol names it; a method with no name there is not offered to
/// clients.
fn method(kind: &MethodKind) -> Option<RecoveryMethod> {
    RecoveryMethod::parse(kind.as_str())
}

pub fn flow(view: regain_recovery::FlowView) -> FlowView {
    FlowView {
        flow_id: view.flow_id,
        state: view.state,
        expires_at: view.expires_at,
        gates_required: view.gates_required,
        gates_passed: view.gates_passed,
        methods: view
            .methods
            .into_iter()
            .filter_map(|offer| {
                Some(MethodOffer { method: method(&offer.kind)?, destination: offer.destination })
            })
            .collect(),
        challenge: view.challenge.and_then(|c| {
            Some(ChallengeView {
                method: method(&c.kind)?,
                destination: c.destination,
                delivery: c.delivery,
                code_expires_at: c.code_expires_at,
                resend_at: c.resend_at,
                sends_left: c.sends_left,
                attempts_left: c.attempts_left,
                questions: c.questions,
                vouching: c.vouching,
            })
        }),
        waiting: view.waiting,
        can_contact_support: true,
    }
}

/// A stored event as its owner reads it; one of a kind or outcome the protocol has no name for
/// is not shown (and is logged: it means the protocol fell behind the domain).
pub fn event(
    event: &regain_recovery::events::StoredEvent,
) -> Option<regain_protocol::SecurityEventView> {
    let kind = regain_protocol::EventKind::parse(&event.kind);
    let outcome = regain_protocol::EventOutcome::parse(&event.outcome);
    let (Some(kind), Some(outcome)) = (kind, outcome) else {
        tracing::warn!(kind = %event.kind, outcome = %event.outcome, "an event the protocol cannot name");
        return None;
    };
    Some(regain_protocol::SecurityEventView {
        kind,
        method: event.method.as_deref().and_then(AuthMethod::parse),
        outcome,
        ip: event.ip.clone(),
        at: event.at,
    })
}
