//! Security events.

use async_trait::async_trait;
use regain_recovery::events::{SecurityEvent, StoredEvent};
use regain_recovery::store::EventStore;
use regain_recovery::StoreError;
use sqlx::Row;

use super::{backend, id, DbRow, Store};

fn event_from_row(row: &DbRow) -> Result<StoredEvent, sqlx::Error> {
    Ok(StoredEvent {
        account_id: row
            .try_get::<Option<i64>, _>("account_id")?
            .and_then(|v| u64::try_from(v).ok()),
        flow_id: row.try_get("flow_id")?,
        kind: row.try_get("kind")?,
        method: row.try_get("method")?,
        outcome: row.try_get("outcome")?,
        ip: row.try_get("ip")?,
        at: row.try_get("at")?,
    })
}

#[async_trait]
impl EventStore for Store {
    async fn record(&self, event: &SecurityEvent) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        Self::insert_event(&mut tx, event).await.map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn events(&self, account_id: u64, limit: u32) -> Result<Vec<StoredEvent>, StoreError> {
        let rows = sqlx::query(
            "SELECT account_id, flow_id, kind, method, outcome, ip, at FROM security_events
             WHERE account_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
        )
        .bind(id(account_id))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter().map(event_from_row).collect::<Result<_, _>>().map_err(backend)
    }

    async fn flow_events(&self, flow_id: &str) -> Result<Vec<StoredEvent>, StoreError> {
        let rows = sqlx::query(
            "SELECT account_id, flow_id, kind, method, outcome, ip, at FROM security_events
             WHERE flow_id = $1 ORDER BY at, id",
        )
        .bind(flow_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter().map(event_from_row).collect::<Result<_, _>>().map_err(backend)
    }
}
