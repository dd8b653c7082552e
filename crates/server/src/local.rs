//! Local mode, the embedded default: SQLite in the data directory (unless
//! `server.database_url` names another database), the capture courier (the
//! dev inbox at `GET /v1/dev/outbox`), a generated secret kept beside the database, and a demo
//! account so the whole product can be tried at once.

use std::path::Path;

use regain_recovery::{Accounts, Email, Error, Identifier, NewAccountInput, Phone, Secret};

/// The demo account of local mode. Documented in the README; never created outside local mode.
pub const DEMO_NAME: &str = "Alex Demo";
pub const DEMO_EMAIL: &str = "demo@example.com";
/// A number from the North American 555-01xx range reserved for fiction: it reaches no one.
pub const DEMO_PHONE: &str = "+12015550123";
pub const DEMO_PASSWORD: &str = "maple otter lantern 47";
pub const DEMO_BIRTHDAY: &str = "1990-04-12";

/// Creates the demo account unless it exists. Returns its account ID.
pub async fn seed_demo(accounts: &Accounts) -> Result<u64, Error> {
    let email = Email::parse(DEMO_EMAIL).map_err(|_| Error::InvalidEmail)?;
    if let Some(existing) = accounts.find(&Identifier::Email(email.clone())).await? {
        return Ok(existing.id);
    }
    let input = NewAccountInput {
        display_name: DEMO_NAME.to_owned(),
        email: Some(email),
        phone: Some(Phone::parse(DEMO_PHONE, None).map_err(|_| Error::InvalidPhone)?),
        birthday: Some(DEMO_BIRTHDAY.to_owned()),
        password: Secret::new(DEMO_PASSWORD.to_owned()),
        locale: Some("en".to_owned()),
    };
    Ok(accounts.create(input, true).await?.id)
}

/// A local-mode service running inside another program (the app's embedded backend): SQLite
/// in `data_dir`, the capture courier, the demo account, on a free loopback port.
#[derive(Debug)]
pub struct Embedded {
    base_url: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
}

impl Embedded {
    /// Starts it on the current tokio runtime and returns once it accepts requests.
    pub async fn start(data_dir: &Path) -> anyhow::Result<Self> {
        use anyhow::Context as _;
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .context("listening on loopback")?;
        let address = listener.local_addr()?;
        let mut config = crate::config::Config::default();
        config.server.listen = address;
        config.server.data_dir = data_dir.to_path_buf();
        config.server.public_origin = format!("http://{address}");
        let service = crate::app::build(&config, true).await?;
        seed_demo(&service.state.accounts).await?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(crate::app::serve(service, listener, async {
            let _ = stopped.await;
        }));
        Ok(Self { base_url: format!("http://{address}"), stop: Some(stop), task: Some(task) })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Stops serving, lets the courier finish its current message, and waits.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.task.take() {
            Some(task) => task.await?,
            None => Ok(()),
        }
    }
}

impl Drop for Embedded {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
