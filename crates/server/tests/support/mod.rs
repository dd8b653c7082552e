//! The real router on a real database, in-process, with a clock the test moves. The database is
//! a SQLite file, or with `REGAIN_TEST_DATABASE=postgres` a database of its own on the tests'
//! PostgreSQL server (`regain_e2e::postgres`), so that every test of the API runs on both.
#![allow(dead_code, clippy::unwrap_used)]

use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt as _;
use regain_courier::Worker;
use regain_e2e::code_in;
use regain_recovery::{Clock, FakeClock};
use regain_server::app;
use regain_server::config::Config;
use regain_server::http::AppState;
use serde_json::Value;
use tower::ServiceExt as _;

pub mod uploads;

pub const START: i64 = 1_800_000_000;
pub const PASSWORD: &str = "violet harbour compass 1987";

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub worker: Worker,
    pub clock: Arc<FakeClock>,
    pub dir: tempfile::TempDir,
    /// The same database, opened apart, for tests that look at what is stored (statements
    /// both databases read alike: `$n` placeholders, no `PRAGMA`).
    pub db: sqlx::AnyPool,
    pub backend: Backend,
}

/// The database a test app runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// `REGAIN_TEST_DATABASE=postgres` runs the API's tests on PostgreSQL; SQLite otherwise.
    pub fn from_env() -> Self {
        match std::env::var("REGAIN_TEST_DATABASE").as_deref() {
            Ok("postgres") => Self::Postgres,
            Ok("sqlite") | Err(_) => Self::Sqlite,
            Ok(other) => panic!("REGAIN_TEST_DATABASE must be sqlite or postgres, not {other}"),
        }
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or_default()
    }
}

impl TestApp {
    /// Local mode (capture courier, dev outbox) on a fresh database, with a cheap captcha.
    pub async fn local() -> Self {
        Self::with_config(cheap_captcha(Config::default()), true).await
    }

    pub async fn with_config(config: Config, local: bool) -> Self {
        Self::on(Backend::from_env(), config, local).await
    }

    /// On the database named, whatever the environment says: for what only one has.
    pub async fn on(backend: Backend, mut config: Config, local: bool) -> Self {
        let dir = tempfile::tempdir().unwrap();
        config.server.data_dir = dir.path().to_owned();
        let url = match backend {
            Backend::Sqlite => format!("sqlite://{}", config.database_path().display()),
            Backend::Postgres => {
                let url = regain_e2e::postgres::Postgres::get().database().await;
                config.server.database_url = url.clone().into();
                url
            }
        };
        let clock = Arc::new(FakeClock::at(START));
        let service = app::build_with_clock(&config, local, clock.clone()).await.unwrap();
        let router = regain_server::http::router(service.state.clone());
        sqlx::any::install_default_drivers();
        let db = sqlx::any::AnyPoolOptions::new().max_connections(2).connect(&url).await.unwrap();
        Self { router, state: service.state, worker: service.worker, clock, dir, db, backend }
    }

    pub async fn request(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let body =
            if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).unwrap() };
        Reply { status, headers, body }
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut builder = Request::builder().method(method).uri(path);
        if let Some(token) = token {
            builder = builder.header("authorization", format!("Bearer {token}"));
        }
        let body = match body {
            Some(json) => {
                builder = builder.header("content-type", "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        self.request(builder.body(body).unwrap()).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.call(Method::POST, path, token, Some(body)).await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.call(Method::GET, path, token, None).await
    }

    /// Runs the courier once, at the fake clock's time.
    pub async fn deliver(&self) {
        self.worker.tick(self.clock.now()).await.unwrap();
    }

    /// The last code delivered to `to` (after delivering what is queued).
    pub async fn last_code_to(&self, to: &str) -> String {
        self.deliver().await;
        let messages = self.state.dev_outbox.as_ref().unwrap().messages();
        let message =
            messages.iter().find(|m| m.message.to == to).expect("a message to that recipient");
        code_in(&message.message.body)
    }

    pub async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&self.db)
            .await
            .unwrap()
    }

    /// Signs up Li Wei (email and Chinese mobile) and returns the response body.
    pub async fn sign_up(&self) -> Value {
        let reply = self.post_sign_up(sign_up_body()).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
        reply.body
    }

    /// `POST /v1/accounts` with `body` and, unless it has one, a freshly solved captcha.
    pub async fn post_sign_up(&self, mut body: Value) -> Reply {
        if body.get("captcha").is_none() {
            body["captcha"] = Value::String(self.captcha().await);
        }
        self.post("/v1/accounts", None, body).await
    }
}

