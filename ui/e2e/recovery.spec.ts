// The forgot-password journey in Chromium, through the app's own command code and the real
// recovery service: English and Arabic, the weak-password case, keyboard only, the throttle.
import type { Page } from "@playwright/test";
import { codeFromInbox, DEMO, expect, expectAccessible, NEW_PASSWORD, test } from "./bridge";

async function passRobotCheck(page: Page) {
  await page.locator("#robot").check();
  await expect(page.locator(".robot.done")).toBeVisible({ timeout: 60_000 });
}

async function startRecovery(page: Page, identifier: string) {
  await page.locator("#identifier").fill(identifier);
  await passRobotCheck(page);
  await submit(page);
}

/** The recovery step's own form (the connection settings have a form of their own). */
function submit(page: Page) {
  return page.locator("section form button[type=submit]").click();
}

function alert(page: Page) {
  return page.locator(".error-summary[role=alert]");
}

test("a whole recovery by SMS in English, a weak password refused, then signed in", async ({ app: page }) => {
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeFocused();
  await expectAccessible(page, "sign in");

  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveTitle("Find your account — step 1 of 5 — Regain");
  await expect(page.getByRole("heading", { name: "Find your account" })).toBeFocused();
  await expectAccessible(page, "find your account");

  // Continuing without the robot check: the summary takes focus and links to the checkbox.
  await page.locator("#identifier").fill(DEMO.email);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(alert(page)).toBeFocused();
  await expectAccessible(page, "find your account with an error");
  await passRobotCheck(page);
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page).toHaveTitle("Choose where to get a code — step 2 of 5 — Regain");
  const sms = page.getByRole("button", { name: /^Text message to / });
  await expect(sms).toContainText("•");
  await expectAccessible(page, "choose where to get a code");
  await sms.click();

  await expect(page).toHaveTitle("Enter the code — step 3 of 5 — Regain");
  await expect(page.getByRole("timer")).toContainText("You can ask for a new code in");
  await expectAccessible(page, "enter the code");
  const code = await codeFromInbox(page, DEMO.phone);
  // Pasted with a space, as codes often are.
  await page.getByLabel("6-digit code").fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await expect(page.getByLabel("6-digit code")).toHaveValue(code);
  await page.getByRole("button", { name: "Verify" }).click();

  await expect(page).toHaveTitle("Choose a new password — step 4 of 5 — Regain");
  const field = page.getByLabel("New password", { exact: true });
  await expect(field).toHaveAttribute("autocomplete", "new-password");
  await field.fill("short one");
  const guidance = page.locator("#strength");
  await expect(guidance).toContainText("Can't use this yet: It is shorter than 15 characters.");
  // Personal words score well with a guesser, but a blocked password never reads as strong.
  await field.fill("alexdemo1990");
  await expect(guidance).toContainText(/Strength: (very )?weak/);
  await expect(guidance).not.toContainText("strong");
  await field.fill("short one");
  await expect(guidance).toContainText("It is shorter than 15 characters.");
  await expectAccessible(page, "choose a new password, weak");
  await page.getByLabel("Type it again").fill("short one");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(alert(page)).toBeFocused();
  await expect(alert(page)).toContainText("Choose a stronger password.");
  await expect(alert(page)).toContainText("It is shorter than 15 characters.");

  await field.fill(NEW_PASSWORD);
  await expect(guidance).toContainText("This password can be used.");
  await page.getByLabel("Type it again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveTitle("Your password was changed — step 5 of 5 — Regain");
  await expect(page.getByText("Turn on two-step verification.")).toBeVisible();
  await expectAccessible(page, "done");

  // The old password no longer works; the new one does.
  await page.getByRole("button", { name: "Sign in" }).click();
  await signIn(page, DEMO.email, DEMO.password);
  await expect(alert(page)).toContainText("don't match");
  await signIn(page, DEMO.email, NEW_PASSWORD);
  await expect(page.getByRole("heading", { name: "Your account" })).toBeFocused();
  await expect(page.locator("#contacts")).toContainText("•");
  await expect(page.locator("main")).not.toContainText(DEMO.email);
  await expect(page.locator("#checkup")).toContainText("Score:");
  await expectAccessible(page, "your account");
  await page.locator("#sign-out").click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

async function signIn(page: Page, identifier: string, password: string) {
  await page.locator("#signin-identifier").fill(identifier);
  await page.locator("#signin-password").fill(password);
  await submit(page);
}

test.describe("in Arabic", () => {
  test.use({ locale: "ar" });

  test("the whole recovery by email, right to left", async ({ app: page }) => {
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.locator("html")).toHaveAttribute("lang", "ar");
    await expectAccessible(page, "sign in (Arabic)");
    await page.getByRole("link", { name: "هل نسيت كلمة المرور؟" }).click();
    await expect(page.getByRole("heading", { name: "ابحث عن حسابك" })).toBeFocused();
    // An email typed into a right-to-left form still reads left to right.
    await startRecovery(page, DEMO.email);
    const email = page.locator("button.choice").filter({ hasText: "@" });
    // Isolated left to right (U+2066 … U+2069) inside the Arabic sentence.
    await expect(email).toContainText("\u2066");
    await expectAccessible(page, "choose (Arabic)");
    await email.click();

    const code = await codeFromInbox(page, DEMO.email);
    await expect(page.locator("#code")).toHaveAttribute("dir", "ltr");
    // Typed in Arabic-Indic digits: folded to the code.
    const arabic = [...code].map((d) => String.fromCharCode(0x0660 + Number(d))).join("");
    await page.locator("#code").fill(arabic);
    await expect(page.locator("#code")).toHaveValue(code);
    await expectAccessible(page, "enter the code (Arabic)");
    await submit(page);

    await page.locator("#new-password").fill(NEW_PASSWORD);
    await page.locator("#confirm-password").fill(NEW_PASSWORD);
    await expect(page.locator("#strength meter")).toBeAttached();
    await expectAccessible(page, "choose a new password (Arabic)");
    await submit(page);
    await expect(page.getByRole("heading", { level: 2 })).toHaveText("تم تغيير كلمة المرور");
    await expectAccessible(page, "done (Arabic)");

    // The layout really is mirrored: the heading starts at the right edge of the card.
    const card = await page.locator("main.card").boundingBox();
    const heading = await page.getByRole("heading", { level: 2 }).boundingBox();
    expect(card && heading).toBeTruthy();
    expect(card!.x + card!.width - (heading!.x + heading!.width)).toBeLessThan(64);
  });
});

test("keyboard only: recover and sign in without a pointer", async ({ app: page, request }) => {
  /** Presses Tab until `selector` has focus; fails if it is not reachable. */
  async function tabTo(selector: string) {
    for (let i = 0; i < 40; i++) {
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      await page.keyboard.press("Tab");
    }
    throw new Error(`${selector} cannot be reached with Tab`);
  }

  await tabTo("a[href='#recover']");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Find your account" })).toBeFocused();
  await tabTo("#identifier");
  await page.keyboard.type(DEMO.email);
  await tabTo("#robot");
  await page.keyboard.press("Space");
  await expect(page.locator(".robot.done")).toBeVisible({ timeout: 60_000 });
  // The checkbox keeps focus while it works, so the next Tab goes on from there.
  await expect(page.locator("#robot")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Continue" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { name: "Choose where to get a code" })).toBeFocused();
  await tabTo("button.choice");
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { name: "Enter the code" })).toBeFocused();
  // The person reads the code off their mailbox: here, the capture channel behind the dev inbox.
  let code = "";
  await expect(async () => {
    const inbox = await (await request.post("/__bridge/invoke/dev_inbox", { data: {} })).json();
    // The first choice is the email; the newest message is that code.
    code = /\d{6}/.exec(inbox.ok.messages[0]?.body ?? "")?.[0] ?? "";
    expect(code).not.toBe("");
  }).toPass({ timeout: 20_000 });
  await tabTo("#code");
  await page.keyboard.type(code);
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeFocused();
  await tabTo("#new-password");
  await page.keyboard.type(NEW_PASSWORD);
  await tabTo("#confirm-password");
  await page.keyboard.type(NEW_PASSWORD);
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { name: "Your password was changed" })).toBeFocused();
  await tabTo("main button.primary");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeFocused();
  await tabTo("#signin-identifier");
  await page.keyboard.type(DEMO.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(NEW_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Your account" })).toBeFocused();
});

