//! Recovery contacts. An invitation is one guarded `INSERT … SELECT`, so that two racing
//! invitations can never take an owner past the most contacts nor invite one account twice;
//! every move is guarded by the state it expects.

use async_trait::async_trait;
use regain_recovery::store::{CircleChange, CircleMember, CircleState, CircleStore, Invited};
use regain_recovery::StoreError;
use sqlx::{Row, Transaction};

use super::{backend, id, lock_account, Db, DbRow, Store};

const MEMBER_COLUMNS: &str =
    "id, owner_id, contact_id, invited_key, invited_as, state, created_at, answered_at, expires_at";

/// Live for the invited account: accepted, or invited and not lapsed at `$1`, which every
/// statement using it binds to `now`.
const LIVE: &str = "(state = 'active' OR (state = 'invited' AND expires_at > $1))";
/// Listed for the owner: live, or declined and not lapsed at `$1` (shown as waiting).
const LISTED: &str = "(state = 'active' OR (state IN ('invited', 'declined') AND expires_at > $1))";

fn member_from_row(row: &DbRow) -> Result<CircleMember, StoreError> {
    let state: String = row.try_get("state").map_err(backend)?;
    let account = |column: &str| -> Result<Option<u64>, StoreError> {
        Ok(row
            .try_get::<Option<i64>, _>(column)
            .map_err(backend)?
            .and_then(|i| u64::try_from(i).ok()))
    };
    Ok(CircleMember {
        id: row.try_get("id").map_err(backend)?,
        owner_id: account("owner_id")?.unwrap_or_default(),
        contact_id: account("contact_id")?,
        invited_key: row.try_get("invited_key").map_err(backend)?,
        invited_as: row.try_get("invited_as").map_err(backend)?,
        state: CircleState::parse(&state)
            .ok_or_else(|| StoreError::Backend("stored circle state does not parse".into()))?,
        created_at: row.try_get("created_at").map_err(backend)?,
        answered_at: row.try_get("answered_at").map_err(backend)?,
        expires_at: row.try_get("expires_at").map_err(backend)?,
    })
}

impl Store {
    async fn write_change(
        tx: &mut Transaction<'_, Db>,
        owner_id: u64,
        change: &CircleChange<'_>,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        for event in change.events {
            Self::insert_event(tx, event).await?;
        }
        for message in change.messages {
            Self::queue(tx, message).await?;
        }
        if let Some(notices) = change.notices {
            Self::queue_notices(tx, owner_id, notices, now).await?;
        }
        Ok(())
    }
}

