//! The few pages a browser sees: the emailed recovery link and the "this wasn't me" link.
//!
//! Opening a link never consumes it (a mail scanner's GET must not burn it, SECURITY.md S10):
//! the page offers the app (`regain://` deep link) or an explicit button that POSTs. Every page
//! is sent with `Referrer-Policy: no-referrer`, a strict CSP and `Cache-Control: no-store`.
//! Each speaks the language of the message its link came in ([`PageLanguage`]).

use std::convert::Infallible;

use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use regain_i18n::{Args, Language};
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
        let language = language_of(request.uri(), request.headers());
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
                code_page(code, language)
            }
        })
    }
}

fn accepts_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("application/json") && !accept.contains("text/html"))
}

/// The language a page speaks: its link's `lang` (the message that carried the link was
/// written in the account's language, and so is every form's action), else the browser's
/// `Accept-Language`, else English.
#[derive(Debug, Clone, Copy)]
pub struct PageLanguage(pub Language);

impl<S: Send + Sync> FromRequestParts<S> for PageLanguage {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(language_of(&parts.uri, &parts.headers)))
    }
}

fn language_of(uri: &Uri, headers: &HeaderMap) -> Language {
    let from_link = uri
        .query()
        .into_iter()
        .flat_map(|q| q.split('&'))
        .find_map(|pair| pair.strip_prefix("lang=").and_then(Language::find));
    let from_browser = || {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Language::from_accept_language)
    };
    from_link.or_else(from_browser).unwrap_or_default()
}

/// The words of one page, HTML-escaped, in its language.
#[derive(Clone, Copy)]
struct Words(Language);

impl Words {
    /// A message's value, escaped for the page.
    fn title(self, id: &str) -> String {
        escape(&self.0.text(id, &Args::new()))
    }

    /// A message's attribute, escaped for the page.
    fn text(self, id: &str, attribute: &str) -> String {
        escape(&self.0.attribute(id, attribute, &Args::new()))
    }

    /// A page that only says something: the message's value its title, each of `attributes`
    /// a paragraph.
    fn saying(self, id: &str, attributes: &[&str]) -> Response {
        let body: String =
            attributes.iter().map(|name| format!("<p>{}</p>", self.text(id, name))).collect();
        page(StatusCode::OK, self.0, &self.title(id), &body)
    }

    /// `path` with the page's language, for a form's action or a link.
    fn action(self, path: &str) -> String {
        format!("{path}?lang={}", self.0.tag())
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// A page: `title` and `body` are HTML, escaped by the caller.
fn page(status: StatusCode, language: Language, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} — Regain</title></head><body><main><h1>{title}</h1>{body}</main></body></html>",
        lang = language.tag(),
        dir = if language.is_rtl() { "rtl" } else { "ltr" },
    );
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(language.tag()));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    response
}

fn error_page(error: Error, language: Language) -> Response {
    code_page(ApiError::from(error).code(), language)
}

/// The page for a refusal: its status, what to do next, and the stable code.
pub(super) fn code_page(code: ErrorCode, language: Language) -> Response {
    let status = StatusCode::from_u16(code.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let mut args = Args::new();
    args.set("code", code.as_str());
    args.set("reason", reason_of(code));
    page(
        status,
        language,
        &Words(language).title("page-error"),
        &format!(
            "<p>{}</p><p><small>{}</small></p>",
            escape(&language.text("page-error-reason", &args)),
            escape(&language.attribute("page-error", "code", &args)),
        ),
    )
}

/// What a page says a refusal means, as `page-error.reason` selects it: a link that is dead
/// (spent, expired, or naming nothing), one that came incomplete, the few states a person can
/// act on, and else "try again, or continue in the app".
fn reason_of(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::InvalidLink | ErrorCode::NotFound | ErrorCode::CodeExpired => "invalid_link",
        ErrorCode::InvalidField
        | ErrorCode::UnsupportedMediaType
        | ErrorCode::PayloadTooLarge
        | ErrorCode::InvalidJson
        | ErrorCode::UnknownField => "invalid_field",
        ErrorCode::InvalidResetToken => "invalid_reset_token",
        ErrorCode::FlowExpired => "flow_expired",
        ErrorCode::FlowLocked => "flow_locked",
        ErrorCode::FlowState | ErrorCode::MethodUnavailable | ErrorCode::RequestState => {
            "flow_state"
        }
        ErrorCode::RateLimited => "rate_limited",
        ErrorCode::Busy => "busy",
        _ => "other",
    }
}

