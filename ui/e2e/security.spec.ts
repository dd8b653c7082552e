// The security centre in the built UI through the app's real commands: two-step verification
// set up from the key on screen (the code computed here, as an authenticator app would), the
// recovery codes shown once, sign-in in two steps, a contact replaced by its code, and the
// checkup's score rising. axe on each screen.
import type { Page } from "@playwright/test";
import { authenticatorCode, codeFromInbox, DEMO, expect, expectAccessible, test } from "./bridge";

test("two-step verification set up from the screen, then sign-in in two steps", async ({ app: page }) => {
  // RFC 6238's own vector, so that this authenticator is the standard's.
  expect(authenticatorCode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 59)).toBe("287082");
  await signIn(page);
  const before = Number((await page.locator("#checkup").innerText()).match(/(\d+) out of 100/)?.[1]);
  await expect(page.locator("[data-kind=second_factor]")).toContainText("Turn on two-step verification");
  await page.locator("#totp-start").click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  await expectAccessible(page, "authenticator set-up");
  const key = await page.locator("#totp-key").innerText();
  await page.locator("#totp-code").fill(authenticatorCode(key, Date.now() / 1000));
  await page.getByRole("button", { name: "Turn on", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Your recovery codes" })).toBeFocused();
  const codes = await page.locator("#recovery-codes li").allInnerTexts();
  expect(codes).toHaveLength(10);
  for (const code of codes) expect(code).toMatch(/^\d{4}(-\d{4}){4}$/);
  await expectAccessible(page, "recovery codes");
  await page.getByRole("button", { name: "I've kept them" }).click();
  await expect(page.locator("#two-step")).toContainText("Recovery codes left: 10");
  await expect(page.locator("[data-kind=second_factor]")).toContainText("Two-step verification is on.");
  const after = Number((await page.locator("#checkup").innerText()).match(/(\d+) out of 100/)?.[1]);
  expect(after).toBeGreaterThan(before);

  await page.locator("#sign-out").click();
  await signIn(page, false);
  await expect(page.getByRole("heading", { name: "Two-step verification" })).toBeFocused();
  await expectAccessible(page, "second step");
  await page.locator("#second-step-code").fill("000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator(".error-summary")).toContainText("That code isn't right.");
  // The next step's code: the set-up used this one, and a code works once.
  await page.locator("#second-step-code").fill(authenticatorCode(key, Date.now() / 1000 + 30));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeFocused();

  // A recovery code works too, once.
  await page.locator("#sign-out").click();
  await signIn(page, false);
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.locator("#second-step-code").fill(codes[0]);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#two-step")).toContainText("Recovery codes left: 9");
});

test("a new phone number replaces the old one only once its code comes back", async ({ app: page }) => {
  await signIn(page);
  await page.locator("#contact-change-phone").click();
  await page.locator("#contact-value").fill("+1 201 555 0188");
  await page.getByRole("button", { name: "Send a code" }).click();
  await expect(page.locator("#contacts")).toContainText("We sent a code to");
  await expect(page.locator("#contacts")).toContainText("+1 ••• •••• 23");
  await expectAccessible(page, "a contact waiting for its code");
  const code = await codeFromInbox(page, "+12015550188");
  await page.locator("#contact-code-phone").fill(code);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.locator("#contacts")).toContainText("+1 ••• •••• 88");
  await expect(page.locator("#contacts")).not.toContainText("We sent a code to");
});

async function signIn(page: Page, expectHome = true) {
  await page.locator("#signin-identifier").fill(DEMO.email);
  await page.locator("#signin-password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (expectHome) await expect(page.locator("#checkup")).toBeVisible();
}
