//! Domain values as the protocol shows them.

use regain_protocol::{AccountView, ContactView, SessionGrant, SessionView};
use regain_recovery::{Account, Grant, Session};

pub fn account(account: &Account) -> AccountView {
    AccountView {
        account_id: account.id,
        display_name: account.display_name.clone(),
        email: account
            .email
            .as_ref()
            .map(|c| ContactView { masked: c.value.masked(), confirmed: c.confirmed }),
        phone: account
            .phone
            .as_ref()
            .map(|c| ContactView { masked: c.value.masked(), confirmed: c.confirmed }),
        birthday: account.birthday.clone(),
        has_security_questions: account.has_security_questions,
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
        current: session.id == current,
    }
}
