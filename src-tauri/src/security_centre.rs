//! The security centre's changes, each one call to the service with the signed-in session:
//! the authenticator app and its recovery codes, contacts kept current, devices signed out or
//! marked lost, and confirming the password when a change needs a recent sign-in. The commands
//! in `commands::security` are one call each into here.
//!
//! Two secrets do reach the web UI, on purpose and once: an authenticator's secret (as text and
//! as a QR code) while it is being set up, and the recovery codes when they are made. The
//! person has to see them; nothing else of theirs is returned, and neither is kept here.

use qrcode::render::svg;
use qrcode::QrCode;
use regain_protocol::{
    AccountView, AddContactRequest, ChangePasswordRequest, Checkup, ConfirmContactRequest,
    ContactChannel, QuestionAnswer, RemoveSecondFactorRequest, ResendConfirmationRequest, Secret,
    SecurityQuestionsRequest,
};
use serde::Serialize;

use crate::account::authorized;
use crate::error::{AppError, LocalCode};
use crate::state::AppState;

/// An authenticator app being set up: its secret to type, and the same as a QR code.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct TotpEnrolment {
    /// Base32 in groups of four.
    pub secret: String,
    /// The `otpauth://` URI as an SVG QR code, for an `<img>` (a data URI).
    pub qr_code: String,
}

/// Begins setting up an authenticator app.
pub async fn begin_totp(state: &AppState) -> Result<TotpEnrolment, AppError> {
    let setup =
        authorized(state, |backend, token| async move { backend.client.begin_totp(&token).await })
            .await?;
    let code = QrCode::new(setup.uri.expose().as_bytes())
        .map_err(|e| AppError::app(LocalCode::BackendIncompatible, format!("QR code: {e}")))?;
    let image = code
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    Ok(TotpEnrolment {
        secret: setup.secret.into_exposed(),
        qr_code: format!("data:image/svg+xml;charset=utf-8,{}", percent_encode(&image)),
    })
}

/// Confirms the authenticator with its first code: the recovery codes, to show once.
pub async fn confirm_totp(state: &AppState, code: Secret<String>) -> Result<Vec<String>, AppError> {
    let codes = authorized(state, |backend, token| {
        let code = code.clone();
        async move { backend.client.confirm_totp(&token, &code).await }
    })
    .await?;
    Ok(codes.codes.into_exposed())
}

/// A new set of recovery codes, to show once; the old set stops working.
pub async fn regenerate_recovery_codes(state: &AppState) -> Result<Vec<String>, AppError> {
    let codes = authorized(state, |backend, token| async move {
        backend.client.regenerate_recovery_codes(&token).await
    })
    .await?;
    Ok(codes.codes.into_exposed())
}

/// Turns the second factor off.
pub async fn remove_second_factor(
    state: &AppState,
    password: Secret<String>,
    code: Secret<String>,
) -> Result<(), AppError> {
    let request = RemoveSecondFactorRequest { current_password: password, code };
    authorized(state, |backend, token| {
        let request = request.clone();
        async move { backend.client.remove_second_factor(&token, &request).await }
    })
    .await
}

/// Confirms the password for the changes that need a recent sign-in.
pub async fn reauthenticate(state: &AppState, password: Secret<String>) -> Result<(), AppError> {
    authorized(state, |backend, token| {
        let password = password.clone();
        async move { backend.client.reauthenticate(&token, &password).await }
    })
    .await
}

/// Claims a new email or phone; a code goes to it.
pub async fn add_contact(
    state: &AppState,
    channel: ContactChannel,
    value: String,
    region: Option<String>,
) -> Result<AccountView, AppError> {
    let request = AddContactRequest {
        channel,
        value: value.trim().to_owned(),
        region: region.filter(|r| !r.is_empty()),
    };
    authorized(state, |backend, token| {
        let request = request.clone();
        async move { backend.client.add_contact(&token, &request).await }
    })
    .await
}

/// Confirms a new contact with the code sent to it.
pub async fn confirm_contact(
    state: &AppState,
    channel: ContactChannel,
    code: Secret<String>,
) -> Result<(), AppError> {
    let request = ConfirmContactRequest { channel, code };
    authorized(state, |backend, token| {
        let request = request.clone();
        async move { backend.client.confirm_contact(&token, &request).await }
    })
    .await
}

/// Sends the new contact a new code.
pub async fn resend_contact_code(
    state: &AppState,
    channel: ContactChannel,
) -> Result<(), AppError> {
    let request = ResendConfirmationRequest { channel };
    authorized(state, |backend, token| {
        let request = request.clone();
        async move { backend.client.resend_confirmation(&token, &request).await }
    })
    .await
}

