import { describe, expect, it } from "vitest";
import { isCompleteCode, normalizeCode } from "./code";

describe("normalizeCode", () => {
  it("drops spaces and dashes", () => {
    expect(normalizeCode(" 123 456 ")).toBe("123456");
    expect(normalizeCode("123-456")).toBe("123456");
    expect(normalizeCode("123\u00a0456")).toBe("123456");
  });
  it("folds the digits of other scripts", () => {
    expect(normalizeCode("١٢٣٤٥٦")).toBe("123456");
    expect(normalizeCode("۱۲۳۴۵۶")).toBe("123456");
    expect(normalizeCode("१२३४५६")).toBe("123456");
    expect(normalizeCode("１２３ ４５６")).toBe("123456");
  });
  it("keeps what is not a digit, so the service refuses it as typed", () => {
    expect(normalizeCode("12a456")).toBe("12a456");
    expect(isCompleteCode("12a456")).toBe(false);
    expect(isCompleteCode("123456")).toBe(true);
    expect(isCompleteCode("12345")).toBe(false);
    expect(isCompleteCode("1234567890")).toBe(true);
    expect(isCompleteCode("1234567")).toBe(false);
  });
});
