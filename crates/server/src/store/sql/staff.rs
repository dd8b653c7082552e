//! The staff's side of support: members of staff, shifts, reviews, assisted recoveries and the
//! audit. Every change that must hold together (a claim and its audit line, a decision with
//! its recovery, notices and events, a pass used and the flow it opens) is one transaction,
//! guarded by the state it expects so that a race changes nothing.

use async_trait::async_trait;
use regain_protocol::{StaffRole, SupportState};
use regain_recovery::events::SecurityEvent;
use regain_recovery::model::flow::Flow;
use regain_recovery::store::{
    AssistedRecovery, AssistedState, AuditRecord, ClaimOutcome, DecisionStep, QueuedMessage, Shift,
    StaffMember, StaffSessionRecord, StaffStation, StaffStore, StoredAudit, SupportDecision,
    SupportRequest,
};
use regain_recovery::{StoreError, TokenHash};
use sqlx::{Row, Transaction};

use super::support::{request_from_row, REQUEST_COLUMNS};
use super::{backend, id, lock_account, Db, DbRow, Store};

const STAFF_COLUMNS: &str =
    "id, username, role, password_hash, totp_sealed, totp_last_step, disabled_at";
const ASSISTED_COLUMNS: &str =
    "id, request_id, account_id, state, four_eyes, wait_ends_at, pass_expires_at";

fn staff_from_row(row: &DbRow) -> Result<StaffMember, StoreError> {
    let role: String = row.try_get("role").map_err(backend)?;
    Ok(StaffMember {
        id: u64::try_from(row.try_get::<i64, _>("id").map_err(backend)?).unwrap_or_default(),
        username: row.try_get("username").map_err(backend)?,
        role: StaffRole::parse(&role)
            .ok_or_else(|| StoreError::Backend("stored staff role does not parse".into()))?,
        password_hash: row.try_get("password_hash").map_err(backend)?,
        totp_sealed: row.try_get("totp_sealed").map_err(backend)?,
        totp_last_step: row.try_get("totp_last_step").map_err(backend)?,
        disabled: row.try_get::<Option<i64>, _>("disabled_at").map_err(backend)?.is_some(),
    })
}

fn assisted_from_row(row: &DbRow) -> Result<AssistedRecovery, StoreError> {
    let state: String = row.try_get("state").map_err(backend)?;
    Ok(AssistedRecovery {
        id: row.try_get("id").map_err(backend)?,
        request_id: row.try_get("request_id").map_err(backend)?,
        account_id: u64::try_from(row.try_get::<i64, _>("account_id").map_err(backend)?)
            .unwrap_or_default(),
        state: AssistedState::parse(&state)
            .ok_or_else(|| StoreError::Backend("stored assisted state does not parse".into()))?,
        four_eyes: row.try_get("four_eyes").map_err(backend)?,
        wait_ends_at: row.try_get("wait_ends_at").map_err(backend)?,
        pass_expires_at: row.try_get("pass_expires_at").map_err(backend)?,
    })
}

impl Store {
    pub(super) async fn insert_audit(
        tx: &mut Transaction<'_, Db>,
        record: &AuditRecord,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO staff_audit (staff_id, action, request_id, account_id, detail, ip, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id(record.staff_id))
        .bind(&record.action)
        .bind(&record.request_id)
        .bind(record.account_id.map(id))
        .bind(&record.detail)
        .bind(&record.ip)
        .bind(record.at)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }
}

