//! `staff create | add-station | retire-station | audit`: the operator creates members of
//! staff, registers the staffed stations they work at, and reads what they did.

use std::io::Read as _;

use anyhow::Context as _;
use regain_protocol::StaffRole;
use regain_recovery::Secret;

use super::{describe, StaffCommand};
use crate::app;
use crate::config::Config;

pub(super) async fn run(command: StaffCommand, config: &Config, local: bool) -> anyhow::Result<()> {
    let service = app::build(config, local).await?;
    let desk = &service.state.staff;
    match command {
        StaffCommand::Create { username, role } => {
            let role = StaffRole::parse(&role).context("--role is agent or supervisor")?;
            let mut password = String::new();
            std::io::stdin()
                .read_to_string(&mut password)
                .context("reading the password from standard input")?;
            let password = Secret::new(password.trim_end_matches(['\r', '\n']).to_owned());
            let created = desk.create(&username, role, &password).await.map_err(describe)?;
            // Shown once: the member adds it to their authenticator app now.
            println!("staff member {username} ({}) created, id {}", role.as_str(), created.id);
            println!("authenticator: {}", created.totp_uri.expose());
            println!("or type this key: {}", created.totp_secret.expose());
        }
        StaffCommand::AddStation { name } => {
            let station = desk.register_station(&name).await.map_err(describe)?;
            // Shown once: the administrator puts it in the station's kiosk.toml now.
            println!("station {name} registered, id {}", station.id);
            println!("station_key = \"{}\"", station.key.expose());
        }
        StaffCommand::RetireStation { name } => {
            desk.retire_station(&name).await.map_err(describe)?;
            println!("station {name} retired; its shifts have ended");
        }
        StaffCommand::Audit { request, limit } => {
            for line in desk.audit(request.as_deref(), limit.min(10_000)).await.map_err(describe)? {
                let entry = crate::http::staff_audit_entry(line);
                println!("{}", serde_json::to_string(&entry)?);
            }
        }
    }
    Ok(())
}
