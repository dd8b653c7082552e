//! Second factors: authenticators, recovery codes, and the steps and codes they used.

use async_trait::async_trait;
use regain_recovery::store::{
    AccountChange, Authenticator, FactorStore, NewRecoveryCode, StoredRecoveryCode,
};
use regain_recovery::StoreError;
use sqlx::Transaction;

use super::{backend, id, lock_account, Db, Store};

impl Store {
    /// A new set of recovery codes in place of the old one.
    async fn write_codes(
        tx: &mut Transaction<'_, Db>,
        account_id: u64,
        codes: &[NewRecoveryCode],
        now: i64,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM recovery_codes WHERE account_id = $1")
            .bind(id(account_id))
            .execute(&mut **tx)
            .await?;
        for code in codes {
            sqlx::query(
                "INSERT INTO recovery_codes (account_id, tag, hash, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(id(account_id))
            .bind(&code.tag)
            .bind(&code.hash)
            .bind(now)
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }

    /// A change's event and notices.
    pub(super) async fn record_change(
        tx: &mut Transaction<'_, Db>,
        change: &AccountChange,
    ) -> Result<(), sqlx::Error> {
        Self::queue_notices(tx, change.account_id, &change.notices, change.now).await?;
        Self::insert_event(tx, &change.event).await
    }
}

#[async_trait]
impl FactorStore for Store {
    async fn authenticator(&self, account_id: u64) -> Result<Option<Authenticator>, StoreError> {
        let row: Option<(Vec<u8>, i64, Option<i64>, Option<i64>)> = sqlx::query_as(
            "SELECT sealed_secret, created_at, confirmed_at, last_step FROM authenticators
             WHERE account_id = $1",
        )
        .bind(id(account_id))
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        Ok(row.map(|(sealed_secret, created_at, confirmed_at, last_step)| Authenticator {
            sealed_secret,
            created_at,
            confirmed_at,
            last_step,
        }))
    }

    async fn begin_authenticator(
        &self,
        account_id: u64,
        sealed_secret: &[u8],
        now: i64,
    ) -> Result<bool, StoreError> {
        let written = sqlx::query(
            "INSERT INTO authenticators (account_id, sealed_secret, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (account_id) DO UPDATE SET sealed_secret = excluded.sealed_secret,
                 created_at = excluded.created_at
             WHERE authenticators.confirmed_at IS NULL",
        )
        .bind(id(account_id))
        .bind(sealed_secret)
        .bind(now)
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(written.rows_affected() == 1)
    }

    async fn confirm_authenticator(
        &self,
        sealed_secret: &[u8],
        step: i64,
        codes: &[NewRecoveryCode],
        change: &AccountChange,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        lock_account(&mut tx, id(change.account_id)).await.map_err(backend)?;
        let confirmed = sqlx::query(
            "UPDATE authenticators SET confirmed_at = $1, last_step = $2
             WHERE account_id = $3 AND sealed_secret = $4 AND confirmed_at IS NULL",
        )
        .bind(change.now)
        .bind(step)
        .bind(id(change.account_id))
        .bind(sealed_secret)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if confirmed.rows_affected() != 1 {
            return Ok(false);
        }
        Self::write_codes(&mut tx, change.account_id, codes, change.now).await.map_err(backend)?;
        // Every recovery started before the account had this factor ends, an assisted one
        // approved before it too (S12): the owner is here, and no recovery may be weaker than
        // the account.
        Self::end_open_flows(&mut tx, id(change.account_id), change.now).await.map_err(backend)?;
        Self::record_change(&mut tx, change).await.map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn use_totp_step(&self, account_id: u64, step: i64) -> Result<bool, StoreError> {
        let used = sqlx::query(
            "UPDATE authenticators SET last_step = $1
             WHERE account_id = $2 AND confirmed_at IS NOT NULL
               AND (last_step IS NULL OR last_step < $3)",
        )
        .bind(step)
        .bind(id(account_id))
        .bind(step)
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(used.rows_affected() == 1)
    }

    async fn remove_second_factor(&self, change: &AccountChange) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        lock_account(&mut tx, id(change.account_id)).await.map_err(backend)?;
        for table in ["authenticators", "recovery_codes"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE account_id = $1"))
                .bind(id(change.account_id))
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        Self::record_change(&mut tx, change).await.map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn replace_recovery_codes(
        &self,
        codes: &[NewRecoveryCode],
        change: &AccountChange,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        // Delete-then-insert: a racing new set would miss this one and leave both working.
        lock_account(&mut tx, id(change.account_id)).await.map_err(backend)?;
        Self::write_codes(&mut tx, change.account_id, codes, change.now).await.map_err(backend)?;
        Self::record_change(&mut tx, change).await.map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn recovery_codes_tagged(
        &self,
        account_id: u64,
        tag: &str,
    ) -> Result<Vec<StoredRecoveryCode>, StoreError> {
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, hash FROM recovery_codes
             WHERE account_id = $1 AND tag = $2 AND used_at IS NULL ORDER BY id",
        )
        .bind(id(account_id))
        .bind(tag)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        Ok(rows.into_iter().map(|(id, hash)| StoredRecoveryCode { id, hash }).collect())
    }

    async fn use_recovery_code(&self, code_id: i64, now: i64) -> Result<bool, StoreError> {
        let used =
            sqlx::query("UPDATE recovery_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
                .bind(now)
                .bind(code_id)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
        Ok(used.rows_affected() == 1)
    }
}