/// The emailed link: offers the app, or continuing here with an explicit POST.
pub async fn link(
    PageLanguage(language): PageLanguage,
    PageInput(params): PageInput<LinkParams>,
) -> Response {
    let words = Words(language);
    let flow = escape(&params.flow);
    let token = escape(params.token.expose());
    page(
        StatusCode::OK,
        language,
        &words.title("page-link"),
        &format!(
            "<p>{intro}</p>\
             <p><a href=\"regain://recover?flow={flow}&amp;token={token}\">{open_app}</a></p>\
             <form method=\"post\" action=\"{action}\">\
             <input type=\"hidden\" name=\"flow\" value=\"{flow}\">\
             <input type=\"hidden\" name=\"token\" value=\"{token}\">\
             <button type=\"submit\">{continue_here}</button></form>\
             <p>{not_you}</p>",
            intro = words.text("page-link", "intro"),
            open_app = words.text("page-link", "open-app"),
            action = words.action("/recover/link"),
            continue_here = words.text("page-link", "continue"),
            not_you = words.text("page-link", "not-you"),
        ),
    )
}

/// Consumes the link; with every gate passed, asks for the new password.
pub async fn use_link(
    State(state): State<AppState>,
    Meta(meta): Meta,
    PageLanguage(language): PageLanguage,
    PageInput(params): PageInput<LinkParams>,
) -> Response {
    match state.recovery.verify(&params.flow, Proof::Link(params.token), &meta).await {
        Err(error) => error_page(error, language),
        Ok(verified) => match verified.reset_token {
            Some(reset) => {
                password_form(&state, language, &params.flow, reset.expose(), None).await
            }
            None => Words(language).saying("page-one-more-step", &["text"]),
        },
    }
}

/// The new-password form. Its length bounds are the policy's for the flow's account, so the
/// browser's own check agrees with the service's (15 characters without a second factor, 8
/// with one).
async fn password_form(
    state: &AppState,
    language: Language,
    flow: &str,
    reset_token: &str,
    problem: Option<&str>,
) -> Response {
    let words = Words(language);
    let policy = state.accounts.password_policy();
    let min = min_length(state, flow).await;
    let problem =
        problem.map(|p| format!("<p role=\"alert\">{}</p>", escape(p))).unwrap_or_default();
    let mut args = Args::new();
    args.set("min", min);
    page(
        if problem.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY },
        language,
        &words.title("page-new-password"),
        &format!(
            "{problem}<form method=\"post\" action=\"{action}\">\
             <input type=\"hidden\" name=\"flow\" value=\"{flow}\">\
             <input type=\"hidden\" name=\"reset_token\" value=\"{token}\">\
             <label for=\"new_password\">{label}</label>\
             <input id=\"new_password\" name=\"new_password\" type=\"password\" autocomplete=\"new-password\" minlength=\"{min}\" maxlength=\"{max}\" required>\
             <p>{guidance}</p>\
             <button type=\"submit\">{submit}</button></form>",
            action = words.action("/recover/password"),
            flow = escape(flow),
            token = escape(reset_token),
            label = words.text("page-new-password", "label"),
            guidance = escape(&language.attribute("page-new-password", "guidance", &args)),
            submit = words.text("page-new-password", "submit"),
            max = policy.max_length,
        ),
    )
}

/// The shortest password the flow's account may take (15 characters without a second factor,
/// 8 with one).
async fn min_length(state: &AppState, flow: &str) -> usize {
    let policy = state.accounts.password_policy();
    state.recovery.min_password_length(flow).await.unwrap_or(policy.min_length_single_factor)
}

pub async fn set_password(
    State(state): State<AppState>,
    Meta(meta): Meta,
    PageLanguage(language): PageLanguage,
    PageInput(form): PageInput<PasswordForm>,
) -> Response {
    let reset = form.reset_token;
    match state.recovery.set_password(&form.flow, &reset, &form.new_password, &meta).await {
        Ok(_) => Words(language).saying("page-password-reset", &["text", "advice"]),
        Err(Error::WeakPassword { verdict, .. }) => {
            let min = min_length(&state, &form.flow).await;
            let blocked = language.text("password-blocked", &Args::new());
            let reasons: Vec<String> = verdict
                .reasons
                .iter()
                .map(|r| {
                    regain_policy::text(r.message_key(), language, min)
                        .unwrap_or_else(|| r.code().to_owned())
                })
                .collect();
            let problem = format!("{blocked} {}", reasons.join(" "));
            password_form(&state, language, &form.flow, reset.expose(), Some(&problem)).await
        }
        Err(error) => error_page(error, language),
    }
}

/// The page of a link that acts: what it does (the message `id`: its value the title, its
/// `.text` and `.button`), and a button whose POST carries the link's secret to `action` as
/// `field`. A GET changes nothing, so a mail scanner that follows links uses none.
fn button_page(language: Language, id: &str, action: &str, field: &str, secret: &str) -> Response {
    let words = Words(language);
    page(
        StatusCode::OK,
        language,
        &words.title(id),
        &format!(
            "<p>{text}</p>\
             <form method=\"post\" action=\"{action}\"><input type=\"hidden\" name=\"{field}\" value=\"{secret}\">\
             <button type=\"submit\">{label}</button></form>",
            text = words.text(id, "text"),
            action = words.action(action),
            secret = escape(secret),
            label = words.text(id, "button"),
        ),
    )
}

