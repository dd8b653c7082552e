import { describe, expect, it } from "vitest";
import { describeEvent } from "./activity";
import { isolate } from "./i18n.svelte";
import type { SecurityEventView } from "./types";

const at = 1_800_000_000;

describe("describeEvent", () => {
  it("says what happened, how and from where", () => {
    expect(describeEvent({ kind: "code_sent", method: "sms", outcome: "ok", ip: "192.0.2.1", at })).toEqual({
      text: `Verification code sent · by text message · from ${isolate("192.0.2.1")}`,
      problem: false,
    });
  });

  it("marks a refused or held-back sign-in, without the obvious method", () => {
    expect(describeEvent({ kind: "sign_in", method: "password", outcome: "refused", at })).toEqual({
      text: "Sign-in with a wrong password",
      problem: true,
    });
    expect(describeEvent({ kind: "sign_in", method: "password", outcome: "throttled", at }).problem).toBe(true);
    expect(describeEvent({ kind: "proof", method: "email", outcome: "locked", at }).text).toBe(
      "Recovery locked after too many wrong tries · by email",
    );
  });

  it("tells a sign-in's second step from its password, and marks its wrong codes", () => {
    expect(describeEvent({ kind: "sign_in", method: "password", outcome: "second_factor_asked", at })).toEqual({
      text: "Right password; the second step was asked for",
      problem: false,
    });
    expect(describeEvent({ kind: "sign_in", method: "totp", outcome: "refused", at })).toEqual({
      text: "Wrong code at the second step of sign-in · with the authenticator app",
      problem: true,
    });
    expect(describeEvent({ kind: "sign_in", method: "recovery_code", outcome: "ok", at }).text).toBe(
      "Signed in with two-step verification · with a recovery code",
    );
    expect(describeEvent({ kind: "second_factor_removed", outcome: "ok", at }).text).toBe("Two-step verification turned off");
  });

  it("says 'other activity' for an outcome a kind has no words for, never a raw code", () => {
    expect(describeEvent({ kind: "password_reset", outcome: "throttled", at }).text).toBe("Other security activity");
    // A value the bindings do not know (an older app beside a newer service) reads the same.
    const unknown = { kind: "passkey_added", outcome: "odd", method: "telepathy", at } as unknown as SecurityEventView;
    expect(describeEvent(unknown)).toEqual({ text: "Other security activity", problem: false });
  });
});
