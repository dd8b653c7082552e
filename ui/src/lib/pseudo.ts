// The pseudo-locale `en-XA` (as Android names it): every English message with its letters
// accented and 40% longer, in brackets, so a screen that clips, overflows or concatenates text
// shows it in English's own layout. The menu does not offer it; a system set to `en-XA`
// (Android's developer pseudo-locale, which asks for exactly this) gets it, and so does the
// tour's pseudo variant.
import type { Messages, Plural } from "./messages/en";

export const PSEUDO = "en-XA";

const ACCENTED: Record<string, string> = {
  a: "á", b: "ƀ", c: "ç", d: "ð", e: "é", f: "ƒ", g: "ĝ", h: "ĥ", i: "í", j: "ĵ", k: "ķ", l: "ļ", m: "ɱ",
  n: "ñ", o: "ó", p: "þ", q: "ǫ", r: "ŕ", s: "š", t: "ţ", u: "ú", v: "ṽ", w: "ŵ", x: "ẋ", y: "ý", z: "ž",
  A: "Å", B: "Ɓ", C: "Ç", D: "Ð", E: "É", F: "Ƒ", G: "Ĝ", H: "Ĥ", I: "Î", J: "Ĵ", K: "Ķ", L: "Ļ", M: "Ṁ",
  N: "Ñ", O: "Ö", P: "Þ", Q: "Ǫ", R: "Ŕ", S: "Š", T: "Ţ", U: "Û", V: "Ṽ", W: "Ŵ", X: "Ẋ", Y: "Ý", Z: "Ž",
};

/** One text, pseudo-localised: placeholders (`{name}`) kept as they are. */
export function pseudoText(text: string): string {
  const accented = text
    .split(/(\{\w+\})/)
    .map((part) => (/^\{\w+\}$/.test(part) ? part : [...part].map((c) => ACCENTED[c] ?? c).join("")))
    .join("");
  // 40% longer, in words of up to five letters, so it wraps where real text would.
  const extra = Math.ceil(text.length * 0.4);
  const filler = Array.from({ length: Math.ceil(extra / 6) }, (_, i) =>
    "ŵóŕðš".slice(0, Math.min(5, extra - i * 6)),
  ).filter(Boolean);
  return `⟦${accented}${filler.length ? " " + filler.join(" ") : ""}⟧`;
}

/** Every message of `source`, pseudo-localised (each plural form too). */
export function pseudoLocalize(source: Messages): Messages {
  const out: Record<string, string | Plural> = {};
  for (const [key, message] of Object.entries(source) as [string, string | Plural][]) {
    out[key] =
      typeof message === "string"
        ? pseudoText(message)
        : (Object.fromEntries(Object.entries(message).map(([form, text]) => [form, pseudoText(text)])) as Plural);
  }
  return out as Messages;
}
