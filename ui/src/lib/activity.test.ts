import { describe, expect, it } from "vitest";
import { describeEvent } from "./activity";
import { isolate } from "./i18n.svelte";

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

  it("never shows a raw code for an event it does not know", () => {
    expect(describeEvent({ kind: "passkey_added", outcome: "ok", at }).text).toBe("Other security activity");
    expect(describeEvent({ kind: "sign_in", outcome: "odd", method: "telepathy", at }).text).toBe(
      "Other security activity",
    );
  });
});
