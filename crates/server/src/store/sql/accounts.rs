//! Accounts, their contacts and security questions; contact confirmations.

use async_trait::async_trait;
use regain_protocol::ContactChannel;
use regain_recovery::events::SecurityEvent;
use regain_recovery::store::{
    AccountChange, AccountStore, ConfirmationStore, ContactClaim, NewAccountRecord,
    NewConfirmation, Notices, PasswordChange, PendingConfirmation, QueuedMessage, Undo,
};
use regain_recovery::{
    Account, Contact, Email, PasswordStrength, Phone, SecurityFacts, StoreError,
};
use sqlx::{Row, Transaction};

use super::{backend, channel_name, id, lock_account, Db, DbRow, Store};

/// An account with, per channel, its confirmed contact or else its claim that has not lapsed at
/// the bound `now`, and its claim beside a confirmed contact (a change waiting for its code).
/// `now` is `$1`; what picks the account binds from `$2` on.
const ACCOUNT_COLUMNS: &str = "SELECT a.id, a.display_name, a.birthday, a.password_hash, a.locale,
        a.failed_sign_ins,
        (SELECT c.value FROM contacts c WHERE c.account_id = a.id AND c.channel = 'email'
            AND c.confirmed_at IS NULL AND c.expires_at > $1
            AND EXISTS (SELECT 1 FROM contacts k WHERE k.account_id = a.id
                AND k.channel = 'email' AND k.confirmed_at IS NOT NULL)) AS email_change,
        (SELECT c.value FROM contacts c WHERE c.account_id = a.id AND c.channel = 'phone'
            AND c.confirmed_at IS NULL AND c.expires_at > $1
            AND EXISTS (SELECT 1 FROM contacts k WHERE k.account_id = a.id
                AND k.channel = 'phone' AND k.confirmed_at IS NOT NULL)) AS phone_change,
        a.created_at, e.value AS email, e.confirmed_at IS NOT NULL AS email_confirmed,
        p.value AS phone, p.confirmed_at IS NOT NULL AS phone_confirmed,
        p.country_code AS phone_country_code,
        (SELECT COUNT(*) FROM security_questions q WHERE q.account_id = a.id) AS question_count,
        EXISTS (SELECT 1 FROM authenticators t
            WHERE t.account_id = a.id AND t.confirmed_at IS NOT NULL) AS second_factor,
        (SELECT COUNT(*) FROM recovery_codes r
            WHERE r.account_id = a.id AND r.used_at IS NULL) AS recovery_codes_left,
        (SELECT COUNT(*) FROM recovery_contacts rc
            WHERE rc.owner_id = a.id AND rc.state = 'active') AS circle_accepted,
        v.threshold AS circle_threshold, v.weaker_confirmed AS circle_weaker
    FROM accounts a
    LEFT JOIN vouch_thresholds v ON v.owner_id = a.id
    LEFT JOIN contacts e ON e.id = (SELECT c.id FROM contacts c
        WHERE c.account_id = a.id AND c.channel = 'email'
          AND (c.confirmed_at IS NOT NULL OR c.expires_at > $1)
        ORDER BY c.confirmed_at IS NULL LIMIT 1)
    LEFT JOIN contacts p ON p.id = (SELECT c.id FROM contacts c
        WHERE c.account_id = a.id AND c.channel = 'phone'
          AND (c.confirmed_at IS NOT NULL OR c.expires_at > $1)
        ORDER BY c.confirmed_at IS NULL LIMIT 1)";

/// The account whose confirmed contact the bound value is, else the first live claim on it.
/// Two lookups, each on its own index, so that claims piled on one address cost nothing to
/// the lookup of its owner (COALESCE stops at the first that is not NULL).
fn by_contact(channel: &str) -> String {
    format!(
        "COALESCE(
            (SELECT c.account_id FROM contacts c
                WHERE c.channel = '{channel}' AND c.value = $2 AND c.confirmed_at IS NOT NULL),
            (SELECT c.account_id FROM contacts c
                WHERE c.channel = '{channel}' AND c.value = $2 AND c.confirmed_at IS NULL
                  AND c.expires_at > $1
                ORDER BY c.created_at, c.id LIMIT 1))"
    )
}

