// The visual tour: every screen of the journey in light and dark themes, in Arabic and Urdu
// (right to left), in Thai (a script that breaks lines by dictionary) and in the pseudo-locale
// (every text accented and 40% longer), with axe and the clipped-or-overflowing-text check run
// on each screen as it is shown. A test run draws it into test-results/tour/ (ignored);
// scripts/refresh-tour sets REGAIN_TOUR_DIR to redraw the committed docs/tour/.
import { fileURLToPath } from "node:url";
import type { APIRequestContext, Page } from "@playwright/test";
import { authenticatorCode, codeFromInbox, DEMO, expect, expectAccessible, NEW_PASSWORD, test } from "./bridge";

/** A picture for the proof a walk-in customer hands over: the app's own icon. */
const PROOF_PHOTO = fileURLToPath(new URL("../../src-tauri/icons/128x128@2x.png", import.meta.url));

const TOUR = `${process.env.REGAIN_TOUR_DIR ?? fileURLToPath(new URL("../test-results/tour", import.meta.url))}/`;

const VARIANTS = [
  { name: "light", locale: "en-US", colorScheme: "light" },
  { name: "dark", locale: "en-US", colorScheme: "dark" },
  { name: "arabic", locale: "ar", colorScheme: "light" },
  { name: "urdu", locale: "ur", colorScheme: "light" },
  { name: "thai", locale: "th", colorScheme: "dark" },
  { name: "pseudo", locale: "en-XA", colorScheme: "light" },
] as const;

for (const variant of VARIANTS) {
  test.describe(`the tour, ${variant.name}`, () => {
    test.use({ locale: variant.locale, colorScheme: variant.colorScheme });

    test(`every screen, ${variant.name}`, async ({ app: page, request }) => {
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

      // The owner adds two security questions from another device (the service's own API),
      // signs out here, and recovers again: the code is then one gate of two.
      await setSecurityQuestions(request, NEW_PASSWORD);
      await page.locator("#sign-out").click();
      await page.locator("a[href='#recover']").click();
      await page.locator("#identifier").fill(DEMO.email);
      await page.locator("#robot").check();
      await expect(page.locator(".robot.done")).toBeVisible({ timeout: 60_000 });
      await page.locator("section form button[type=submit]").click();
      // The phone already has the reset notice, whose link may hold six digits in a row.
      const sent = await messagesTo(page, DEMO.phone);
      await page.locator("button.choice").filter({ hasText: "+1" }).click();
      await expect(page.getByRole("timer")).toBeVisible();
      const second = await codeFromInbox(page, DEMO.phone, sent);
      await page.locator("#code").fill(second);
      await page.locator("section form button[type=submit]").click();
      await expect(page.locator("button.choice").first()).toBeVisible();
      await shot("second-gate");
      await page.locator("button.choice").last().click();
      await expect(page.locator("#answer-0")).toBeVisible();
      await shot("security-questions");
      for (const i of [0, 1]) {
        const question = await page.locator(`label[for=answer-${i}]`).innerText();
        await page.locator(`#answer-${i}`).fill(QUESTIONS.find((q) => q.question === question)!.answer);
      }
      await page.locator("section form button[type=submit]").click();
      await expect(page.locator("#new-password")).toBeVisible();
    });

    test(`the security centre, ${variant.name}`, async ({ app: page }) => {
      let n = 13;
      async function shot(screen: string) {
        n += 1;
        await page.waitForTimeout(200);
        await expectAccessible(page, `${screen} (${variant.name})`);
        const name = `${variant.name}-${String(n).padStart(2, "0")}-${screen}.png`;
        await page.screenshot({ path: `${TOUR}${name}`, fullPage: true, animations: "disabled", caret: "hide" });
      }

      await signIn(page, DEMO.email, DEMO.password);
      await expect(page.locator("#checkup")).toBeVisible();
      await shot("security-centre");
      await page.locator("#totp-start").click();
      await expect(page.locator("img.qr")).toBeVisible();
      await shot("authenticator-setup");
      const key = await page.locator("#totp-key").innerText();
      await page.locator("#totp-code").fill(authenticatorCode(key, Date.now() / 1000));
      await page.locator("#two-step form button[type=submit]").click();
      await expect(page.locator("#recovery-codes")).toBeVisible();
      await shot("recovery-codes");
      await page.locator("#two-step > section > button.primary").click();
      await page.locator("#sign-out").click();
      await signIn(page, DEMO.email, DEMO.password);
      await expect(page.locator("#second-step-code")).toBeVisible();
      await shot("second-step");
    });

    test(`the support station, ${variant.name}`, async ({ station: { page, staff }, request }) => {
      // A station's screen, not a phone's.
      await page.setViewportSize({ width: 1280, height: 800 });
      let n = 17;
      async function shot(screen: string) {
        n += 1;
        await page.waitForTimeout(200);
        await expectAccessible(page, `${screen} (${variant.name})`);
        const name = `${variant.name}-${String(n).padStart(2, "0")}-${screen}.png`;
        await page.screenshot({ path: `${TOUR}${name}`, fullPage: true, animations: "disabled", caret: "hide" });
      }
      const reach = "walk.in.now@example.org";

      await expect(page.locator("[data-kiosk=staff]")).toBeVisible();
      await shot("station-welcome");
      // A walk-in customer files a request on the spot.
      await page.locator("[data-kiosk=support]").click();
      await page.locator("#identifier").fill(DEMO.email);
      await page.locator("#contact").fill(reach);
      await page.locator("#description").fill("My phone was stolen; I am here with my passport.");
      await page.locator("#id-document").setInputFiles(PROOF_PHOTO);
      await page.locator("#robot").check();
      await expect(page.locator(".robot.done")).toBeVisible({ timeout: 60_000 });
      await page.locator("section form button[type=submit]").click();
      await page.locator("#support-code").fill(await codeFromService(request, reach));
      await page.locator("section form button[type=submit]").click();
      await expect(page.locator(".reference")).toBeVisible();
      await shot("station-request-filed");
      await endSession(page, "[data-kiosk=end]");

      // The member of staff's shift.
      await page.locator("[data-kiosk=staff]").click();
      await expect(page.locator("#staff-username")).toBeVisible();
      await shot("staff-sign-in");
      await page.locator("#staff-username").fill(staff.username);
      await page.locator("#staff-password").fill(staff.password);
      await page.locator("#staff-totp").fill(authenticatorCode(staff.totp_secret, Date.now() / 1000));
      await page.locator("section form button[type=submit]").click();
      await expect(page.locator("li[data-reference]")).toBeVisible();
      await shot("staff-queue");
      await page.locator("li[data-reference] button").click();
      await expect(page.locator("figure[data-proof='0'][data-clear=false] img")).toBeVisible();
      await shot("staff-request-blurred");
      await page.locator("[data-staff=unblur]").click();
      await expect(page.locator("figure[data-proof='0'][data-clear=true] img")).toBeVisible();
      await page.locator("#check-document_matches_name").check();
      await page.locator("#check-id_seen_in_person").check();
      await page.locator("#reason").selectOption("verified_in_person");
      await shot("staff-checklist");
      await page.locator("section form button[type=submit]").click();
      await expect(page.locator("[data-outcome=recovery_started]")).toBeVisible();
      await shot("staff-decided");
      await page.locator("main button.primary").click();
      await page.locator("[data-staff=handover-open]").click();
      await expect(page.locator("[data-staff=handover]")).toBeVisible();
      await shot("staff-hand-over");
      await endSession(page, "[data-staff=handover]");
      await page.locator("[data-kiosk=pass]").click();
      await expect(page.locator("#pass")).toBeVisible();
      await shot("station-recovery-pass");
    });
  });
}

