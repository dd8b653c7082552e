//! The few pages a browser sees: the emailed recovery link and the "this wasn't me" link.
//!
//! Opening a link never consumes it (a mail scanner's GET must not burn it, SECURITY.md S10):
//! the page offers the app (`regain://` deep link) or an explicit button that POSTs. Every page
//! is sent with `Referrer-Policy: no-referrer`, a strict CSP and `Cache-Control: no-store`.

use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use regain_protocol::{ErrorCode, SupportState};
use regain_recovery::{Error, Proof, Secret};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::extract::Meta;
use super::{ApiError, AppState};

#[derive(Debug, Deserialize)]
pub struct LinkParams {
    flow: String,
    token: Secret<String>,
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    flow: String,
    reset_token: Secret<String>,
    new_password: Secret<String>,
}

#[derive(Debug, Deserialize)]
pub struct ReportParams {
    token: Secret<String>,
}

/// The query or form of a page (`/recover/...`). Missing or broken parameters are answered in
/// the error shape: as JSON to a client that asks for it, as the page's HTML otherwise.
#[derive(Debug)]
pub struct PageInput<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequest<S> for PageInput<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let wants_json = accepts_json(request.headers());
        let parsed = if request.method() == axum::http::Method::GET {
            let (mut parts, _) = request.into_parts();
            axum::extract::Query::<T>::from_request_parts(&mut parts, state)
                .await
                .map(|axum::extract::Query(value)| value)
                .map_err(|_| ErrorCode::InvalidField)
        } else {
            axum::extract::Form::<T>::from_request(request, state)
                .await
                .map(|axum::extract::Form(value)| value)
                .map_err(|rejection| match rejection.status() {
                    StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedMediaType,
                    StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
                    _ => ErrorCode::InvalidField,
                })
        };
        parsed.map(Self).map_err(|code| {
            if wants_json {
                ApiError::new(code).into_response()
            } else {
                code_page(code)
            }
        })
    }
}

fn accepts_json(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("application/json") && !accept.contains("text/html"))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} — Regain</title></head><body><main><h1>{title}</h1>{body}</main></body></html>",
        title = escape(title)
    );
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    response
}

fn error_page(error: Error) -> Response {
    code_page(ApiError::from(error).code())
}

/// The page for a refusal: its status, what to do next, and the stable code.
pub(super) fn code_page(code: ErrorCode) -> Response {
    let status = StatusCode::from_u16(code.status()).unwrap_or(StatusCode::BAD_REQUEST);
    page(
        status,
        "This link cannot continue",
        &format!("<p>{}</p><p><small>Code: {}</small></p>", escape(code.message()), code.as_str()),
    )
}

/// The emailed link: offers the app, or continuing here with an explicit POST.
pub async fn link(PageInput(params): PageInput<LinkParams>) -> Response {
    let flow = escape(&params.flow);
    let token = escape(params.token.expose());
    page(
        StatusCode::OK,
        "Continue your recovery",
        &format!(
            "<p>You asked to reset your Regain password.</p>\
             <p><a href=\"regain://recover?flow={flow}&amp;token={token}\">Open in the Regain app</a></p>\
             <form method=\"post\" action=\"/recover/link\">\
             <input type=\"hidden\" name=\"flow\" value=\"{flow}\">\
             <input type=\"hidden\" name=\"token\" value=\"{token}\">\
             <button type=\"submit\">Continue in this browser</button></form>\
             <p>If you did not ask for this, close this page: nothing changes.</p>"
        ),
    )
}

/// Consumes the link; with every gate passed, asks for the new password.
pub async fn use_link(
    State(state): State<AppState>,
    Meta(meta): Meta,
    PageInput(params): PageInput<LinkParams>,
) -> Response {
    match state.recovery.verify(&params.flow, Proof::Link(params.token), &meta).await {
        Err(error) => error_page(error),
        Ok(verified) => match verified.reset_token {
            Some(reset) => password_form(&state, &params.flow, reset.expose(), None).await,
            None => page(
                StatusCode::OK,
                "One more step",
                "<p>Your email is confirmed. This account needs one more proof: continue in the Regain app.</p>",
            ),
        },
    }
}

/// The new-password form. Its length bounds are the policy's for the flow's account, so the
/// browser's own check agrees with the service's (15 characters without a second factor, 8
/// with one).
async fn password_form(
    state: &AppState,
    flow: &str,
    reset_token: &str,
    problem: Option<&str>,
) -> Response {
    let policy = state.accounts.password_policy();
    let min =
        state.recovery.min_password_length(flow).await.unwrap_or(policy.min_length_single_factor);
    let problem =
        problem.map(|p| format!("<p role=\"alert\">{}</p>", escape(p))).unwrap_or_default();
    page(
        if problem.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY },
        "Choose a new password",
        &format!(
            "{problem}<form method=\"post\" action=\"/recover/password\">\
             <input type=\"hidden\" name=\"flow\" value=\"{flow}\">\
             <input type=\"hidden\" name=\"reset_token\" value=\"{token}\">\
             <label for=\"new_password\">New password</label>\
             <input id=\"new_password\" name=\"new_password\" type=\"password\" autocomplete=\"new-password\" minlength=\"{min}\" maxlength=\"{max}\" required>\
             <p>Use at least {min} characters, or four or more random words. Avoid your name, birthday and phone number. \
             Let a password manager create and remember it.</p>\
             <button type=\"submit\">Set the new password</button></form>",
            flow = escape(flow),
            token = escape(reset_token),
            max = policy.max_length,
        ),
    )
}

