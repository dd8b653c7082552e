//! Builds the running service from its configuration: store, domain, courier, HTTP.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context as _;
use regain_courier::{
    Capture, Channel, Channels, RetryPolicy, Sealer, SmsGateway, SmtpChannel, Worker,
};
use regain_recovery::{
    Accounts, AccountsSettings, CaptchaSettings, Clock, Deps, DepsSettings, Factors, OsRandom,
    Recovery, Registry, SendBudgets, Support, SystemClock,
};

use regain_recovery::support::staff::StaffDesk;

use crate::config::{Config, Delivery};
use crate::http::{self, AppState};
use crate::store::{Database, SqliteStore};

/// The parts of a running service.
#[derive(Debug)]
pub struct Service {
    pub state: AppState,
    pub worker: Worker,
}

/// Opens the database (creating and migrating it), sets up the courier and the domain.
pub async fn build(config: &Config, local: bool) -> anyhow::Result<Service> {
    build_with_clock(config, local, Arc::new(SystemClock)).await
}

/// [`build`] with the clock injected, so tests can move time instead of sleeping.
pub async fn build_with_clock(
    config: &Config,
    local: bool,
    clock: Arc<dyn Clock>,
) -> anyhow::Result<Service> {
    let problems = config.problems(local);
    if !problems.is_empty() {
        return Err(crate::config::ConfigErrors(problems).into());
    }
    let database = open_store(config).await?;
    database.migrate().await.context("applying database migrations")?;

    let secret = config.secret(local).context("reading or creating the local secret")?;

    let capture = (local || config.courier.delivery == Delivery::Capture).then(Capture::new);
    let channels = match &capture {
        Some(capture) => Channels::all(Arc::new(capture.clone())),
        None => live_channels(config)?,
    };
    let retry = RetryPolicy {
        first_delay_secs: config.courier.retry.first_delay_secs,
        max_delay_secs: config.courier.retry.max_delay_secs,
        max_attempts: config.courier.retry.max_attempts,
        lease_secs: config.courier.retry.lease_secs,
    };
    let outbox = database.outbox();
    let worker = Worker::new(outbox, channels, Sealer::new(&secret), retry);

    let mut deps = Deps::new(
        database.store(),
        clock,
        Arc::new(OsRandom),
        &secret,
        worker.waker(),
        DepsSettings {
            hash: config.argon2.params(),
            hash_pool: config.argon2.pool(),
            policy: config.password.clone(),
            sends: SendBudgets {
                per_destination: config.recovery.throttle.sends_per_destination.into(),
                sms_per_country: config.recovery.throttle.sms_per_country.into(),
            },
            captcha: CaptchaSettings {
                cost: config.captcha.cost,
                counter_min: config.captcha.counter_min,
                counter_max: config.captcha.counter_max,
                ttl_secs: config.captcha.ttl_secs,
            },
            public_origin: config.server.public_origin.clone(),
        },
    )?;
    if !config.password.breach_range_url.is_empty() {
        let checker = regain_policy::breach::BreachChecker::new(
            &config.password.breach_range_url,
            std::time::Duration::from_millis(config.password.breach_timeout_ms),
        )?;
        deps.rules = deps.rules.with_breach_check(Arc::new(RangeApi(checker)));
    }
    let accounts = Accounts::new(
        &deps,
        AccountsSettings {
            access_ttl_secs: config.sessions.access_ttl_secs,
            refresh_ttl_secs: config.sessions.refresh_ttl_secs,
            code_ttl_secs: config.codes.ttl_secs,
            code_max_attempts: config.codes.max_attempts,
            resend_after_secs: config.codes.resend_after_secs,
            sign_ins_per_identifier: config.sessions.throttle.sign_ins_per_identifier.into(),
            sign_ins_per_ip: config.sessions.throttle.sign_ins_per_ip.into(),
            sign_ups_per_ip: config.accounts.sign_ups_per_ip.into(),
            unconfirmed_contact_ttl_secs: config.accounts.unconfirmed_contact_ttl_secs,
            second_factor_ttl_secs: config.sessions.second_factor_ttl_secs,
            second_factor_attempts: config.sessions.second_factor_attempts,
            proofs_per_account: config.sessions.throttle.proofs_per_account.into(),
            proofs_per_account_daily: config.sessions.throttle.proofs_per_account_daily.into(),
            max_failed_sign_ins: config.sessions.max_failed_sign_ins,
            ..AccountsSettings::default()
        },
    );
    let recovery = Recovery::new(&deps, Registry::standard(), config.recovery.settings());
    let dev_outbox = if local { capture } else { None };
    let support = Support::new(&deps, &secret, config.support.requests());
    let client_ip_header = (!config.server.client_ip_header.is_empty())
        .then(|| Arc::from(config.server.client_ip_header.to_ascii_lowercase()));
    Ok(Service {
        state: AppState {
            accounts,
            recovery,
            factors: Factors::new(&deps, config.sessions.throttle.proofs_per_account.into()),
            support: support.clone(),
            staff: StaffDesk::new(&deps, &secret, support, config.support.settings()),
            store: deps.store,
            dev_outbox,
            client_ip_header,
            floors: http::timing::Floors {
                recovery: std::time::Duration::from_millis(config.server.timing_floor_ms),
                password: std::time::Duration::from_millis(config.server.password_timing_floor_ms),
            },
        },
        worker,
    })
}

