//! Messages out, against real peers on loopback: a real SMTP server (aiosmtpd), a recording
//! HTTP SMS gateway, and the real server binary delivering through both in live mode.
#![allow(clippy::unwrap_used)]

use axum::http::StatusCode;
use regain_courier::{
    Channel, ChannelKind, DeliveryError, Language, Message, SmsFormat, SmsGateway,
    SmsGatewaySettings, SmtpChannel, SmtpSettings, SmtpTls, Template,
};
use regain_e2e::faults::{ScriptedSmtp, SmtpFault};
use regain_e2e::{code_in, form, free_port, header, Gateway, GatewayAnswer, Server, Smtpd};
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn smtp_settings(port: u16) -> SmtpSettings {
    SmtpSettings {
        host: "127.0.0.1".into(),
        port,
        tls: SmtpTls::None,
        username: None,
        password: None,
        from: "Regain <no-reply@example.com>".into(),
        timeout_secs: 5,
    }
}

#[tokio::test]
async fn smtp_delivers_to_a_real_smtp_server() {
    let smtpd = Smtpd::start();
    let channel = SmtpChannel::new(&smtp_settings(smtpd.port)).unwrap();
    let message = Template::ConfirmEmail { code: "407215".into(), minutes_valid: 10 }
        .render("jane@example.com", Language::english());
    channel.deliver(&message).await.unwrap();

    let received = smtpd.wait_for_messages(1);
    let raw = &received[0];
    assert_eq!(header(raw, "To").as_deref(), Some("jane@example.com"));
    assert_eq!(header(raw, "From").as_deref(), Some("Regain <no-reply@example.com>"));
    assert_eq!(header(raw, "Subject").as_deref(), Some("Confirm your email address for Regain"));
    assert!(raw.contains("Your Regain confirmation code is 407215."), "{raw}");
}

#[tokio::test]
async fn smtp_refused_is_a_transient_failure_that_names_no_recipient() {
    let channel = SmtpChannel::new(&smtp_settings(free_port())).unwrap();
    let message = Message {
        channel: ChannelKind::Email,
        to: "jane@example.com".into(),
        subject: Some("s".into()),
        body: "b".into(),
    };
    match channel.deliver(&message).await {
        Err(DeliveryError::Transient(why)) => assert!(!why.contains("jane"), "{why}"),
        other => panic!("expected a transient failure, got {other:?}"),
    }
}

/// An SMTP server that hangs, and one that hangs up in the middle of the message: each a
/// temporary failure (the courier tries again), named without the recipient; the next
/// connection delivers.
#[tokio::test]
async fn smtp_hanging_or_dropping_mid_data_is_a_transient_failure() {
    for (fault, expected) in
        [(SmtpFault::Hang, "smtp timeout"), (SmtpFault::DropInData, "smtp connection failure")]
    {
        let smtpd = ScriptedSmtp::start(vec![fault]).await;
        let mut settings = smtp_settings(smtpd.port);
        settings.timeout_secs = 1;
        let channel = SmtpChannel::new(&settings).unwrap();
        let message = Template::ConfirmEmail { code: "407215".into(), minutes_valid: 10 }
            .render("jane@example.com", Language::english());
        let started = std::time::Instant::now();
        let outcome = channel.deliver(&message).await;
        assert_eq!(outcome, Err(DeliveryError::Transient(expected.into())), "{fault:?}");
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "{fault:?} gave up");
        assert!(smtpd.messages().is_empty(), "{fault:?}: nothing was accepted");

        channel.deliver(&message).await.unwrap();
        let received = smtpd.wait_for_messages(1).await;
        assert!(received[0].contains("407215"), "{fault:?}");
    }
}

fn json_gateway(url: String) -> SmsGatewaySettings {
    SmsGatewaySettings {
        url,
        format: SmsFormat::Json,
        auth_header: Some("Bearer gw-key".into()),
        from: Some("Regain".into()),
        fields: BTreeMap::from([
            ("destination".into(), "{to}".into()),
            ("message".into(), "{body}".into()),
            ("sender".into(), "{from}".into()),
        ]),
        timeout_secs: 2,
    }
}

fn sms(body: &str) -> Message {
    Message {
        channel: ChannelKind::Sms,
        to: "+8613800138000".into(),
        subject: None,
        body: body.into(),
    }
}

#[tokio::test]
async fn sms_json_gateway_gets_its_fields_and_auth_header() {
    let gateway = Gateway::start(vec![]).await;
    let channel = SmsGateway::new(json_gateway(format!("{}/send", gateway.base))).unwrap();
    channel.deliver(&sms("Your code is 123456. Not {to}.")).await.unwrap();

    let seen = gateway.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].path, "/send");
    assert_eq!(seen[0].headers["authorization"], "Bearer gw-key");
    assert_eq!(seen[0].headers["content-type"], "application/json");
    let body: Value = serde_json::from_str(&seen[0].body).unwrap();
    assert_eq!(
        body,
        json!({"destination": "+8613800138000", "message": "Your code is 123456. Not {to}.", "sender": "Regain"})
    );
}