fn account_from_row(row: &DbRow) -> Result<Account, StoreError> {
    let get_err = |e: sqlx::Error| backend(e);
    let email: Option<String> = row.try_get("email").map_err(get_err)?;
    let phone: Option<String> = row.try_get("phone").map_err(get_err)?;
    let corrupt = |what: &str| StoreError::Backend(format!("stored {what} does not parse").into());
    let question_count: i64 = row.try_get("question_count").map_err(get_err)?;
    let email_change: Option<String> = row.try_get("email_change").map_err(get_err)?;
    let phone_change: Option<String> = row.try_get("phone_change").map_err(get_err)?;
    Ok(Account {
        id: u64::try_from(row.try_get::<i64, _>("id").map_err(get_err)?).unwrap_or_default(),
        display_name: row.try_get("display_name").map_err(get_err)?,
        birthday: row.try_get("birthday").map_err(get_err)?,
        email: email
            .map(|e| -> Result<_, StoreError> {
                Ok(Contact {
                    value: Email::from_stored(&e),
                    confirmed: row.try_get("email_confirmed").map_err(get_err)?,
                })
            })
            .transpose()?,
        phone: phone
            .map(|p| -> Result<_, StoreError> {
                let country_code: Option<i64> =
                    row.try_get("phone_country_code").map_err(get_err)?;
                let value = match country_code.and_then(|c| u16::try_from(c).ok()) {
                    Some(code) => Phone::from_stored(&p, code),
                    None => Phone::from_e164(&p).map_err(|_| corrupt("phone"))?,
                };
                Ok(Contact { value, confirmed: row.try_get("phone_confirmed").map_err(get_err)? })
            })
            .transpose()?,
        email_change: email_change.map(|e| Email::from_stored(&e)),
        phone_change: phone_change
            .map(|p| Phone::from_e164(&p).map_err(|_| corrupt("phone")))
            .transpose()?,
        password_hash: row.try_get("password_hash").map_err(get_err)?,
        failed_sign_ins: u32::try_from(row.try_get::<i64, _>("failed_sign_ins").map_err(get_err)?)
            .unwrap_or(u32::MAX),
        has_security_questions: question_count > 0,
        question_count: u8::try_from(question_count).unwrap_or(u8::MAX),
        second_factor: row.try_get("second_factor").map_err(get_err)?,
        recovery_codes_left: u8::try_from(
            row.try_get::<i64, _>("recovery_codes_left").map_err(get_err)?,
        )
        .unwrap_or(u8::MAX),
        circle_accepted: u32::try_from(row.try_get::<i64, _>("circle_accepted").map_err(get_err)?)
            .unwrap_or_default(),
        circle_chosen: row
            .try_get::<Option<i64>, _>("circle_threshold")
            .map_err(get_err)?
            .and_then(|k| u32::try_from(k).ok())
            .map(|k| -> Result<_, StoreError> {
                Ok((
                    k,
                    row.try_get::<Option<bool>, _>("circle_weaker")
                        .map_err(get_err)?
                        .unwrap_or(false),
                ))
            })
            .transpose()?,
        locale: row.try_get("locale").map_err(get_err)?,
        created_at: row.try_get("created_at").map_err(get_err)?,
    })
}

