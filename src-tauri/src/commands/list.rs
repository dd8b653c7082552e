// Every command of the app, by name: the one list. `build.rs` declares these to Tauri (so that
// capabilities can grant them one by one), `capabilities/base.json` grants exactly these, and
// `lib.rs` registers exactly these; `tests/commands.rs` fails when the three disagree. Included
// by `build.rs` too, so it holds nothing but the list.
pub const COMMANDS: &[&str] = &[
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
    "finish_sign_in",
    "sign_out",
    "session_status",
    "security_overview",
    "dev_inbox",
];