test("too many wrong codes: the flow locks, then recovery of the account pauses with when to try again", async ({ app: page }) => {
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  let sent = 0;
  for (let round = 1; round <= 2; round++) {
    await startRecovery(page, DEMO.email);
    await page.getByRole("button", { name: /^Text message to / }).click();
    const code = await codeFromInbox(page, DEMO.phone, sent);
    sent += 1;
    const wrong = code === "000000" ? "111111" : "000000";
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByLabel("6-digit code").fill(wrong);
      await page.getByRole("button", { name: "Verify" }).click();
      await expect(alert(page)).toBeFocused();
      const left = 5 - attempt;
      if (left > 0) await expect(page.locator("#code-attempts")).toHaveText(`${left} ${left === 1 ? "try" : "tries"} left.`);
    }
    // Locked: back at the start, told why (the summary keeps focus).
    await expect(page.getByRole("heading", { name: "Find your account" })).toBeVisible();
    await expect(alert(page)).toContainText("Too many wrong tries.");
  }
  // Ten failed proofs in a day pause recovery of this account, even in a new flow: no third
  // code is sent, and the person is told when to try again.
  await startRecovery(page, DEMO.email);
  await page.getByRole("button", { name: /^Text message to / }).click();
  await expect(alert(page)).toBeFocused();
  await expect(alert(page)).toContainText("Too many attempts.");
  await expect(alert(page)).toContainText(/Try again in 2[34] h\./);
  await expectAccessible(page, "throttled");
});

test("switching language keeps what was typed, and the choice is remembered", async ({ app: page }) => {
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.locator("#identifier").fill(DEMO.phone);
  await page.getByLabel("Language").selectOption("es-419");
  await expect(page.locator("html")).toHaveAttribute("lang", "es-419");
  await expect(page.getByRole("heading", { level: 2 })).not.toHaveText("Find your account");
  await expect(page.locator("#identifier")).toHaveValue(/^\+1 201 555 0123$/);
  await page.reload();
  await expect(page.locator("body[data-ready=true]")).toBeAttached();
  await expect(page.locator("html")).toHaveAttribute("lang", "es-419");
  await expect(page.locator("#language")).toHaveValue("es-419");
});
