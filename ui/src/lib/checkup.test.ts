import { describe, expect, it } from "vitest";
import { checkText, fixFor } from "./checkup";
import { en } from "./messages/en";
import type { CheckItem, CheckKind } from "./types";

const KINDS: CheckKind[] = [
  "email",
  "phone",
  "security_questions",
  "second_factor",
  "recovery_codes",
  "password",
  "stale_devices",
  "unusual_activity",
];
const texts = new Set((Object.values(en) as unknown[]).filter((text): text is string => typeof text === "string"));

describe("checkup", () => {
  it("words every kind in every state, with its count or date filled in", () => {
    for (const kind of KINDS) {
      for (const state of ["good", "improve", "attention"] as const) {
        const item: CheckItem = { kind, state, since: 1_800_000_000, count: 3 };
        const text = checkText(item, () => "1 Jan 2027");
        expect(text, `${kind} ${state}`).not.toMatch(/\{\w+\}/);
        expect(text.length, `${kind} ${state}`).toBeGreaterThan(0);
      }
    }
    expect(checkText({ kind: "recovery_codes", state: "improve", count: 2 }, String)).toBe(
      "Recovery codes left: 2. Make new ones before they run out.",
    );
    expect(checkText({ kind: "password", state: "good", since: 1 }, () => "1 Jan 2027")).toBe(
      "Your password meets today's rules. It was set on 1 Jan 2027.",
    );
  });

  it("tells a missing contact from an old one by whether it was ever confirmed", () => {
    const missing = checkText({ kind: "email", state: "improve" }, String);
    const old = checkText({ kind: "email", state: "improve", since: 1 }, String);
    expect([missing, old].every((t) => texts.has(t))).toBe(true);
    expect(missing).not.toBe(old);
  });

  it("links each item that needs doing to its fix, and a good one to nothing", () => {
    expect(fixFor({ kind: "second_factor", state: "improve" })).toBe("#two-step");
    expect(fixFor({ kind: "stale_devices", state: "improve", count: 1 })).toBe("#devices");
    expect(fixFor({ kind: "email", state: "good" })).toBeNull();
    for (const kind of KINDS) {
      const fix = fixFor({ kind, state: "attention" });
      expect(fix, kind).toMatch(/^#[a-z-]+$/);
    }
  });
});