pub async fn set_password(
    State(state): State<AppState>,
    Meta(meta): Meta,
    PageInput(form): PageInput<PasswordForm>,
) -> Response {
    let reset = form.reset_token;
    match state.recovery.set_password(&form.flow, &reset, &form.new_password, &meta).await {
        Ok(_) => page(
            StatusCode::OK,
            "Your password is reset",
            "<p>Every device was signed out. Sign in with the new password.</p>\
             <p>Keep your email and phone current, turn on two-step verification, and use a password manager.</p>",
        ),
        Err(Error::WeakPassword { verdict, .. }) => {
            let reasons: Vec<&str> = verdict
                .reasons
                .iter()
                .map(|r| regain_policy::text(r.message_key(), regain_policy::Language::En).unwrap_or(r.code()))
                .collect();
            password_form(&state, &form.flow, reset.expose(), Some(&reasons.join(" "))).await
        }
        Err(error) => error_page(error),
    }
}

/// The page of a link that acts: what it does, and a button whose POST carries the link's
/// secret to `action` as `field`. A GET changes nothing, so a mail scanner that follows links
/// uses none.
fn button_page(
    title: &str,
    text: &str,
    action: &str,
    field: &str,
    secret: &str,
    label: &str,
) -> Response {
    page(
        StatusCode::OK,
        title,
        &format!(
            "<p>{text}</p>\
             <form method=\"post\" action=\"{action}\"><input type=\"hidden\" name=\"{field}\" value=\"{}\">\
             <button type=\"submit\">{label}</button></form>",
            escape(secret)
        ),
    )
}

/// The "this wasn't me" link of a notice: a GET shows a button; the POST acts.
pub async fn not_me(PageInput(params): PageInput<ReportParams>) -> Response {
    button_page(
        "This wasn't me",
        "If someone else reset your password, sign out every device now, then recover your account in the Regain app.",
        "/recover/not-me",
        "token",
        params.token.expose(),
        "Sign out every device",
    )
}

/// The status link of a support request: where it stands, in words. Never staff's notes.
pub async fn support_status(
    State(state): State<AppState>,
    PageInput(params): PageInput<ReportParams>,
) -> Response {
    match state.support.status(&params.token).await {
        Ok(status) => {
            let state_text = match status.state {
                SupportState::AwaitingContact => "It waits for the code we sent to the contact you gave.",
                SupportState::Open => "It is in the queue: a member of staff will look at your proofs.",
                SupportState::InReview => "A member of staff is looking at your proofs now.",
                SupportState::Approved => "It was approved: your account's contacts were told, and a recovery pass will come once the waiting period is over.",
                SupportState::Denied => "It was not approved. You can file a new request with other proofs.",
                SupportState::Closed => "It is closed.",
            };
            page(
                StatusCode::OK,
                &format!("Support request {}", escape(&status.reference)),
                &format!(
                    "<p>{state_text}</p><p>Regain staff never ask for a password or a code.</p>"
                ),
            )
        }
        Err(error) => error_page(error),
    }
}

#[derive(Debug, Deserialize)]
pub struct PassParams {
    pass: Secret<String>,
}

/// The cancel link of an assisted recovery's notice: a GET shows a button (a mail scanner that
/// follows links cancels nothing); the POST cancels.
pub async fn cancel_assisted(PageInput(params): PageInput<ReportParams>) -> Response {
    button_page(
        "Cancel the recovery of your account",
        "Someone asked Regain's support to recover your account. If it was not you, cancel it: nobody will be able to use it.",
        "/support/cancel",
        "token",
        params.token.expose(),
        "Cancel the recovery",
    )
}

pub async fn use_cancel(
    State(state): State<AppState>,
    Meta(meta): Meta,
    PageInput(params): PageInput<ReportParams>,
) -> Response {
    match state.staff.cancel(&params.token, &meta).await {
        Ok(()) => page(
            StatusCode::OK,
            "The recovery is cancelled",
            "<p>Nobody can use it. Sign in and check your account's security centre: change your password if you think someone knows it.</p>",
        ),
        Err(error) => error_page(error),
    }
}

/// The recovery pass's link: a GET shows a button; the POST uses the pass and shows the
/// new-password form.
pub async fn pass(PageInput(params): PageInput<PassParams>) -> Response {
    button_page(
        "Choose a new password",
        "The waiting period is over. This pass works once.",
        "/support/pass",
        "pass",
        params.pass.expose(),
        "Continue",
    )
}

pub async fn use_pass(
    State(state): State<AppState>,
    PageInput(params): PageInput<PassParams>,
) -> Response {
    match state.staff.redeem(&params.pass).await {
        Ok(redeemed) => {
            password_form(&state, &redeemed.flow_id, redeemed.reset_token.expose(), None).await
        }
        Err(error) => error_page(error),
    }
}

pub async fn report_not_me(
    State(state): State<AppState>,
    Meta(meta): Meta,
    PageInput(params): PageInput<ReportParams>,
) -> Response {
    match state.recovery.report_not_me(&params.token, &meta).await {
        Ok(()) => page(
            StatusCode::OK,
            "Every device is signed out",
            "<p><a href=\"regain://recover\">Recover your account in the Regain app</a> now, and choose a password you use nowhere else.</p>",
        ),
        Err(error) => error_page(error),
    }
}