/// The value after `marker` in a message's `body`, up to the link's next parameter (its
/// language) or the end of the link.
pub fn token_after<'a>(body: &'a str, marker: &str) -> Option<&'a str> {
    body.split(marker).nth(1)?.split(|c: char| c.is_whitespace() || c == '&').next()
}

pub fn sign_up_body() -> Value {
    serde_json::json!({
        "display_name": "Li Wei",
        "email": "li.wei@example.com",
        "phone": "138 0013 8000",
        "region": "CN",
        "password": PASSWORD,
        "locale": "zh-CN",
    })
}

pub const NEW_PASSWORD: &str = "quiet tangerine orbit saddle";

pub fn flow_id(reply: &Reply) -> String {
    reply.body["flow_id"].as_str().unwrap().to_owned()
}

/// The code of the newest message to `to`.
pub async fn code_to(app: &TestApp, to: &str) -> String {
    let messages = app.delivered().await;
    code_in(&messages.iter().find(|m| m.message.to == to).expect("a message").message.body)
}

/// Start, send by `method`, verify the code: the flow and its reset token.
pub async fn pass_by_code(
    app: &TestApp,
    identifier: &str,
    method: &str,
    to: &str,
) -> (String, String) {
    let flow = flow_id(&app.start(identifier).await);
    assert_eq!(app.challenge(&flow, method).await.status, StatusCode::OK);
    let code = code_to(app, to).await;
    let verified = app.verify(&flow, serde_json::json!({"code": code})).await;
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.body);
    (flow, verified.body["reset_token"].as_str().unwrap().to_owned())
}

pub async fn set_password(app: &TestApp, flow: &str, reset: &str, password: &str) -> Reply {
    app.post(
        &format!("/v1/recovery/flows/{flow}/password"),
        None,
        serde_json::json!({"reset_token": reset, "new_password": password}),
    )
    .await
}

/// Recovery tests: a cheap captcha and a known origin.
pub fn recovery_config() -> Config {
    let mut config = cheap_captcha(Config::default());
    config.server.public_origin = "https://regain.example".into();
    config
}

/// A captcha that costs a few PBKDF2 rounds (debug builds are slow at it).
pub fn cheap_captcha(mut config: Config) -> Config {
    config.captcha.cost = 1;
    config.captcha.counter_min = 5;
    config.captcha.counter_max = 20;
    config
}

pub const OWNER_PASSWORD: &str = "violet harbour compass 1987";

impl TestApp {
    /// Li Wei with a confirmed email and phone, as an operator would create her.
    pub async fn owner(&self) -> u64 {
        let input = regain_recovery::NewAccountInput {
            display_name: "Li Wei".into(),
            email: Some(regain_recovery::Email::parse("li.wei@example.com").unwrap()),
            phone: Some(regain_recovery::Phone::parse("+8613800138000", None).unwrap()),
            birthday: None,
            password: regain_recovery::Secret::new(OWNER_PASSWORD.into()),
            locale: None,
        };
        self.state.accounts.create(input, true).await.unwrap().id
    }

    pub async fn captcha(&self) -> String {
        let challenge = self.get("/v1/captcha/challenge", None).await.body;
        regain_client::captcha::solve(&challenge).unwrap().into_exposed()
    }

    pub async fn start(&self, identifier: &str) -> Reply {
        let captcha = self.captcha().await;
        self.post(
            "/v1/recovery/flows",
            None,
            serde_json::json!({"identifier": identifier, "captcha": captcha}),
        )
        .await
    }

    pub async fn challenge(&self, flow: &str, method: &str) -> Reply {
        self.post(
            &format!("/v1/recovery/flows/{flow}/challenge"),
            None,
            serde_json::json!({"method": method}),
        )
        .await
    }

    pub async fn verify(&self, flow: &str, body: Value) -> Reply {
        self.post(&format!("/v1/recovery/flows/{flow}/verify"), None, body).await
    }

    pub async fn sign_in(&self, password: &str) -> Reply {
        self.post(
            "/v1/sessions",
            None,
            serde_json::json!({"identifier": "li.wei@example.com", "password": password}),
        )
        .await
    }

