//! `recovery show` and `events`: what an operator may see of a flow and of an account's
//! security events. Never a secret: no code, no MAC, no full contact.

use anyhow::Context as _;
use regain_recovery::Identifier;

use super::describe;
use crate::app;
use crate::config::Config;

/// A flow's state, gates and its current challenge's tries, then its events, as JSON lines.
pub(super) async fn flow(config: &Config, local: bool, flow_id: &str) -> anyhow::Result<()> {
    let service = app::build(config, local).await?;
    let recovery = &service.state.recovery;
    let view = recovery.flow_view(flow_id).await.map_err(describe)?;
    let challenge = view.challenge.as_ref();
    println!(
        "{}",
        serde_json::json!({
            "flow_id": view.flow_id,
            "state": serde_json::to_value(view.state)?,
            "gates_required": view.gates_required,
            "gates_passed": view.gates_passed,
            "method": challenge.map(|c| c.kind.as_str().to_owned()),
            "sends_left": challenge.map(|c| c.sends_left),
            "attempts_left": challenge.map(|c| c.attempts_left),
            "expires_at": view.expires_at,
        })
    );
    let events =
        service.state.store.flow_events(flow_id).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    for event in events {
        print_event(&event);
    }
    Ok(())
}

/// An account's security events, newest first.
pub(super) async fn events(
    config: &Config,
    local: bool,
    identifier: &str,
    region: Option<&str>,
    limit: u32,
) -> anyhow::Result<()> {
    let service = app::build(config, local).await?;
    let identifier = Identifier::parse(identifier, region)
        .map_err(|_| anyhow::anyhow!("not an email, phone number or account ID"))?;
    let accounts = &service.state.accounts;
    let account = accounts.find(&identifier).await.map_err(describe)?.context("no such account")?;
    for event in accounts.events(account.id, limit).await.map_err(describe)? {
        print_event(&event);
    }
    Ok(())
}

fn print_event(event: &regain_recovery::events::StoredEvent) {
    println!(
        "{}",
        serde_json::json!({
            "at": event.at,
            "kind": event.kind,
            "method": event.method,
            "outcome": event.outcome,
            "ip": event.ip,
            "flow_id": event.flow_id,
            "account_id": event.account_id,
        })
    );
}
