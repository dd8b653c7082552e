import { describe, expect, it } from "vitest";
import { en, type Plural } from "./messages/en";
import { LOCALES, pluralForm } from "./i18n.svelte";

// The compiler already refuses a catalog without every key; this checks what it cannot: no
// empty text, every placeholder of the English text kept, and a message with a count given in
// every plural form the language's integers reach (CLDR, as `Intl.PluralRules` selects them).
const catalogs = import.meta.glob<{ default: Record<string, string | Plural> }>("./messages/*.ts", {
  eager: true,
});

/** The plural categories integers fall in for `tag`. */
function integerCategories(tag: string): Set<string> {
  const rules = new Intl.PluralRules(tag);
  return new Set(Array.from({ length: 1001 }, (_, n) => rules.select(n)));
}

const placeholders = (text: string) => new Set(text.match(/\{\w+\}/g) ?? []);

describe("catalogs", () => {
  it("every catalog file is a language the app offers", () => {
    const offered = new Set(LOCALES.map((l) => `./messages/${l.tag}.ts`));
    expect(Object.keys(catalogs).sort()).toEqual([...offered].sort());
  });

  for (const { tag } of LOCALES.filter((l) => l.tag !== "en")) {
    it(`${tag} has every message with its placeholders and plural forms`, () => {
      const catalog = catalogs[`./messages/${tag}.ts`].default;
      const categories = integerCategories(tag);
      for (const [key, english] of Object.entries(en) as [string, string | Plural][]) {
        const text = catalog[key];
        expect(text, `${tag} ${key}`).toBeTruthy();
        if (typeof english === "string") {
          expect(typeof text, `${tag} ${key} is a text`).toBe("string");
          for (const placeholder of placeholders(english)) {
            expect(text, `${tag} ${key} keeps ${placeholder}`).toContain(placeholder);
          }
          continue;
        }
        expect(typeof text, `${tag} ${key} has plural forms`).toBe("object");
        const forms = text as Plural;
        for (const category of categories) {
          expect(forms[category as keyof Plural], `${tag} ${key} has its "${category}" form`).toBeTruthy();
        }
        for (const placeholder of placeholders(english.other)) {
          expect(forms.other, `${tag} ${key} keeps ${placeholder}`).toContain(placeholder);
        }
        for (const form of Object.values(forms)) {
          for (const placeholder of placeholders(form)) {
            expect(placeholders(english.other), `${tag} ${key}: ${placeholder} is English's`).toContain(placeholder);
          }
        }
      }
    });
  }

  it("English has the forms its own rules use", () => {
    for (const english of Object.values(en) as (string | Plural)[]) {
      if (typeof english !== "string") expect(english.one && english.other).toBeTruthy();
    }
  });
});

describe("plural forms", () => {
  it("are chosen by the language's rules, never by English's", async () => {
    const ru = (await import("./messages/ru")).default;
    const ar = (await import("./messages/ar")).default;
    const attempts = (forms: unknown, n: number, tag: string) => pluralForm(forms as Plural, n, tag).replace("{n}", String(n));
    expect(attempts(en["code.attempts"], 1, "en")).toBe("1 try left.");
    expect(attempts(en["code.attempts"], 3, "en")).toBe("3 tries left.");
    expect(attempts(ru["code.attempts"], 1, "ru")).toBe("Осталась 1 попытка.");
    expect(attempts(ru["code.attempts"], 3, "ru")).toBe("Осталось 3 попытки.");
    expect(attempts(ru["code.attempts"], 5, "ru")).toBe("Осталось 5 попыток.");
    expect(attempts(ru["code.attempts"], 21, "ru")).toBe("Осталась 21 попытка.");
    expect(attempts(ar["common.minutes"], 2, "ar")).toBe("دقيقتين");
    expect(attempts(ar["common.minutes"], 3, "ar")).toBe("3 دقائق");
    expect(attempts(ar["common.minutes"], 11, "ar")).toBe("11 دقيقة");
  });
});
