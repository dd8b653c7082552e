// Every command of the app, by name: the one list. `build.rs` declares these to Tauri (so that
// capabilities can grant them one by one), `capabilities/base.json` grants exactly these but
// the kiosk's own, `capabilities/kiosk.json` exactly `KIOSK_COMMANDS`, and `lib.rs` registers
// exactly these; `tests/command_list.rs` fails when they disagree. Included by `build.rs` too,
// so it holds nothing but the lists.
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
    "file_support_request",
    "confirm_support_contact",
    "support_status",
    "evaluate_password",
    "sign_in",
    "finish_sign_in",
    "sign_out",
    "session_status",
    "security_overview",
    "security_checkup",
    "change_password",
    "set_security_questions",
    "save_recovery_codes",
    "begin_totp",
    "confirm_totp",
    "regenerate_recovery_codes",
    "remove_second_factor",
    "reauthenticate",
    "add_contact",
    "confirm_contact",
    "resend_contact_code",
    "remove_contact",
    "cancel_contact_change",
    "sign_out_device",
    "mark_device_lost",
    "unlock_device",
    "dev_inbox",
    "end_session",
];

// A kiosk's window may call only these: a walk-in customer's recovery and support request, the
// language, and the end of the session. No sign-in, no security centre, no keyring, no file
// saved; the dev inbox answers only when the station runs the embedded demo service.
pub const KIOSK_COMMANDS: &[&str] = &[
    "app_status",
    "set_language",
    "solve_captcha",
    "start_recovery",
    "choose_method",
    "resend_code",
    "current_recovery",
    "verify_code",
    "answer_questions",
    "set_new_password",
    "cancel_recovery",
    "normalize_code",
    "file_support_request",
    "confirm_support_contact",
    "support_status",
    "evaluate_password",
    "dev_inbox",
    "end_session",
];

// What only a kiosk's window may call.
pub const KIOSK_ONLY: &[&str] = &["end_session"];
