//! `account create | show | list`.

use std::io::Read as _;

use anyhow::Context as _;
use regain_recovery::{Email, Identifier, NewAccountInput, Phone, Secret};

use super::{describe, AccountCommand};
use crate::app;
use crate::config::Config;

pub(super) async fn run(
    command: AccountCommand,
    config: &Config,
    local: bool,
) -> anyhow::Result<()> {
    let service = app::build(config, local).await?;
    let accounts = &service.state.accounts;
    match command {
        AccountCommand::Create { display_name, email, phone, region, birthday, confirmed } => {
            let mut password = String::new();
            std::io::stdin()
                .read_to_string(&mut password)
                .context("reading the password from standard input")?;
            let password = password.trim_end_matches(['\r', '\n']).to_owned();
            let input = NewAccountInput {
                display_name,
                email: email
                    .as_deref()
                    .map(Email::parse)
                    .transpose()
                    .map_err(|_| anyhow::anyhow!("--email is not a valid email address"))?,
                phone: phone
                    .as_deref()
                    .map(|p| Phone::parse(p, region.as_deref()))
                    .transpose()
                    .map_err(|_| {
                        anyhow::anyhow!(
                            "--phone is not a valid phone number (use +<country code> or --region)"
                        )
                    })?,
                birthday,
                password: Secret::new(password),
                locale: None,
            };
            let account = accounts.create(input, confirmed).await.map_err(describe)?;
            if !confirmed {
                // Deliver the confirmation codes before exiting.
                service
                    .worker
                    .tick(regain_recovery::Clock::now(&regain_recovery::SystemClock))
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
            }
            print_account(&account)?;
        }
        AccountCommand::Show { identifier, region } => {
            let identifier = Identifier::parse(&identifier, region.as_deref())
                .map_err(|_| anyhow::anyhow!("not an email, phone number or account ID"))?;
            let account =
                accounts.find(&identifier).await.map_err(describe)?.context("no such account")?;
            print_account(&account)?;
        }
        AccountCommand::List { after, limit } => {
            for account in accounts.list(after, limit.min(1000)).await.map_err(describe)? {
                print_account(&account)?;
            }
        }
    }
    Ok(())
}

fn print_account(account: &regain_recovery::Account) -> anyhow::Result<()> {
    let view = crate::http::account_view(account);
    println!("{}", serde_json::to_string(&view)?);
    Ok(())
}
