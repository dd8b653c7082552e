import { describe, expect, it } from "vitest";
import { en } from "./messages/en";
import type { Code } from "./types";

// Every stable code the commands can fail with has a message that says what to do next.
// The list is the generated `Code` type's, checked exhaustively by the compiler.
const ALL: Record<Code, true> = {
  invalid_json: true, unknown_field: true, invalid_field: true, invalid_email: true,
  invalid_phone: true, weak_password: true, unsupported_media_type: true,
  payload_too_large: true, contact_in_use: true, invalid_credentials: true,
  unauthenticated: true, invalid_refresh_token: true, invalid_code: true, code_expired: true,
  nothing_to_confirm: true, rate_limited: true, captcha_required: true, captcha_invalid: true,
  captcha_replayed: true, captcha_expired: true, flow_expired: true, flow_locked: true,
  flow_state: true, method_unavailable: true, send_limit_reached: true, invalid_answers: true,
  invalid_link: true, invalid_reset_token: true, reauthentication_required: true,
  not_found: true, method_not_allowed: true, host_not_allowed: true, internal: true, network: true,
  backend_unreachable: true, backend_incompatible: true, local_backend_failed: true,
  keyring_unavailable: true, invalid_url: true, insecure_url: true, no_recovery: true,
  captcha_unsolved: true, not_signed_in: true, settings_unsaved: true,
};

describe("error messages", () => {
  it("exist for every code", () => {
    for (const code of Object.keys(ALL)) {
      expect(en, code).toHaveProperty(`error.${code}`);
    }
  });
});