/// The "this wasn't me" link of a notice: a GET shows a button; the POST acts.
pub async fn not_me(
    PageLanguage(language): PageLanguage,
    PageInput(params): PageInput<ReportParams>,
) -> Response {
    button_page(language, "page-not-me", "/recover/not-me", "token", params.token.expose())
}

/// The status link of a support request: where it stands, in words. Never staff's notes.
pub async fn support_status(
    State(state): State<AppState>,
    PageLanguage(language): PageLanguage,
    PageInput(params): PageInput<ReportParams>,
) -> Response {
    match state.support.status(&params.token).await {
        Ok(status) => {
            let words = Words(language);
            let state_text = match status.state {
                SupportState::AwaitingContact => "awaiting-contact",
                SupportState::Open => "open",
                SupportState::InReview => "in-review",
                SupportState::Approved => "approved",
                SupportState::Denied => "denied",
                SupportState::Closed => "closed",
            };
            let mut args = Args::new();
            args.set("reference", status.reference.as_str());
            page(
                StatusCode::OK,
                language,
                &escape(&language.text("page-support-status", &args)),
                &format!(
                    "<p>{}</p><p>{}</p>",
                    words.text("page-support-status", state_text),
                    words.text("page-support-status", "staff-never-ask"),
                ),
            )
        }
        Err(error) => error_page(error, language),
    }
}

#[derive(Debug, Deserialize)]
pub struct PassParams {
    pass: Secret<String>,
}

/// The cancel link of an assisted recovery's notice: a GET shows a button (a mail scanner that
/// follows links cancels nothing); the POST cancels.
pub async fn cancel_assisted(
    PageLanguage(language): PageLanguage,
    PageInput(params): PageInput<ReportParams>,
) -> Response {
    button_page(language, "page-cancel", "/support/cancel", "token", params.token.expose())
}

pub async fn use_cancel(
    State(state): State<AppState>,
    Meta(meta): Meta,
    PageLanguage(language): PageLanguage,
    PageInput(params): PageInput<ReportParams>,
) -> Response {
    match state.staff.cancel(&params.token, &meta).await {
        Ok(()) => Words(language).saying("page-cancelled", &["text"]),
        Err(error) => error_page(error, language),
    }
}

/// The recovery pass's link: a GET shows a button; the POST uses the pass and shows the
/// new-password form.
pub async fn pass(
    PageLanguage(language): PageLanguage,
    PageInput(params): PageInput<PassParams>,
) -> Response {
    button_page(language, "page-pass", "/support/pass", "pass", params.pass.expose())
}

pub async fn use_pass(
    State(state): State<AppState>,
    PageLanguage(language): PageLanguage,
    PageInput(params): PageInput<PassParams>,
) -> Response {
    match state.staff.redeem(&params.pass).await {
        Ok(redeemed) => {
            password_form(&state, language, &redeemed.flow_id, redeemed.reset_token.expose(), None)
                .await
        }
        Err(error) => error_page(error, language),
    }
}

pub async fn report_not_me(
    State(state): State<AppState>,
    Meta(meta): Meta,
    PageLanguage(language): PageLanguage,
    PageInput(params): PageInput<ReportParams>,
) -> Response {
    match state.recovery.report_not_me(&params.token, &meta).await {
        Ok(()) => {
            let words = Words(language);
            page(
                StatusCode::OK,
                language,
                &words.title("page-signed-out"),
                &format!(
                    "<p>{}</p><p><a href=\"regain://recover\">{}</a></p>",
                    words.text("page-signed-out", "text"),
                    words.text("page-signed-out", "open-app"),
                ),
            )
        }
        Err(error) => error_page(error, language),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dead_or_incomplete_link_is_said_so_in_every_language_never_something_went_wrong() {
        let says = |language: Language, code: ErrorCode| {
            let mut args = Args::new();
            args.set("reason", reason_of(code));
            language.text("page-error-reason", &args)
        };
        for language in Language::all() {
            let generic = says(language, ErrorCode::Internal);
            for code in [
                ErrorCode::NotFound,
                ErrorCode::InvalidLink,
                ErrorCode::CodeExpired,
                ErrorCode::InvalidField,
                ErrorCode::UnsupportedMediaType,
                ErrorCode::PayloadTooLarge,
                ErrorCode::InvalidResetToken,
                ErrorCode::FlowExpired,
                ErrorCode::FlowLocked,
                ErrorCode::FlowState,
                ErrorCode::RateLimited,
                ErrorCode::Busy,
            ] {
                assert_ne!(says(language, code), generic, "{language}: {code:?}");
            }
        }
    }
}
