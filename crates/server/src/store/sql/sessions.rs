//! Sessions, their rotating refresh tokens, and "this wasn't me".

use async_trait::async_trait;
use regain_protocol::Platform;
use regain_recovery::events::SecurityEvent;
use regain_recovery::store::{
    AccountChange, NewSession, PendingSignIn, RotatedTokens, Rotation, SessionStore, Undo,
};
use regain_recovery::{AuthMethod, Device, Session, StoreError, TokenHash};
use sqlx::Row;

use super::{backend, id, lock_account, DbConnection, DbRow, Store};

fn session_from_row(row: &DbRow) -> Result<Session, sqlx::Error> {
    Ok(Session {
        id: row.try_get("id")?,
        account_id: u64::try_from(row.try_get::<i64, _>("account_id")?).unwrap_or_default(),
        created_at: row.try_get("created_at")?,
        authenticated_at: row.try_get::<Option<i64>, _>("authenticated_at")?.unwrap_or_default(),
        last_used_at: row.try_get("last_used_at")?,
        access_expires_at: row.try_get("access_expires_at")?,
        refresh_expires_at: row.try_get("refresh_expires_at")?,
        ip: row.try_get("ip")?,
        user_agent: row.try_get("user_agent")?,
        factors: row
            .try_get::<String, _>("factors")?
            .split(',')
            .filter_map(AuthMethod::parse)
            .collect(),
        device: Device {
            name: row.try_get("device_name")?,
            platform: row
                .try_get::<Option<String>, _>("platform")?
                .as_deref()
                .and_then(Platform::parse),
        },
        locked_at: row.try_get("locked_at")?,
    })
}

const SESSION_COLUMNS: &str = "id, account_id, created_at, authenticated_at, last_used_at, access_expires_at, refresh_expires_at, ip, user_agent, factors, device_name, platform, locked_at";

/// Writes a new session on `connection` (the pool's, or a transaction's).
async fn insert(connection: &mut DbConnection, session: &NewSession) -> Result<(), sqlx::Error> {
    let factors: Vec<&str> = session.factors.iter().map(|f| f.as_str()).collect();
    sqlx::query(
        "INSERT INTO sessions (id, account_id, access_hash, access_expires_at, refresh_hash,
             refresh_expires_at, created_at, authenticated_at, last_used_at, ip, user_agent,
             factors, device_name, platform)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(&session.id)
    .bind(id(session.account_id))
    .bind(&session.access_hash.0)
    .bind(session.access_expires_at)
    .bind(&session.refresh_hash.0)
    .bind(session.refresh_expires_at)
    .bind(session.created_at)
    .bind(session.created_at)
    .bind(session.created_at)
    .bind(&session.ip)
    .bind(&session.user_agent)
    .bind(factors.join(","))
    .bind(&session.device.name)
    .bind(session.device.platform.map(Platform::as_str))
    .execute(connection)
    .await?;
    Ok(())
}

impl Store {
    /// The session, not revoked, whose token `column` holds `hash` and whose `expires` column
    /// is later than `now` (the column names are this file's own, never a caller's).
    async fn live_session(
        &self,
        column: &'static str,
        expires: &'static str,
        hash: &TokenHash,
        now: i64,
    ) -> Result<Option<Session>, StoreError> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM sessions
             WHERE {column} = $1 AND revoked_at IS NULL AND {expires} > $2"
        );
        let row = sqlx::query(&sql)
            .bind(&hash.0)
            .bind(now)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
        row.as_ref().map(session_from_row).transpose().map_err(backend)
    }
}

#[async_trait]
impl SessionStore for Store {
    async fn insert_session(&self, session: &NewSession) -> Result<(), StoreError> {
        let mut connection = self.pool.acquire().await.map_err(backend)?;
        insert(&mut connection, session).await.map_err(backend)
    }