#[async_trait]
impl StaffStore for Store {
    async fn insert_staff(
        &self,
        username: &str,
        role: StaffRole,
        password_hash: &str,
        totp_sealed: &[u8],
        now: i64,
    ) -> Result<Option<u64>, StoreError> {
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO staff (username, role, password_hash, totp_sealed, created_at)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING RETURNING id",
        )
        .bind(username)
        .bind(role.as_str())
        .bind(password_hash)
        .bind(totp_sealed)
        .bind(now)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        Ok(inserted.and_then(|i| u64::try_from(i).ok()))
    }

    async fn staff_by_username(&self, username: &str) -> Result<Option<StaffMember>, StoreError> {
        let sql = format!("SELECT {STAFF_COLUMNS} FROM staff WHERE username = $1");
        let row =
            sqlx::query(&sql).bind(username).fetch_optional(&self.pool).await.map_err(backend)?;
        row.as_ref().map(staff_from_row).transpose()
    }

    async fn staff_member(&self, staff_id: u64) -> Result<Option<StaffMember>, StoreError> {
        let sql = format!("SELECT {STAFF_COLUMNS} FROM staff WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id(staff_id))
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
        row.as_ref().map(staff_from_row).transpose()
    }

    async fn use_staff_totp_step(&self, staff_id: u64, step: i64) -> Result<bool, StoreError> {
        let used = sqlx::query(
            "UPDATE staff SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $3",
        )
        .bind(step)
        .bind(id(staff_id))
        .bind(step)
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(used.rows_affected() == 1)
    }

    async fn insert_staff_session(
        &self,
        session: &StaffSessionRecord,
        audit: &AuditRecord,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        sqlx::query(
            "INSERT INTO staff_sessions
                 (token_hash, staff_id, created_at, expires_at, last_seen_at, station_id)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&session.token_hash.0)
        .bind(id(session.staff_id))
        .bind(session.created_at)
        .bind(session.expires_at)
        .bind(session.created_at)
        .bind(session.station_id.map(id))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        Self::insert_audit(&mut tx, audit).await.map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn touch_staff_session(
        &self,
        token_hash: &TokenHash,
        now: i64,
        idle_secs: i64,
    ) -> Result<Option<Shift>, StoreError> {
        let session: Option<(i64, Option<i64>)> = sqlx::query_as(
            "UPDATE staff_sessions SET last_seen_at = $1
             WHERE token_hash = $2 AND ended_at IS NULL AND expires_at > $3 AND last_seen_at > $4
             RETURNING staff_id, station_id",
        )
        .bind(now)
        .bind(&token_hash.0)
        .bind(now)
        .bind(now - idle_secs)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        let Some((staff_id, station_id)) = session else { return Ok(None) };
        let Some(member) = self.staff_member(u64::try_from(staff_id).unwrap_or_default()).await?
        else {
            return Ok(None);
        };
        if member.disabled {
            return Ok(None);
        }
        let station = match station_id {
            None => None,
            // A retired station's shifts are over (retiring ends them too; this holds even so).
            Some(station_id) => match sqlx::query_scalar::<_, String>(
                "SELECT name FROM staff_stations WHERE id = $1 AND retired_at IS NULL",
            )
            .bind(station_id)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?
            {
                Some(name) => Some(name),
                None => return Ok(None),
            },
        };
        Ok(Some(Shift { member, station }))
    }

    async fn insert_station(
        &self,
        name: &str,
        key_hash: &TokenHash,
        now: i64,
    ) -> Result<Option<u64>, StoreError> {
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO staff_stations (name, key_hash, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (name) DO NOTHING RETURNING id",
        )
        .bind(name)
        .bind(&key_hash.0)
        .bind(now)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        Ok(inserted.and_then(|i| u64::try_from(i).ok()))
    }

    async fn station_by_key(
        &self,
        key_hash: &TokenHash,
    ) -> Result<Option<StaffStation>, StoreError> {
        let row: Option<(i64, String)> = sqlx::query_as(
            "SELECT id, name FROM staff_stations WHERE key_hash = $1 AND retired_at IS NULL",
        )
        .bind(&key_hash.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        Ok(row.map(|(station_id, name)| StaffStation {
            id: u64::try_from(station_id).unwrap_or_default(),
            name,
        }))
    }

    async fn retire_station(&self, name: &str, now: i64) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let retired: Option<i64> = sqlx::query_scalar(
            "UPDATE staff_stations SET retired_at = $1 WHERE name = $2 AND retired_at IS NULL
             RETURNING id",
        )
        .bind(now)
        .bind(name)
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
        let Some(station_id) = retired else { return Ok(false) };
        sqlx::query(
            "UPDATE staff_sessions SET ended_at = $1 WHERE station_id = $2 AND ended_at IS NULL",
        )
        .bind(now)
        .bind(station_id)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn end_staff_session(&self, token_hash: &TokenHash, now: i64) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE staff_sessions SET ended_at = $1 WHERE token_hash = $2 AND ended_at IS NULL",
        )
        .bind(now)
        .bind(&token_hash.0)
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn audit(
        &self,
        record: &AuditRecord,
        event: Option<&SecurityEvent>,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        Self::insert_audit(&mut tx, record).await.map_err(backend)?;
        if let Some(event) = event {
            Self::insert_event(&mut tx, event).await.map_err(backend)?;
        }
        tx.commit().await.map_err(backend)
    }

    async fn staff_audit(
        &self,
        request_id: Option<&str>,
        limit: u32,
    ) -> Result<Vec<StoredAudit>, StoreError> {
        let rows = sqlx::query(
            "SELECT a.staff_id, s.username, a.action, a.request_id, a.account_id, a.detail, a.ip,
                    a.at
             FROM staff_audit a JOIN staff s ON s.id = a.staff_id
             WHERE $1 IS NULL OR a.request_id = $2
             ORDER BY a.at DESC, a.id DESC LIMIT $3",
        )
        .bind(request_id)
        .bind(request_id)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter()
            .map(|row| {
                Ok(StoredAudit {
                    username: row.try_get("username")?,
                    record: AuditRecord {
                        staff_id: u64::try_from(row.try_get::<i64, _>("staff_id")?)
                            .unwrap_or_default(),
                        action: row.try_get("action")?,
                        request_id: row.try_get("request_id")?,
                        account_id: row
                            .try_get::<Option<i64>, _>("account_id")?
                            .and_then(|a| u64::try_from(a).ok()),
                        detail: row.try_get("detail")?,
                        ip: row.try_get("ip")?,
                        at: row.try_get("at")?,
                    },
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(backend)
    }

    async fn support_queue(&self, limit: u32) -> Result<Vec<SupportRequest>, StoreError> {
        let sql = format!(
            "SELECT {REQUEST_COLUMNS} FROM support_requests WHERE state IN ($1, $2)
             ORDER BY created_at, id LIMIT $3"
        );
        let rows = sqlx::query(&sql)
            .bind(SupportState::Open.as_str())
            .bind(SupportState::InReview.as_str())
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
        rows.iter().map(request_from_row).collect()
    }

    async fn claim_support_request(
        &self,
        request_id: &str,
        audit: &AuditRecord,
        event: Option<&SecurityEvent>,
    ) -> Result<ClaimOutcome, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let claimed = sqlx::query(
            "UPDATE support_requests SET claimed_by = $1, state = $2, updated_at = $3
             WHERE id = $4 AND state IN ($5, $6) AND claimed_by IS NULL",
        )
        .bind(id(audit.staff_id))
        .bind(SupportState::InReview.as_str())
        .bind(audit.at)
        .bind(request_id)
        .bind(SupportState::Open.as_str())
        .bind(SupportState::InReview.as_str())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if claimed.rows_affected() != 1 {
            let holder: Option<(String, Option<i64>)> =
                sqlx::query_as("SELECT state, claimed_by FROM support_requests WHERE id = $1")
                    .bind(request_id)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(backend)?;
            let open = [SupportState::Open.as_str(), SupportState::InReview.as_str()];
            return Ok(match holder {
                Some((state, Some(holder))) if open.contains(&state.as_str()) => {
                    if holder == id(audit.staff_id) {
                        ClaimOutcome::Claimed
                    } else {
                        ClaimOutcome::ClaimedByOther
                    }
                }
                _ => ClaimOutcome::NotClaimable,
            });
        }
        Self::insert_audit(&mut tx, audit).await.map_err(backend)?;
        if let Some(event) = event {
            Self::insert_event(&mut tx, event).await.map_err(backend)?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(ClaimOutcome::Claimed)
    }

    async fn add_support_note(
        &self,
        request_id: &str,
        staff_id: u64,
        note_sealed: &[u8],
        audit: &AuditRecord,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        sqlx::query(
            "INSERT INTO support_notes (request_id, staff_id, note_sealed, created_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(request_id)
        .bind(id(staff_id))
        .bind(note_sealed)
        .bind(audit.at)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        Self::insert_audit(&mut tx, audit).await.map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn support_notes(
        &self,
        request_id: &str,
    ) -> Result<Vec<(String, Vec<u8>, i64)>, StoreError> {
        sqlx::query_as(
            "SELECT s.username, n.note_sealed, n.created_at
             FROM support_notes n JOIN staff s ON s.id = n.staff_id
             WHERE n.request_id = $1 ORDER BY n.created_at, n.id",
        )
        .bind(request_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)
    }

    async fn decide_support_request(&self, decision: &SupportDecision) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let now = decision.now;
        let decided_at = decision.decided.then_some(now);
        let applied = match decision.step {
            DecisionStep::First { reviewer } => sqlx::query(
                "UPDATE support_requests
                 SET state = $1, first_approval_by = $2, verdict = $3, decided_at = $4, updated_at = $5
                 WHERE id = $6 AND state = $7 AND claimed_by = $8 AND first_approval_by IS NULL",
            )
            .bind(decision.state.as_str())
            .bind(decision.first_approval_by.map(id))
            .bind(&decision.verdict)
            .bind(decided_at)
            .bind(now)
            .bind(&decision.request_id)
            .bind(SupportState::InReview.as_str())
            .bind(id(reviewer)),
            DecisionStep::Second { approver } => sqlx::query(
                "UPDATE support_requests SET state = $1, decided_at = $2, updated_at = $3
                 WHERE id = $4 AND state = $5 AND first_approval_by IS NOT NULL
                   AND first_approval_by <> $6",
            )
            .bind(decision.state.as_str())
            .bind(decided_at)
            .bind(now)
            .bind(&decision.request_id)
            .bind(SupportState::InReview.as_str())
            .bind(id(approver)),
        }
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if applied.rows_affected() != 1 {
            return Ok(false);
        }
        if let Some(recovery) = &decision.recovery {
            sqlx::query(
                "INSERT INTO assisted_recoveries (id, request_id, account_id, state, four_eyes,
                     cancel_hash, wait_ends_at, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(&recovery.id)
            .bind(&decision.request_id)
            .bind(id(recovery.account_id))
            .bind(AssistedState::Waiting.as_str())
            .bind(recovery.four_eyes)
            .bind(&recovery.cancel_hash.0)
            .bind(recovery.wait_ends_at)
            .bind(now)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        }
        for message in &decision.messages {
            Self::queue(&mut tx, message).await.map_err(backend)?;
        }
        Self::insert_audit(&mut tx, &decision.audit).await.map_err(backend)?;
        for event in &decision.events {
            Self::insert_event(&mut tx, event).await.map_err(backend)?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn due_assisted_recoveries(&self, now: i64) -> Result<Vec<AssistedRecovery>, StoreError> {
        let sql = format!(
            "SELECT {ASSISTED_COLUMNS} FROM assisted_recoveries
             WHERE state = $1 AND wait_ends_at <= $2 AND request_id IS NOT NULL
             ORDER BY wait_ends_at LIMIT 100"
        );
        let rows = sqlx::query(&sql)
            .bind(AssistedState::Waiting.as_str())
            .bind(now)
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
        rows.iter().map(assisted_from_row).collect()
    }

    async fn send_assisted_pass(
        &self,
        recovery_id: &str,
        pass_hash: &TokenHash,
        pass_expires_at: i64,
        message: &QueuedMessage,
        event: &SecurityEvent,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let sent = sqlx::query(
            "UPDATE assisted_recoveries
             SET state = $1, pass_hash = $2, pass_expires_at = $3, updated_at = $4
             WHERE id = $5 AND state = $6",
        )
        .bind(AssistedState::PassSent.as_str())
        .bind(&pass_hash.0)
        .bind(pass_expires_at)
        .bind(event.at)
        .bind(recovery_id)
        .bind(AssistedState::Waiting.as_str())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if sent.rows_affected() != 1 {
            return Ok(false);
        }
        Self::queue(&mut tx, message).await.map_err(backend)?;
        Self::insert_event(&mut tx, event).await.map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn assisted_by_pass(
        &self,
        pass_hash: &TokenHash,
        now: i64,
    ) -> Result<Option<AssistedRecovery>, StoreError> {
        let sql = format!(
            "SELECT {ASSISTED_COLUMNS} FROM assisted_recoveries
             WHERE pass_hash = $1 AND state = $2 AND pass_expires_at > $3"
        );
        let row = sqlx::query(&sql)
            .bind(&pass_hash.0)
            .bind(AssistedState::PassSent.as_str())
            .bind(now)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
        row.as_ref().map(assisted_from_row).transpose()
    }

    async fn redeem_assisted_pass(
        &self,
        pass_hash: &TokenHash,
        flow: &Flow,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let request_id: Option<String> = sqlx::query_scalar(
            "UPDATE assisted_recoveries SET state = $1, updated_at = $2
             WHERE pass_hash = $3 AND state = $4 AND pass_expires_at > $5 AND account_id = $6
             RETURNING request_id",
        )
        .bind(AssistedState::Used.as_str())
        .bind(now)
        .bind(&pass_hash.0)
        .bind(AssistedState::PassSent.as_str())
        .bind(now)
        .bind(flow.account_id.map(id))
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
        let Some(request_id) = request_id else {
            return Ok(false);
        };
        sqlx::query(
            "INSERT INTO recovery_flows (id, account_id, subject, state, gates_required,
                 gates_passed, reset_mac, reset_expires_at, created_at, expires_at, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0)",
        )
        .bind(&flow.id)
        .bind(flow.account_id.map(id))
        .bind(&flow.subject)
        .bind(flow.state.as_str())
        .bind(i64::from(flow.gates_required))
        .bind(Flow::gates_passed_text(&flow.gates_passed))
        .bind(&flow.reset_mac)
        .bind(flow.reset_expires_at)
        .bind(flow.created_at)
        .bind(flow.expires_at)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        Self::close_request_of(&mut tx, &request_id, now).await.map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn cancel_assisted_by_link(
        &self,
        cancel_hash: &TokenHash,
        now: i64,
    ) -> Result<Option<u64>, StoreError> {
        // The account first, as every change of it takes its rows (read before the
        // transaction: an assisted recovery's account never changes).
        let owner: Option<i64> =
            sqlx::query_scalar("SELECT account_id FROM assisted_recoveries WHERE cancel_hash = $1")
                .bind(&cancel_hash.0)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
        let Some(owner) = owner else { return Ok(None) };
        let mut tx = self.pool.begin().await.map_err(backend)?;
        lock_account(&mut tx, owner).await.map_err(backend)?;
        // A pass already used opened a flow at its new-password step: the cancel ends it too,
        // with every other open recovery of the account.
        let cancelled: Option<(Option<String>, i64)> = sqlx::query_as(
            "UPDATE assisted_recoveries SET state = $1, updated_at = $2
             WHERE cancel_hash = $3 AND state IN ($4, $5, $6) RETURNING request_id, account_id",
        )
        .bind(AssistedState::Cancelled.as_str())
        .bind(now)
        .bind(&cancel_hash.0)
        .bind(AssistedState::Waiting.as_str())
        .bind(AssistedState::PassSent.as_str())
        .bind(AssistedState::Used.as_str())
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
        let Some((request_id, account_id)) = cancelled else {
            return Ok(None);
        };
        if let Some(request_id) = &request_id {
            Self::close_request_of(&mut tx, request_id, now).await.map_err(backend)?;
        }
        Self::end_open_flows(&mut tx, account_id, now).await.map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(u64::try_from(account_id).ok())
    }

    async fn cancel_assisted_for_account(
        &self,
        account_id: u64,
        now: i64,
    ) -> Result<u64, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        lock_account(&mut tx, id(account_id)).await.map_err(backend)?;
        let cancelled =
            Self::cancel_assisted(&mut tx, id(account_id), now).await.map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(cancelled)
    }

    async fn erase_support_files(
        &self,
        decided_before: i64,
        unconfirmed_before: i64,
        now: i64,
    ) -> Result<u64, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let requests: Vec<String> = sqlx::query_scalar(
            "UPDATE support_requests SET key_sealed = NULL, files_erased_at = $1,
                 state = CASE WHEN contact_confirmed_at IS NULL THEN $2 ELSE state END
             WHERE files_erased_at IS NULL
               AND ((decided_at IS NOT NULL AND decided_at <= $3)
                    OR (contact_confirmed_at IS NULL AND created_at <= $4))
             RETURNING id",
        )
        .bind(now)
        .bind(SupportState::Closed.as_str())
        .bind(decided_before)
        .bind(unconfirmed_before)
        .fetch_all(&mut *tx)
        .await
        .map_err(backend)?;
        for request_id in &requests {
            sqlx::query(
                "UPDATE support_proofs SET sealed = NULL, erased_at = $1 WHERE request_id = $2",
            )
            .bind(now)
            .bind(request_id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(u64::try_from(requests.len()).unwrap_or(u64::MAX))
    }
}