impl Store {
    /// Puts back what a reported change did (see [`Undo`]).
    pub(super) async fn undo(
        tx: &mut Transaction<'_, Db>,
        account_id: i64,
        undo: &Undo,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        match undo {
            Undo::Nothing => {}
            Undo::RemoveSecondFactor => {
                for table in ["authenticators", "recovery_codes"] {
                    sqlx::query(&format!("DELETE FROM {table} WHERE account_id = $1"))
                        .bind(account_id)
                        .execute(&mut **tx)
                        .await?;
                }
            }
            Undo::EndCircleMember { id } => {
                sqlx::query(
                    "UPDATE recovery_contacts SET state = 'removed', ended_at = $1
                     WHERE id = $2 AND owner_id = $3 AND state IN ('invited', 'active', 'declined')",
                )
                .bind(now)
                .bind(id)
                .bind(account_id)
                .execute(&mut **tx)
                .await?;
                sqlx::query("DELETE FROM vouch_thresholds WHERE owner_id = $1 AND threshold = 1")
                    .bind(account_id)
                    .execute(&mut **tx)
                    .await?;
            }
            Undo::RestoreContact { channel, previous } => {
                let channel_name = channel_name(*channel);
                sqlx::query("DELETE FROM contacts WHERE account_id = $1 AND channel = $2")
                    .bind(account_id)
                    .bind(channel_name)
                    .execute(&mut **tx)
                    .await?;
                if let Some(kept) = previous {
                    // Unless another account has confirmed it since: then it is theirs.
                    sqlx::query(
                        "INSERT INTO contacts (account_id, channel, value, domain, country_code,
                             created_at, confirmed_at)
                         SELECT $1, $2, $3, $4, $5, $6, $7
                         WHERE NOT EXISTS (SELECT 1 FROM contacts WHERE channel = $8 AND value = $9
                             AND confirmed_at IS NOT NULL)
                         ON CONFLICT DO NOTHING",
                    )
                    .bind(account_id)
                    .bind(channel_name)
                    .bind(&kept.value)
                    .bind(&kept.domain)
                    .bind(kept.country_code.map(i64::from))
                    .bind(now)
                    .bind(now)
                    .bind(channel_name)
                    .bind(&kept.value)
                    .execute(&mut **tx)
                    .await?;
                }
            }
        }
        Ok(())
    }

    /// Ends the live confirmation of a channel: a new code, claim or removal makes it void.
    async fn supersede_confirmations(
        tx: &mut Transaction<'_, Db>,
        account_id: u64,
        channel: ContactChannel,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE contact_confirmations SET superseded_at = $1
             WHERE account_id = $2 AND channel = $3 AND consumed_at IS NULL AND superseded_at IS NULL",
        )
        .bind(now)
        .bind(id(account_id))
        .bind(channel_name(channel))
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// The account `id_sql` names (an expression that yields one account ID from the
    /// value, `$2`, and `now`, `$1`), as it is at `now`.
    async fn account_where(
        &self,
        id_sql: &str,
        value: &str,
        now: i64,
    ) -> Result<Option<Account>, StoreError> {
        let sql = format!("{ACCOUNT_COLUMNS} WHERE a.id = {id_sql}");
        let row = sqlx::query(&sql)
            .bind(now)
            .bind(value)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
        row.map(|r| account_from_row(&r)).transpose()
    }
}

