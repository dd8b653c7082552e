use regain_policy::Verdict;

use crate::StoreError;

/// What the domain refuses, and why. The server maps each to its stable wire code; none of them
/// carries a secret or a full contact.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the email address is not valid")]
    InvalidEmail,
    #[error("the phone number is not valid")]
    InvalidPhone,
    /// A field with an unusable value; `reason` is a stable snake_case code.
    #[error("field {field} is not valid: {reason}")]
    InvalidField { field: &'static str, reason: &'static str },
    #[error("the password does not meet the policy")]
    WeakPassword { field: &'static str, verdict: Box<Verdict> },
    #[error("the contact is already used by another account")]
    ContactInUse,
    #[error("unknown account or wrong password")]
    InvalidCredentials,
    #[error("no valid session")]
    Unauthenticated,
    #[error("the refresh token is not valid")]
    InvalidRefreshToken,
    #[error("the code is not right")]
    InvalidCode,
    #[error("the code is no longer valid")]
    CodeExpired,
    #[error("there is nothing to confirm")]
    NothingToConfirm,
    #[error("too many requests; retry in {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    #[error("the captcha is missing")]
    CaptchaRequired,
    #[error("the captcha solution is not valid")]
    CaptchaInvalid,
    #[error("the captcha solution was already used")]
    CaptchaReplayed,
    #[error("the captcha challenge expired")]
    CaptchaExpired,
    #[error("no such recovery flow")]
    FlowNotFound,
    #[error("the recovery flow is over")]
    FlowExpired,
    #[error("too many wrong proofs ended the flow")]
    FlowLocked,
    #[error("the flow is not at a step that accepts this")]
    FlowState,
    #[error("the method is not offered now")]
    MethodUnavailable,
    #[error("not enough recovery contacts have vouched yet")]
    VouchesPending,
    #[error("the waiting period is not over; {retry_after_secs} s left")]
    WaitingPeriod { retry_after_secs: u64 },
    #[error("the flow sent as many codes as it may")]
    SendLimitReached,
    #[error("the answers are not right")]
    InvalidAnswers,
    #[error("the link is not valid")]
    InvalidLink,
    #[error("the reset token is not valid")]
    InvalidResetToken,
    #[error("the change needs a recent sign-in")]
    ReauthenticationRequired,
    #[error("the code was already used")]
    CodeAlreadyUsed,
    #[error("the account has a second factor already")]
    SecondFactorExists,
    #[error("the sign-in waited too long for its second factor, or had too many tries")]
    SignInExpired,
    #[error("the password is too short to stand without a second factor")]
    LongerPasswordNeeded,
    #[error("the last confirmed contact of an account without a second factor stays")]
    LastContact,
    #[error("the device was marked lost")]
    DeviceLocked,
    #[error("the file is not a JPEG, PNG, WebP or PDF")]
    UnsupportedFileType,
    #[error("the file is damaged or too large to decode")]
    DamagedFile,
    #[error("another member of staff has claimed the request")]
    AlreadyClaimed,
    #[error("the member of staff may not do this")]
    NotPermitted,
    #[error("the support request is not at a step that accepts this")]
    RequestState,
    /// No such resource (a device of the account, …).
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A failure that is ours, not the caller's (a hashing task that panicked, …).
    #[error("internal error: {0}")]
    Internal(String),
    /// Too much hashing waits already: try again in a second (never a wrong answer).
    #[error("the service is busy")]
    Overloaded,
}