/** Ends a station's session with the button `css`. The app reloads its webview once the Rust
 *  side is wiped; the bridge has no webview, so the page is reloaded here (the window tests
 *  prove the real reload). */
async function endSession(page: Page, css: string) {
  const ended = page.waitForResponse((r) => r.url().includes("/__bridge/invoke/end_session"));
  await page.locator(css).click();
  await ended;
  await page.reload();
  await expect(page.locator("[data-kiosk=staff]")).toBeVisible();
}

/** The code in the newest message to `to`, from the service's dev outbox (the station talks to
 *  a service of its own, whose outbox the screen does not show). */
async function codeFromService(request: APIRequestContext, to: string): Promise<string> {
  const { base_url: base } = (await (await request.get("/__bridge/service")).json()) as { base_url: string };
  let code = "";
  await expect(async () => {
    const outbox = (await (await request.get(`${base}/v1/dev/outbox`)).json()) as { messages: { to: string; body: string }[] };
    code = /\b\d{6}\b/.exec(outbox.messages.find((m) => m.to === to)?.body ?? "")?.[0] ?? "";
    expect(code).toMatch(/^\d{6}$/);
  }).toPass({ timeout: 20_000 });
  return code;
}

const QUESTIONS = [
  { question: "What was the name of your first pet?", answer: "Biscuit" },
  { question: "In what city were you born?", answer: "Porto Alegre" },
];

/** Signs in to the app's recovery service directly and sets the demo account's questions. */
async function setSecurityQuestions(request: APIRequestContext, password: string) {
  const { base_url: base } = (await (await request.get("/__bridge/service")).json()) as { base_url: string };
  const signedIn = await request.post(`${base}/v1/sessions`, { data: { identifier: DEMO.email, password } });
  expect(signedIn.status()).toBe(201);
  const { access_token: token } = (await signedIn.json()) as { access_token: string };
  const set = await request.put(`${base}/v1/me/security-questions`, {
    headers: { authorization: `Bearer ${token}` },
    data: { questions: QUESTIONS },
  });
  expect(set.status(), await set.text()).toBe(204);
}

/** How many messages to `to` the dev inbox holds now. */
async function messagesTo(page: Page, to: string): Promise<number> {
  const toggle = page.locator("button[aria-controls=inbox]");
  await toggle.click();
  const answered = page.waitForResponse((r) => r.url().includes("/__bridge/invoke/dev_inbox"));
  await page.locator("#inbox button.secondary").click();
  await answered;
  const count = await page.locator("#inbox li.message").filter({ hasText: to }).count();
  await toggle.click();
  return count;
}

async function signIn(page: Page, identifier: string, password: string) {
  await page.locator("#signin-identifier").fill(identifier);
  await page.locator("#signin-password").fill(password);
  await page.locator("section form button[type=submit]").click();
}