#[async_trait]
impl AccountStore for Store {
    async fn set_locale(&self, account_id: u64, locale: &str, now: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE accounts SET locale = $1, updated_at = $2 WHERE id = $3")
            .bind(locale)
            .bind(now)
            .bind(id(account_id))
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn count_failed_sign_in(&self, account_id: u64) -> Result<u32, StoreError> {
        let count: Option<i64> = sqlx::query_scalar(
            "UPDATE accounts SET failed_sign_ins = failed_sign_ins + 1 WHERE id = $1
             RETURNING failed_sign_ins",
        )
        .bind(id(account_id))
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        Ok(count.and_then(|c| u32::try_from(c).ok()).unwrap_or_default())
    }

    async fn clear_failed_sign_ins(&self, account_id: u64) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE accounts SET failed_sign_ins = 0 WHERE id = $1 AND failed_sign_ins > 0",
        )
        .bind(id(account_id))
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn insert_account(
        &self,
        account: &NewAccountRecord,
        confirmations: &[NewConfirmation],
        messages: &[QueuedMessage],
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let inserted = sqlx::query(
            "INSERT INTO accounts (id, display_name, birthday, password_hash, password_score,
                 password_long_enough, locale, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(id(account.id))
        .bind(&account.display_name)
        .bind(&account.birthday)
        .bind(&account.password_hash)
        .bind(i64::from(account.password_strength.score))
        .bind(account.password_strength.long_enough_alone)
        .bind(&account.locale)
        .bind(account.created_at)
        .bind(account.created_at)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if inserted.rows_affected() == 0 {
            return Err(StoreError::AccountIdTaken);
        }
        let email = account.email.as_ref().map(|email| {
            let domain = email.expose().rsplit_once('@').map(|(_, d)| d);
            ("email", email.expose(), domain, None)
        });
        let phone =
            account.phone.as_ref().map(|p| ("phone", p.expose(), None, Some(p.country_code())));
        for (channel, value, domain, country) in email.into_iter().chain(phone) {
            match Self::insert_contact(&mut tx, account, channel, value, domain, country).await {
                Ok(()) => {}
                // Only a confirmed contact is unique: an operator's account for someone's.
                Err(sqlx::Error::Database(db)) if db.is_unique_violation() => {
                    return Err(StoreError::ContactInUse)
                }
                Err(other) => return Err(backend(other)),
            }
        }
        sqlx::query(
            "INSERT INTO password_history (account_id, password_hash, created_at) VALUES ($1, $2, $3)",
        )
        .bind(id(account.id))
        .bind(&account.password_hash)
        .bind(account.created_at)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        for confirmation in confirmations {
            Self::insert_confirmation(&mut tx, confirmation).await.map_err(backend)?;
        }
        for message in messages {
            Self::queue(&mut tx, message).await.map_err(backend)?;
        }
        tx.commit().await.map_err(backend)
    }

    async fn account(&self, account_id: u64, now: i64) -> Result<Option<Account>, StoreError> {
        let sql = format!("{ACCOUNT_COLUMNS} WHERE a.id = $2");
        let row = sqlx::query(&sql)
            .bind(now)
            .bind(id(account_id))
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
        row.map(|r| account_from_row(&r)).transpose()
    }

    async fn account_by_email(
        &self,
        email: &Email,
        now: i64,
    ) -> Result<Option<Account>, StoreError> {
        self.account_where(&by_contact("email"), email.expose(), now).await
    }

    async fn account_by_phone(
        &self,
        phone: &Phone,
        now: i64,
    ) -> Result<Option<Account>, StoreError> {
        self.account_where(&by_contact("phone"), phone.expose(), now).await
    }

    async fn accounts(&self, after: u64, limit: u32, now: i64) -> Result<Vec<Account>, StoreError> {
        let sql = format!("{ACCOUNT_COLUMNS} WHERE a.id > $2 ORDER BY a.id LIMIT $3");
        let rows = sqlx::query(&sql)
            .bind(now)
            .bind(id(after))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
        rows.iter().map(account_from_row).collect()
    }

    async fn password_history(
        &self,
        account_id: u64,
        limit: u32,
    ) -> Result<Vec<String>, StoreError> {
        sqlx::query_scalar(
            "SELECT password_hash FROM password_history WHERE account_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(id(account_id))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(backend)
    }

    async fn change_password(&self, change: &PasswordChange) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        Self::apply_password_change(&mut tx, change).await.map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn questions(&self, account_id: u64) -> Result<Vec<(String, String)>, StoreError> {
        sqlx::query_as("SELECT question, answer_hash FROM security_questions WHERE account_id = $1 ORDER BY position")
            .bind(id(account_id))
            .fetch_all(&self.pool)
            .await
            .map_err(backend)
    }

    async fn claim_contact(
        &self,
        claim: &ContactClaim,
        confirmation: &NewConfirmation,
        message: &QueuedMessage,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        // As for a new code: a racing claim would miss this one and collide with it.
        lock_account(&mut tx, id(claim.account_id)).await.map_err(backend)?;
        let channel = channel_name(claim.channel);
        sqlx::query(
            "DELETE FROM contacts WHERE account_id = $1 AND channel = $2 AND confirmed_at IS NULL",
        )
        .bind(id(claim.account_id))
        .bind(channel)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        sqlx::query(
            "INSERT INTO contacts (account_id, channel, value, domain, country_code, created_at,
                 expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id(claim.account_id))
        .bind(channel)
        .bind(&claim.value)
        .bind(&claim.domain)
        .bind(claim.country_code.map(i64::from))
        .bind(claim.created_at)
        .bind(claim.expires_at)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        Self::supersede_confirmations(&mut tx, claim.account_id, claim.channel, claim.created_at)
            .await
            .map_err(backend)?;
        Self::insert_confirmation(&mut tx, confirmation).await.map_err(backend)?;
        Self::queue(&mut tx, message).await.map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn remove_contact(
        &self,
        account_id: u64,
        channel: ContactChannel,
        now: i64,
        change: Option<&AccountChange>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        // The confirmed contact goes only beside another way back, checked in the statement
        // itself; two removals of different channels touch different rows, so one at a time per
        // account, or each would see the other's contact still there.
        lock_account(&mut tx, id(account_id)).await.map_err(backend)?;

        let confirmed = sqlx::query(
            "DELETE FROM contacts WHERE account_id = $1 AND channel = $2 AND confirmed_at IS NOT NULL
               AND (EXISTS (SELECT 1 FROM contacts o WHERE o.account_id = contacts.account_id
                        AND o.channel <> contacts.channel AND o.confirmed_at IS NOT NULL)
                    OR EXISTS (SELECT 1 FROM authenticators t WHERE t.account_id = contacts.account_id
                        AND t.confirmed_at IS NOT NULL))",
        )
        .bind(id(account_id))
        .bind(channel_name(channel))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if change.is_some() && confirmed.rows_affected() == 0 {
            return Ok(false);
        }
        sqlx::query(
            "DELETE FROM contacts WHERE account_id = $1 AND channel = $2 AND confirmed_at IS NULL",
        )
        .bind(id(account_id))
        .bind(channel_name(channel))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        Self::supersede_confirmations(&mut tx, account_id, channel, now).await.map_err(backend)?;
        if let Some(change) = change {
            Self::end_open_flows(&mut tx, id(account_id), now).await.map_err(backend)?;
            Self::record_change(&mut tx, change).await.map_err(backend)?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn drop_claim(
        &self,
        account_id: u64,
        channel: ContactChannel,
        now: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        sqlx::query(
            "DELETE FROM contacts WHERE account_id = $1 AND channel = $2 AND confirmed_at IS NULL",
        )
        .bind(id(account_id))
        .bind(channel_name(channel))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        Self::supersede_confirmations(&mut tx, account_id, channel, now).await.map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn security_facts(&self, account_id: u64) -> Result<SecurityFacts, StoreError> {
        let row: Option<(Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<bool>)> =
            sqlx::query_as(
                "SELECT
                    (SELECT confirmed_at FROM contacts WHERE account_id = a.id
                        AND channel = 'email' AND confirmed_at IS NOT NULL),
                    (SELECT confirmed_at FROM contacts WHERE account_id = a.id
                        AND channel = 'phone' AND confirmed_at IS NOT NULL),
                    (SELECT MAX(created_at) FROM password_history WHERE account_id = a.id),
                    a.password_score, a.password_long_enough
                 FROM accounts a WHERE a.id = $1",
            )
            .bind(id(account_id))
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
        let Some((email, phone, password_set_at, score, long)) = row else {
            return Ok(SecurityFacts::default());
        };
        Ok(SecurityFacts {
            email_confirmed_at: email,
            phone_confirmed_at: phone,
            password_set_at,
            password_strength: score.zip(long).map(|(score, long)| PasswordStrength {
                score: u8::try_from(score).unwrap_or_default(),
                long_enough_alone: long,
            }),
        })
    }

    async fn set_questions(
        &self,
        account_id: u64,
        questions: &[(String, String)],
        event: &SecurityEvent,
        notices: &Notices,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        // Delete-then-insert: a racing set would miss this one's new rows and collide with them.
        lock_account(&mut tx, id(account_id)).await.map_err(backend)?;
        Self::queue_notices(&mut tx, account_id, notices, event.at).await.map_err(backend)?;
        sqlx::query("DELETE FROM security_questions WHERE account_id = $1")
            .bind(id(account_id))
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        for (position, (question, hash)) in questions.iter().enumerate() {
            sqlx::query("INSERT INTO security_questions (account_id, position, question, answer_hash) VALUES ($1, $2, $3, $4)")
                .bind(id(account_id))
                .bind(i64::try_from(position).unwrap_or_default())
                .bind(question)
                .bind(hash)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        Self::insert_event(&mut tx, event).await.map_err(backend)?;
        tx.commit().await.map_err(backend)
    }
}

#[async_trait]
impl ConfirmationStore for Store {
    async fn replace_confirmation(
        &self,
        confirmation: &NewConfirmation,
        message: &QueuedMessage,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        // A racing resend would miss this one's new code and leave two live.
        lock_account(&mut tx, id(confirmation.account_id)).await.map_err(backend)?;
        Self::supersede_confirmations(
            &mut tx,
            confirmation.account_id,
            confirmation.channel,
            confirmation.created_at,
        )
        .await
        .map_err(backend)?;
        Self::insert_confirmation(&mut tx, confirmation).await.map_err(backend)?;
        Self::queue(&mut tx, message).await.map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn live_confirmation_created_at(
        &self,
        account_id: u64,
        channel: ContactChannel,
    ) -> Result<Option<i64>, StoreError> {
        sqlx::query_scalar(
            "SELECT MAX(created_at) FROM contact_confirmations
             WHERE account_id = $1 AND channel = $2 AND consumed_at IS NULL AND superseded_at IS NULL",
        )
        .bind(id(account_id))
        .bind(channel_name(channel))
        .fetch_one(&self.pool)
        .await
        .map_err(backend)
    }

    async fn count_confirmation_attempt(
        &self,
        account_id: u64,
        channel: ContactChannel,
    ) -> Result<Option<PendingConfirmation>, StoreError> {
        let row = sqlx::query(
            "UPDATE contact_confirmations SET attempts = attempts + 1
             WHERE account_id = $1 AND channel = $2 AND consumed_at IS NULL AND superseded_at IS NULL
             RETURNING id, code_mac, attempts, expires_at",
        )
        .bind(id(account_id))
        .bind(channel_name(channel))
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        row.map(|r| {
            Ok(PendingConfirmation {
                id: r.try_get("id")?,
                code_mac: r.try_get("code_mac")?,
                attempts: u32::try_from(r.try_get::<i64, _>("attempts")?).unwrap_or(u32::MAX),
                expires_at: r.try_get("expires_at")?,
            })
        })
        .transpose()
        .map_err(backend)
    }

    async fn consume_confirmation(
        &self,
        confirmation_id: i64,
        account_id: u64,
        channel: ContactChannel,
        now: i64,
        change: Option<&AccountChange>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        lock_account(&mut tx, id(account_id)).await.map_err(backend)?;
        let consumed = sqlx::query(
            "UPDATE contact_confirmations SET consumed_at = $1
             WHERE id = $2 AND account_id = $3 AND consumed_at IS NULL AND superseded_at IS NULL",
        )
        .bind(now)
        .bind(confirmation_id)
        .bind(id(account_id))
        .execute(&mut *tx)
        .await
        .map_err(backend)?
        .rows_affected()
            == 1;
        if !consumed {
            return Ok(false);
        }
        let channel = channel_name(channel);
        // A newly confirmed contact replaces the old one of its channel.
        sqlx::query(
            "DELETE FROM contacts WHERE account_id = $1 AND channel = $2 AND confirmed_at IS NOT NULL",
        )
        .bind(id(account_id))
        .bind(channel)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        let confirmed = sqlx::query_scalar::<_, String>(
            "UPDATE contacts SET confirmed_at = $1, expires_at = NULL
             WHERE account_id = $2 AND channel = $3 AND confirmed_at IS NULL RETURNING value",
        )
        .bind(now)
        .bind(id(account_id))
        .bind(channel)
        .fetch_optional(&mut *tx)
        .await;
        let value = match confirmed {
            Ok(Some(value)) => value,
            Ok(None) => return Ok(false),
            // Another account confirmed the same value first.
            Err(sqlx::Error::Database(db)) if db.is_unique_violation() => return Ok(false),
            Err(other) => return Err(backend(other)),
        };
        // Other accounts' claims on it end: it is this account's now.
        sqlx::query(
            "DELETE FROM contacts WHERE channel = $1 AND value = $2 AND confirmed_at IS NULL
                 AND account_id <> $3",
        )
        .bind(channel)
        .bind(&value)
        .bind(id(account_id))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        sqlx::query("UPDATE accounts SET updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id(account_id))
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        if let Some(change) = change {
            Self::end_open_flows(&mut tx, id(account_id), now).await.map_err(backend)?;
            Self::record_change(&mut tx, change).await.map_err(backend)?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }
}
