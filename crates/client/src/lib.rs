//! The typed client of Regain's recovery service: one async method per endpoint of the
//! protocol, over reqwest with rustls.
//!
//! Owns: the base-URL rule (HTTPS, or plain HTTP to loopback only; SECURITY.md S26), timeouts,
//! the retry of idempotent requests, the mapping of every answer onto [`Error`], and the
//! client side of the captcha ([`captcha::solve`]). Used by the app, the `regain` terminal
//! client and the tests. Must not depend on the server or hold any state beyond the base URL:
//! tokens are passed in by the caller, who decides where they live.

pub mod captcha;
mod url;
mod walk;

use std::time::Duration;

use regain_protocol::{
    AccountView, AddContactRequest, CaptchaChallenge, ChallengeRequest, ChangePasswordRequest,
    Checkup, ConfirmContactRequest, ConfirmSupportContactRequest, ConfirmTotpRequest,
    ContactChannel, DecisionRequest, DecisionView, DeclineVouchRequest, DevOutbox, ErrorBody,
    ErrorCode, FinishWaitRequest, FlowView, Health, InviteRecoveryContactRequest,
    KnownDeviceRequest, LocaleRequest, Queue, ReauthenticateRequest, RecoveryCodes,
    RecoveryContactView, RecoveryContactsView, RecoveryMethod, RedeemPassRequest, RefreshRequest,
    RemoveSecondFactorRequest, ResendConfirmationRequest, SecondFactorChallenge,
    SecondFactorRequest, SecondReviewRequest, Secret, SecurityEventList, SecurityQuestionsRequest,
    SessionGrant, SessionList, SetPasswordRequest, SignInRequest, SignUpRequest, SignUpResponse,
    StaffRequestView, StaffSession, StaffSignInRequest, StaffWaitingView, StartRecoveryRequest,
    SupportRequestOpened, SupportStatusView, TotpSetup, UnlockRequest, VerifyRequest,
    VerifyResponse, VouchRequest, VouchThresholdRequest,
};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub use url::{BaseUrl, UrlError};
pub use walk::{parse_link, parse_pass, RecoverySession, WalkError};

/// How long to wait for a connection, and for a whole request.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// Idempotent requests are tried this many times in all when the connection fails.
const IDEMPOTENT_ATTEMPTS: u32 = 3;

/// What a right password leads to.
#[derive(Debug, Clone)]
pub enum SignedIn {
    /// A session (`201`).
    Session(SessionGrant),
    /// The account has a second factor: finish with [`Client::second_factor`] (`202`).
    SecondFactor(SecondFactorChallenge),
}

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The service answered with an error: its stable code is in `body.code`.
    #[error("{} ({status})", body.code.as_str())]
    Api { status: u16, body: ErrorBody },
    /// The request did not reach the service, or no answer came back in time.
    #[error("the recovery service could not be reached: {0}")]
    Transport(TransportError),
    /// The service answered something that is not the protocol.
    #[error("the recovery service sent an answer this client does not understand: {0}")]
    Decode(String),
}

/// How a request failed on its way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    /// No connection could be opened: refused, unreachable, or the name did not resolve.
    Connect,
    /// No answer came back in time.
    Timeout,
    /// The TLS handshake failed: the service's certificate is not one this client trusts.
    Tls,
    /// The connection broke, or what came back was not HTTP this client could read.
    Protocol,
}

/// A transport failure: its kind, and what the layer below said (never the URL, which may
/// carry a token, nor a body).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} ({detail})", match .kind {
    TransportKind::Connect => "could not connect",
    TransportKind::Timeout => "timed out",
    TransportKind::Tls => "the secure connection failed",
    TransportKind::Protocol => "the answer was cut off or not understood",
})]
pub struct TransportError {
    pub kind: TransportKind,
    pub detail: String,
}

impl Error {
    /// The error the service answers `code` with (for refusals the client decides itself).
    pub fn api(code: ErrorCode) -> Self {
        Self::Api { status: code.status(), body: ErrorBody::new(code) }
    }

    /// The service's error code, when it answered with one.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            Self::Api { body, .. } => Some(body.code),
            _ => None,
        }
    }
}

