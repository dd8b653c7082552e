// What a person types, pastes or dictates into the code field, as the service expects it:
// ASCII digits, separators dropped, any script's decimal digits folded (٣ ३ ３ → 3). The
// app's Rust command folds the same way; the field shows the folded value as it is typed.

// The zeros of Unicode's decimal-digit runs that phones and keyboards produce.
const ZEROS = [
  0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6,
  0x0d66, 0x0de6, 0x0e50, 0x0ed0, 0x0f20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0,
  0xa8d0, 0xa900, 0xa9d0, 0xaa50, 0xff10,
];

const SEPARATORS = /[\s\-‐‑–—.·]/gu;

export function foldDigit(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  for (const zero of ZEROS) {
    if (code >= zero && code < zero + 10) return String(code - zero);
  }
  return char;
}

export function normalizeCode(input: string): string {
  return Array.from(input.replace(SEPARATORS, ""), foldDigit).join("");
}

/** Whether a normalised code is complete: six ASCII digits, or ten (the service sends longer
 * codes to an account that someone else has been guessing at). */
export function isCompleteCode(code: string): boolean {
  return /^(\d{6}|\d{10})$/.test(code);
}
