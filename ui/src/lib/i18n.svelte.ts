// The UI's languages: the English catalog is bundled, the others load when chosen. A catalog
// is typed against the English one, so a missing key fails the type check; a message with a
// count is a set of CLDR plural forms, chosen by `Intl.PluralRules` (messages.test.ts checks
// every catalog has every form its language needs).
import { en, type MessageKey, type Messages, type Plural } from "./messages/en";

export type Locale = "en" | "zh-CN" | "es-419" | "hi" | "id" | "pt-BR" | "ru" | "ar";

export const LOCALES: readonly { tag: Locale; name: string }[] = [
  { tag: "en", name: "English" },
  { tag: "zh-CN", name: "简体中文" },
  { tag: "es-419", name: "Español (Latinoamérica)" },
  { tag: "hi", name: "हिन्दी" },
  { tag: "id", name: "Bahasa Indonesia" },
  { tag: "pt-BR", name: "Português (Brasil)" },
  { tag: "ru", name: "Русский" },
  { tag: "ar", name: "العربية" },
];

const RTL: ReadonlySet<Locale> = new Set(["ar"]);

const loaders = import.meta.glob<{ default: Messages }>("./messages/*.ts", { eager: false });

let catalog = $state<Messages>(en);
let current = $state<Locale>("en");

export function isLocale(value: unknown): value is Locale {
  return LOCALES.some((l) => l.tag === value);
}

/** The best of our languages for a list of BCP 47 preferences (`navigator.languages`). */
export function negotiate(preferences: readonly string[]): Locale {
  for (const preference of preferences) {
    const exact = LOCALES.find((l) => l.tag.toLowerCase() === preference.toLowerCase());
    if (exact) return exact.tag;
    const base = preference.split("-")[0].toLowerCase();
    // Traditional Chinese is not read from Simplified: those preferences fall through.
    if (/^zh-(tw|hk|mo|hant)/i.test(preference)) continue;
    if (base === "zh") return "zh-CN";
    if (base === "pt") return "pt-BR";
    if (base === "es") return "es-419";
    const byBase = LOCALES.find((l) => l.tag.split("-")[0] === base);
    if (byBase) return byBase.tag;
  }
  return "en";
}

export const i18n = {
  get locale(): Locale {
    return current;
  },
  get dir(): "ltr" | "rtl" {
    return RTL.has(current) ? "rtl" : "ltr";
  },
  async set(locale: Locale): Promise<void> {
    if (locale === "en") {
      catalog = en;
    } else {
      const load = loaders[`./messages/${locale}.ts`];
      catalog = (await load()).default;
    }
    current = locale;
    document.documentElement.lang = locale;
    document.documentElement.dir = RTL.has(locale) ? "rtl" : "ltr";
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

/** The form of a plural message for the count `n` in `locale`. */
export function pluralForm(forms: Plural, n: number, locale: string): string {
  const category = new Intl.PluralRules(locale).select(Number.isFinite(n) ? n : 0);
  return forms[category] ?? forms.other;
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
