import { describe, expect, it } from "vitest";
import { isCompleteCode } from "./code";

describe("isCompleteCode", () => {
  it("takes six or ten ASCII digits, and nothing else", () => {
    expect(isCompleteCode("123456")).toBe(true);
    expect(isCompleteCode("1234567890")).toBe(true);
    expect(isCompleteCode("12345")).toBe(false);
    expect(isCompleteCode("1234567")).toBe(false);
    expect(isCompleteCode("12a456")).toBe(false);
    expect(isCompleteCode("١٢٣٤٥٦")).toBe(false);
  });

  it("takes the lengths a second factor's code has", () => {
    expect(isCompleteCode("123456", [6])).toBe(true);
    expect(isCompleteCode("1234567890", [6]), "an authenticator's code has six digits").toBe(false);
    expect(isCompleteCode("12345678901234567890", [20])).toBe(true);
    expect(isCompleteCode("1234567890123456789", [20])).toBe(false);
  });
});
