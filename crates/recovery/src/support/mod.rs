//! Support requests: the last resort when no way of proving ownership works (SECURITY.md S01,
//! S04, S22, S27). A person files a request with a way to reach them now (confirmed by a code
//! before the request counts), what happened, and proofs of ownership; it answers the same for
//! an identifier that names no account (such a request is closed without effect when reviewed).
//!
//! What the person gives is sealed at rest under the service's support key; the files under a
//! key of the request's own, itself sealed, so that erasing one request's key erases its files
//! wherever a copy of the database went. The plain bytes of a file are held in memory only.

pub mod proofs;
pub mod staff;

use std::sync::Arc;

use regain_courier::{Language, Template};
use regain_protocol::{ContactChannel, EventKind, EventOutcome, SupportState};

use self::proofs::{CleanFile, DeviceId, ProofKind, UploadRefusal};
use crate::captcha::Captcha;
use crate::events::SecurityEvent;
use crate::notify::Notifier;
use crate::secrets::{digit_code, public_id, reference, token, CodeKey, SealKey};
use crate::store::{NewProof, NewSupportRequest, Store, SupportRequest};
use crate::throttle::{Budget, Throttle};
use crate::{
    Clock, Email, Error, Identifier, NewContact, Phone, Random, RequestMeta, Secret, TokenHash,
};

/// The purpose the support key is derived for.
const SEAL_PURPOSE: &str = "support";
const CODE_PURPOSE: &str = "support-contact";

/// The numbers of support requests; each is a setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SupportSettings {
    /// Files per request.
    pub max_files: usize,
    /// Bytes per file.
    pub max_file_bytes: usize,
    /// Characters of the description.
    pub max_description: usize,
    pub code_ttl_secs: i64,
    pub code_attempts: u32,
    /// Requests per client address, and per identifier.
    pub per_ip: Budget,
    pub per_identifier: Budget,
}

impl Default for SupportSettings {
    fn default() -> Self {
        Self {
            max_files: 5,
            max_file_bytes: 10 * 1024 * 1024,
            max_description: 2000,
            code_ttl_secs: 10 * 60,
            code_attempts: 5,
            per_ip: Budget { limit: 5, window_secs: 24 * 3600 },
            per_identifier: Budget { limit: 3, window_secs: 24 * 3600 },
        }
    }
}

/// A support request as the person files it, parsed at the boundary.
#[derive(Debug)]
pub struct NewRequest {
    pub identifier: String,
    pub region: Option<String>,
    pub contact: NewContact,
    pub description: String,
    pub device: Option<String>,
    /// The language the person files in (a BCP 47 tag); English when none.
    pub locale: Option<String>,
    pub files: Vec<(ProofKind, Vec<u8>)>,
}

/// A request filed: what the person keeps to follow it.
#[derive(Debug)]
pub struct Opened {
    pub request_id: String,
    pub reference: String,
    pub status_token: Secret<String>,
    pub code_expires_at: i64,
}

/// Where a request stands, as its status link shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub reference: String,
    pub state: SupportState,
    pub created_at: i64,
    pub updated_at: i64,
    pub proofs: Vec<String>,
}

/// The customer's side of support. Its fields are what it depends on.
#[derive(Clone)]
pub struct Support {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    random: Arc<dyn Random>,
    keys: CodeKey,
    seal: SealKey,
    notifier: Notifier,
    throttle: Throttle,
    captcha: Captcha,
    settings: SupportSettings,
}

impl std::fmt::Debug for Support {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Support").field("settings", &self.settings).finish_non_exhaustive()
    }
}

impl Support {
    pub fn new(deps: &crate::Deps, server_secret: &[u8], settings: SupportSettings) -> Self {
        Self {
            store: deps.store.clone(),
            clock: deps.clock.clone(),
            random: deps.random.clone(),
            keys: deps.keys.clone(),
            seal: SealKey::derive(server_secret, SEAL_PURPOSE),
            notifier: deps.notifier.clone(),
            throttle: deps.throttle.clone(),
            captcha: deps.captcha.clone(),
            settings,
        }
    }

    pub fn settings(&self) -> &SupportSettings {
        &self.settings
    }

