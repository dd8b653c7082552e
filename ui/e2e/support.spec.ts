// The last resort in Chromium, through the app's own command code and the real recovery
// service: a support request with a photo, from "I can't use any of these" to the request in
// staff's queue; the form's own checks; a file that is not a picture refused; and the same
// screens right to left in Arabic, opened from sign-in's help.
import type { Page } from "@playwright/test";
import { codeFromInbox, DEMO, expect, expectAccessible, test } from "./bridge";

/** A real 1×1 PNG, as a phone's picker would hand over a photo. */
const PHOTO = {
  name: "passport.png",
  mimeType: "image/png",
  buffer: Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "base64",
  ),
};
const REACH = "me.now@example.org";

async function passRobotCheck(page: Page) {
  await page.locator("#robot").check();
  await expect(page.locator(".robot.done")).toBeVisible({ timeout: 60_000 });
}

function alert(page: Page) {
  return page.locator(".error-summary[role=alert]");
}

test("a support request with a photo, from the recovery's last step to staff's queue", async ({ app: page }) => {
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.locator("#identifier").fill(DEMO.email);
  await passRobotCheck(page);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByText("I can't use any of these").click();
  await page.getByRole("button", { name: "Ask support for help" }).click();

  await expect(page).toHaveTitle("Ask support for help — Regain");
  await expect(page.getByRole("heading", { name: "Ask support for help" })).toBeFocused();
  await expect(page.locator("#identifier")).toHaveValue(DEMO.email);
  await expectAccessible(page, "support request");

  // Sent with nothing filled in: each missing part is named, and the summary takes focus.
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(alert(page)).toBeFocused();
  await expect(alert(page)).toContainText("An email address or phone number you can use now");
  await expect(alert(page)).toContainText("Add a photo of an ID document");
  await expectAccessible(page, "support request with errors");

  await page.getByLabel("An email address or phone number you can use now").fill(REACH);
  await page.getByLabel("What happened?").fill("I lost my phone and I no longer use my old email.");
  await page.getByLabel("Photo of an ID document").setInputFiles(PHOTO);
  await page.getByLabel("IMEI or serial number of your device").fill("490154203237518");
  await passRobotCheck(page);
  await page.getByRole("button", { name: "Send the request" }).click();

  await expect(page.getByRole("heading", { name: "Confirm how we reach you" })).toBeFocused();
  await expect(page.getByText(`We sent a 6-digit code to \u2066${REACH}\u2069`)).toBeVisible();
  await expectAccessible(page, "support contact code");
  const code = await codeFromInbox(page, REACH);
  await page.getByLabel("6-digit code").fill(code);
  await page.getByRole("button", { name: "Confirm" }).click();

  await expect(page.getByRole("heading", { name: "Your request is in" })).toBeFocused();
  await expect(page.locator(".reference")).toContainText(/RG-[0-9A-Z]{4}-[0-9A-Z]{4}/);
  await expect(page.getByRole("status").filter({ hasText: "In the queue" })).toBeVisible();
  await expectAccessible(page, "support request filed");
  await page.getByRole("button", { name: "Check again" }).click();
  await expect(page.getByRole("status").filter({ hasText: "In the queue" })).toBeVisible();
});

test("a file that is only named like a photo is refused, and the form keeps what was typed", async ({ app: page }) => {
  await page.getByRole("link", { name: "Ask support for help" }).click();
  await expect(page.getByRole("heading", { name: "Ask support for help" })).toBeFocused();
  await page.locator("#identifier").fill(DEMO.email);
  await page.getByLabel("An email address or phone number you can use now").fill(REACH);
  await page.getByLabel("What happened?").fill("My phone was stolen.");
  await page.getByLabel("Photo of an ID document").setInputFiles({
    name: "id.jpg",
    mimeType: "image/jpeg",
    buffer: Buffer.from("<html><script>alert(1)</script></html>"),
  });
  await passRobotCheck(page);
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(alert(page)).toBeFocused();
  await expect(alert(page)).toContainText("That file isn't a photo or a PDF");
  await expect(page.getByLabel("What happened?")).toHaveValue("My phone was stolen.");
  await expect(page.locator("#robot")).not.toBeChecked();
});

test.describe("in Arabic", () => {
  test.use({ locale: "ar" });

  test("the support request right to left, opened from sign-in", async ({ app: page }) => {
    await page.getByRole("link", { name: "اطلب المساعدة من الدعم" }).click();
    await expect(page.getByRole("heading", { name: "طلب المساعدة من الدعم" })).toBeFocused();
    await expect(page.locator("#contact")).toHaveAttribute("dir", "ltr");
    await expectAccessible(page, "support request (Arabic)");
    await page.getByRole("button", { name: "إرسال الطلب" }).click();
    await expect(alert(page)).toBeFocused();
    await expectAccessible(page, "support request with errors (Arabic)");
  });
});
