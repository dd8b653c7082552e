import { describe, expect, it } from "vitest";
import { isMilestone, previous, secondsUntil, stepFor, stepNumber, TOTAL_STEPS } from "./steps";

describe("steps", () => {
  it("maps every flow state to a screen", () => {
    expect(stepFor("choose_method")).toBe("choose");
    expect(stepFor("enter_code")).toBe("code");
    expect(stepFor("answer_questions")).toBe("questions");
    expect(stepFor("choose_password")).toBe("password");
    expect(stepFor("complete")).toBe("done");
    expect(stepFor("locked")).toBe("identify");
    expect(stepFor("expired")).toBe("identify");
    expect(stepFor("enter_code", "recovery_contacts")).toBe("vouch");
    expect(stepFor("enter_code", "sms")).toBe("code");
    expect(stepFor("waiting")).toBe("waiting");
  });
  it("numbers the journey in five steps, the proof being one", () => {
    expect(stepNumber("identify")).toBe(1);
    expect(stepNumber("code")).toBe(stepNumber("questions"));
    expect(stepNumber("done")).toBe(TOTAL_STEPS);
  });
  it("goes back only where that is safe", () => {
    expect(previous("code")).toBe("choose");
    expect(previous("choose")).toBe("identify");
    expect(previous("password")).toBeNull();
    expect(previous("done")).toBeNull();
  });
  it("counts down to the resend and announces milestones", () => {
    expect(secondsUntil(1_000, 970_000)).toBe(30);
    expect(secondsUntil(1_000, 1_005_000)).toBe(0);
    expect(secondsUntil(null, 0)).toBe(0);
    expect(isMilestone(30)).toBe(true);
    expect(isMilestone(29)).toBe(false);
    expect(isMilestone(0)).toBe(true);
  });
});
