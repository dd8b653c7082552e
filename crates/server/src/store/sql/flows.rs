//! Recovery flows, their methods' state, and what decoys are drawn from.

use async_trait::async_trait;
use regain_recovery::flow::{Flow, MethodKind, State};
use regain_recovery::store::{
    AccountStore as _, FlowMove, FlowStore, MethodState, MethodStateStore, ResetCompletion,
    StateWrite,
};
use regain_recovery::{Account, DecoyProfile, DonorPool, StoreError};
use sqlx::{Row, Transaction};

use super::{backend, id, lock_account, Db, DbRow, Store};

const FLOW_COLUMNS: &str = "id, account_id, subject, state, method, gates_required, gates_passed,
    reset_mac, reset_expires_at, created_at, expires_at, completed_at, version";

fn flow_from_row(row: &DbRow) -> Result<Flow, StoreError> {
    let get_err = |e: sqlx::Error| backend(e);
    let state: String = row.try_get("state").map_err(get_err)?;
    let method: Option<String> = row.try_get("method").map_err(get_err)?;
    let gates: String = row.try_get("gates_passed").map_err(get_err)?;
    Ok(Flow {
        id: row.try_get("id").map_err(get_err)?,
        account_id: row
            .try_get::<Option<i64>, _>("account_id")
            .map_err(get_err)?
            .and_then(|v| u64::try_from(v).ok()),
        subject: row.try_get("subject").map_err(get_err)?,
        state: State::parse(&state)
            .ok_or_else(|| StoreError::Backend(format!("unknown flow state {state}").into()))?,
        method: method.as_deref().map(MethodKind::from_stored),
        gates_required: u8::try_from(row.try_get::<i64, _>("gates_required").map_err(get_err)?)
            .unwrap_or(1),
        gates_passed: Flow::parse_gates(&gates),
        reset_mac: row.try_get("reset_mac").map_err(get_err)?,
        reset_expires_at: row.try_get("reset_expires_at").map_err(get_err)?,
        created_at: row.try_get("created_at").map_err(get_err)?,
        expires_at: row.try_get("expires_at").map_err(get_err)?,
        completed_at: row.try_get("completed_at").map_err(get_err)?,
        version: row.try_get("version").map_err(get_err)?,
    })
}

/// What narrows a donor pool: an email domain or a phone's country code.
enum PoolKey {
    Domain(String),
    CountryCode(i64),
}

/// The `FROM … WHERE …` of a donor pool's members (an `account_id` each), and the value its
/// placeholder `$2` takes, if it has one (`$1` is the caller's). Each matches a partial index
/// of migration 0004.
fn donor_pool_sql(pool: &DonorPool) -> (&'static str, Option<PoolKey>) {
    match pool {
        DonorPool::Emails { domain: Some(domain) } => (
            "FROM contacts WHERE channel = 'email' AND confirmed_at IS NOT NULL AND domain = $2",
            Some(PoolKey::Domain(domain.clone())),
        ),
        DonorPool::Emails { domain: None } => {
            ("FROM contacts WHERE channel = 'email' AND confirmed_at IS NOT NULL", None)
        }
        DonorPool::Phones { country_code: Some(code) } => (
            "FROM contacts WHERE channel = 'phone' AND confirmed_at IS NOT NULL AND country_code = $2",
            Some(PoolKey::CountryCode(i64::from(*code))),
        ),
        DonorPool::Phones { country_code: None } => {
            ("FROM contacts WHERE channel = 'phone' AND confirmed_at IS NOT NULL", None)
        }
        DonorPool::Accounts => {
            ("FROM (SELECT id AS account_id FROM accounts) AS every_account WHERE 1 = 1", None)
        }
    }
}

/// `query` with the pool's key bound after the caller's `$1`.
fn with_key<'q, O>(
    query: sqlx::query::QueryScalar<'q, Db, O, <Db as sqlx::Database>::Arguments<'q>>,
    key: Option<&PoolKey>,
) -> sqlx::query::QueryScalar<'q, Db, O, <Db as sqlx::Database>::Arguments<'q>> {
    match key {
        Some(PoolKey::Domain(domain)) => query.bind(domain.clone()),
        Some(PoolKey::CountryCode(code)) => query.bind(*code),
        None => query,
    }
}

