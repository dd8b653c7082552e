// The UI's languages: one catalog file each in messages/, named by its BCP 47 tag; adding a
// language is adding its file (its name in the menu is its own name for itself, its direction
// its script's). English is bundled, the others load when chosen. A catalog is typed against
// the English one, so a missing key fails the type check; a message with a count is a set of
// CLDR plural forms, chosen by `Intl.PluralRules` (messages.test.ts checks every catalog has
// every form its language needs).
import { en, type MessageKey, type Messages, type Plural } from "./messages/en";
import { PSEUDO, pseudoLocalize } from "./pseudo";

/** A language tag the UI speaks: one of LOCALES' (or the pseudo-locale). */
export type Locale = string;

const loaders = import.meta.glob<{ default: Messages }>("./messages/*.ts", { eager: false });

/** Scripts written right to left (ISO 15924), for a tag's likely script. */
const RTL_SCRIPTS: ReadonlySet<string> = new Set(["Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg"]);

/** A language's name for itself, as a menu shows it ("Deutsch", "اردو"). */
function autonym(tag: string): string {
  const name = new Intl.DisplayNames([tag], { type: "language" }).of(tag) ?? tag;
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
}

/** Every language there is a catalog for: English first, then by tag. */
export const LOCALES: readonly { tag: Locale; name: string }[] = Object.keys(loaders)
  .map((path) => path.slice("./messages/".length, -".ts".length))
  .sort((a, b) => (a === "en" ? -1 : b === "en" ? 1 : a.localeCompare(b)))
  .map((tag) => ({ tag, name: autonym(tag) }));

let catalog = $state<Messages>(en);
let current = $state<Locale>("en");

export function isLocale(value: unknown): value is Locale {
  return LOCALES.some((l) => l.tag === value);
}

function likely(tag: string): Intl.Locale | null {
  try {
    return new Intl.Locale(tag).maximize();
  } catch {
    return null;
  }
}

/** Each catalog's tag with its likely subtags (`es-419` → `es-Latn-419`), for matching. */
const OFFERED = LOCALES.map(({ tag }) => ({ tag, likely: likely(tag) }));

/** Whether `tag` is written right to left. */
export function isRtl(tag: string): boolean {
  return RTL_SCRIPTS.has(likely(tag)?.script ?? "");
}

/** The best of our languages for a list of BCP 47 preferences (`navigator.languages`): the
 *  same tag, or else the same language in the same script (so `es-MX` finds `es-419` and
 *  `pt-PT` finds `pt-BR`, but `zh-TW`, in Traditional characters, does not find `zh-CN`),
 *  preferring the same region; the server's catalogs are chosen the same way. */
export function negotiate(preferences: readonly string[]): Locale {
  for (const preference of preferences) {
    if (preference === PSEUDO) return PSEUDO;
    const exact = LOCALES.find((l) => l.tag.toLowerCase() === preference.toLowerCase());
    if (exact) return exact.tag;
    const wanted = likely(preference);
    if (!wanted) continue;
    const candidates = OFFERED.filter(
      ({ likely: offered }) => offered?.language === wanted.language && offered.script === wanted.script,
    );
    const best = candidates.find(({ likely: offered }) => offered?.region === wanted.region) ?? candidates[0];
    if (best) return best.tag;
  }
  return "en";
}

export const i18n = {
  get locale(): Locale {
    return current;
  },
  get dir(): "ltr" | "rtl" {
    return isRtl(current) ? "rtl" : "ltr";
  },
  async set(locale: Locale): Promise<void> {
    if (locale === "en") {
      catalog = en;
    } else if (locale === PSEUDO) {
      catalog = pseudoLocalize(en);
    } else {
      const load = loaders[`./messages/${locale}.ts`];
      if (!load) return this.set("en");
      catalog = (await load()).default;
    }
    current = locale;
    document.documentElement.lang = locale;
    document.documentElement.dir = isRtl(locale) ? "rtl" : "ltr";
  },
};

/** The message `key` in the current language, with `{name}` placeholders filled in; a message
 *  with plural forms takes the form for `params.n` by the language's rules. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const message = catalog[key] ?? en[key];
  const text = typeof message === "string" ? message : pluralForm(message, Number(params.n), current);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The form of a plural message for the count `n` in `locale` (`other` when there is no
 *  count, never a form that would claim one). */
export function pluralForm(forms: Plural, n: number, locale: string): string {
  if (!Number.isFinite(n)) return forms.other;
  return forms[new Intl.PluralRules(locale).select(n)] ?? forms.other;
}

/** Whether a string names one of our message keys (for keys that come from Rust). */
export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}

/** A day in the person's language, from Unix seconds. */
export function date(unix: number): string {
  return new Date(unix * 1000).toLocaleDateString(current, { dateStyle: "medium" });
}

/** A duration for people: "45 s", "3 min". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 90) return t("common.seconds", { n: s });
  if (s < 90 * 60) return t("common.minutes", { n: Math.ceil(s / 60) });
  return t("common.hours", { n: Math.ceil(s / 3600) });
}

/** Keeps a phone number, code or email left-to-right inside any sentence (LRI … PDI). */
export function isolate(text: string): string {
  return String.fromCodePoint(0x2066) + text + String.fromCodePoint(0x2069);
}

/** Keeps a person's own words (a security question) in their own direction (FSI … PDI). */
export function isolateOwn(text: string): string {
  return String.fromCodePoint(0x2068) + text + String.fromCodePoint(0x2069);
}
