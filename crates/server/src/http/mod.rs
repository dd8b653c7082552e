//! The HTTP API: routes, extractors, the error mapping and the OpenAPI document, which is
//! generated from the handlers' annotations (`GET /openapi.json`), never written by hand.

mod accounts;
mod body;
mod circle;
mod error;
mod extract;
mod factors;
mod pages;
mod recovery;
mod sessions;
mod staff;
mod support;
mod system;
pub mod timing;
mod views;

pub use staff::audit_entry as staff_audit_entry;
pub use views::account as account_view;

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::{header, HeaderValue};
use axum::Router;
use regain_courier::Capture;
use regain_protocol::ErrorCode;
use regain_recovery::support::staff::StaffDesk;
use regain_recovery::{Accounts, Factors, Recovery, Support};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use error::ApiError;

/// JSON bodies larger than this are refused with `payload_too_large` (SECURITY.md S24).
pub const JSON_BODY_LIMIT: usize = 64 * 1024;

/// What every handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    pub accounts: Accounts,
    pub recovery: Recovery,
    pub factors: Factors,
    pub support: Support,
    pub staff: StaffDesk,
    pub store: Arc<dyn regain_recovery::Store>,
    /// The dev inbox; present only in local mode.
    pub dev_outbox: Option<Capture>,
    /// The header the client's address is read from, when behind a proxy.
    pub client_ip_header: Option<Arc<str>>,
    /// How long answers about an identifier take at least (S02).
    pub floors: timing::Floors,
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Regain recovery service",
        description = "Account recovery people can trust. Every failure is an ErrorBody with a stable code.",
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "accounts", description = "Sign-up and the signed-in account"),
        (name = "sessions", description = "Sign-in (with its second step), refresh, sign-out"),
        (name = "factors", description = "The signed-in account's second factor and recovery codes"),
        (name = "recovery contacts", description = "Other accounts the owner trusts to vouch for them, k of n, and the accounts one vouches for"),
        (name = "support", description = "Support requests with proofs, when no way of proving ownership works"),
        (name = "staff", description = "Staff reviewing support requests: shifts, the queue, proofs, decisions (never a password)"),
        (name = "recovery", description = "Captcha, recovery flows, proofs, the new password"),
        (name = "system", description = "Health and, in local mode, the dev outbox"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The API's routes and their OpenAPI document.
fn api(local: bool) -> OpenApiRouter<AppState> {
    let router = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(system::health))
        .routes(routes!(accounts::sign_up))
        .routes(routes!(accounts::me))
        .routes(routes!(accounts::set_locale))
        .routes(routes!(accounts::add_contact))
        .routes(routes!(accounts::remove_contact))
        .routes(routes!(accounts::cancel_contact_change))
        .routes(routes!(accounts::confirm_contact))
        .routes(routes!(accounts::resend_confirmation))
        .routes(routes!(accounts::change_password))
        .routes(routes!(accounts::set_security_questions))
        .routes(routes!(accounts::events))
        .routes(routes!(accounts::checkup))
        .routes(routes!(accounts::reauthenticate))
        .routes(routes!(circle::list, circle::invite))
        .routes(routes!(circle::remove))
        .routes(routes!(circle::threshold))
        .routes(routes!(circle::accept))
        .routes(routes!(circle::decline))
        .routes(routes!(circle::step_down))
        .routes(routes!(circle::vouch))
        .routes(routes!(circle::decline_vouch))
        .routes(routes!(factors::begin_totp))
        .routes(routes!(factors::confirm_totp))
        .routes(routes!(factors::regenerate_codes))
        .routes(routes!(factors::remove))
        .routes(routes!(recovery::captcha_challenge))
        .routes(routes!(recovery::start))
        .routes(routes!(recovery::view))
        .routes(routes!(recovery::challenge))
        .routes(routes!(recovery::verify))
        .routes(routes!(recovery::set_password))
        .routes(routes!(recovery::finish_wait))
        .routes(routes!(recovery::known_device))
        .routes(routes!(sessions::sign_in, sessions::list))
        .routes(routes!(sessions::second_factor))
        .routes(routes!(sessions::unlock))
        .routes(routes!(sessions::sign_out_device))
        .routes(routes!(sessions::mark_lost))
        .routes(routes!(sessions::refresh))
        .routes(routes!(sessions::sign_out))
        .routes(routes!(support::confirm_contact))
        .routes(routes!(support::status))
        .routes(routes!(staff::cancel_assisted))
        .routes(routes!(staff::redeem_pass))
        .routes(routes!(staff::sign_in))
        .routes(routes!(staff::sign_out))
        .routes(routes!(staff::queue))
        .routes(routes!(staff::claim))
        .routes(routes!(staff::request))
        .routes(routes!(staff::proof_blurred))
        .routes(routes!(staff::proof_clear))
        .routes(routes!(staff::note))
        .routes(routes!(staff::decide))
        .routes(routes!(staff::second_review))
        .routes(routes!(staff::audit))
        .routes(routes!(staff::waiting))
        .routes(routes!(staff::seen_in_person))
        // Uploads have their own body limit; every other route keeps JSON's.
        .merge(
            OpenApiRouter::new()
                .routes(routes!(support::open_request))
                .layer(DefaultBodyLimit::max(support::UPLOAD_BODY_LIMIT)),
        );
    if local {
        router.routes(routes!(system::dev_outbox))
    } else {
        router
    }
}

