import { describe, expect, it } from "vitest";
import { en, type Plural } from "./messages/en";
import { isRtl, LOCALES, negotiate, pluralForm } from "./i18n.svelte";

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
  it("every catalog file is a language the menu offers, by its own name, English first", () => {
    expect(LOCALES.map((l) => `./messages/${l.tag}.ts`).sort()).toEqual(Object.keys(catalogs).sort());
    expect(LOCALES[0]).toEqual({ tag: "en", name: "English" });
    expect(LOCALES.length).toBeGreaterThanOrEqual(15);
    const name = (tag: string) => LOCALES.find((l) => l.tag === tag)?.name;
    expect([name("de"), name("fr"), name("ur"), name("hi"), name("pt-BR")]).toEqual([
      "Deutsch",
      "Français",
      "اردو",
      "हिन्दी",
      "Português (Brasil)",
    ]);
  });

  it("a preference finds the catalog the service finds for it (crates/i18n/tests/negotiation.json)", async () => {
    const { readFileSync } = await import("node:fs");
    const cases = JSON.parse(
      readFileSync(new URL("../../../crates/i18n/tests/negotiation.json", import.meta.url), "utf8"),
    ) as Record<string, string | null>;
    for (const [tag, expected] of Object.entries(cases).filter(([tag]) => tag !== "//")) {
      // A tag no catalog speaks falls through to the next preference.
      expect(negotiate([tag, "fr"]), tag).toBe(expected ?? "fr");
    }
  });

  it("a preference finds the catalog of its language and script", () => {
    expect(negotiate(["es-MX"])).toBe("es-419");
    expect(negotiate(["pt-PT"])).toBe("pt-BR");
    expect(negotiate(["zh"])).toBe("zh-CN");
    expect(negotiate(["zh-TW", "fr-CA"])).toBe("fr");
    expect(negotiate(["ur-PK"])).toBe("ur");
    expect(negotiate(["en-GB"])).toBe("en");
    expect(negotiate(["tlh", "not a tag"])).toBe("en");
    expect(negotiate(["en-XA"])).toBe("en-XA");
    expect([isRtl("ar"), isRtl("ur"), isRtl("hi"), isRtl("en-XA")]).toEqual([true, true, false, false]);
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

describe("the pseudo-locale", () => {
  it("accents every letter, keeps placeholders and is at least 40% longer", async () => {
    const { pseudoText, pseudoLocalize } = await import("./pseudo");
    const text = pseudoText("Try again in {time}.");
    expect(text).toContain("{time}");
    expect(text.replace("{time}", "")).not.toMatch(/[A-Za-z]/);
    expect(text.length).toBeGreaterThanOrEqual(Math.ceil("Try again in {time}.".length * 1.4));
    const all = pseudoLocalize(en);
    expect(Object.keys(all)).toEqual(Object.keys(en));
    expect(typeof all["code.attempts"]).toBe("object");
  });
});

describe("the password policy's words", () => {
  // The service's pages and the screens word each rule the same way, in every language: the
  // policy's texts in crates/i18n/locales/<tag>.ftl equal the screens' ({min} is { $min }).
  it("read the same on the screen and on the service's pages, in every language", async () => {
    const { readFileSync } = await import("node:fs");
    for (const { tag } of LOCALES) {
      const ftl = readFileSync(new URL(`../../../crates/i18n/locales/${tag}.ftl`, import.meta.url), "utf8");
      const catalog: Record<string, string | Plural> = tag === "en" ? en : catalogs[`./messages/${tag}.ts`].default;
      const server = [...ftl.matchAll(/^password-(reason|warning|suggestion|tip|breach_check|blocked)([\w-]*) = (.*)$/gm)];
      expect(server.length, `${tag}.ftl has the policy's texts`).toBeGreaterThan(30);
      for (const [, group, rest, text] of server) {
        const key = `password.${group}${rest.replaceAll("-", ".")}`;
        const screen = catalog[key];
        expect(typeof screen, `${tag}: the screens have ${key}`).toBe("string");
        expect((screen as string).replace(/\{(\w+)\}/g, "{ $$$1 }"), `${tag}: ${key}`).toBe(text);
      }
    }
  });
});