#[async_trait]
impl CircleStore for Store {
    async fn invite_to_circle(
        &self,
        member: &CircleMember,
        max: u32,
        now: i64,
        change: CircleChange<'_>,
    ) -> Result<Invited, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        // The size is checked and the invitation written in one statement, but two racing
        // invitations would each see the other's row missing: one at a time per owner.
        lock_account(&mut tx, id(member.owner_id)).await.map_err(backend)?;
        let sql = format!(
            "INSERT INTO recovery_contacts
                 (id, owner_id, contact_id, invited_key, invited_as, state, created_at, expires_at)
             SELECT $2, $3,
                    CASE WHEN EXISTS (SELECT 1 FROM recovery_contacts
                                      WHERE owner_id = $3 AND contact_id = $4 AND {LISTED})
                         THEN NULL ELSE $4 END,
                    $5, $6, 'invited', $7, $8
             WHERE (SELECT COUNT(*) FROM recovery_contacts WHERE owner_id = $3 AND {LISTED}) < $9
               AND NOT EXISTS (SELECT 1 FROM recovery_contacts
                               WHERE owner_id = $3 AND invited_key = $5 AND {LISTED})"
        );
        let inserted = sqlx::query(&sql)
            .bind(now)
            .bind(&member.id)
            .bind(id(member.owner_id))
            .bind(member.contact_id.map(id))
            .bind(&member.invited_key)
            .bind(&member.invited_as)
            .bind(member.created_at)
            .bind(member.expires_at)
            .bind(i64::from(max))
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        if inserted.rows_affected() == 0 {
            let duplicate: bool = sqlx::query_scalar(&format!(
                "SELECT EXISTS (SELECT 1 FROM recovery_contacts
                                WHERE owner_id = $2 AND invited_key = $3 AND {LISTED})"
            ))
            .bind(now)
            .bind(id(member.owner_id))
            .bind(&member.invited_key)
            .fetch_one(&mut *tx)
            .await
            .map_err(backend)?;
            return Ok(if duplicate { Invited::AlreadyInvited } else { Invited::Full });
        }
        Self::write_change(&mut tx, member.owner_id, &change, now).await.map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(Invited::Invited)
    }

    async fn circle_member(&self, member_id: &str) -> Result<Option<CircleMember>, StoreError> {
        let sql = format!("SELECT {MEMBER_COLUMNS} FROM recovery_contacts WHERE id = $1");
        let row =
            sqlx::query(&sql).bind(member_id).fetch_optional(&self.pool).await.map_err(backend)?;
        row.as_ref().map(member_from_row).transpose()
    }

    async fn circle_of(&self, owner_id: u64, now: i64) -> Result<Vec<CircleMember>, StoreError> {
        let sql = format!(
            "SELECT {MEMBER_COLUMNS} FROM recovery_contacts WHERE owner_id = $2 AND {LISTED}
             ORDER BY created_at, rowid"
        );
        let rows = sqlx::query(&sql)
            .bind(now)
            .bind(id(owner_id))
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
        rows.iter().map(member_from_row).collect()
    }

    async fn circles_joined(
        &self,
        contact_id: u64,
        now: i64,
    ) -> Result<Vec<CircleMember>, StoreError> {
        let sql = format!(
            "SELECT {MEMBER_COLUMNS} FROM recovery_contacts WHERE contact_id = $2 AND {LIVE}
             ORDER BY created_at, rowid"
        );
        let rows = sqlx::query(&sql)
            .bind(now)
            .bind(id(contact_id))
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
        rows.iter().map(member_from_row).collect()
    }

    async fn move_circle_member(
        &self,
        member_id: &str,
        from: CircleState,
        to: CircleState,
        now: i64,
        change: CircleChange<'_>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let answered = matches!(from, CircleState::Invited);
        let ended = !matches!(to, CircleState::Active);
        let moved: Option<i64> = sqlx::query_scalar(
            "UPDATE recovery_contacts
             SET state = $1,
                 answered_at = CASE WHEN $2 THEN $3 ELSE answered_at END,
                 ended_at = CASE WHEN $4 THEN $5 ELSE ended_at END
             WHERE id = $6 AND state = $7 AND (state = 'active' OR expires_at > $8)
             RETURNING owner_id",
        )
        .bind(to.as_str())
        .bind(answered)
        .bind(now)
        .bind(ended)
        .bind(now)
        .bind(member_id)
        .bind(from.as_str())
        .bind(now)
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
        let Some(owner_id) = moved else { return Ok(false) };
        if from == CircleState::Active || to == CircleState::Active {
            sqlx::query("DELETE FROM vouch_thresholds WHERE owner_id = $1 AND threshold = 1")
                .bind(owner_id)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        let owner_id = u64::try_from(owner_id).unwrap_or_default();
        Self::write_change(&mut tx, owner_id, &change, now).await.map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn vouch_threshold(&self, owner_id: u64) -> Result<Option<(u32, bool)>, StoreError> {
        let row: Option<(i64, bool)> = sqlx::query_as(
            "SELECT threshold, weaker_confirmed FROM vouch_thresholds WHERE owner_id = $1",
        )
        .bind(id(owner_id))
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        Ok(row.map(|(threshold, weaker)| (u32::try_from(threshold).unwrap_or(u32::MAX), weaker)))
    }

    async fn set_vouch_threshold(
        &self,
        owner_id: u64,
        threshold: u32,
        weaker_confirmed: bool,
        now: i64,
        change: CircleChange<'_>,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        sqlx::query(
            "INSERT INTO vouch_thresholds (owner_id, threshold, weaker_confirmed, updated_at)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (owner_id) DO UPDATE SET threshold = excluded.threshold,
                 weaker_confirmed = excluded.weaker_confirmed, updated_at = excluded.updated_at",
        )
        .bind(id(owner_id))
        .bind(i64::from(threshold))
        .bind(weaker_confirmed)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        Self::write_change(&mut tx, owner_id, &change, now).await.map_err(backend)?;
        tx.commit().await.map_err(backend)
    }
}