/// The OpenAPI document of the API as served (with the dev outbox only in local mode).
pub fn openapi(local: bool) -> utoipa::openapi::OpenApi {
    let mut spec = api(local).split_for_parts().1;
    CommonAnswers { local }.modify(&mut spec);
    spec
}

/// The answers every operation can give besides its own, documented once so that no operation
/// forgets one: what the JSON extractor refuses (for an operation with a body), `unauthenticated`
/// (with a bearer token), `not_found` (with a path parameter), `internal` (all), and in local
/// mode `host_not_allowed`. An operation's own description of a status is kept and the shared
/// codes are added to it.
struct CommonAnswers {
    local: bool,
}

impl Modify for CommonAnswers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{RefOr, Response};
        for item in openapi.paths.paths.values_mut() {
            let operations =
                [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
            for operation in operations.into_iter().flatten() {
                let mut answers: Vec<(&str, &str)> = Vec::new();
                if operation.request_body.is_some() {
                    answers.extend([
                        ("400", "invalid_json, unknown_field"),
                        ("413", "payload_too_large"),
                        ("415", "unsupported_media_type"),
                        ("422", "invalid_field"),
                    ]);
                }
                if operation.security.is_some() {
                    answers.push(("401", "unauthenticated"));
                }
                let has_path_parameter = operation
                    .parameters
                    .iter()
                    .flatten()
                    .any(|p| p.parameter_in == utoipa::openapi::path::ParameterIn::Path);
                if has_path_parameter {
                    answers.push(("404", "not_found"));
                }
                if self.local {
                    answers.push(("421", "host_not_allowed"));
                }
                answers.push(("500", "internal"));
                answers.push(("503", "busy"));
                for (status, codes) in answers {
                    let responses = &mut operation.responses.responses;
                    match responses.get_mut(status) {
                        Some(RefOr::T(response)) => {
                            if !response.description.contains(codes) {
                                response.description = format!("{}, {codes}", response.description);
                            }
                            response.content.entry("application/json".to_owned()).or_insert_with(
                                || {
                                    utoipa::openapi::Content::new(Some(
                                        utoipa::openapi::Ref::from_schema_name("ErrorBody"),
                                    ))
                                },
                            );
                        }
                        Some(RefOr::Ref(_)) => {}
                        None => {
                            let response = utoipa::openapi::ResponseBuilder::new()
                                .description(codes)
                                .content(
                                    "application/json",
                                    utoipa::openapi::Content::new(Some(
                                        utoipa::openapi::Ref::from_schema_name("ErrorBody"),
                                    )),
                                )
                                .build();
                            responses.insert(status.to_owned(), RefOr::T::<Response>(response));
                        }
                    }
                }
            }
        }
    }
}

/// The whole HTTP application.
pub fn router(state: AppState) -> Router {
    let local = state.dev_outbox.is_some();
    let floors = state.floors;
    let (router, mut spec) = api(local).split_for_parts();
    CommonAnswers { local }.modify(&mut spec);
    let spec = Arc::new(spec);
    let router = router
        .route(
            "/openapi.json",
            axum::routing::get(move || {
                let spec = spec.clone();
                async move { axum::Json(spec.as_ref().clone()) }
            }),
        )
        .route("/recover/link", axum::routing::get(pages::link).post(pages::use_link))
        .route("/recover/password", axum::routing::post(pages::set_password))
        .route("/recover/not-me", axum::routing::get(pages::not_me).post(pages::report_not_me))
        .route("/support/status", axum::routing::get(pages::support_status))
        .route(
            "/support/cancel",
            axum::routing::get(pages::cancel_assisted).post(pages::use_cancel),
        )
        .route("/support/pass", axum::routing::get(pages::pass).post(pages::use_pass))
        .fallback(|| async { ApiError::new(ErrorCode::NotFound) })
        .method_not_allowed_fallback(|| async { ApiError::new(ErrorCode::MethodNotAllowed) })
        .with_state(state)
        .layer(axum::middleware::from_fn_with_state(floors, timing::hold))
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
        // Answers carry tokens and personal data: never cache them, never leak the URL onwards.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(
            // Log the route, never the URI: query strings may carry link tokens.
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request| {
                    let route = request
                        .extensions()
                        .get::<MatchedPath>()
                        .map_or("unmatched", MatchedPath::as_str)
                        .to_owned();
                    tracing::info_span!("http", method = %request.method(), route)
                })
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        );
    if local {
        router.layer(axum::middleware::from_fn(extract::loopback_host_only))
    } else {
        router
    }
}