    /// Files a request. The robot check and the budgets (per address, per identifier, and the
    /// contact's as a message destination) come before any file is decoded; every file is
    /// checked and drawn again before anything is written, so a refused file leaves nothing.
    pub async fn open(
        &self,
        request: NewRequest,
        captcha: &str,
        meta: &RequestMeta,
    ) -> Result<Opened, Error> {
        self.captcha.redeem(captcha).await?;
        let now = self.clock.now();
        if let Some(ip) = &meta.ip {
            self.throttle.hold(&format!("support:ip:{ip}"), self.settings.per_ip, now).await?;
        }
        let identifier = Identifier::parse(&request.identifier, request.region.as_deref())
            .map_err(|_| Error::InvalidField { field: "identifier", reason: "invalid" })?;
        let description = request.description.trim();
        if description.is_empty() || description.chars().count() > self.settings.max_description {
            return Err(Error::InvalidField { field: "description", reason: "one_to_2000" });
        }
        let device = match request.device.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            Some(typed) => Some(
                DeviceId::parse(typed)
                    .ok_or(Error::InvalidField { field: "device", reason: "invalid" })?,
            ),
            None => None,
        };
        if request.files.len() > self.settings.max_files {
            return Err(Error::InvalidField { field: "files", reason: "too_many" });
        }
        if request.files.is_empty() && device.is_none() {
            return Err(Error::InvalidField { field: "files", reason: "a_proof_is_required" });
        }
        let (account, subject_text) =
            crate::recovery::resolve(self.store.as_ref(), &identifier, now).await?;
        let subject = self.keys.mac("support-subject", "", &subject_text);
        self.throttle
            .hold(&format!("support:subject:{subject}"), self.settings.per_identifier, now)
            .await?;
        let (destination, country) = match &request.contact {
            NewContact::Email(email) => (email.expose().to_owned(), None),
            NewContact::Phone(phone) => (phone.expose().to_owned(), Some(phone.country_code())),
        };
        self.throttle.take_send(&destination, country, now).await?;
        // Decoded and drawn again off the executor: pictures take real work.
        let files = request.files;
        let cleaned = tokio::task::spawn_blocking(move || {
            files
                .into_iter()
                .map(|(kind, bytes)| proofs::clean(&bytes).map(|file| (kind, file)))
                .collect::<Result<Vec<(ProofKind, CleanFile)>, UploadRefusal>>()
        })
        .await
        .map_err(|e| Error::Internal(format!("checking files: {e}")))?
        .map_err(|refusal| match refusal {
            UploadRefusal::UnsupportedType => Error::UnsupportedFileType,
            UploadRefusal::Damaged => Error::DamagedFile,
        })?;

