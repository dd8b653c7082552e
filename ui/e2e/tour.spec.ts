// The visual tour: every screen of the journey in light and dark themes and in Arabic, written
// to docs/tour/ (linked from the README), with axe run on each screen as it is shown.
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { codeFromInbox, DEMO, expect, expectAccessible, NEW_PASSWORD, test } from "./bridge";

const TOUR = fileURLToPath(new URL("../../docs/tour/", import.meta.url));

const VARIANTS = [
  { name: "light", locale: "en-US", colorScheme: "light" },
  { name: "dark", locale: "en-US", colorScheme: "dark" },
  { name: "arabic", locale: "ar", colorScheme: "light" },
] as const;

for (const variant of VARIANTS) {
  test.describe(`the tour, ${variant.name}`, () => {
    test.use({ locale: variant.locale, colorScheme: variant.colorScheme });

    test(`every screen, ${variant.name}`, async ({ app: page }) => {
      let n = 0;
      async function shot(screen: string) {
        n += 1;
        // Let the focus ring and live regions settle before the picture and the audit.
        await page.waitForTimeout(200);
        await expectAccessible(page, `${screen} (${variant.name})`);
        const name = `${variant.name}-${String(n).padStart(2, "0")}-${screen}.png`;
        await page.screenshot({ path: `${TOUR}${name}`, fullPage: true, animations: "disabled", caret: "hide" });
      }

      await shot("sign-in");
      await page.locator("a[href='#recover']").click();
      await page.locator("#identifier").fill(DEMO.email);
      await shot("find-account");
      await page.locator("#robot").check();
      await expect(page.locator(".robot.done")).toBeVisible({ timeout: 60_000 });
      await shot("robot-checked");
      await page.locator("section form button[type=submit]").click();
      await expect(page.locator("button.choice").first()).toBeVisible();
      await page.locator("section details summary").click();
      await shot("choose");
      await page.locator("button.choice").first().click();
      await expect(page.getByRole("timer")).toBeVisible();
      await shot("enter-code");

      await page.locator("button[aria-controls=inbox]").click();
      await expect(page.locator("#inbox li.message").first()).toBeVisible({ timeout: 20_000 });
      await shot("dev-inbox");
      const code = await codeFromInbox(page, DEMO.email);

      await page.locator("#code").fill("000000" === code ? "111111" : "000000");
      await page.locator("section form button[type=submit]").click();
      await expect(page.locator(".error-summary")).toBeFocused();
      await shot("wrong-code");
      await page.locator("#code").fill(code);
      await page.locator("section form button[type=submit]").click();

      await page.locator("#new-password").fill("alexdemo1990");
      await expect(page.locator("#strength meter")).toBeAttached();
      await shot("weak-password");
      await page.locator("#new-password").fill(NEW_PASSWORD);
      await page.locator("#confirm-password").fill(NEW_PASSWORD);
      await expect(page.locator("#strength meter")).toHaveAttribute("value", "4");
      await shot("strong-password");
      await page.locator("section form button[type=submit]").click();
      await expect(page.locator("main button.primary")).toBeVisible();
      await shot("done");

      await page.locator("main button.primary").click();
      await signIn(page, DEMO.email, NEW_PASSWORD);
      await expect(page.locator(".facts")).toBeVisible();
      await expect(page.locator("main h3").first()).toBeVisible();
      await shot("account");
    });
  });
}

async function signIn(page: Page, identifier: string, password: string) {
  await page.locator("#signin-identifier").fill(identifier);
  await page.locator("#signin-password").fill(password);
  await page.locator("section form button[type=submit]").click();
}
