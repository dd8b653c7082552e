// The code field's rule for when a code is complete. Folding what was typed (separators,
// other scripts' digits) is the app's one normaliser, `commands.normalizeCode`.

/** Whether a normalised code is complete: all ASCII digits, of one of `lengths` (six or ten
 * for a code sent by email or SMS — the service sends longer codes to an account that someone
 * else has been guessing at —, six for an authenticator's, twenty for a recovery code). */
export function isCompleteCode(code: string, lengths: readonly number[] = [6, 10]): boolean {
  return /^\d+$/.test(code) && lengths.includes(code.length);
}