/// The database the configuration names: `regain.sqlite3` in the data directory (created if
/// needed) unless `server.database_url` names a `sqlite:` or `postgres:` one.
pub async fn open_store(config: &Config) -> anyhow::Result<Database> {
    let url = config.server.database_url.expose();
    if url.is_empty() {
        std::fs::create_dir_all(&config.server.data_dir).with_context(|| {
            format!("creating the data directory {}", config.server.data_dir.display())
        })?;
        let path = config.database_path();
        let store = SqliteStore::open(&path)
            .await
            .with_context(|| format!("opening the database {}", path.display()))?;
        return Ok(Database::Sqlite(Arc::new(store)));
    }
    #[cfg(feature = "postgres")]
    if crate::config::is_postgres_url(url) {
        let settings = crate::store::PoolSettings {
            max_connections: config.server.database_max_connections,
            statement_timeout: std::time::Duration::from_millis(
                config.server.database_statement_timeout_ms,
            ),
        };
        // The error says what failed, never the URL (it may hold a password).
        let store = crate::store::PostgresStore::open_url(url, settings)
            .await
            .context("connecting to server.database_url")?;
        return Ok(Database::Postgres(Arc::new(store)));
    }
    let store = SqliteStore::open_url(url).await.context("opening server.database_url")?;
    Ok(Database::Sqlite(Arc::new(store)))
}

fn live_channels(config: &Config) -> anyhow::Result<Channels> {
    let email = match &config.courier.smtp {
        Some(smtp) => Some(Arc::new(SmtpChannel::new(smtp)?) as Arc<dyn Channel>),
        None => None,
    };
    let sms = match &config.courier.sms {
        Some(sms) => Some(Arc::new(SmsGateway::new(sms.gateway())?) as Arc<dyn Channel>),
        None => None,
    };
    Ok(Channels { email, sms })
}

/// Serves the API on `listener` and runs the courier until `shutdown` resolves.
pub async fn serve(
    service: Service,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let (stop_worker, worker_stopped) = tokio::sync::oneshot::channel::<()>();
    let worker = tokio::spawn(service.worker.run(async {
        let _ = worker_stopped.await;
    }));
    // Assisted recoveries whose waiting period is over get their pass, and decided support
    // requests' files are erased after their retention period: checked every tick (a minute).
    let desk = service.state.staff.clone();
    let tick = u64::try_from(desk.settings().tick_secs).unwrap_or(60).max(1);
    let support_clock = tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(tick));
        loop {
            every.tick().await;
            if let Err(error) = desk.tick().await {
                tracing::warn!(%error, "support's timed work failed; trying again in a minute");
            }
        }
    });
    // Throttle windows are at most a day long; older events and spent captchas only take space.
    let store = service.state.store.clone();
    let maintenance = tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            every.tick().await;
            let horizon = SystemClock.now() - 2 * 24 * 3600;
            if let Err(error) =
                regain_recovery::store::ThrottleStore::prune(store.as_ref(), horizon).await
            {
                tracing::warn!(%error, "pruning old throttle events failed; trying again later");
            }
        }
    });
    let app = http::router(service.state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await.context("serving HTTP")?;
    let _ = stop_worker.send(());
    let _ = worker.await;
    maintenance.abort();
    support_clock.abort();
    Ok(())
}

/// The policy's range-API client as the domain's breach check.
#[derive(Debug)]
struct RangeApi(regain_policy::breach::BreachChecker);

#[async_trait::async_trait]
impl regain_recovery::BreachCheck for RangeApi {
    async fn check(
        &self,
        password: &regain_recovery::Secret<String>,
    ) -> regain_policy::BreachStatus {
        let status = self.0.check(password.expose()).await;
        if status == regain_policy::BreachStatus::Unavailable {
            tracing::warn!("breach check unavailable; the offline list still applies");
        }
        status
    }
}
