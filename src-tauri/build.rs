//! Declares the app's own commands so that capabilities can grant them one by one (only
//! these, and only to the main window); `tauri.conf.json` is linked here from the root.

const COMMANDS: &[&str] = &[
    "app_status",
    "set_backend",
    "set_language",
    "solve_captcha",
    "start_recovery",
    "choose_method",
    "resend_code",
    "current_recovery",
    "verify_code",
    "answer_questions",
    "open_recovery_link",
    "set_new_password",
    "cancel_recovery",
    "normalize_code",
    "evaluate_password",
    "sign_in",
    "sign_out",
    "session_status",
    "security_overview",
    "dev_inbox",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
