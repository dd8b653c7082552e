//! `serve`: the HTTP API and the courier until a signal.

use anyhow::Context as _;

use crate::config::Config;
use crate::{app, local};

pub(super) async fn serve(mut config: Config, local: bool) -> anyhow::Result<()> {
    // Before binding: local mode must not listen beyond loopback even for a moment.
    let problems = config.problems(local);
    if !problems.is_empty() {
        return Err(crate::config::ConfigErrors(problems).into());
    }
    let listener = tokio::net::TcpListener::bind(config.server.listen)
        .await
        .with_context(|| format!("listening on {}", config.server.listen))?;
    let address = listener.local_addr()?;
    if local {
        // Links in messages lead back to this very service, wherever it listens.
        config.server.public_origin = format!("http://{address}");
    }
    let service = app::build(&config, local).await?;
    if local {
        let demo = local::seed_demo(&service.state.accounts).await?;
        tracing::info!(account_id = demo, "demo account ready");
    }
    // One line on stdout, for people and for the tests that start this binary.
    println!("regain-server listening on http://{address}");
    if local {
        println!(
            "local mode: dev inbox at http://{address}/v1/dev/outbox, API spec at http://{address}/openapi.json\n\
             demo account: {} or {} with password \"{}\"",
            local::DEMO_EMAIL,
            local::DEMO_PHONE,
            local::DEMO_PASSWORD,
        );
    }
    app::serve(service, listener, shutdown_signal()).await
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => return std::future::pending().await,
            };
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
    tracing::info!("shutting down");
}
