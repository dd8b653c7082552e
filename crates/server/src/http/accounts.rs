use axum::extract::State;
use axum::http::StatusCode;
use regain_protocol::{
    AccountView, AddContactRequest, ChangePasswordRequest, ConfirmContactRequest, ContactChannel,
    ErrorBody, LocaleRequest, ResendConfirmationRequest, SignUpRequest, SignUpResponse,
};
use regain_recovery::{Email, Error, NewAccountInput, NewContact, Phone};

use super::extract::{Authenticated, Json, Meta, Path};
use super::{views, ApiError, AppState};

/// Create an account and sign in. Each contact gets a 6-digit confirmation code; a contact is
/// used for recovery only once confirmed. The answer is the same whether or not an email or
/// phone is already someone's confirmed contact: then the new account only claims it, its
/// owner is told, and the claim lapses unconfirmed.
#[utoipa::path(post, path = "/v1/accounts", tag = "accounts", request_body = SignUpRequest,
    responses(
        (status = 201, body = SignUpResponse),
        (status = 400, description = "captcha_required, captcha_invalid, captcha_replayed, captcha_expired", body = ErrorBody),
        (status = 422, description = "invalid_field, invalid_email, invalid_phone, weak_password", body = ErrorBody),
        (status = 429, description = "rate_limited: sign-ups from this address, or messages to a destination or country", body = ErrorBody),
    ))]
pub async fn sign_up(
    State(state): State<AppState>,
    Meta(meta): Meta,
    Json(request): Json<SignUpRequest>,
) -> Result<(StatusCode, axum::Json<SignUpResponse>), ApiError> {
    let email =
        request.email.as_deref().map(Email::parse).transpose().map_err(|_| Error::InvalidEmail)?;
    let phone = request
        .phone
        .as_deref()
        .map(|raw| Phone::parse(raw, request.region.as_deref()))
        .transpose()
        .map_err(|_| Error::InvalidPhone)?;
    let input = NewAccountInput {
        display_name: request.display_name,
        email,
        phone,
        birthday: request.birthday,
        password: request.password,
        locale: request.locale,
    };
    let device = views::device(request.device.as_ref())?;
    let account = state.accounts.sign_up(input, &request.captcha, &meta).await?;
    let grant = state.accounts.start_session(account.id, &device, &meta).await?;
    let response =
        SignUpResponse { account: views::account(&account), session: views::grant(grant) };
    Ok((StatusCode::CREATED, axum::Json(response)))
}

/// The signed-in account, with its contacts masked.
#[utoipa::path(get, path = "/v1/me", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = AccountView), (status = 401, body = ErrorBody)))]
pub async fn me(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
) -> Result<axum::Json<AccountView>, ApiError> {
    let account = state.accounts.account(session.account_id).await?;
    Ok(axum::Json(views::account(&account)))
}

/// The language of the account's emails, SMS and pages: the BCP 47 tag its owner chose (the
/// app sets it when they change its language). Kept whole; casing normalised.
#[utoipa::path(put, path = "/v1/me/locale", tag = "accounts", security(("bearer" = [])),
    request_body = LocaleRequest,
    responses(
        (status = 200, body = AccountView),
        (status = 401, body = ErrorBody),
        (status = 422, description = "invalid_field (locale: not a BCP 47 tag)", body = ErrorBody),
    ))]
pub async fn set_locale(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Json(request): Json<LocaleRequest>,
) -> Result<axum::Json<AccountView>, ApiError> {
    state.accounts.set_language(&session, &request.locale).await?;
    let account = state.accounts.account(session.account_id).await?;
    Ok(axum::Json(views::account(&account)))
}

/// Confirm a contact with the code sent to it. Five wrong codes end that code.
#[utoipa::path(post, path = "/v1/me/contacts/confirm", tag = "accounts", security(("bearer" = [])),
    request_body = ConfirmContactRequest,
    responses(
        (status = 204, description = "confirmed"),
        (status = 400, description = "invalid_code, code_expired", body = ErrorBody),
        (status = 409, description = "nothing_to_confirm", body = ErrorBody),
    ))]
pub async fn confirm_contact(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Meta(meta): Meta,
    Json(request): Json<ConfirmContactRequest>,
) -> Result<StatusCode, ApiError> {
    state
        .accounts
        .confirm_contact(session.account_id, request.channel, &request.code, &meta)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Add a new email or phone number, or replace the current one: a code goes to the new one,
/// which counts for nothing (recovery included) until that code comes back
/// (`POST /v1/me/contacts/confirm`); then it replaces the old one, and every contact confirmed
/// before is told. Needs a sign-in within the last ten minutes.
#[utoipa::path(post, path = "/v1/me/contacts", tag = "accounts", security(("bearer" = [])),
    request_body = AddContactRequest,
    responses(
        (status = 202, description = "the code is on its way to the new contact", body = AccountView),
        (status = 403, description = "reauthentication_required", body = ErrorBody),
        (status = 422, description = "invalid_email, invalid_phone, invalid_field (value: unchanged)", body = ErrorBody),
        (status = 429, description = "rate_limited: messages to that destination or country", body = ErrorBody),
    ))]
pub async fn add_contact(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Json(request): Json<AddContactRequest>,
) -> Result<(StatusCode, axum::Json<AccountView>), ApiError> {
    let contact = match request.channel {
        ContactChannel::Email => {
            NewContact::Email(Email::parse(&request.value).map_err(|_| Error::InvalidEmail)?)
        }
        ContactChannel::Phone => NewContact::Phone(
            Phone::parse(&request.value, request.region.as_deref())
                .map_err(|_| Error::InvalidPhone)?,
        ),
    };
    state.accounts.add_contact(&session, contact).await?;
    let account = state.accounts.account(session.account_id).await?;
    Ok((StatusCode::ACCEPTED, axum::Json(views::account(&account))))
}

