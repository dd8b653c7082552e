//! Vouching: asks to recovery contacts, their answers, and the waiting period enough vouches
//! start (kept with support's assisted recoveries, which share its cancel links).

use async_trait::async_trait;
use regain_recovery::events::SecurityEvent;
use regain_recovery::store::{
    AskAnswer, AskState, AssistedState, AuditRecord, FlowMove, NewVouchedWait, QueuedMessage,
    StoredAsk, VouchAsk, VouchStore, VouchTally, VouchedWait, WaitEvidence,
};
use regain_recovery::{StoreError, TokenHash};
use sqlx::{Row, Transaction};

use super::{backend, id, lock_account, Db, DbRow, Store, POSITION};

const ASK_COLUMNS: &str = "r.id, r.flow_id, r.owner_id, r.member_id, r.contact_id, r.state,
    r.attempts, r.created_at, r.expires_at, a.display_name AS owner_name";

/// An ask is open while it waits, its time is not up, its flow goes on and its contact is
/// still accepted, at `$1`, which every statement using it binds to `now`.
const OPEN: &str = "r.state = 'asked' AND r.expires_at > $1
    AND EXISTS (SELECT 1 FROM recovery_flows f WHERE f.id = r.flow_id
        AND f.completed_at IS NULL AND f.expires_at > $1)
    AND EXISTS (SELECT 1 FROM recovery_contacts m WHERE m.id = r.member_id
        AND m.state = 'active')";

fn ask_from_row(row: &DbRow) -> Result<StoredAsk, StoreError> {
    let unsigned = |name: &str| -> Result<u64, StoreError> {
        Ok(u64::try_from(row.try_get::<i64, _>(name).map_err(backend)?).unwrap_or_default())
    };
    let state: String = row.try_get("state").map_err(backend)?;
    Ok(StoredAsk {
        ask: VouchAsk {
            id: row.try_get("id").map_err(backend)?,
            flow_id: row.try_get("flow_id").map_err(backend)?,
            owner_id: unsigned("owner_id")?,
            member_id: row.try_get("member_id").map_err(backend)?,
            contact_id: unsigned("contact_id")?,
            created_at: row.try_get("created_at").map_err(backend)?,
            expires_at: row.try_get("expires_at").map_err(backend)?,
        },
        state: AskState::parse(&state)
            .ok_or_else(|| StoreError::Backend("stored ask state does not parse".into()))?,
        attempts: u32::try_from(unsigned("attempts")?).unwrap_or(u32::MAX),
        owner_name: row.try_get("owner_name").map_err(backend)?,
    })
}

const WAIT_COLUMNS: &str =
    "id, flow_id, account_id, reference, state, created_at, wait_ends_at, evidence";

fn wait_from_row(row: &DbRow) -> Result<VouchedWait, StoreError> {
    let state: String = row.try_get("state").map_err(backend)?;
    let evidence: String = row.try_get("evidence").map_err(backend)?;
    Ok(VouchedWait {
        id: row.try_get("id").map_err(backend)?,
        flow_id: row.try_get("flow_id").map_err(backend)?,
        account_id: u64::try_from(row.try_get::<i64, _>("account_id").map_err(backend)?)
            .unwrap_or_default(),
        reference: row.try_get("reference").map_err(backend)?,
        state: AssistedState::parse(&state)
            .ok_or_else(|| StoreError::Backend("stored assisted state does not parse".into()))?,
        started_at: row.try_get("created_at").map_err(backend)?,
        wait_ends_at: row.try_get("wait_ends_at").map_err(backend)?,
        evidence: evidence.split(',').filter(|e| !e.is_empty()).map(str::to_owned).collect(),
    })
}

fn evidence_text(evidence: &[String]) -> String {
    evidence.join(",")
}

#[async_trait]
impl VouchStore for Store {
    async fn asks_for(&self, contact_id: u64, now: i64) -> Result<Vec<StoredAsk>, StoreError> {
        let sql = format!(
            "SELECT {ASK_COLUMNS} FROM vouch_requests r JOIN accounts a ON a.id = r.owner_id
             WHERE r.contact_id = $2 AND {OPEN} ORDER BY r.created_at, r.rowid"
        );
        let rows = sqlx::query(&sql)
            .bind(now)
            .bind(id(contact_id))
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
        rows.iter().map(ask_from_row).collect()
    }

    async fn count_ask_attempt(
        &self,
        ask_id: &str,
        contact_id: u64,
        now: i64,
    ) -> Result<Option<StoredAsk>, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let counted = sqlx::query(&format!(
            "UPDATE vouch_requests AS r SET attempts = attempts + 1
             WHERE r.id = $2 AND r.contact_id = $3 AND {OPEN}"
        ))
        .bind(now)
        .bind(ask_id)
        .bind(id(contact_id))
        .execute(&mut *tx)
        .await
        .map_err(backend)?
        .rows_affected()
            == 1;
        if !counted {
            return Ok(None);
        }
        let row = sqlx::query(&format!(
            "SELECT {ASK_COLUMNS} FROM vouch_requests r JOIN accounts a ON a.id = r.owner_id
             WHERE r.id = $1"
        ))
        .bind(ask_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        ask_from_row(&row).map(Some)
    }

