// Every stable code a command can fail with, and how the UI presents it: what it says (which
// tells the person what to do next) and whether the "I'm not a robot" check must be done
// again. One exhaustive table (GitButler's errorClassification.ts is the model): a new code
// from the service or the app fails the type check until it is here.
import { duration, t } from "./i18n.svelte";
import type { AppError, Code, MessageKey, PasswordReason } from "./types";

interface Presentation {
  message: MessageKey;
  /** The solved check was spent or refused: the person ticks it again. */
  redoRobot: boolean;
}

export const PRESENTATION: Record<Code, Presentation> = {
  invalid_json: { message: "error.invalid_json", redoRobot: false },
  unknown_field: { message: "error.unknown_field", redoRobot: false },
  invalid_field: { message: "error.invalid_field", redoRobot: false },
  invalid_email: { message: "error.invalid_email", redoRobot: false },
  invalid_phone: { message: "error.invalid_phone", redoRobot: false },
  weak_password: { message: "error.weak_password", redoRobot: false },
  unsupported_media_type: { message: "error.unsupported_media_type", redoRobot: false },
  payload_too_large: { message: "error.payload_too_large", redoRobot: false },
  unsupported_file_type: { message: "error.unsupported_file_type", redoRobot: false },
  damaged_file: { message: "error.damaged_file", redoRobot: false },
  already_claimed: { message: "error.already_claimed", redoRobot: false },
  not_permitted: { message: "error.not_permitted", redoRobot: false },
  request_state: { message: "error.request_state", redoRobot: false },
  contact_in_use: { message: "error.contact_in_use", redoRobot: false },
  invalid_credentials: { message: "error.invalid_credentials", redoRobot: false },
  unauthenticated: { message: "error.unauthenticated", redoRobot: false },
  invalid_refresh_token: { message: "error.invalid_refresh_token", redoRobot: false },
  invalid_code: { message: "error.invalid_code", redoRobot: false },
  code_expired: { message: "error.code_expired", redoRobot: false },
  nothing_to_confirm: { message: "error.nothing_to_confirm", redoRobot: false },
  rate_limited: { message: "error.rate_limited", redoRobot: false },
  captcha_required: { message: "error.captcha_required", redoRobot: true },
  captcha_invalid: { message: "error.captcha_invalid", redoRobot: true },
  captcha_replayed: { message: "error.captcha_replayed", redoRobot: true },
  captcha_expired: { message: "error.captcha_expired", redoRobot: true },
  flow_expired: { message: "error.flow_expired", redoRobot: false },
  flow_locked: { message: "error.flow_locked", redoRobot: false },
  flow_state: { message: "error.flow_state", redoRobot: false },
  method_unavailable: { message: "error.method_unavailable", redoRobot: false },
  vouches_pending: { message: "error.vouches_pending", redoRobot: false },
  waiting_period: { message: "error.waiting_period", redoRobot: false },
  send_limit_reached: { message: "error.send_limit_reached", redoRobot: false },
  invalid_answers: { message: "error.invalid_answers", redoRobot: false },
  invalid_link: { message: "error.invalid_link", redoRobot: false },
  invalid_reset_token: { message: "error.invalid_reset_token", redoRobot: false },
  reauthentication_required: { message: "error.reauthentication_required", redoRobot: false },
  code_already_used: { message: "error.code_already_used", redoRobot: false },
  second_factor_exists: { message: "error.second_factor_exists", redoRobot: false },
  sign_in_expired: { message: "error.sign_in_expired", redoRobot: false },
  longer_password_needed: { message: "error.longer_password_needed", redoRobot: false },
  last_contact: { message: "error.last_contact", redoRobot: false },
  device_locked: { message: "error.device_locked", redoRobot: false },
  not_found: { message: "error.not_found", redoRobot: false },
  method_not_allowed: { message: "error.method_not_allowed", redoRobot: false },
  host_not_allowed: { message: "error.host_not_allowed", redoRobot: false },
  busy: { message: "error.busy", redoRobot: false },
  internal: { message: "error.internal", redoRobot: false },
  network: { message: "error.network", redoRobot: false },
  backend_unreachable: { message: "error.backend_unreachable", redoRobot: false },
  backend_incompatible: { message: "error.backend_incompatible", redoRobot: false },
  local_backend_failed: { message: "error.local_backend_failed", redoRobot: false },
  keyring_unavailable: { message: "error.keyring_unavailable", redoRobot: false },
  invalid_url: { message: "error.invalid_url", redoRobot: false },
  insecure_url: { message: "error.insecure_url", redoRobot: false },
  no_recovery: { message: "error.no_recovery", redoRobot: false },
  no_support_request: { message: "error.no_support_request", redoRobot: false },
  captcha_unsolved: { message: "error.captcha_unsolved", redoRobot: true },
  not_signed_in: { message: "error.not_signed_in", redoRobot: false },
  settings_unsaved: { message: "error.settings_unsaved", redoRobot: false },
  screen_not_cleared: { message: "error.internal", redoRobot: false },
  not_a_station: { message: "error.not_a_station", redoRobot: false },
  not_on_shift: { message: "error.unauthenticated", redoRobot: false },
  staff_on_shift: { message: "error.staff_on_shift", redoRobot: false },
};

/** What to tell the person: the code's message, and when to try again after a throttle. */
export function errorText(error: AppError): string {
  const text = t(PRESENTATION[error.code]?.message ?? "error.internal");
  if (error.retry_after_secs != null && error.retry_after_secs > 0) {
    return `${text} ${t("common.try_again_in", { time: duration(error.retry_after_secs) })}`;
  }
  return text;
}

/** Whether the error means the robot check must be solved again. */
export function redoesRobot(error: AppError): boolean {
  return PRESENTATION[error.code]?.redoRobot ?? false;
}

/** Why the policy refuses a password, in words. Exhaustive over the generated reasons. */
export const REASON: Record<PasswordReason, MessageKey> = {
  too_short: "password.reason.too_short",
  too_long: "password.reason.too_long",
  common: "password.reason.common",
  breached: "password.reason.breached",
  personal: "password.reason.personal",
  too_guessable: "password.reason.too_guessable",
  reused: "password.reason.reused",
};

/** A reason as a sentence; `min` is the length that applies. A code the service sends in an
 * error's `fields` that this app does not know reads as "choose a stronger password". */
export function reasonText(reason: PasswordReason | string, min: number): string {
  const key = REASON[reason as PasswordReason];
  return key ? t(key, { min }) : t("error.weak_password");
}