#[tokio::test]
async fn sms_twilio_preset_posts_a_form_with_basic_auth() {
    let gateway = Gateway::start(vec![StatusCode::CREATED]).await;
    let channel =
        SmsGateway::new(SmsGatewaySettings::twilio(&gateway.base, "AC123", "tok", "+15005550006"))
            .unwrap();
    channel.deliver(&sms("Regain: 654321 is your code")).await.unwrap();

    let seen = gateway.requests();
    assert_eq!(seen[0].path, "/2010-04-01/Accounts/AC123/Messages.json");
    assert_eq!(seen[0].headers["content-type"], "application/x-www-form-urlencoded");
    assert_eq!(seen[0].headers["authorization"], "Basic QUMxMjM6dG9r", "base64 of AC123:tok");
    let fields = form(&seen[0].body);
    assert_eq!(fields["To"], "+8613800138000");
    assert_eq!(fields["From"], "+15005550006");
    assert_eq!(fields["Body"], "Regain: 654321 is your code");
}

#[tokio::test]
async fn sms_gateway_failures_are_classified_without_the_content() {
    let cases = [
        (StatusCode::INTERNAL_SERVER_ERROR, DeliveryError::Transient("gateway status 500".into())),
        (StatusCode::TOO_MANY_REQUESTS, DeliveryError::Transient("gateway status 429".into())),
        (StatusCode::BAD_REQUEST, DeliveryError::Permanent("gateway status 400".into())),
    ];
    for (status, expected) in cases {
        let gateway = Gateway::start(vec![status]).await;
        let outcome = SmsGateway::new(json_gateway(gateway.base.clone()))
            .unwrap()
            .deliver(&sms("code 111111"))
            .await;
        assert_eq!(outcome, Err(expected));
    }
    // A gateway that asks to be left alone says for how long; one that never answers times out.
    let gateway = Gateway::scripted(vec![
        GatewayAnswer::TooManyRequests { retry_after_secs: 30 },
        GatewayAnswer::Hang,
    ])
    .await;
    let mut settings = json_gateway(gateway.base.clone());
    settings.timeout_secs = 1;
    let channel = SmsGateway::new(settings).unwrap();
    assert_eq!(
        channel.deliver(&sms("code 222222")).await,
        Err(DeliveryError::RetryAfter { why: "gateway status 429".into(), after_secs: 30 })
    );
    assert_eq!(
        channel.deliver(&sms("code 333333")).await,
        Err(DeliveryError::Transient("gateway timeout".into()))
    );
    let down = SmsGateway::new(json_gateway(format!("http://127.0.0.1:{}/", free_port())))
        .unwrap()
        .deliver(&sms("x"))
        .await;
    assert_eq!(down, Err(DeliveryError::Transient("gateway unreachable".into())));
}

/// The real server in live mode: sign-up's codes go out by SMTP and by the SMS gateway. The
/// gateway fails twice first; the courier retries and nothing is lost.
#[tokio::test]
async fn live_server_delivers_codes_by_smtp_and_sms_and_retries_failures() {
    let smtpd = Smtpd::start();
    let gateway =
        Gateway::start(vec![StatusCode::INTERNAL_SERVER_ERROR, StatusCode::SERVICE_UNAVAILABLE])
            .await;
    let config = format!(
        r#"
[courier]
delivery = "live"
[courier.retry]
first_delay_secs = 1
max_delay_secs = 2
[courier.smtp]
host = "127.0.0.1"
port = {port}
tls = "none"
from = "Regain <no-reply@example.com>"
[courier.sms]
preset = "twilio"
api_base = "{base}"
account_sid = "ACtest"
auth_token = "secret-token"
from = "+15005550006"
"#,
        port = smtpd.port,
        base = gateway.base,
    );
    let secret = "a-test-secret-that-is-long-enough-123";
    let server = tokio::task::spawn_blocking(move || {
        Server::start(&[], &[("REGAIN_SERVER__SECRET", secret)], Some(&config))
    })
    .await
    .unwrap();
    let client = reqwest::Client::new();
    let response = client
        .post(server.url("/v1/accounts"))
        .json(&json!({
            "display_name": "Ana Souza",
            "email": "ana@example.com",
            "phone": "+55 11 96123 4567",
            "password": "ember quartz lagoon 2024",
            "captcha": regain_e2e::solved_captcha(&client, &server.base).await,
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let signed_up: Value = response.json().await.unwrap();
    let token = signed_up["session"]["access_token"].as_str().unwrap().to_owned();
    assert_eq!(
        client.get(server.url("/v1/dev/outbox")).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );

    let mails = tokio::task::spawn_blocking(move || smtpd.wait_for_messages(1)).await.unwrap();
    assert_eq!(header(&mails[0], "To").as_deref(), Some("ana@example.com"));
    let email_code = code_in(&mails[0]);

    let requests = gateway.wait_for_requests(3).await;
    assert_eq!(requests.len(), 3, "two failures, then the delivery");
    let sms = form(&requests[2].body);
    assert_eq!(sms["To"], "+5511961234567");
    let phone_code = code_in(&sms["Body"]);

    for (channel, code) in [("email", email_code), ("phone", phone_code)] {
        let status = client
            .post(server.url("/v1/me/contacts/confirm"))
            .bearer_auth(&token)
            .json(&json!({"channel": channel, "code": code}))
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(status, StatusCode::NO_CONTENT, "{channel}");
    }
    let log = server.log();
    assert!(log.contains("delivery failed, will retry"), "{log}");
    assert!(
        !log.contains("secret-token")
            && !log.contains("ana@example.com")
            && !log.contains("5511961234567")
    );
}