    /// Answers the newest notice to `to` with "this wasn't me" (its page's POST), as its
    /// recipient would: the page's status.
    pub async fn report_not_me(&self, to: &str) -> StatusCode {
        let messages = self.delivered().await;
        let body = &messages
            .iter()
            .find(|m| m.message.to == to && m.message.body.contains("/recover/not-me?token="))
            .expect("a notice with \"this wasn't me\"")
            .message
            .body;
        let token = token_after(body, "/recover/not-me?token=").unwrap();
        let request = Request::builder()
            .method(Method::POST)
            .uri("/recover/not-me")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(format!("token={token}")))
            .unwrap();
        // The page answers HTML: its status is what counts here.
        self.router.clone().oneshot(request).await.unwrap().status()
    }

    /// A page's form posted as a browser would: its status and HTML.
    pub async fn form_post(&self, path: &str, body: String) -> (StatusCode, String) {
        let request = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8(bytes.to_vec()).unwrap())
    }

    /// The newest message to `to` that carries `marker`, with the value after it (up to the
    /// link's next parameter, its language).
    pub async fn link_to(&self, to: &str, marker: &str) -> Option<String> {
        self.delivered()
            .await
            .iter()
            .find(|m| m.message.to == to && m.message.body.contains(marker))
            .and_then(|m| token_after(&m.message.body, marker).map(str::to_owned))
    }

    /// Sets up two-step verification on the owner's account, signed in as `owner`: the
    /// authenticator it was set up in.
    pub async fn turn_on_totp(&self, owner: &str) -> regain_e2e::authenticator::Authenticator {
        let setup = self.post("/v1/me/totp", Some(owner), serde_json::json!({})).await;
        assert_eq!(setup.status, StatusCode::CREATED, "{}", setup.body);
        let key = regain_e2e::authenticator::Authenticator::from_text(
            setup.body["secret"].as_str().unwrap(),
        );
        let code = key.code(self.clock.now());
        let confirmed =
            self.post("/v1/me/totp/confirm", Some(owner), serde_json::json!({"code": code})).await;
        assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
        key
    }

    /// Every message the capture channel delivered, newest first.
    pub async fn delivered(&self) -> Vec<regain_courier::CapturedMessage> {
        self.deliver().await;
        self.state.dev_outbox.as_ref().unwrap().messages()
    }
}

/// Live delivery (not local mode) with an SMS gateway that nothing listens at: every send fails.
pub fn live_config_with_a_dead_sms_gateway(mut config: Config) -> Config {
    config.server.secret = "x".repeat(40).into();
    config.courier.delivery = regain_server::config::Delivery::Live;
    config.courier.sms =
        Some(regain_server::config::SmsConfig::Http(regain_courier::SmsGatewaySettings {
            url: "http://127.0.0.1:9/sms".into(),
            format: regain_courier::SmsFormat::Json,
            auth_header: None,
            from: None,
            fields: [
                ("to".to_owned(), "{to}".to_owned()),
                ("text".to_owned(), "{body}".to_owned()),
            ]
            .into(),
            timeout_secs: 1,
        }));
    config
}

/// A member of staff's own password (15 characters at least).
pub const STAFF_PASSWORD: &str = "kiosk lantern meadow 2231";

/// A member of staff as the operator creates one, and their authenticator app.
pub struct Staff {
    pub username: &'static str,
    pub authenticator: regain_e2e::authenticator::Authenticator,
}

impl TestApp {
    pub async fn staff(&self, username: &'static str, role: regain_protocol::StaffRole) -> Staff {
        let created = self
            .state
            .staff
            .create(username, role, &regain_recovery::Secret::new(STAFF_PASSWORD.into()))
            .await
            .unwrap();
        assert!(created.totp_uri.expose().starts_with("otpauth://totp/Regain:staff-"));
        Staff {
            username,
            authenticator: regain_e2e::authenticator::Authenticator::from_text(
                created.totp_secret.expose(),
            ),
        }
    }

    /// Signs a member of staff in for a shift: their token.
    pub async fn shift(&self, staff: &Staff) -> String {
        let code = staff.authenticator.code(self.clock.now());
        let reply = self
            .post(
                "/v1/staff/sessions",
                None,
                serde_json::json!({"username": staff.username, "password": STAFF_PASSWORD, "totp": code}),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
        reply.body["token"].as_str().unwrap().to_owned()
    }

    /// A member of staff's sign-in with a station's key (or one that is not): the answer.
    pub async fn sign_in_at(&self, staff: &Staff, station_key: &str) -> Reply {
        let code = staff.authenticator.code(self.clock.now());
        let body = serde_json::json!({"username": staff.username, "password": STAFF_PASSWORD, "totp": code,
                          "station_key": station_key});
        self.post("/v1/staff/sessions", None, body).await
    }
}
