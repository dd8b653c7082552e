// The code field's rule for when a code is complete. Folding what was typed (separators,
// other scripts' digits) is the app's one normaliser, `commands.normalizeCode`.

/** Whether a normalised code is complete: six ASCII digits, or ten (the service sends longer
 * codes to an account that someone else has been guessing at). */
export function isCompleteCode(code: string): boolean {
  return /^(\d{6}|\d{10})$/.test(code);
}