    async fn mark_authenticated(&self, session_id: &str, now: i64) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE sessions SET authenticated_at = $1 WHERE id = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(session_id)
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn insert_pending_sign_in(&self, pending: &PendingSignIn) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO pending_sign_ins (token_hash, account_id, created_at, expires_at, attempts,
                 device_name, platform)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&pending.token_hash.0)
        .bind(id(pending.account_id))
        .bind(pending.created_at)
        .bind(pending.expires_at)
        .bind(i64::from(pending.attempts))
        .bind(&pending.device.name)
        .bind(pending.device.platform.map(Platform::as_str))
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn count_sign_in_attempt(
        &self,
        token: &TokenHash,
        now: i64,
    ) -> Result<Option<PendingSignIn>, StoreError> {
        let row: Option<(i64, i64, i64, i64, Option<String>, Option<String>)> = sqlx::query_as(
            "UPDATE pending_sign_ins SET attempts = attempts + 1
             WHERE token_hash = $1 AND finished_at IS NULL AND expires_at > $2
             RETURNING account_id, created_at, expires_at, attempts, device_name, platform",
        )
        .bind(&token.0)
        .bind(now)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        Ok(row.map(|(account_id, created_at, expires_at, attempts, name, platform)| {
            PendingSignIn {
                token_hash: token.clone(),
                account_id: u64::try_from(account_id).unwrap_or_default(),
                created_at,
                expires_at,
                attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
                device: Device { name, platform: platform.as_deref().and_then(Platform::parse) },
            }
        }))
    }

    async fn finish_sign_in(
        &self,
        token: &TokenHash,
        session: &NewSession,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let finished = sqlx::query(
            "UPDATE pending_sign_ins SET finished_at = $1
             WHERE token_hash = $2 AND account_id = $3 AND finished_at IS NULL",
        )
        .bind(session.created_at)
        .bind(&token.0)
        .bind(id(session.account_id))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if finished.rows_affected() != 1 {
            return Ok(false);
        }
        insert(&mut tx, session).await.map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn session_by_access(
        &self,
        access: &TokenHash,
        now: i64,
    ) -> Result<Option<Session>, StoreError> {
        self.live_session("access_hash", "access_expires_at", access, now).await
    }

    async fn rotate_refresh(
        &self,
        presented: &TokenHash,
        next: &RotatedTokens,
        now: i64,
    ) -> Result<Rotation, StoreError> {
        let sql = format!(
            "UPDATE sessions SET previous_refresh_hash = refresh_hash, refresh_hash = $1,
                 access_hash = $2, access_expires_at = $3, last_used_at = $4
             WHERE refresh_hash = $5 AND revoked_at IS NULL AND refresh_expires_at > $6
               AND locked_at IS NULL
             RETURNING {SESSION_COLUMNS}"
        );
        let rotated = sqlx::query(&sql)
            .bind(&next.refresh_hash.0)
            .bind(&next.access_hash.0)
            .bind(next.access_expires_at)
            .bind(now)
            .bind(&presented.0)
            .bind(now)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
        if let Some(row) = rotated {
            return Ok(Rotation::Rotated(session_from_row(&row).map_err(backend)?));
        }
        let locked: Option<String> = sqlx::query_scalar(
            "SELECT id FROM sessions WHERE refresh_hash = $1 AND revoked_at IS NULL
                 AND refresh_expires_at > $2 AND locked_at IS NOT NULL",
        )
        .bind(&presented.0)
        .bind(now)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        if locked.is_some() {
            return Ok(Rotation::Locked);
        }
        let reused: Option<String> = sqlx::query_scalar(
            "UPDATE sessions SET revoked_at = $1
             WHERE previous_refresh_hash = $2 AND revoked_at IS NULL RETURNING id",
        )
        .bind(now)
        .bind(&presented.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        Ok(match reused {
            Some(session_id) => Rotation::Reused { session_id },
            None => Rotation::Unknown,
        })
    }

    async fn revoke_session(&self, session_id: &str, now: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(session_id)
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn revoke_device(
        &self,
        account_id: u64,
        session_id: &str,
        event: &SecurityEvent,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let revoked = sqlx::query(
            "UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND account_id = $3 AND revoked_at IS NULL",
        )
        .bind(event.at)
        .bind(session_id)
        .bind(id(account_id))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if revoked.rows_affected() != 1 {
            return Ok(false);
        }
        Self::insert_event(&mut tx, event).await.map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn lock_device(
        &self,
        session_id: &str,
        change: &AccountChange,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let locked = sqlx::query(
            "UPDATE sessions SET locked_at = $1
             WHERE id = $2 AND account_id = $3 AND revoked_at IS NULL AND locked_at IS NULL",
        )
        .bind(change.now)
        .bind(session_id)
        .bind(id(change.account_id))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if locked.rows_affected() != 1 {
            return Ok(false);
        }
        Self::record_change(&mut tx, change).await.map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn session_by_refresh(
        &self,
        refresh: &TokenHash,
        now: i64,
    ) -> Result<Option<Session>, StoreError> {
        self.live_session("refresh_hash", "refresh_expires_at", refresh, now).await
    }

    async fn unlock_device(
        &self,
        session_id: &str,
        next: &RotatedTokens,
        now: i64,
        event: &SecurityEvent,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let unlocked = sqlx::query(
            "UPDATE sessions SET locked_at = NULL, previous_refresh_hash = refresh_hash,
                 refresh_hash = $1, access_hash = $2, access_expires_at = $3, last_used_at = $4,
                 authenticated_at = $5
             WHERE id = $6 AND revoked_at IS NULL AND locked_at IS NOT NULL",
        )
        .bind(&next.refresh_hash.0)
        .bind(&next.access_hash.0)
        .bind(next.access_expires_at)
        .bind(now)
        .bind(now)
        .bind(session_id)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if unlocked.rows_affected() != 1 {
            return Ok(false);
        }
        Self::insert_event(&mut tx, event).await.map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn sessions_of(&self, account_id: u64, now: i64) -> Result<Vec<Session>, StoreError> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM sessions
             WHERE account_id = $1 AND revoked_at IS NULL AND refresh_expires_at > $2
             ORDER BY created_at DESC, id"
        );
        let rows = sqlx::query(&sql)
            .bind(id(account_id))
            .bind(now)
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
        rows.iter().map(session_from_row).collect::<Result<_, _>>().map_err(backend)
    }

    async fn report_incident(&self, report_mac: &str, now: i64) -> Result<Option<u64>, StoreError> {
        // The account first, as every change of it takes its rows (a report's account never
        // changes: read before the transaction, which then writes first, as SQLite needs).
        let owner: Option<i64> =
            sqlx::query_scalar("SELECT account_id FROM incident_reports WHERE token_mac = $1")
                .bind(report_mac)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
        let Some(owner) = owner else { return Ok(None) };
        let mut tx = self.pool.begin().await.map_err(backend)?;
        lock_account(&mut tx, owner).await.map_err(backend)?;
        let reported: Option<(i64, String)> = sqlx::query_as(
            "UPDATE incident_reports SET reported_at = $1
             WHERE token_mac = $2 AND reported_at IS NULL AND expires_at > $3
             RETURNING account_id, undo",
        )
        .bind(now)
        .bind(report_mac)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
        let Some((account, undo)) = reported else { return Ok(None) };
        let undo: Undo = serde_json::from_str(&undo).map_err(|e| {
            StoreError::Backend(format!("a report's undo does not read: {e}").into())
        })?;
        Self::undo(&mut tx, account, &undo, now).await.map_err(backend)?;
        Self::end_pending_sign_ins(&mut tx, account, now).await.map_err(backend)?;
        sqlx::query(
            "UPDATE sessions SET revoked_at = $1
             WHERE account_id = $2 AND revoked_at IS NULL AND locked_at IS NULL",
        )
        .bind(now)
        .bind(account)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        Self::end_open_flows(&mut tx, account, now).await.map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(u64::try_from(account).ok())
    }
}
