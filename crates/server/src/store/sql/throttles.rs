//! Sliding-window throttles and spent captcha solutions.

use async_trait::async_trait;
use regain_recovery::store::ThrottleStore;
use regain_recovery::StoreError;

use super::{backend, lock_key, Store, KEY_LOCKS};

#[async_trait]
impl ThrottleStore for Store {
    async fn take(
        &self,
        key: &str,
        now: i64,
        window: i64,
        limit: u32,
    ) -> Result<Option<i64>, StoreError> {
        // Counted and, if under the limit, recorded in one statement; where racing takers of
        // one key could each see the others' events missing, one at a time per key.
        let record = sqlx::query(
            "INSERT INTO throttle_events (key, at)
             SELECT $1, $2 WHERE (SELECT COUNT(*) FROM throttle_events WHERE key = $1 AND at > $3) < $4",
        )
        .bind(key)
        .bind(now)
        .bind(now - window)
        .bind(i64::from(limit));
        let inserted = if KEY_LOCKS {
            let mut tx = self.pool.begin().await.map_err(backend)?;
            lock_key(&mut tx, key).await.map_err(backend)?;
            let inserted = record.execute(&mut *tx).await.map_err(backend)?;
            tx.commit().await.map_err(backend)?;
            inserted
        } else {
            record.execute(&self.pool).await.map_err(backend)?
        };
        if inserted.rows_affected() == 1 {
            return Ok(None);
        }
        let (_, oldest) = self.count(key, now, window).await?;
        Ok(Some(oldest.map_or(window, |at| at + window - now)))
    }

    async fn count(
        &self,
        key: &str,
        now: i64,
        window: i64,
    ) -> Result<(u32, Option<i64>), StoreError> {
        let (count, oldest): (i64, Option<i64>) = sqlx::query_as(
            "SELECT COUNT(*), MIN(at) FROM throttle_events WHERE key = $1 AND at > $2",
        )
        .bind(key)
        .bind(now - window)
        .fetch_one(&self.pool)
        .await
        .map_err(backend)?;
        Ok((u32::try_from(count).unwrap_or(u32::MAX), oldest))
    }

    async fn forget(&self, keys: &[String]) -> Result<(), StoreError> {
        for key in keys {
            sqlx::query("DELETE FROM throttle_events WHERE key = $1")
                .bind(key)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
        }
        Ok(())
    }

    async fn take_in_window(
        &self,
        key: &str,
        window_start: i64,
        limit: u32,
    ) -> Result<bool, StoreError> {
        // An upsert is atomic in SQLite and PostgreSQL alike: racing takers count once each,
        // and none past the limit.
        let counted = sqlx::query(
            "INSERT INTO throttle_counters (key, window_start, count) SELECT $1, $2, 1 WHERE $3 > 0
             ON CONFLICT (key, window_start) DO UPDATE SET count = throttle_counters.count + 1
                 WHERE throttle_counters.count < $3",
        )
        .bind(key)
        .bind(window_start)
        .bind(i64::from(limit))
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(counted.rows_affected() == 1)
    }

    async fn prune(&self, before: i64) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM throttle_counters WHERE window_start < $1")
            .bind(before)
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        sqlx::query("DELETE FROM contacts WHERE confirmed_at IS NULL AND expires_at < $1")
            .bind(before)
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        sqlx::query("DELETE FROM throttle_events WHERE at < $1")
            .bind(before)
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        sqlx::query("DELETE FROM spent_captchas WHERE expires_at < $1")
            .bind(before)
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        sqlx::query("DELETE FROM pending_sign_ins WHERE expires_at < $1")
            .bind(before)
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn spend_captcha(
        &self,
        signature: &str,
        expires_at: i64,
        _now: i64,
    ) -> Result<bool, StoreError> {
        // One indexed insert: expired solutions are pruned by the maintenance task, not here
        // (a solution of an expired challenge is refused before it is spent).
        let inserted = sqlx::query("INSERT INTO spent_captchas (signature, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(signature)
            .bind(expires_at)
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(inserted.rows_affected() == 1)
    }
}