/// A client of one recovery service.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    base: BaseUrl,
}

/// Whether a request may be sent again when its connection fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Retry {
    Idempotent,
    Once,
}

impl Client {
    /// A client of the service at `base` (`https://…`, or `http://` to a loopback address).
    pub fn new(base: &str) -> Result<Self, UrlError> {
        Self::with_user_agent(base, concat!("regain-client/", env!("CARGO_PKG_VERSION")))
    }

    /// [`Client::new`] naming the program in the `User-Agent` (the sessions list shows it).
    pub fn with_user_agent(base: &str, user_agent: &str) -> Result<Self, UrlError> {
        let base = BaseUrl::parse(base)?;
        let http = reqwest::Client::builder()
            .user_agent(user_agent)
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .https_only(!base.is_loopback_http())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| UrlError::Client(e.to_string()))?;
        Ok(Self { http, base })
    }

    pub fn base_url(&self) -> &BaseUrl {
        &self.base
    }

    // --- system ---

    /// `GET /healthz`.
    pub async fn health(&self) -> Result<Health, Error> {
        self.call(Method::GET, "/healthz", None, None::<&()>, Retry::Idempotent).await
    }

    /// `GET /v1/dev/outbox`: the dev inbox (local mode only; `not_found` elsewhere).
    pub async fn dev_outbox(&self) -> Result<DevOutbox, Error> {
        self.call(Method::GET, "/v1/dev/outbox", None, None::<&()>, Retry::Idempotent).await
    }

    // --- recovery ---

    /// `GET /v1/captcha/challenge`.
    pub async fn captcha_challenge(&self) -> Result<CaptchaChallenge, Error> {
        self.call(Method::GET, "/v1/captcha/challenge", None, None::<&()>, Retry::Idempotent).await
    }

    /// `POST /v1/recovery/flows`.
    pub async fn start_recovery(&self, request: &StartRecoveryRequest) -> Result<FlowView, Error> {
        self.call(Method::POST, "/v1/recovery/flows", None, Some(request), Retry::Once).await
    }

    /// `GET /v1/recovery/flows/{id}`.
    pub async fn flow(&self, flow_id: &str) -> Result<FlowView, Error> {
        let path = flow_path(flow_id, "")?;
        self.call(Method::GET, &path, None, None::<&()>, Retry::Idempotent).await
    }

    /// `POST /v1/recovery/flows/{id}/challenge`: send a code (again) or show the questions.
    pub async fn challenge(
        &self,
        flow_id: &str,
        method: RecoveryMethod,
    ) -> Result<FlowView, Error> {
        let path = flow_path(flow_id, "/challenge")?;
        let request = ChallengeRequest { method };
        self.call(Method::POST, &path, None, Some(&request), Retry::Once).await
    }

    /// `POST /v1/recovery/flows/{id}/verify`.
    pub async fn verify(
        &self,
        flow_id: &str,
        request: &VerifyRequest,
    ) -> Result<VerifyResponse, Error> {
        let path = flow_path(flow_id, "/verify")?;
        self.call(Method::POST, &path, None, Some(request), Retry::Once).await
    }

    /// `POST /v1/recovery/flows/{id}/finish-wait`: once the waiting period after recovery
    /// contacts vouched is over, the new-password step's token.
    pub async fn finish_wait(
        &self,
        flow_id: &str,
        wait_token: &Secret<String>,
    ) -> Result<VerifyResponse, Error> {
        let path = flow_path(flow_id, "/finish-wait")?;
        let request = FinishWaitRequest { wait_token: wait_token.clone() };
        self.call(Method::POST, &path, None, Some(&request), Retry::Once).await
    }

    /// `POST /v1/recovery/flows/{id}/known-device`: this app's refresh token of the account,
    /// as evidence that shortens the waiting period.
    pub async fn known_device(
        &self,
        flow_id: &str,
        refresh_token: &Secret<String>,
    ) -> Result<FlowView, Error> {
        let path = flow_path(flow_id, "/known-device")?;
        let request = KnownDeviceRequest { refresh_token: refresh_token.clone() };
        self.call(Method::POST, &path, None, Some(&request), Retry::Idempotent).await
    }

    /// `POST /v1/recovery/flows/{id}/password`.
    pub async fn set_password(
        &self,
        flow_id: &str,
        request: &SetPasswordRequest,
    ) -> Result<(), Error> {
        let path = flow_path(flow_id, "/password")?;
        self.call_empty(Method::POST, &path, None, Some(request), Retry::Once).await
    }

    // --- support requests ---

    /// `POST /v1/support/requests`, as `multipart/form-data`: the text fields, then each
    /// proof as a file part. Sent once (a retry would file a second request).
    pub async fn open_support_request(
        &self,
        request: &SupportFiling,
        proofs: Vec<ProofFile>,
    ) -> Result<SupportRequestOpened, Error> {
        let mut form = reqwest::multipart::Form::new()
            .text("identifier", request.identifier.clone())
            .text("contact_channel", channel_segment(request.contact_channel))
            .text("contact", request.contact.clone())
            .text("description", request.description.clone())
            .text("captcha", request.captcha.expose().to_owned());
        if let Some(region) = request.region.clone().filter(|r| !r.is_empty()) {
            form = form.text("region", region);
        }
        if let Some(device) = request.device.clone().filter(|d| !d.trim().is_empty()) {
            form = form.text("device", device);
        }
        if let Some(locale) = request.locale.clone() {
            form = form.text("locale", locale);
        }
        for proof in proofs {
            // The service decides the type by the content; the name is only for its log-free
            // multipart parser.
            let part = reqwest::multipart::Part::bytes(proof.bytes).file_name(proof.file_name);
            form = form.part(proof.field, part);
        }
        let request = self.http.post(self.base.join("/v1/support/requests")).multipart(form);
        let response = request.send().await.map_err(|e| Error::Transport(transport(&e)))?;
        let response = checked(response).await?;
        let bytes = response.bytes().await.map_err(|e| Error::Transport(transport(&e)))?;
        serde_json::from_slice(&bytes).map_err(|e| Error::Decode(e.to_string()))
    }

    /// `POST /v1/support/requests/{id}/confirm`.
    pub async fn confirm_support_contact(
        &self,
        request_id: &str,
        request: &ConfirmSupportContactRequest,
    ) -> Result<(), Error> {
        let path = format!("/v1/support/requests/{}/confirm", path_segment(request_id)?);
        self.call_empty(Method::POST, &path, None, Some(request), Retry::Once).await
    }

    /// `GET /v1/support/status`, with the request's status token.
    pub async fn support_status(
        &self,
        status_token: &Secret<String>,
    ) -> Result<SupportStatusView, Error> {
        let path = "/v1/support/status";
        self.call(Method::GET, path, Some(status_token), None::<&()>, Retry::Idempotent).await
    }

    /// `POST /v1/support/pass`: uses an assisted recovery's single-use pass; the flow opens at
    /// its "choose a new password" step, with its reset token. Sent once (a pass works once).
    pub async fn redeem_pass(&self, request: &RedeemPassRequest) -> Result<VerifyResponse, Error> {
        self.call(Method::POST, "/v1/support/pass", None, Some(request), Retry::Once).await
    }

    // --- staff ---

    /// `POST /v1/staff/sessions`: starts a shift.
    pub async fn staff_sign_in(&self, request: &StaffSignInRequest) -> Result<StaffSession, Error> {
        self.call(Method::POST, "/v1/staff/sessions", None, Some(request), Retry::Once).await
    }

    /// `DELETE /v1/staff/sessions/current`: ends the shift.
    pub async fn staff_sign_out(&self, token: &Secret<String>) -> Result<(), Error> {
        let path = "/v1/staff/sessions/current";
        self.call_empty(Method::DELETE, path, Some(token), None::<&()>, Retry::Idempotent).await
    }

    /// `GET /v1/staff/queue`.
    pub async fn staff_queue(&self, token: &Secret<String>) -> Result<Queue, Error> {
        self.call(Method::GET, "/v1/staff/queue", Some(token), None::<&()>, Retry::Idempotent).await
    }

    /// `GET /v1/staff/waiting/{reference}` (at a staffed station; audited).
    pub async fn staff_waiting(
        &self,
        token: &Secret<String>,
        reference: &str,
    ) -> Result<StaffWaitingView, Error> {
        let path = format!("/v1/staff/waiting/{}", path_segment(reference.trim())?);
        self.call(Method::GET, &path, Some(token), None::<&()>, Retry::Idempotent).await
    }

    /// `POST /v1/staff/waiting/{reference}/seen-in-person`: the person's identity document was
    /// seen and matches (audited; the wait shortens once).
    pub async fn staff_seen_in_person(
        &self,
        token: &Secret<String>,
        reference: &str,
    ) -> Result<StaffWaitingView, Error> {
        let path = format!("/v1/staff/waiting/{}/seen-in-person", path_segment(reference.trim())?);
        self.call(Method::POST, &path, Some(token), None::<&()>, Retry::Once).await
    }

    /// `POST /v1/staff/requests/{id}/claim`.
    pub async fn staff_claim(&self, token: &Secret<String>, request_id: &str) -> Result<(), Error> {
        let path = format!("/v1/staff/requests/{}/claim", path_segment(request_id)?);
        self.call_empty(Method::POST, &path, Some(token), None::<&()>, Retry::Once).await
    }

    /// `GET /v1/staff/requests/{id}` (each look is audited).
    pub async fn staff_request(
        &self,
        token: &Secret<String>,
        request_id: &str,
    ) -> Result<StaffRequestView, Error> {
        let path = format!("/v1/staff/requests/{}", path_segment(request_id)?);
        self.call(Method::GET, &path, Some(token), None::<&()>, Retry::Idempotent).await
    }

    /// `GET /v1/staff/requests/{id}/proofs/{position}`, blurred, or `…/clear` (audited): the
    /// file's content type and bytes.
    pub async fn staff_proof(
        &self,
        token: &Secret<String>,
        request_id: &str,
        position: u32,
        clear: bool,
    ) -> Result<(String, Vec<u8>), Error> {
        let suffix = if clear { "/clear" } else { "" };
        let path =
            format!("/v1/staff/requests/{}/proofs/{position}{suffix}", path_segment(request_id)?);
        let response =
            self.send(Method::GET, &path, Some(token), None::<&()>, Retry::Idempotent).await?;
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("application/octet-stream")
            .to_owned();
        let bytes = response.bytes().await.map_err(|e| Error::Transport(transport(&e)))?;
        Ok((content_type, bytes.to_vec()))
    }

    /// `POST /v1/staff/requests/{id}/decision`.
    pub async fn staff_decide(
        &self,
        token: &Secret<String>,
        request_id: &str,
        decision: &DecisionRequest,
    ) -> Result<DecisionView, Error> {
        let path = format!("/v1/staff/requests/{}/decision", path_segment(request_id)?);
        self.call(Method::POST, &path, Some(token), Some(decision), Retry::Once).await
    }

    /// `POST /v1/staff/requests/{id}/second-review`.
    pub async fn staff_second_review(
        &self,
        token: &Secret<String>,
        request_id: &str,
        review: &SecondReviewRequest,
    ) -> Result<DecisionView, Error> {
        let path = format!("/v1/staff/requests/{}/second-review", path_segment(request_id)?);
        self.call(Method::POST, &path, Some(token), Some(review), Retry::Once).await
    }

    // --- accounts and sessions ---

    /// `POST /v1/accounts`.
    pub async fn sign_up(&self, request: &SignUpRequest) -> Result<SignUpResponse, Error> {
        self.call(Method::POST, "/v1/accounts", None, Some(request), Retry::Once).await
    }

    /// `POST /v1/sessions`: a session, or the second factor to ask for.
    pub async fn sign_in(&self, request: &SignInRequest) -> Result<SignedIn, Error> {
        let response =
            self.send(Method::POST, "/v1/sessions", None, Some(request), Retry::Once).await?;
        let accepted = response.status() == StatusCode::ACCEPTED;
        let bytes = response.bytes().await.map_err(|e| Error::Transport(transport(&e)))?;
        let decode = |e: serde_json::Error| Error::Decode(e.to_string());
        Ok(if accepted {
            SignedIn::SecondFactor(serde_json::from_slice(&bytes).map_err(decode)?)
        } else {
            SignedIn::Session(serde_json::from_slice(&bytes).map_err(decode)?)
        })
    }

    /// `POST /v1/sessions/second-factor`. Never retried: a code works once.
    pub async fn second_factor(
        &self,
        request: &SecondFactorRequest,
    ) -> Result<SessionGrant, Error> {
        self.call(Method::POST, "/v1/sessions/second-factor", None, Some(request), Retry::Once)
            .await
    }

    /// `POST /v1/sessions/unlock`: a device marked lost, unlocked. Never retried.
    pub async fn unlock(&self, request: &UnlockRequest) -> Result<SessionGrant, Error> {
        self.call(Method::POST, "/v1/sessions/unlock", None, Some(request), Retry::Once).await
    }

    /// `DELETE /v1/sessions/{session_id}`: another device of the account, signed out.
    pub async fn sign_out_device(
        &self,
        access_token: &Secret<String>,
        session_id: &str,
    ) -> Result<(), Error> {
        let path = format!("/v1/sessions/{}", path_segment(session_id)?);
        self.call_empty(Method::DELETE, &path, Some(access_token), None::<&()>, Retry::Idempotent)
            .await
    }

    /// `POST /v1/sessions/{session_id}/lost`.
    pub async fn mark_lost(
        &self,
        access_token: &Secret<String>,
        session_id: &str,
    ) -> Result<(), Error> {
        let path = format!("/v1/sessions/{}/lost", path_segment(session_id)?);
        self.call_empty(Method::POST, &path, Some(access_token), None::<&()>, Retry::Once).await
    }

    /// `POST /v1/me/contacts`: the account, with the new contact waiting for its code.
    pub async fn add_contact(
        &self,
        access_token: &Secret<String>,
        request: &AddContactRequest,
    ) -> Result<AccountView, Error> {
        self.call(Method::POST, "/v1/me/contacts", Some(access_token), Some(request), Retry::Once)
            .await
    }

    /// `DELETE /v1/me/contacts/{channel}/pending`: the new contact waiting for its code, dropped.
    pub async fn cancel_contact_change(
        &self,
        access_token: &Secret<String>,
        channel: ContactChannel,
    ) -> Result<(), Error> {
        let path = format!("/v1/me/contacts/{}/pending", channel_segment(channel));
        self.call_empty(Method::DELETE, &path, Some(access_token), None::<&()>, Retry::Idempotent)
            .await
    }

    /// `DELETE /v1/me/contacts/{channel}`.
    pub async fn remove_contact(
        &self,
        access_token: &Secret<String>,
        channel: ContactChannel,
    ) -> Result<(), Error> {
        let path = format!("/v1/me/contacts/{}", channel_segment(channel));
        self.call_empty(Method::DELETE, &path, Some(access_token), None::<&()>, Retry::Idempotent)
            .await
    }

    /// `PUT /v1/me/locale`: the language of the account's messages.
    pub async fn set_locale(
        &self,
        access_token: &Secret<String>,
        request: &LocaleRequest,
    ) -> Result<AccountView, Error> {
        self.call(
            Method::PUT,
            "/v1/me/locale",
            Some(access_token),
            Some(request),
            Retry::Idempotent,
        )
        .await
    }

    // --- recovery contacts ---

    /// `GET /v1/me/recovery-contacts`.
    pub async fn recovery_contacts(
        &self,
        access_token: &Secret<String>,
    ) -> Result<RecoveryContactsView, Error> {
        let path = "/v1/me/recovery-contacts";
        self.call(Method::GET, path, Some(access_token), None::<&()>, Retry::Idempotent).await
    }

    /// `POST /v1/me/recovery-contacts`.
    pub async fn invite_recovery_contact(
        &self,
        access_token: &Secret<String>,
        request: &InviteRecoveryContactRequest,
    ) -> Result<RecoveryContactView, Error> {
        let path = "/v1/me/recovery-contacts";
        self.call(Method::POST, path, Some(access_token), Some(request), Retry::Once).await
    }

    /// `DELETE /v1/me/recovery-contacts/{id}`.
    pub async fn remove_recovery_contact(
        &self,
        access_token: &Secret<String>,
        id: &str,
    ) -> Result<(), Error> {
        let path = format!("/v1/me/recovery-contacts/{}", path_segment(id)?);
        self.call_empty(Method::DELETE, &path, Some(access_token), None::<&()>, Retry::Idempotent)
            .await
    }

    /// `PUT /v1/me/recovery-contacts/threshold`.
    pub async fn set_vouch_threshold(
        &self,
        access_token: &Secret<String>,
        request: &VouchThresholdRequest,
    ) -> Result<RecoveryContactsView, Error> {
        let path = "/v1/me/recovery-contacts/threshold";
        self.call(Method::PUT, path, Some(access_token), Some(request), Retry::Idempotent).await
    }

    /// `POST /v1/me/vouching/{id}/accept`, `…/decline` or `…/step-down`.
    pub async fn answer_vouching(
        &self,
        access_token: &Secret<String>,
        id: &str,
        answer: VouchingAnswer,
    ) -> Result<(), Error> {
        let verb = match answer {
            VouchingAnswer::Accept => "accept",
            VouchingAnswer::Decline => "decline",
            VouchingAnswer::StepDown => "step-down",
        };
        let path = format!("/v1/me/vouching/{}/{verb}", path_segment(id)?);
        self.call_empty(Method::POST, &path, Some(access_token), None::<&()>, Retry::Once).await
    }

    /// `POST /v1/me/vouch-requests/{id}/vouch`: with the code the person in recovery read.
    pub async fn vouch(
        &self,
        access_token: &Secret<String>,
        id: &str,
        code: &Secret<String>,
    ) -> Result<(), Error> {
        let path = format!("/v1/me/vouch-requests/{}/vouch", path_segment(id)?);
        let request = VouchRequest { code: code.clone() };
        self.call_empty(Method::POST, &path, Some(access_token), Some(&request), Retry::Once).await
    }

    /// `POST /v1/me/vouch-requests/{id}/decline`.
    pub async fn decline_vouch(
        &self,
        access_token: &Secret<String>,
        id: &str,
        dont_know: bool,
    ) -> Result<(), Error> {
        let path = format!("/v1/me/vouch-requests/{}/decline", path_segment(id)?);
        let request = DeclineVouchRequest { dont_know };
        self.call_empty(Method::POST, &path, Some(access_token), Some(&request), Retry::Once).await
    }

    /// `POST /v1/me/reauthenticate`.
    pub async fn reauthenticate(
        &self,
        access_token: &Secret<String>,
        password: &Secret<String>,
    ) -> Result<(), Error> {
        let request = ReauthenticateRequest { password: password.clone() };
        self.call_empty(
            Method::POST,
            "/v1/me/reauthenticate",
            Some(access_token),
            Some(&request),
            Retry::Once,
        )
        .await
    }

    /// `POST /v1/me/totp`.
    pub async fn begin_totp(&self, access_token: &Secret<String>) -> Result<TotpSetup, Error> {
        self.call(Method::POST, "/v1/me/totp", Some(access_token), None::<&()>, Retry::Once).await
    }

    /// `POST /v1/me/totp/confirm`: the recovery codes, this once.
    pub async fn confirm_totp(
        &self,
        access_token: &Secret<String>,
        code: &Secret<String>,
    ) -> Result<RecoveryCodes, Error> {
        let request = ConfirmTotpRequest { code: code.clone() };
        self.call(
            Method::POST,
            "/v1/me/totp/confirm",
            Some(access_token),
            Some(&request),
            Retry::Once,
        )
        .await
    }

    /// `POST /v1/me/recovery-codes`.
    pub async fn regenerate_recovery_codes(
        &self,
        access_token: &Secret<String>,
    ) -> Result<RecoveryCodes, Error> {
        self.call(
            Method::POST,
            "/v1/me/recovery-codes",
            Some(access_token),
            None::<&()>,
            Retry::Once,
        )
        .await
    }

    /// `POST /v1/me/totp/remove`.
    pub async fn remove_second_factor(
        &self,
        access_token: &Secret<String>,
        request: &RemoveSecondFactorRequest,
    ) -> Result<(), Error> {
        self.call_empty(
            Method::POST,
            "/v1/me/totp/remove",
            Some(access_token),
            Some(request),
            Retry::Once,
        )
        .await
    }

    /// `POST /v1/sessions/refresh`. Never retried: a refresh token works once.
    pub async fn refresh(&self, refresh_token: &Secret<String>) -> Result<SessionGrant, Error> {
        let request = RefreshRequest { refresh_token: refresh_token.clone() };
        self.call(Method::POST, "/v1/sessions/refresh", None, Some(&request), Retry::Once).await
    }

    /// `DELETE /v1/sessions/current`.
    pub async fn sign_out(&self, access_token: &Secret<String>) -> Result<(), Error> {
        self.call_empty(
            Method::DELETE,
            "/v1/sessions/current",
            Some(access_token),
            None::<&()>,
            Retry::Idempotent,
        )
        .await
    }

    /// `GET /v1/sessions`.
    pub async fn sessions(&self, access_token: &Secret<String>) -> Result<SessionList, Error> {
        self.call(Method::GET, "/v1/sessions", Some(access_token), None::<&()>, Retry::Idempotent)
            .await
    }

    /// `GET /v1/me`.
    pub async fn me(&self, access_token: &Secret<String>) -> Result<AccountView, Error> {
        self.call(Method::GET, "/v1/me", Some(access_token), None::<&()>, Retry::Idempotent).await
    }

    /// `POST /v1/me/contacts/confirm`.
    pub async fn confirm_contact(
        &self,
        access_token: &Secret<String>,
        request: &ConfirmContactRequest,
    ) -> Result<(), Error> {
        self.call_empty(
            Method::POST,
            "/v1/me/contacts/confirm",
            Some(access_token),
            Some(request),
            Retry::Once,
        )
        .await
    }

    /// `POST /v1/me/contacts/resend`.
    pub async fn resend_confirmation(
        &self,
        access_token: &Secret<String>,
        request: &ResendConfirmationRequest,
    ) -> Result<(), Error> {
        self.call_empty(
            Method::POST,
            "/v1/me/contacts/resend",
            Some(access_token),
            Some(request),
            Retry::Once,
        )
        .await
    }

    /// `POST /v1/me/password`.
    pub async fn change_password(
        &self,
        access_token: &Secret<String>,
        request: &ChangePasswordRequest,
    ) -> Result<(), Error> {
        self.call_empty(
            Method::POST,
            "/v1/me/password",
            Some(access_token),
            Some(request),
            Retry::Once,
        )
        .await
    }

    /// `PUT /v1/me/security-questions` (a replacement, so it may be sent again).
    pub async fn set_security_questions(
        &self,
        access_token: &Secret<String>,
        request: &SecurityQuestionsRequest,
    ) -> Result<(), Error> {
        self.call_empty(
            Method::PUT,
            "/v1/me/security-questions",
            Some(access_token),
            Some(request),
            Retry::Idempotent,
        )
        .await
    }

    /// `GET /v1/me/checkup`.
    pub async fn checkup(&self, access_token: &Secret<String>) -> Result<Checkup, Error> {
        self.call(Method::GET, "/v1/me/checkup", Some(access_token), None::<&()>, Retry::Idempotent)
            .await
    }

    /// `GET /v1/me/events`.
    pub async fn events(&self, access_token: &Secret<String>) -> Result<SecurityEventList, Error> {
        self.call(Method::GET, "/v1/me/events", Some(access_token), None::<&()>, Retry::Idempotent)
            .await
    }

    // --- plumbing ---

    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        access_token: Option<&Secret<String>>,
        body: Option<&(impl Serialize + ?Sized)>,
        retry: Retry,
    ) -> Result<T, Error> {
        let response = self.send(method, path, access_token, body, retry).await?;
        let bytes = response.bytes().await.map_err(|e| Error::Transport(transport(&e)))?;
        serde_json::from_slice(&bytes).map_err(|e| Error::Decode(e.to_string()))
    }

    async fn call_empty(
        &self,
        method: Method,
        path: &str,
        access_token: Option<&Secret<String>>,
        body: Option<&(impl Serialize + ?Sized)>,
        retry: Retry,
    ) -> Result<(), Error> {
        self.send(method, path, access_token, body, retry).await.map(drop)
    }

    /// Sends one request (again, for idempotent ones, while the connection fails) and turns a
    /// non-success answer into [`Error::Api`].
    async fn send(
        &self,
        method: Method,
        path: &str,
        access_token: Option<&Secret<String>>,
        body: Option<&(impl Serialize + ?Sized)>,
        retry: Retry,
    ) -> Result<reqwest::Response, Error> {
        let url = self.base.join(path);
        let attempts = if retry == Retry::Idempotent { IDEMPOTENT_ATTEMPTS } else { 1 };
        let mut attempt = 0;
        let response = loop {
            attempt += 1;
            let mut request = self.http.request(method.clone(), &url);
            if let Some(token) = access_token {
                request = request.bearer_auth(token.expose());
            }
            if let Some(body) = body {
                request = request.json(body);
            }
            match request.send().await {
                Ok(response) => break response,
                Err(error) if attempt < attempts && (error.is_connect() || error.is_timeout()) => {
                    tracing::debug!(%method, path, attempt, "request failed; trying again");
                    tokio::time::sleep(Duration::from_millis(200 * u64::from(attempt))).await;
                }
                Err(error) => return Err(Error::Transport(transport(&error))),
            }
        };
        checked(response).await
    }
}