impl Store {
    /// Writes a method's state if it is still at its expected version.
    async fn write_state(
        tx: &mut Transaction<'_, Db>,
        flow_id: &str,
        write: &StateWrite,
    ) -> Result<bool, StoreError> {
        let data = write.data.to_string();
        let done =
            match write.expected_version {
                None => sqlx::query(
                    "INSERT INTO method_states (flow_id, key, version, data) VALUES ($1, $2, 1, $3)
                 ON CONFLICT (flow_id, key) DO NOTHING",
                )
                .bind(flow_id)
                .bind(&write.key)
                .bind(&data)
                .execute(&mut **tx)
                .await,
                Some(version) => {
                    sqlx::query(
                        "UPDATE method_states SET data = $1, version = version + 1
                 WHERE flow_id = $2 AND key = $3 AND version = $4",
                    )
                    .bind(&data)
                    .bind(flow_id)
                    .bind(&write.key)
                    .bind(version)
                    .execute(&mut **tx)
                    .await
                }
            };
        Ok(done.map_err(backend)?.rows_affected() == 1)
    }

    /// Makes a flow's move inside `tx` if the flow is still at its expected version: its
    /// method's state, messages and asks with it. `false` (and `tx` to be dropped) otherwise.
    pub(super) async fn move_flow(
        tx: &mut Transaction<'_, Db>,
        step: &FlowMove,
    ) -> Result<bool, StoreError> {
        let moved = sqlx::query(
            "UPDATE recovery_flows SET state = $1, method = $2, gates_passed = $3, reset_mac = $4,
                 reset_expires_at = $5, expires_at = COALESCE($6, expires_at),
                 version = version + 1
             WHERE id = $7 AND version = $8 AND completed_at IS NULL",
        )
        .bind(step.state.as_str())
        .bind(step.method.as_ref().map(MethodKind::as_str))
        .bind(Flow::gates_passed_text(&step.gates_passed))
        .bind(&step.reset_mac)
        .bind(step.reset_expires_at)
        .bind(step.expires_at)
        .bind(&step.flow_id)
        .bind(step.expected_version)
        .execute(&mut **tx)
        .await
        .map_err(backend)?
        .rows_affected()
            == 1;
        if !moved {
            return Ok(false);
        }
        if let Some(write) = &step.method_state {
            if !Self::write_state(tx, &step.flow_id, write).await? {
                return Ok(false);
            }
        }
        for message in &step.messages {
            Self::queue(tx, message).await.map_err(backend)?;
        }
        for ask in &step.asks {
            sqlx::query(
                "INSERT INTO vouch_requests (id, flow_id, owner_id, member_id, contact_id, state,
                     created_at, expires_at)
                 SELECT $1, $2, $3, $4, $5, 'asked', $6, $7 WHERE NOT EXISTS (SELECT 1 FROM vouch_requests
                     WHERE flow_id = $8 AND member_id = $9)",
            )
            .bind(&ask.id)
            .bind(&ask.flow_id)
            .bind(id(ask.owner_id))
            .bind(&ask.member_id)
            .bind(id(ask.contact_id))
            .bind(ask.created_at)
            .bind(ask.expires_at)
            .bind(&ask.flow_id)
            .bind(&ask.member_id)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
        }
        Ok(true)
    }
}

