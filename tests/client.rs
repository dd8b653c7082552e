//! The typed client and the `regain` terminal client against the real server binary over HTTP
//! (SECURITY.md S26 for the refused plain-HTTP remote).
#![allow(clippy::unwrap_used)]

use std::io::{BufRead as _, BufReader, Write as _};
use std::process::{Command, Stdio};
use std::time::Duration;

use regain_client::{captcha, Client, Error, UrlError};
use regain_e2e::{client_binary, code_in, free_port, wait_for, Server};
use regain_protocol::{
    ErrorCode, FlowState, RecoveryMethod, Secret, SetPasswordRequest, SignInRequest,
    StartRecoveryRequest, VerifyRequest,
};

const DEMO_EMAIL: &str = "demo@example.com";
const DEMO_PHONE: &str = "+12015550123";
const DEMO_PASSWORD: &str = "maple otter lantern 47";
const NEW_PASSWORD: &str = "quiet heron builds copper kites";

async fn newest_code_to(client: &Client, to: &str) -> String {
    for _ in 0..100 {
        let outbox = client.dev_outbox().await.unwrap();
        if let Some(message) = outbox.messages.iter().find(|m| m.to == to) {
            return code_in(&message.body);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no message to {to} in the dev inbox");
}

/// Signs in the demo account, which has no second factor: a session at once.
async fn sign_in(client: &Client, password: &str) -> Result<regain_protocol::SessionGrant, Error> {
    let signed_in = client
        .sign_in(&SignInRequest {
            identifier: DEMO_EMAIL.into(),
            password: Secret::new(password.into()),
            region: None,
            device: None,
        })
        .await?;
    match signed_in {
        regain_client::SignedIn::Session(grant) => Ok(grant),
        regain_client::SignedIn::SecondFactor(_) => panic!("the demo account has no second factor"),
    }
}

#[test]
fn a_remote_plain_http_url_is_refused_before_any_request() {
    // S26: credentials never travel over plain HTTP to another machine.
    let error = Client::new("http://recover.example.com").unwrap_err();
    assert_eq!(error, UrlError::InsecureRemote { host: "recover.example.com".into() });
    assert!(error.to_string().contains("https://"), "{error}");
    Client::new("https://recover.example.com").unwrap();
    Client::new("http://127.0.0.1:8080").unwrap();
}

#[tokio::test]
async fn the_typed_client_recovers_the_demo_account() {
    let server = Server::local();
    let client = Client::new(&server.base).unwrap();
    assert_eq!(client.health().await.unwrap().status, "ok");

    let old = sign_in(&client, DEMO_PASSWORD).await.unwrap();

    let challenge = client.captcha_challenge().await.unwrap();
    let solved = captcha::solve(&challenge.0).unwrap();
    let flow = client
        .start_recovery(&StartRecoveryRequest {
            identifier: DEMO_EMAIL.into(),
            region: None,
            captcha: solved.into_exposed(),
        })
        .await
        .unwrap();
    assert_eq!(flow.state, FlowState::ChooseMethod);
    assert!(flow.methods.iter().any(|m| m.method == RecoveryMethod::Sms));

    let flow = client.challenge(&flow.flow_id, RecoveryMethod::Sms).await.unwrap();
    assert_eq!(flow.state, FlowState::EnterCode);

    // A wrong code is an API error with its stable code, and the flow stays usable.
    let wrong = VerifyRequest { code: Some(Secret::new("000000".into())), ..Default::default() };
    let code = newest_code_to(&client, DEMO_PHONE).await;
    let wrong = if code == "000000" {
        VerifyRequest { code: Some(Secret::new("111111".into())), ..Default::default() }
    } else {
        wrong
    };
    let error = client.verify(&flow.flow_id, &wrong).await.unwrap_err();
    assert!(matches!(&error, Error::Api { status: 400, .. }), "{error:?}");
    assert_eq!(error.code(), Some(ErrorCode::InvalidCode));

    let verified = client
        .verify(
            &flow.flow_id,
            &VerifyRequest { code: Some(Secret::new(code)), ..Default::default() },
        )
        .await
        .unwrap();
    assert_eq!(verified.flow.state, FlowState::ChoosePassword);
    let reset_token = verified.reset_token.unwrap();

    // The server's policy is final: a weak password comes back with its reasons.
    let weak = client
        .set_password(
            &flow.flow_id,
            &SetPasswordRequest {
                reset_token: reset_token.clone(),
                new_password: Secret::new("password".into()),
            },
        )
        .await
        .unwrap_err();
    let Error::Api { status: 422, body } = weak else { panic!("{weak:?}") };
    assert_eq!(body.code, ErrorCode::WeakPassword);
    assert!(body.fields.unwrap()["new_password"].contains(&"too_short".to_owned()));

    client
        .set_password(
            &flow.flow_id,
            &SetPasswordRequest { reset_token, new_password: Secret::new(NEW_PASSWORD.into()) },
        )
        .await
        .unwrap();

    // The old session was revoked, the old password no longer works, the new one does.
    assert_eq!(
        client.me(&old.access_token).await.unwrap_err().code(),
        Some(ErrorCode::Unauthenticated)
    );
    assert_eq!(
        sign_in(&client, DEMO_PASSWORD).await.unwrap_err().code(),
        Some(ErrorCode::InvalidCredentials)
    );
    let grant = sign_in(&client, NEW_PASSWORD).await.unwrap();
    let me = client.me(&grant.access_token).await.unwrap();
    assert_eq!(me.display_name, "Alex Demo");
    assert!(me.email.unwrap().masked.contains('•'));
    assert_eq!(client.sessions(&grant.access_token).await.unwrap().sessions.len(), 1);

    // Refresh rotates; the old refresh token then fails.
    let next = client.refresh(&grant.refresh_token).await.unwrap();
    assert_eq!(
        client.refresh(&grant.refresh_token).await.unwrap_err().code(),
        Some(ErrorCode::InvalidRefreshToken)
    );
    // Replaying it revoked the session (stolen token), so the new pair is dead too.
    assert!(client.me(&next.access_token).await.is_err());

    let grant = sign_in(&client, NEW_PASSWORD).await.unwrap();
    client.sign_out(&grant.access_token).await.unwrap();
    assert_eq!(
        client.me(&grant.access_token).await.unwrap_err().code(),
        Some(ErrorCode::Unauthenticated)
    );
}

#[tokio::test]
async fn transport_failures_are_not_api_errors() {
    let client = Client::new(&format!("http://127.0.0.1:{}", free_port())).unwrap();
    let error = client.health().await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert_eq!(error.code(), None);
}

#[tokio::test]
async fn a_throttled_answer_carries_when_to_try_again() {
    let server = Server::local();
    let client = Client::new(&server.base).unwrap();
    // Recovery starts are throttled per identifier. Hammer one.
    let mut throttled = None;
    for _ in 0..40 {
        let challenge = client.captcha_challenge().await.unwrap();
        let solved = captcha::solve(&challenge.0).unwrap();
        let request = StartRecoveryRequest {
            identifier: "nobody@example.com".into(),
            region: None,
            captcha: solved.into_exposed(),
        };
        if let Err(error) = client.start_recovery(&request).await {
            throttled = Some(error);
            break;
        }
    }
    let Some(Error::Api { status: 429, body }) = throttled else {
        panic!("never throttled: {throttled:?}")
    };
    assert_eq!(body.code, ErrorCode::RateLimited);
    assert!(body.retry_after_secs.unwrap() > 0);
}

/// A support engineer's script: the terminal client recovers the demo account through pipes,
/// the code taken from the dev inbox, then signs in with the new password.
#[tokio::test]
async fn the_terminal_client_recovers_and_signs_in() {
    let server = Server::local();
    let client = Client::new(&server.base).unwrap();
    let mut child = Command::new(client_binary())
        .args(["--server", &server.base, "recover", DEMO_PHONE, "--method", "sms"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut seen = Vec::new();
    let prompt = wait_for(Duration::from_secs(30), || {
        let line = rx.try_recv().ok()?;
        seen.push(line.clone());
        line.starts_with("Enter the code").then_some(line)
    });
    let prompt = prompt.unwrap_or_else(|| panic!("no code prompt; stderr: {seen:?}"));
    assert!(prompt.contains("•"), "the destination is masked: {prompt}");
    assert!(!prompt.contains(DEMO_PHONE));
    let code = newest_code_to(&client, DEMO_PHONE).await;
    writeln!(stdin, "{code}").unwrap();
    writeln!(stdin, "{NEW_PASSWORD}").unwrap();
    writeln!(stdin, "{NEW_PASSWORD}").unwrap();
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "stdout: {stdout}");
    assert!(stdout.contains("Your password was changed"), "{stdout}");
    assert!(!stdout.contains(&code) && !stdout.contains(NEW_PASSWORD));

    let mut sign_in = Command::new(client_binary())
        .args(["--server", &server.base, "sign-in", DEMO_EMAIL])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(sign_in.stdin.take().unwrap(), "{NEW_PASSWORD}").unwrap();
    let output = sign_in.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout} {}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("signed in as Alex Demo"), "{stdout}");
    assert!(!stdout.contains(DEMO_EMAIL), "contacts are masked: {stdout}");

    // A refused remote URL is a clear error, not a request.
    let refused = Command::new(client_binary())
        .args(["--server", "http://recover.example.com", "status"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("https://"));
}