/// What a recovery contact (or an invited one) says: yes, no, or no longer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VouchingAnswer {
    Accept,
    Decline,
    StepDown,
}

/// The text of a support request, as [`Client::open_support_request`] sends it.
#[derive(Debug, Clone)]
pub struct SupportFiling {
    pub identifier: String,
    pub region: Option<String>,
    pub contact_channel: ContactChannel,
    pub contact: String,
    pub description: String,
    pub device: Option<String>,
    /// The language of the messages to the contact given.
    pub locale: Option<String>,
    pub captcha: Secret<String>,
}

/// A proof of ownership to upload: its form field (`id_document` or `receipt`), the name the
/// person's file had, and its bytes.
#[derive(Clone)]
pub struct ProofFile {
    pub field: &'static str,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for ProofFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProofFile")
            .field("field", &self.field)
            .field("bytes", &self.bytes.len())
            .finish_non_exhaustive()
    }
}

/// A successful answer as it is, or the service's refusal as [`Error::Api`].
async fn checked(response: reqwest::Response) -> Result<reqwest::Response, Error> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let bytes = response.bytes().await.map_err(|e| Error::Transport(transport(&e)))?;
    let mut body: ErrorBody = serde_json::from_slice(&bytes)
        .map_err(|_| Error::Decode(format!("an error answer ({status}) without an ErrorBody")))?;
    if body.retry_after_secs.is_none() && status == StatusCode::TOO_MANY_REQUESTS {
        body.retry_after_secs = retry_after;
    }
    Err(Error::Api { status: status.as_u16(), body })
}