    async fn answer_ask(&self, answer: &AskAnswer<'_>) -> Result<bool, StoreError> {
        // The owner's account first, as the wait's start takes it, so that a "no" and the start
        // never wait on each other and the later sees what the earlier did. (An ask's owner
        // never changes: read before the transaction, which then writes first, as SQLite needs.)
        let owner: Option<i64> =
            sqlx::query_scalar("SELECT owner_id FROM vouch_requests WHERE id = $1")
                .bind(answer.ask_id)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
        let Some(owner) = owner else {
            return Ok(false);
        };
        let mut tx = self.pool.begin().await.map_err(backend)?;
        lock_account(&mut tx, owner).await.map_err(backend)?;
        let flow: Option<(String, i64)> = sqlx::query_as(&format!(
            "UPDATE vouch_requests AS r SET state = $2, answered_at = $1
             WHERE r.id = $3 AND r.contact_id = $4 AND {OPEN} RETURNING flow_id, owner_id"
        ))
        .bind(answer.now)
        .bind(answer.answer.as_str())
        .bind(answer.ask_id)
        .bind(id(answer.contact_id))
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
        let Some((flow_id, owner_id)) = flow else {
            return Ok(false);
        };
        if matches!(answer.answer, AskState::Declined | AskState::Reported) {
            // A "no" ends the flow's request: the other asks, the waiting period if one runs,
            // and the flow.
            sqlx::query(
                "UPDATE vouch_requests SET state = 'ended', answered_at = $1
                 WHERE flow_id = $2 AND state = 'asked'",
            )
            .bind(answer.now)
            .bind(&flow_id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
            sqlx::query(
                "UPDATE assisted_recoveries SET state = 'cancelled', updated_at = $1
                 WHERE flow_id = $2 AND state = 'waiting'",
            )
            .bind(answer.now)
            .bind(&flow_id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
            sqlx::query(
                "UPDATE recovery_flows SET expires_at = $1, reset_mac = NULL,
                     reset_expires_at = NULL, version = version + 1
                 WHERE id = $2 AND completed_at IS NULL AND expires_at > $3",
            )
            .bind(answer.now)
            .bind(&flow_id)
            .bind(answer.now)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        }
        if let Some(notices) = answer.notices {
            Self::queue_notices(
                &mut tx,
                u64::try_from(owner_id).unwrap_or_default(),
                notices,
                answer.now,
            )
            .await
            .map_err(backend)?;
        }
        Self::insert_event(&mut tx, answer.event).await.map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn vouch_tally(&self, flow_id: &str) -> Result<VouchTally, StoreError> {
        let (asked, vouched, ended): (i64, i64, bool) = sqlx::query_as(
            "SELECT COUNT(*),
                 COUNT(CASE WHEN r.state = 'vouched' AND EXISTS (SELECT 1 FROM recovery_contacts m
                     WHERE m.id = r.member_id AND m.state = 'active') THEN 1 END),
                 COUNT(CASE WHEN r.state IN ('declined', 'reported') THEN 1 END) > 0
             FROM vouch_requests r WHERE r.flow_id = $1",
        )
        .bind(flow_id)
        .fetch_one(&self.pool)
        .await
        .map_err(backend)?;
        Ok(VouchTally {
            asked: u32::try_from(asked).unwrap_or_default(),
            vouched: u32::try_from(vouched).unwrap_or_default(),
            ended,
        })
    }

    async fn start_vouched_wait(
        &self,
        step: &FlowMove,
        wait: &NewVouchedWait,
        messages: &[QueuedMessage],
        event: &SecurityEvent,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        // The account first, as a contact's "no" takes it: the two never wait on each other.
        lock_account(&mut tx, id(wait.account_id)).await.map_err(backend)?;
        // The move first, so that the transaction writes before it reads (a read first would
        // have to upgrade its lock, which SQLite refuses under a race rather than wait).
        if !Self::move_flow(&mut tx, step).await? {
            return Ok(false);
        }
        // A contact's "no" ends the request, whenever it came.
        let refused: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM vouch_requests
                 WHERE flow_id = $1 AND state IN ('declined', 'reported'))",
        )
        .bind(&step.flow_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(backend)?;
        if refused {
            return Ok(false);
        }
        // A contact may still say no for as long as the flow lasts, the wait included.
        if let Some(flow_ends) = step.expires_at {
            sqlx::query(
                "UPDATE vouch_requests SET expires_at = CASE WHEN expires_at < $1 THEN $1 ELSE expires_at END
                 WHERE flow_id = $2 AND state = 'asked'",
            )
            .bind(flow_ends)
            .bind(&step.flow_id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        }
        sqlx::query(
            "INSERT INTO assisted_recoveries (id, flow_id, account_id, state, four_eyes,
                 cancel_hash, wait_ends_at, evidence, reference, wait_hash, created_at, updated_at)
             VALUES ($1, $2, $3, 'waiting', FALSE, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&wait.id)
        .bind(&wait.flow_id)
        .bind(id(wait.account_id))
        .bind(&wait.cancel_hash.0)
        .bind(wait.wait_ends_at)
        .bind(evidence_text(&wait.evidence))
        .bind(&wait.reference)
        .bind(&wait.wait_hash.0)
        .bind(event.at)
        .bind(event.at)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        for message in messages {
            Self::queue(&mut tx, message).await.map_err(backend)?;
        }
        Self::insert_event(&mut tx, event).await.map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn vouched_wait(&self, flow_id: &str) -> Result<Option<VouchedWait>, StoreError> {
        let sql = format!("SELECT {WAIT_COLUMNS} FROM assisted_recoveries WHERE flow_id = $1");
        let row = sqlx::query(&sql).bind(flow_id).fetch_optional(&self.pool).await;
        row.map_err(backend)?.as_ref().map(wait_from_row).transpose()
    }

    async fn waiting_by_reference(
        &self,
        reference: &str,
    ) -> Result<Option<VouchedWait>, StoreError> {
        let sql = format!(
            "SELECT {WAIT_COLUMNS} FROM assisted_recoveries
             WHERE reference = $1 AND state = 'waiting'"
        );
        let row = sqlx::query(&sql).bind(reference).fetch_optional(&self.pool).await;
        row.map_err(backend)?.as_ref().map(wait_from_row).transpose()
    }

    async fn add_wait_evidence(
        &self,
        flow_id: &str,
        evidence: &str,
        shorten_by_secs: i64,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let check = WaitEvidence { flow_id, evidence, shorten_by_secs };
        let added = Self::add_evidence(&mut tx, &check, now).await?;
        tx.commit().await.map_err(backend)?;
        Ok(added)
    }

    async fn check_wait_in_person(
        &self,
        check: &WaitEvidence<'_>,
        audit: &AuditRecord,
        event: &SecurityEvent,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let added = Self::add_evidence(&mut tx, check, now).await?;
        Self::insert_audit(&mut tx, audit).await.map_err(backend)?;
        if added {
            Self::insert_event(&mut tx, event).await.map_err(backend)?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(added)
    }

    async fn finish_vouched_wait(
        &self,
        step: &FlowMove,
        wait_hash: &TokenHash,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let used = sqlx::query(
            "UPDATE assisted_recoveries SET state = 'used', updated_at = $1
             WHERE flow_id = $2 AND state = 'waiting' AND wait_ends_at <= $3 AND wait_hash = $4",
        )
        .bind(now)
        .bind(&step.flow_id)
        .bind(now)
        .bind(&wait_hash.0)
        .execute(&mut *tx)
        .await
        .map_err(backend)?
        .rows_affected()
            == 1;
        if !used || !Self::move_flow(&mut tx, step).await? {
            return Ok(false);
        }
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn known_device(
        &self,
        account_id: u64,
        refresh_hash: &TokenHash,
    ) -> Result<bool, StoreError> {
        let known: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM sessions WHERE account_id = $1 AND locked_at IS NULL
                 AND revoked_at IS NULL AND (refresh_hash = $2 OR previous_refresh_hash = $3))",
        )
        .bind(id(account_id))
        .bind(&refresh_hash.0)
        .bind(&refresh_hash.0)
        .fetch_one(&self.pool)
        .await
        .map_err(backend)?;
        Ok(known)
    }
}

impl Store {
    /// Adds evidence to a waiting period still running, once, taking its worth off the end in
    /// the same statement: whether it did.
    async fn add_evidence(
        tx: &mut Transaction<'_, Db>,
        check: &WaitEvidence<'_>,
        now: i64,
    ) -> Result<bool, StoreError> {
        let sql = format!(
            "UPDATE assisted_recoveries
             SET evidence = CASE evidence WHEN '' THEN $1 ELSE evidence || ',' || $1 END,
                 wait_ends_at = wait_ends_at - $2, updated_at = $3
             WHERE flow_id = $4 AND state = 'waiting'
               AND {POSITION}(',' || evidence || ',', ',' || $1 || ',') = 0"
        );
        let added = sqlx::query(&sql)
            .bind(check.evidence)
            .bind(check.shorten_by_secs)
            .bind(now)
            .bind(check.flow_id)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
        Ok(added.rows_affected() == 1)
    }
}
