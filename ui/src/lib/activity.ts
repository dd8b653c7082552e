// A security event as a person reads it: what happened, how and from where, in their
// language; and whether it is one to look at twice (a refused, held back or locked attempt).
// The kinds, outcomes and methods are closed enums generated from Rust; each table below is
// exhaustive, so a new one fails the type check until it is said in words here.
import { isolate, t } from "./i18n.svelte";
import type { AuthMethod, EventKind, EventOutcome, MessageKey, SecurityEventView } from "./types";

/** What each kind of event says for each outcome it can have (others read as "other"). */
const WHAT: Record<EventKind, Partial<Record<EventOutcome, MessageKey>>> = {
  sign_in: {
    ok: "activity.sign_in.ok",
    refused: "activity.sign_in.refused",
    throttled: "activity.sign_in.throttled",
    second_factor_asked: "activity.sign_in.second_factor_asked",
    locked: "activity.sign_in.locked",
  },
  recovery_started: { ok: "activity.recovery_started.ok", throttled: "activity.recovery_started.throttled" },
  code_sent: { ok: "activity.code_sent.ok", throttled: "activity.code_sent.throttled" },
  questions_shown: { ok: "activity.questions_shown.ok" },
  proof: { ok: "activity.proof.ok", refused: "activity.proof.refused", locked: "activity.proof.locked" },
  password_reset: { ok: "activity.password_reset.ok" },
  password_changed: { ok: "activity.password_changed.ok" },
  security_questions_changed: { ok: "activity.security_questions_changed.ok" },
  reported_not_me: { ok: "activity.reported_not_me.ok" },
  second_factor_added: { ok: "activity.second_factor_added.ok" },
  second_factor_removed: { ok: "activity.second_factor_removed.ok" },
  recovery_codes_regenerated: { ok: "activity.recovery_codes_regenerated.ok" },
  reauthenticated: { ok: "activity.reauthenticated.ok", refused: "activity.reauthenticated.refused" },
  email_changed: { ok: "activity.email_changed.ok" },
  phone_changed: { ok: "activity.phone_changed.ok" },
  email_removed: { ok: "activity.email_removed.ok" },
  phone_removed: { ok: "activity.phone_removed.ok" },
  device_signed_out: { ok: "activity.device_signed_out.ok" },
  device_marked_lost: { ok: "activity.device_marked_lost.ok" },
  device_unlocked: { ok: "activity.device_unlocked.ok", refused: "activity.device_unlocked.refused" },
  support_requested: { ok: "activity.support_requested.ok" },
  support_claimed: { ok: "activity.support_claimed.ok" },
  support_proof_viewed: { ok: "activity.support_proof_viewed.ok" },
  support_decided: { ok: "activity.support_decided.ok", refused: "activity.support_decided.refused" },
  assisted_recovery_started: { ok: "activity.assisted_recovery_started.ok" },
  assisted_recovery_cancelled: { ok: "activity.assisted_recovery_cancelled.ok" },
  assisted_recovery_pass_sent: { ok: "activity.assisted_recovery_pass_sent.ok" },
  recovery_contact_invited: { ok: "activity.recovery_contact_invited.ok" },
  recovery_contact_answered: {
    ok: "activity.recovery_contact_answered.ok",
    refused: "activity.recovery_contact_answered.refused",
  },
  recovery_contact_removed: { ok: "activity.recovery_contact_removed.ok" },
  vouch_threshold_changed: { ok: "activity.vouch_threshold_changed.ok" },
  vouch_requested: { ok: "activity.vouch_requested.ok", throttled: "activity.vouch_requested.throttled" },
  vouched: { ok: "activity.vouched.ok", refused: "activity.vouched.refused" },
  vouch_declined: { refused: "activity.vouch_declined.refused", reported: "activity.vouch_declined.reported" },
  recovery_checked_in_person: { ok: "activity.recovery_checked_in_person.ok" },
  recovery_device_recognised: {
    ok: "activity.recovery_device_recognised.ok",
    refused: "activity.recovery_device_recognised.refused",
  },
};

/** A sign-in's second step (an authenticator's code or a recovery code) reads as its own. */
const SECOND_STEP: Partial<Record<EventOutcome, MessageKey>> = {
  ok: "activity.second_step.ok",
  refused: "activity.second_step.refused",
  throttled: "activity.second_step.throttled",
};
const SECOND_FACTORS: AuthMethod[] = ["totp", "recovery_code"];

/** Outcomes that mark an event for a second look. */
const PROBLEM: Record<EventOutcome, boolean> = {
  ok: false,
  refused: true,
  throttled: true,
  locked: true,
  unknown_identifier: false,
  second_factor_asked: false,
  reported: true,
};

/** How it was done; the password is what a sign-in takes anyway, which says nothing. */
const HOW: Record<AuthMethod, MessageKey | null> = {
  password: null,
  email: "activity.by.email",
  sms: "activity.by.sms",
  security_questions: "activity.by.security_questions",
  totp: "activity.by.totp",
  recovery_code: "activity.by.recovery_code",
  recovery_contacts: "activity.by.recovery_contacts",
};

export interface Activity {
  text: string;
  problem: boolean;
}

export function describeEvent(event: SecurityEventView): Activity {
  const secondStep = event.kind === "sign_in" && !!event.method && SECOND_FACTORS.includes(event.method);
  const what = (secondStep ? SECOND_STEP : WHAT[event.kind])?.[event.outcome];
  const parts = [t(what ?? "activity.other")];
  const how = event.method ? HOW[event.method] : null;
  if (how) parts.push(t(how));
  if (event.ip) parts.push(t("activity.from", { ip: isolate(event.ip) }));
  return { text: parts.join(" · "), problem: PROBLEM[event.outcome] ?? false };
}