        let id = public_id(self.random.as_ref(), "sr");
        let mut request_key = [0u8; 32];
        self.random.fill(&mut request_key);
        let files_key = SealKey::from_key(&request_key);
        let mut stored = Vec::with_capacity(cleaned.len());
        for (n, (kind, file)) in cleaned.iter().enumerate() {
            stored.push(NewProof {
                kind: proof_kind_name(*kind).to_owned(),
                content_type: file.content_type.to_owned(),
                sealed: files_key.seal(self.random.as_ref(), &file.bytes, &format!("{id}/{n}")),
            });
        }
        let language = crate::language_tag(request.locale.as_deref())?;
        let locale = Language::negotiate(&language);
        let code = digit_code(self.random.as_ref(), 6);
        let status_token = token(self.random.as_ref(), "rgq");
        let random = self.random.as_ref();
        let record = NewSupportRequest {
            id: id.clone(),
            reference: reference(random),
            account_id: account.as_ref().map(|a| a.id),
            subject,
            contact_channel: match request.contact {
                NewContact::Email(_) => ContactChannel::Email,
                NewContact::Phone(_) => ContactChannel::Phone,
            },
            contact_sealed: self.seal.seal(random, destination.as_bytes(), &id),
            locale: language,
            code_mac: self.keys.mac(CODE_PURPOSE, &id, code.expose()),
            code_expires_at: now + self.settings.code_ttl_secs,
            description_sealed: self.seal.seal(random, description.as_bytes(), &id),
            device_sealed: device.map(|d| {
                let text = match d {
                    DeviceId::Imei(imei) => format!("imei:{imei}"),
                    DeviceId::Serial(serial) => format!("serial:{serial}"),
                };
                self.seal.seal(random, text.as_bytes(), &id)
            }),
            key_sealed: self.seal.seal(random, &request_key, &id),
            status_hash: TokenHash::of(&status_token),
            created_at: now,
        };
        let minutes_valid = u32::try_from(self.settings.code_ttl_secs / 60).unwrap_or(10);
        let message = self.notifier.queue(
            &Template::SupportContactCode { code, minutes_valid },
            &destination,
            // The person's language, never the account's: that would tell whether it exists.
            locale,
            now,
            false,
        );
        self.store.insert_support_request(&record, &stored, &message).await?;
        self.notifier.wake();
        tracing::info!(request_id = %id, files = stored.len(), known = account.is_some(), "support request filed; contact code sent");
        Ok(Opened {
            request_id: id,
            reference: record.reference,
            status_token,
            code_expires_at: record.code_expires_at,
        })
    }

    /// Confirms the contact given with its code: the request goes to the queue, the account's
    /// owner sees it in their activity, and the status link goes to that contact.
    pub async fn confirm_contact(
        &self,
        request_id: &str,
        code: &Secret<String>,
        status_token: &Secret<String>,
        meta: &RequestMeta,
    ) -> Result<(), Error> {
        let now = self.clock.now();
        let request = self
            .store
            .count_support_code_attempt(request_id)
            .await?
            .ok_or(Error::NothingToConfirm)?;
        // The holder of the status token confirms, and its link is what goes to the contact.
        if TokenHash::of(status_token) != request.status_hash {
            return Err(Error::NotFound);
        }
        if request.code_expires_at <= now || request.code_attempts > self.settings.code_attempts {
            return Err(Error::CodeExpired);
        }
        let typed = regain_protocol::digits::normalize_code(code.expose());
        if !self.keys.verify(CODE_PURPOSE, &request.id, &typed, &request.code_mac) {
            return Err(Error::InvalidCode);
        }
        let destination = self.contact(&request)?;
        let link = self.notifier.link(&format!("/support/status?token={}", status_token.expose()));
        let message = self.notifier.queue(
            &Template::SupportRequestReceived {
                reference: request.reference.clone(),
                status_link: Secret::new(link),
            },
            &destination,
            Language::negotiate(&request.locale),
            now,
            false,
        );
        if !self.store.confirm_support_contact(&request.id, now, &message).await? {
            return Err(Error::NothingToConfirm);
        }
        self.notifier.wake();
        if let Some(account_id) = request.account_id {
            let event = SecurityEvent::of_account(
                account_id,
                EventKind::SupportRequested,
                EventOutcome::Ok,
                meta,
                now,
            );
            self.store.record_or_log(&event).await;
        }
        tracing::info!(request_id = %request.id, "support request's contact confirmed; in the queue");
        Ok(())
    }

    /// Where the request with this status token stands.
    pub async fn status(&self, status_token: &Secret<String>) -> Result<Status, Error> {
        let request = self
            .store
            .support_request_by_status(&TokenHash::of(status_token))
            .await?
            .ok_or(Error::NotFound)?;
        let proofs = self.store.support_proofs(&request.id).await?;
        Ok(Status {
            reference: request.reference,
            state: request.state,
            created_at: request.created_at,
            updated_at: request.updated_at,
            proofs: proofs.into_iter().filter(|p| p.sealed.is_some()).map(|p| p.kind).collect(),
        })
    }

    /// The contact given, opened.
    pub(crate) fn contact(&self, request: &SupportRequest) -> Result<String, Error> {
        self.open_text(&request.contact_sealed, &request.id)
    }

    /// Text sealed under the support key and bound to a request, opened.
    pub(crate) fn open_text(&self, sealed: &[u8], request_id: &str) -> Result<String, Error> {
        let plain = self
            .seal
            .open(sealed, request_id)
            .ok_or_else(|| Error::Internal("a support request's text does not open".into()))?;
        String::from_utf8(plain.into_exposed())
            .map_err(|_| Error::Internal("a support request's text is not text".into()))
    }

    /// Text sealed under the support key, bound to a request.
    pub(crate) fn seal_text(&self, text: &str, request_id: &str) -> Vec<u8> {
        self.seal.seal(self.random.as_ref(), text.as_bytes(), request_id)
    }

    /// The files of a request, opened: for staff, and for tests that look at what is kept.
    pub async fn open_proofs(&self, request_id: &str) -> Result<Vec<(String, CleanFile)>, Error> {
        let request = self.store.support_request(request_id).await?.ok_or(Error::NotFound)?;
        if request.key_sealed.is_empty() {
            // Erased after the retention period: the key went, and every file with it.
            return Ok(Vec::new());
        }
        let key = self
            .seal
            .open(&request.key_sealed, &request.id)
            .ok_or_else(|| Error::Internal("a support request's key does not open".into()))?;
        let key: [u8; 32] = key
            .expose()
            .as_slice()
            .try_into()
            .map_err(|_| Error::Internal("a support request's key is not 32 bytes".into()))?;
        let files_key = SealKey::from_key(&key);
        let mut opened = Vec::new();
        for (n, proof) in self.store.support_proofs(request_id).await?.into_iter().enumerate() {
            let Some(sealed) = proof.sealed else { continue };
            let bytes = files_key
                .open(&sealed, &format!("{}/{n}", request.id))
                .ok_or_else(|| Error::Internal("a proof does not open".into()))?;
            let content_type = match proof.content_type.as_str() {
                "image/jpeg" => "image/jpeg",
                "image/png" => "image/png",
                "application/pdf" => "application/pdf",
                _ => return Err(Error::Internal("a kept proof has an unknown type".into())),
            };
            opened.push((proof.kind, CleanFile { content_type, bytes: bytes.into_exposed() }));
        }
        Ok(opened)
    }
}

/// A proof's kind as stored.
fn proof_kind_name(kind: ProofKind) -> &'static str {
    match kind {
        ProofKind::IdDocument => "id_document",
        ProofKind::Receipt => "receipt",
    }
}

/// A contact as typed, for a support request.
pub fn parse_contact(
    channel: ContactChannel,
    value: &str,
    region: Option<&str>,
) -> Result<NewContact, Error> {
    Ok(match channel {
        ContactChannel::Email => {
            NewContact::Email(Email::parse(value).map_err(|_| Error::InvalidEmail)?)
        }
        ContactChannel::Phone => {
            NewContact::Phone(Phone::parse(value, region).map_err(|_| Error::InvalidPhone)?)
        }
    })
}