/// Drops a new email or phone still waiting for its code.
pub async fn cancel_contact_change(
    state: &AppState,
    channel: ContactChannel,
) -> Result<(), AppError> {
    authorized(state, |backend, token| async move {
        backend.client.cancel_contact_change(&token, channel).await
    })
    .await
}

/// Removes the email or the phone.
pub async fn remove_contact(state: &AppState, channel: ContactChannel) -> Result<(), AppError> {
    authorized(state, |backend, token| async move {
        backend.client.remove_contact(&token, channel).await
    })
    .await
}

/// Signs another device of the account out.
pub async fn sign_out_device(state: &AppState, session_id: String) -> Result<(), AppError> {
    authorized(state, |backend, token| {
        let session_id = session_id.clone();
        async move { backend.client.sign_out_device(&token, &session_id).await }
    })
    .await
}

/// Marks another device of the account lost: it locks.
pub async fn mark_device_lost(state: &AppState, session_id: String) -> Result<(), AppError> {
    authorized(state, |backend, token| {
        let session_id = session_id.clone();
        async move { backend.client.mark_lost(&token, &session_id).await }
    })
    .await
}

/// Changes the password; every other session of the account ends.
pub async fn change_password(
    state: &AppState,
    current: Secret<String>,
    new: Secret<String>,
) -> Result<(), AppError> {
    let request = ChangePasswordRequest { current_password: current, new_password: new };
    authorized(state, |backend, token| {
        let request = request.clone();
        async move { backend.client.change_password(&token, &request).await }
    })
    .await
}

/// Replaces the security questions: `questions` and `answers` in the same order.
pub async fn set_security_questions(
    state: &AppState,
    questions: Vec<String>,
    answers: Vec<Secret<String>>,
) -> Result<(), AppError> {
    let request = SecurityQuestionsRequest {
        questions: questions
            .into_iter()
            .zip(answers)
            .map(|(question, answer)| QuestionAnswer { question, answer })
            .collect(),
    };
    authorized(state, |backend, token| {
        let request = request.clone();
        async move { backend.client.set_security_questions(&token, &request).await }
    })
    .await
}

/// Writes the recovery codes to a text file in `dir` (the person's downloads folder), readable
/// by its owner only, under a name not yet taken; the path written.
pub fn save_codes(dir: &std::path::Path, codes: &[String]) -> Result<std::path::PathBuf, AppError> {
    let failed = |e: std::io::Error| {
        AppError::app(LocalCode::SettingsUnsaved, format!("saving the codes: {e}"))
    };
    std::fs::create_dir_all(dir).map_err(failed)?;
    let mut text = String::from("Regain recovery codes. Each works once.\n\n");
    for code in codes {
        text.push_str(code);
        text.push('\n');
    }
    for n in 0..100 {
        let name = if n == 0 {
            "regain-recovery-codes.txt".to_owned()
        } else {
            format!("regain-recovery-codes-{n}.txt")
        };
        let path = dir.join(name);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&path) {
            Ok(mut file) => {
                std::io::Write::write_all(&mut file, text.as_bytes()).map_err(failed)?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(failed(e)),
        }
    }
    Err(AppError::app(LocalCode::SettingsUnsaved, "no free file name for the codes"))
}

/// The account's security checkup.
pub async fn checkup(state: &AppState) -> Result<Checkup, AppError> {
    authorized(state, |backend, token| async move { backend.client.checkup(&token).await }).await
}

/// An SVG made safe for a `data:` URI.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b' '
            | b'='
            | b':'
            | b'/'
            | b',' => {
                out.push(char::from(byte));
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_codes_go_to_a_new_owner_only_file_each_time() {
        let dir = tempfile::tempdir().expect("dir");
        let codes =
            vec!["1111-2222-3333-4444-5555".to_owned(), "6666-7777-8888-9999-0000".to_owned()];
        let first = save_codes(dir.path(), &codes).expect("saved");
        let second = save_codes(dir.path(), &codes).expect("saved again");
        assert_ne!(first, second, "an earlier file is never overwritten");
        let text = std::fs::read_to_string(&first).expect("read");
        assert!(text.contains("1111-2222-3333-4444-5555\n6666-7777-8888-9999-0000\n"), "{text}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&first).expect("metadata").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn an_svg_reads_back_from_its_data_uri() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg"><rect fill="#000"/></svg>"##;
        let encoded = percent_encode(svg);
        assert!(!encoded.contains(['<', '>', '"', '#']), "{encoded}");
        let decoded = url::form_urlencoded::parse(format!("x={encoded}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned());
        assert_eq!(decoded.as_deref(), Some(svg));
    }
}
