//! Support requests and their proofs.

use async_trait::async_trait;
use regain_protocol::SupportState;
use regain_recovery::store::{
    NewProof, NewSupportRequest, QueuedMessage, StoredProof, SupportRequest, SupportStore,
};
use regain_recovery::{StoreError, TokenHash};
use sqlx::Row;

use super::{backend, channel_name, id, DbRow, Store};

pub(super) const REQUEST_COLUMNS: &str =
    "id, reference, account_id, subject, contact_channel, contact_sealed, locale,
    code_mac, code_expires_at, code_attempts, contact_confirmed_at, description_sealed,
    device_sealed, key_sealed, status_hash, state, created_at, updated_at, claimed_by,
    first_approval_by, decided_at";

pub(super) fn request_from_row(row: &DbRow) -> Result<SupportRequest, StoreError> {
    let get = |e: sqlx::Error| backend(e);
    let corrupt = |what: &str| StoreError::Backend(format!("stored {what} does not parse").into());
    let channel: String = row.try_get("contact_channel").map_err(get)?;
    let state: String = row.try_get("state").map_err(get)?;
    Ok(SupportRequest {
        id: row.try_get("id").map_err(get)?,
        reference: row.try_get("reference").map_err(get)?,
        account_id: row
            .try_get::<Option<i64>, _>("account_id")
            .map_err(get)?
            .and_then(|a| u64::try_from(a).ok()),
        subject: row.try_get("subject").map_err(get)?,
        contact_channel: match channel.as_str() {
            "email" => regain_protocol::ContactChannel::Email,
            "phone" => regain_protocol::ContactChannel::Phone,
            _ => return Err(corrupt("contact channel")),
        },
        contact_sealed: row.try_get("contact_sealed").map_err(get)?,
        locale: row.try_get("locale").map_err(get)?,
        code_mac: row.try_get("code_mac").map_err(get)?,
        code_expires_at: row.try_get("code_expires_at").map_err(get)?,
        code_attempts: u32::try_from(row.try_get::<i64, _>("code_attempts").map_err(get)?)
            .unwrap_or(u32::MAX),
        contact_confirmed_at: row.try_get("contact_confirmed_at").map_err(get)?,
        description_sealed: row.try_get("description_sealed").map_err(get)?,
        device_sealed: row.try_get("device_sealed").map_err(get)?,
        key_sealed: row
            .try_get::<Option<Vec<u8>>, _>("key_sealed")
            .map_err(get)?
            .unwrap_or_default(),
        status_hash: TokenHash(row.try_get("status_hash").map_err(get)?),
        state: SupportState::parse(&state).ok_or_else(|| corrupt("support state"))?,
        created_at: row.try_get("created_at").map_err(get)?,
        updated_at: row.try_get("updated_at").map_err(get)?,
        claimed_by: staff_id(row.try_get("claimed_by").map_err(get)?),
        first_approval_by: staff_id(row.try_get("first_approval_by").map_err(get)?),
        decided_at: row.try_get("decided_at").map_err(get)?,
    })
}

fn staff_id(stored: Option<i64>) -> Option<u64> {
    stored.and_then(|s| u64::try_from(s).ok())
}

#[async_trait]
impl SupportStore for Store {
    async fn insert_support_request(
        &self,
        request: &NewSupportRequest,
        proofs: &[NewProof],
        message: &QueuedMessage,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        sqlx::query(
            "INSERT INTO support_requests (id, reference, account_id, subject, contact_channel,
                 contact_sealed, locale, code_mac, code_expires_at, description_sealed,
                 device_sealed, key_sealed, status_hash, state, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        )
        .bind(&request.id)
        .bind(&request.reference)
        .bind(request.account_id.map(id))
        .bind(&request.subject)
        .bind(channel_name(request.contact_channel))
        .bind(&request.contact_sealed)
        .bind(&request.locale)
        .bind(&request.code_mac)
        .bind(request.code_expires_at)
        .bind(&request.description_sealed)
        .bind(&request.device_sealed)
        .bind(&request.key_sealed)
        .bind(&request.status_hash.0)
        .bind(SupportState::AwaitingContact.as_str())
        .bind(request.created_at)
        .bind(request.created_at)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        for (position, proof) in proofs.iter().enumerate() {
            sqlx::query(
                "INSERT INTO support_proofs (request_id, position, kind, content_type, sealed)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&request.id)
            .bind(i64::try_from(position).unwrap_or_default())
            .bind(&proof.kind)
            .bind(&proof.content_type)
            .bind(&proof.sealed)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        }
        Self::queue(&mut tx, message).await.map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn support_request(
        &self,
        request_id: &str,
    ) -> Result<Option<SupportRequest>, StoreError> {
        let sql = format!("SELECT {REQUEST_COLUMNS} FROM support_requests WHERE id = $1");
        let row =
            sqlx::query(&sql).bind(request_id).fetch_optional(&self.pool).await.map_err(backend)?;
        row.as_ref().map(request_from_row).transpose()
    }

    async fn support_request_by_status(
        &self,
        status: &TokenHash,
    ) -> Result<Option<SupportRequest>, StoreError> {
        let sql = format!("SELECT {REQUEST_COLUMNS} FROM support_requests WHERE status_hash = $1");
        let row =
            sqlx::query(&sql).bind(&status.0).fetch_optional(&self.pool).await.map_err(backend)?;
        row.as_ref().map(request_from_row).transpose()
    }

    async fn count_support_code_attempt(
        &self,
        request_id: &str,
    ) -> Result<Option<SupportRequest>, StoreError> {
        let sql = format!(
            "UPDATE support_requests SET code_attempts = code_attempts + 1
             WHERE id = $1 AND contact_confirmed_at IS NULL RETURNING {REQUEST_COLUMNS}"
        );
        let row =
            sqlx::query(&sql).bind(request_id).fetch_optional(&self.pool).await.map_err(backend)?;
        row.as_ref().map(request_from_row).transpose()
    }

    async fn confirm_support_contact(
        &self,
        request_id: &str,
        now: i64,
        message: &QueuedMessage,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let confirmed = sqlx::query(
            "UPDATE support_requests SET contact_confirmed_at = $1, state = $2, updated_at = $3
             WHERE id = $4 AND contact_confirmed_at IS NULL",
        )
        .bind(now)
        .bind(SupportState::Open.as_str())
        .bind(now)
        .bind(request_id)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if confirmed.rows_affected() != 1 {
            return Ok(false);
        }
        Self::queue(&mut tx, message).await.map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn support_proofs(&self, request_id: &str) -> Result<Vec<StoredProof>, StoreError> {
        let rows: Vec<(i64, String, String, Option<Vec<u8>>)> = sqlx::query_as(
            "SELECT id, kind, content_type, sealed FROM support_proofs
             WHERE request_id = $1 ORDER BY position",
        )
        .bind(request_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(|(id, kind, content_type, sealed)| StoredProof { id, kind, content_type, sealed })
            .collect())
    }
}
