import { describe, expect, it } from "vitest";
import { en } from "./messages/en";
import { PRESENTATION, REASON, reasonText, redoesRobot } from "./errors";
import type { PasswordReason } from "./types";
import type { AppError } from "./types";

const failure = (code: AppError["code"]): AppError => ({ code, message: "", retry_after_secs: null, fields: null });

describe("error presentation", () => {
  it("has a message that exists for every code", () => {
    for (const [code, presentation] of Object.entries(PRESENTATION)) {
      expect(en, code).toHaveProperty(presentation.message);
    }
  });

  it("sends the person back to the robot check only for the check's own failures", () => {
    expect(redoesRobot(failure("captcha_replayed"))).toBe(true);
    expect(redoesRobot(failure("captcha_unsolved"))).toBe(true);
    expect(redoesRobot(failure("invalid_code"))).toBe(false);
    expect(redoesRobot(failure("rate_limited"))).toBe(false);
  });

  it("words every password reason, and an unknown one as a plain refusal", () => {
    const texts = (Object.keys(REASON) as PasswordReason[]).map((reason) => {
      expect(en, reason).toHaveProperty(REASON[reason]);
      const text = reasonText(reason, 15);
      expect(text, reason).not.toBe(en["error.weak_password"]);
      return text;
    });
    expect(new Set(texts).size, "each reason in its own words").toBe(texts.length);
    expect(reasonText("too_short", 15)).toBe("It is shorter than 15 characters.");
    expect(reasonText("some_future_rule", 15)).toBe(en["error.weak_password"]);
  });
});