#[async_trait]
impl FlowStore for Store {
    async fn insert_flow(
        &self,
        flow: &Flow,
        decoy: Option<&DecoyProfile>,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        sqlx::query(
            "INSERT INTO recovery_flows (id, account_id, subject, state, gates_required,
                 created_at, expires_at, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 0)",
        )
        .bind(&flow.id)
        .bind(flow.account_id.map(id))
        .bind(&flow.subject)
        .bind(flow.state.as_str())
        .bind(i64::from(flow.gates_required))
        .bind(flow.created_at)
        .bind(flow.expires_at)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if let Some(decoy) = decoy {
            // Of two racing first starts for one identifier, the profile written first stays.
            sqlx::query(
                "INSERT INTO decoy_profiles (subject, email_mask, phone_mask, question_count,
                     second_factor, vouches_needed, vouches_of, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (subject) DO NOTHING",
            )
            .bind(&flow.subject)
            .bind(&decoy.email)
            .bind(&decoy.phone)
            .bind(i64::from(decoy.question_count))
            .bind(decoy.second_factor)
            .bind(decoy.vouches.map(|(k, _)| i64::from(k)))
            .bind(decoy.vouches.map(|(_, n)| i64::from(n)))
            .bind(flow.created_at)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        }
        tx.commit().await.map_err(backend)
    }

    async fn flow(&self, flow_id: &str) -> Result<Option<Flow>, StoreError> {
        let sql = format!("SELECT {FLOW_COLUMNS} FROM recovery_flows WHERE id = $1");
        let row =
            sqlx::query(&sql).bind(flow_id).fetch_optional(&self.pool).await.map_err(backend)?;
        row.as_ref().map(flow_from_row).transpose()
    }

    async fn advance(&self, step: &FlowMove) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        if !Self::move_flow(&mut tx, step).await? {
            return Ok(false);
        }
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn complete_reset(&self, reset: &ResetCompletion, now: i64) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        // The account before the flow, as every change of the account takes them.
        lock_account(&mut tx, id(reset.change.account_id)).await.map_err(backend)?;

        let claimed = sqlx::query(
            "UPDATE recovery_flows SET state = 'complete', reset_mac = NULL, reset_expires_at = NULL,
                 completed_at = $1, version = version + 1
             WHERE id = $2 AND state = 'choose_password' AND reset_mac = $3 AND reset_expires_at > $4",
        )
        .bind(now)
        .bind(&reset.flow_id)
        .bind(&reset.reset_mac)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(backend)?
        .rows_affected()
            == 1;
        if !claimed {
            return Ok(false);
        }
        Self::apply_password_change(&mut tx, &reset.change).await.map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn decoy_profile(&self, subject: &str) -> Result<Option<DecoyProfile>, StoreError> {
        type Row = (Option<String>, Option<String>, i64, bool, Option<i64>, Option<i64>);
        let row: Option<Row> = sqlx::query_as(
            "SELECT email_mask, phone_mask, question_count, second_factor, vouches_needed,
                 vouches_of
             FROM decoy_profiles WHERE subject = $1",
        )
        .bind(subject)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        Ok(row.map(|(email, phone, questions, second_factor, needed, of)| DecoyProfile {
            email,
            phone,
            question_count: u8::try_from(questions).unwrap_or_default(),
            second_factor,
            vouches: needed
                .zip(of)
                .and_then(|(k, n)| Some((u32::try_from(k).ok()?, u32::try_from(n).ok()?))),
        }))
    }

    async fn pool_holds(&self, pool: &DonorPool, count: u32) -> Result<bool, StoreError> {
        let (members, key) = donor_pool_sql(pool);
        let sql = format!("SELECT COUNT(*) FROM (SELECT 1 {members} LIMIT $1) AS enough");
        let query = sqlx::query_scalar::<_, i64>(&sql).bind(i64::from(count));
        let found = with_key(query, key.as_ref()).fetch_one(&self.pool).await.map_err(backend)?;
        Ok(found >= i64::from(count))
    }

    async fn donor(
        &self,
        pool: &DonorPool,
        point: u64,
        now: i64,
    ) -> Result<Option<Account>, StoreError> {
        let (members, key) = donor_pool_sql(pool);
        let sql =
            format!("SELECT account_id {members} AND account_id >= $1 ORDER BY account_id LIMIT 1");
        let mut donor = None;
        // The first member at or after the point, else the first of all: the pool wraps around.
        for from in [id(point), 0] {
            let query = sqlx::query_scalar::<_, i64>(&sql).bind(from);
            donor =
                with_key(query, key.as_ref()).fetch_optional(&self.pool).await.map_err(backend)?;
            if donor.is_some() {
                break;
            }
        }
        match donor.and_then(|d| u64::try_from(d).ok()) {
            Some(account_id) => self.account(account_id, now).await,
            None => Ok(None),
        }
    }
}

#[async_trait]
impl MethodStateStore for Store {
    async fn method_state(
        &self,
        flow_id: &str,
        key: &str,
    ) -> Result<Option<MethodState>, StoreError> {
        let row: Option<(i64, String)> = sqlx::query_as(
            "SELECT version, data FROM method_states WHERE flow_id = $1 AND key = $2",
        )
        .bind(flow_id)
        .bind(key)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        row.map(|(version, data)| {
            let data = serde_json::from_str(&data)
                .map_err(|e| StoreError::Backend(format!("stored method state: {e}").into()))?;
            Ok(MethodState { version, data })
        })
        .transpose()
    }

    async fn save_method_state(
        &self,
        flow_id: &str,
        write: &StateWrite,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        if !Self::write_state(&mut tx, flow_id, write).await? {
            return Ok(false);
        }
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }
}
