//! The closed vocabularies a client shows in words: what a security event records, how it came
//! out, by what means, and why a password was refused. Each is an enum on the wire, exported
//! to TypeScript, so a new variant fails the UI's type check until the UI says it in words.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant,)*];

            /// The value as stored and on the wire.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)*
                }
            }

            pub fn parse(value: &str) -> Option<Self> {
                match value {
                    $($text => Some(Self::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

wire_enum!(
    /// What a security event records.
    EventKind {
        /// A sign-in attempt.
        SignIn = "sign_in",
        /// A recovery was started for the account.
        RecoveryStarted = "recovery_started",
        /// A recovery code was sent.
        CodeSent = "code_sent",
        /// The security questions were shown.
        QuestionsShown = "questions_shown",
        /// A proof (code, link, answers) was checked.
        Proof = "proof",
        /// The password was reset by a recovery.
        PasswordReset = "password_reset",
        /// The password was changed by a signed-in session.
        PasswordChanged = "password_changed",
        /// The security questions were replaced.
        SecurityQuestionsChanged = "security_questions_changed",
        /// Someone answered a notice with "this wasn't me".
        ReportedNotMe = "reported_not_me",
        /// An authenticator app became a second factor of the account.
        SecondFactorAdded = "second_factor_added",
        /// The second factor (the authenticator and the recovery codes) was turned off.
        SecondFactorRemoved = "second_factor_removed",
        /// A new set of recovery codes replaced the old one.
        RecoveryCodesRegenerated = "recovery_codes_regenerated",
        /// A signed-in session proved the password again before a sensitive change.
        Reauthenticated = "reauthenticated",
        /// A new email address was confirmed, in place of the old one or beside the phone.
        EmailChanged = "email_changed",
        /// A new phone number was confirmed, in place of the old one or beside the email.
        PhoneChanged = "phone_changed",
        /// The email address was removed.
        EmailRemoved = "email_removed",
        /// The phone number was removed.
        PhoneRemoved = "phone_removed",
        /// The owner signed one of the account's devices out.
        DeviceSignedOut = "device_signed_out",
        /// The owner marked a device lost: it is locked until the current password unlocks it.
        DeviceMarkedLost = "device_marked_lost",
        /// A device marked lost was unlocked with the current password (or a try was refused).
        DeviceUnlocked = "device_unlocked",
        /// Someone asked support to recover the account, with proofs, and confirmed how to
        /// reach them.
        SupportRequested = "support_requested",
        /// A member of staff took the account's support request to review it.
        SupportClaimed = "support_claimed",
        /// A member of staff looked at a proof of the account's support request unblurred.
        SupportProofViewed = "support_proof_viewed",
        /// A member of staff decided the account's support request (`ok`: approved,
        /// `refused`: denied).
        SupportDecided = "support_decided",
        /// An assisted recovery began its waiting period; every contact was told and may cancel.
        AssistedRecoveryStarted = "assisted_recovery_started",
        /// An assisted recovery was cancelled (by a contact's link, or a sign-in with the
        /// current password).
        AssistedRecoveryCancelled = "assisted_recovery_cancelled",
        /// An assisted recovery's waiting period ended; its single-use pass was sent.
        AssistedRecoveryPassSent = "assisted_recovery_pass_sent",
        /// The owner invited another account to be a recovery contact.
        RecoveryContactInvited = "recovery_contact_invited",
        /// An invited account accepted (`ok`) or declined (`refused`) to be a recovery contact.
        RecoveryContactAnswered = "recovery_contact_answered",
        /// A recovery contact was removed by the owner, or stepped down.
        RecoveryContactRemoved = "recovery_contact_removed",
        /// The owner changed how many recovery contacts must vouch.
        VouchThresholdChanged = "vouch_threshold_changed",
        /// A recovery flow asked the account's recovery contacts to vouch (`throttled` when a
        /// budget held it back).
        VouchRequested = "vouch_requested",
        /// A recovery contact vouched (`ok`), or a vouch with a wrong code was refused
        /// (`refused`).
        Vouched = "vouched",
        /// A recovery contact declined to vouch (`refused`), or said they know nothing of the
        /// recovery (`reported`): the request ended.
        VouchDeclined = "vouch_declined",
        /// A member of staff at a staffed station saw the person's identity document for a
        /// recovery waiting after recovery contacts vouched: its wait shortened.
        RecoveryCheckedInPerson = "recovery_checked_in_person",
        /// A recovery waiting after recovery contacts vouched offered a device's refresh token
        /// as evidence: one the account's app had (`ok`, the wait shortened) or not (`refused`).
        RecoveryDeviceRecognised = "recovery_device_recognised",
    }
);

wire_enum!(
    /// How a security event came out.
    EventOutcome {
        Ok = "ok",
        /// Refused: a wrong password, code or answer.
        Refused = "refused",
        /// Held back by a throttle.
        Throttled = "throttled",
        /// Refused because too many tries locked it.
        Locked = "locked",
        /// For an identifier that names no account (the account never sees these).
        UnknownIdentifier = "unknown_identifier",
        /// The password was right and the second factor was asked for.
        SecondFactorAsked = "second_factor_asked",
        /// Someone said they know nothing of it (a recovery contact asked to vouch).
        Reported = "reported",
    }
);

wire_enum!(
    /// By what means: the password, or a way of proving ownership.
    AuthMethod {
        Password = "password",
        Email = "email",
        Sms = "sms",
        SecurityQuestions = "security_questions",
        /// A code from the account's authenticator app (TOTP).
        Totp = "totp",
        /// One of the account's recovery codes.
        RecoveryCode = "recovery_code",
        /// The account's recovery contacts vouched.
        RecoveryContacts = "recovery_contacts",
    }
);

wire_enum!(
    /// Why the password policy refused a password (`ErrorBody.fields` carries these codes).
    PasswordReason {
        /// Shorter than the minimum for the account.
        TooShort = "too_short",
        /// Longer than the maximum.
        TooLong = "too_long",
        /// One of the most common passwords.
        Common = "common",
        /// Found in a breach.
        Breached = "breached",
        /// Contains the account's own words.
        Personal = "personal",
        /// Too easy to guess.
        TooGuessable = "too_guessable",
        /// One of the account's recent passwords.
        Reused = "reused",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_round_trips_through_its_wire_form() {
        for kind in EventKind::ALL {
            assert_eq!(EventKind::parse(kind.as_str()), Some(*kind));
            assert_eq!(serde_json::to_value(kind).expect("json"), serde_json::json!(kind.as_str()));
        }
        for outcome in EventOutcome::ALL {
            assert_eq!(EventOutcome::parse(outcome.as_str()), Some(*outcome));
        }
        for method in AuthMethod::ALL {
            assert_eq!(
                serde_json::to_value(method).expect("json"),
                serde_json::json!(method.as_str())
            );
        }
        for reason in PasswordReason::ALL {
            assert_eq!(PasswordReason::parse(reason.as_str()), Some(*reason));
        }
        assert_eq!(EventKind::parse("something_else"), None);
    }
}