/// `/v1/recovery/flows/{id}{suffix}`, refusing IDs that could change the path.
fn flow_path(flow_id: &str, suffix: &str) -> Result<String, Error> {
    Ok(format!("/v1/recovery/flows/{}{suffix}", path_segment(flow_id)?))
}

/// A contact channel as a path segment.
fn channel_segment(channel: ContactChannel) -> &'static str {
    match channel {
        ContactChannel::Email => "email",
        ContactChannel::Phone => "phone",
    }
}

/// An ID the service gave (a flow's, a session's) as one path segment: refused when it could
/// change the path.
fn path_segment(id: &str) -> Result<&str, Error> {
    if id.is_empty()
        || id.len() > 64
        || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(Error::api(ErrorCode::NotFound));
    }
    Ok(id)
}

/// What a reqwest failure was, from its own classification and its sources' types (rustls
/// reports a failed handshake as an I/O error of kind `InvalidData`), never from its text.
fn transport(error: &reqwest::Error) -> TransportError {
    let mut tls = false;
    let mut detail = String::new();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        if inner
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::InvalidData)
        {
            tls = true;
        }
        detail = inner.to_string();
        source = inner.source();
    }
    let kind = if error.is_timeout() {
        TransportKind::Timeout
    } else if tls {
        TransportKind::Tls
    } else if error.is_connect() {
        TransportKind::Connect
    } else {
        TransportKind::Protocol
    };
    TransportError { kind, detail }
}