/// Drop a new email or phone number still waiting for its code; the confirmed one stays.
#[utoipa::path(delete, path = "/v1/me/contacts/{channel}/pending", tag = "accounts", security(("bearer" = [])),
    params(("channel" = ContactChannel, Path, description = "email or phone")),
    responses(
        (status = 204, description = "dropped"),
        (status = 409, description = "nothing_to_confirm: no new contact is waiting", body = ErrorBody),
    ))]
pub async fn cancel_contact_change(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Path(channel): Path<ContactChannel>,
) -> Result<StatusCode, ApiError> {
    state.accounts.cancel_contact_change(&session, channel).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Remove the email or the phone number (or a new one still waiting for its code). The last
/// confirmed contact of an account without a second factor stays. Needs a recent sign-in.
#[utoipa::path(delete, path = "/v1/me/contacts/{channel}", tag = "accounts", security(("bearer" = [])),
    params(("channel" = ContactChannel, Path, description = "email or phone")),
    responses(
        (status = 204, description = "removed"),
        (status = 403, description = "reauthentication_required", body = ErrorBody),
        (status = 409, description = "last_contact, nothing_to_confirm (no such contact)", body = ErrorBody),
    ))]
pub async fn remove_contact(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Meta(meta): Meta,
    Path(channel): Path<ContactChannel>,
) -> Result<StatusCode, ApiError> {
    state.accounts.remove_contact(&session, channel, &meta).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Send a new confirmation code; the previous one stops working. At most one a minute.
#[utoipa::path(post, path = "/v1/me/contacts/resend", tag = "accounts", security(("bearer" = [])),
    request_body = ResendConfirmationRequest,
    responses(
        (status = 202, description = "queued"),
        (status = 409, description = "nothing_to_confirm", body = ErrorBody),
        (status = 429, description = "rate_limited", body = ErrorBody),
    ))]
pub async fn resend_confirmation(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Json(request): Json<ResendConfirmationRequest>,
) -> Result<StatusCode, ApiError> {
    state.accounts.resend_confirmation(session.account_id, request.channel).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Change the password. The new one must pass the password policy and differ from the last
/// five; every other session of the account ends.
#[utoipa::path(post, path = "/v1/me/password", tag = "accounts", security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "changed"),
        (status = 401, description = "unauthenticated", body = ErrorBody),
        (status = 422, description = "invalid_field (current_password), weak_password (new_password)", body = ErrorBody),
    ))]
pub async fn change_password(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Meta(meta): Meta,
    Json(request): Json<ChangePasswordRequest>,
) -> Result<StatusCode, ApiError> {
    state
        .accounts
        .change_password(&session, &request.current_password, &request.new_password, &meta)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Replace the account's security questions (two to five). Needs a sign-in within the last
/// ten minutes; answers are stored as argon2id hashes.
#[utoipa::path(put, path = "/v1/me/security-questions", tag = "accounts", security(("bearer" = [])),
    request_body = regain_protocol::SecurityQuestionsRequest,
    responses(
        (status = 204, description = "replaced"),
        (status = 403, description = "reauthentication_required", body = ErrorBody),
        (status = 422, description = "invalid_field", body = ErrorBody),
    ))]
pub async fn set_security_questions(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Meta(meta): Meta,
    Json(request): Json<regain_protocol::SecurityQuestionsRequest>,
) -> Result<StatusCode, ApiError> {
    let questions = request.questions.into_iter().map(|qa| (qa.question, qa.answer)).collect();
    state.accounts.set_security_questions(&session, questions, &meta).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Confirm the password from a signed-in session, for the changes that need a recent sign-in
/// (contacts, security questions, the second factor): "confirm your password", not "sign in
/// again". Wrong passwords are throttled per account.
#[utoipa::path(post, path = "/v1/me/reauthenticate", tag = "accounts", security(("bearer" = [])),
    request_body = regain_protocol::ReauthenticateRequest,
    responses(
        (status = 204, description = "confirmed: changes are allowed for ten minutes"),
        (status = 422, description = "invalid_field (password)", body = ErrorBody),
        (status = 429, description = "rate_limited", body = ErrorBody),
    ))]
pub async fn reauthenticate(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Meta(meta): Meta,
    Json(request): Json<regain_protocol::ReauthenticateRequest>,
) -> Result<StatusCode, ApiError> {
    state.accounts.reauthenticate(&session, &request.password, &meta).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The account's security checkup: a checklist of the prevention advice about this account
/// (contacts confirmed and current, security questions, two-step verification, recovery codes
/// left, the password's age and strength class, devices not seen for 90 days, unusual
/// activity) with a score, and the last 30 days of activity.
#[utoipa::path(get, path = "/v1/me/checkup", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = regain_protocol::Checkup), (status = 401, body = ErrorBody)))]
pub async fn checkup(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
) -> Result<axum::Json<regain_protocol::Checkup>, ApiError> {
    let checkup = state.accounts.checkup(&session).await?;
    Ok(axum::Json(regain_protocol::Checkup {
        score: checkup.score,
        items: checkup.items,
        activity: checkup.activity.iter().filter_map(views::event).collect(),
    }))
}

/// The account's recent security events (recovery steps, resets, changes), newest first.
#[utoipa::path(get, path = "/v1/me/events", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = regain_protocol::SecurityEventList), (status = 401, body = ErrorBody)))]
pub async fn events(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
) -> Result<axum::Json<regain_protocol::SecurityEventList>, ApiError> {
    let events = state.accounts.events(session.account_id, 50).await?;
    let events = events.iter().filter_map(views::event).collect();
    Ok(axum::Json(regain_protocol::SecurityEventList { events }))
}
