import { describe, expect, it } from "vitest";
import { en } from "./messages/en";
import { LOCALES } from "./i18n.svelte";

// The compiler already refuses a catalog without every key; this checks what it cannot: no
// empty text, and every placeholder of the English text kept.
const catalogs = import.meta.glob<{ default: Record<string, string> }>("./messages/*.ts", { eager: true });

describe("catalogs", () => {
  for (const { tag } of LOCALES.filter((l) => l.tag !== "en")) {
    it(`${tag} has every message with its placeholders`, () => {
      const catalog = catalogs[`./messages/${tag}.ts`].default;
      for (const [key, english] of Object.entries(en)) {
        const text = catalog[key];
        expect(text, `${tag} ${key}`).toBeTruthy();
        for (const placeholder of english.match(/\{\w+\}/g) ?? []) {
          expect(text, `${tag} ${key} keeps ${placeholder}`).toContain(placeholder);
        }
      }
    });
  }
});
