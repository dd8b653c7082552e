// The test harness around the built UI: Tauri's IPC replaced by the loopback bridge, a fresh
// app per test, and helpers that act as a person would (the dev inbox for the code).
import { createHmac } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Page } from "@playwright/test";

/** Installed before the UI's own scripts: what `@tauri-apps/api` calls, forwarded over HTTP. */
function tauriInternals(label: string) {
  const callbacks = new Map<number, (payload: unknown) => void>();
  let next = 1;
  const internals = {
    metadata: {
      currentWindow: { label },
      currentWebview: { windowLabel: label, label },
    },
    transformCallback(callback?: (payload: unknown) => void, once = false) {
      const id = next++;
      callbacks.set(id, (payload) => {
        if (once) callbacks.delete(id);
        callback?.(payload);
      });
      return id;
    },
    unregisterCallback(id: number) {
      callbacks.delete(id);
    },
    convertFileSrc(path: string) {
      return path;
    },
    async invoke(cmd: string, args: Record<string, unknown> = {}) {
      const response = await fetch(`/__bridge/invoke/${encodeURIComponent(cmd)}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        // Channels serialise themselves as `__CHANNEL__:id`, as over the real IPC.
        body: JSON.stringify(args),
      });
      const answer = (await response.json()) as { ok?: unknown; err?: unknown };
      if ("err" in answer) throw answer.err;
      return answer.ok;
    },
  };
  Object.assign(window, {
    __TAURI_INTERNALS__: internals,
    __TAURI_EVENT_PLUGIN_INTERNALS__: { unregisterListener() {} },
  });
}

export const DEMO = {
  email: "demo@example.com",
  phone: "+12015550123",
  password: "maple otter lantern 47",
};
export const NEW_PASSWORD = "quiet heron builds copper kites";

/** A member of staff at the bridge's staffed kiosk: their sign-in and authenticator key. */
export type StaffMember = { username: string; password: string; totp_secret: string };

export const test = base.extend<{ app: Page; station: { page: Page; staff: StaffMember } }>({
  app: async ({ page, request }, use) => {
    expect((await request.post("/__bridge/reset")).status()).toBe(204);
    await page.addInitScript(tauriInternals, "main");
    await page.goto("/");
    await expect(page.locator("body[data-ready=true]")).toBeAttached();
    await use(page);
  },
  /** A staffed kiosk support station, in its kiosk window, against a service of its own. */
  station: async ({ page, request }, use) => {
    expect((await request.post("/__bridge/reset?station=staffed")).status()).toBe(204);
    const staff = (await (await request.get("/__bridge/staff")).json()) as StaffMember;
    await page.addInitScript(tauriInternals, "kiosk");
    await page.goto("/");
    await expect(page.locator("body[data-ready=true]")).toBeAttached();
    await use({ page, staff });
  },
});
export { expect };

/** No WCAG 2.0–2.2 A or AA violation on what the page shows now, and no text clipped or
 *  overflowing its box or the window. */
export async function expectAccessible(page: Page, screen: string) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"])
    .analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(found, `accessibility violations on ${screen}`).toEqual([]);
  expect(await overflowing(page), `text clipped or overflowing on ${screen}`).toEqual([]);
}

/** The shown elements whose content spills out of their box (a word wider than its button, a
 *  label cut by `overflow: hidden`) or past the window's edge. Scroll containers are meant to
 *  scroll, so they are left out. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.classList.length ? `.${[...el.classList].join(".")}` : ""} “${(el.textContent ?? "").trim().slice(0, 40)}”`;
    const problems: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>("body *")) {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (style.display === "none" || style.visibility === "hidden" || box.width === 0 || box.height === 0) continue;
      if (el.closest("[aria-hidden=true], .visually-hidden, .sr-only")) continue;
      const scrolls = (o: string) => o === "auto" || o === "scroll";
      if (scrolls(style.overflowX) || scrolls(style.overflowY) || el.closest("pre, textarea")) continue;
      if (box.right > width + 1 || box.left < -1) problems.push(`${name(el)} runs past the window`);
      else if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
        problems.push(`${name(el)} is wider than its box (${el.scrollWidth} > ${el.clientWidth})`);
      else if (style.overflowY !== "visible" && el.clientHeight > 0 && el.scrollHeight > el.clientHeight + 1)
        problems.push(`${name(el)} is cut at the bottom`);
    }
    return problems;
  });
}

/** The newest code sent to `to`, read from the dev inbox panel as a demo user would. */
export async function codeFromInbox(page: Page, to: string, after = 0): Promise<string> {
  const toggle = page.locator("button[aria-controls=inbox]");
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  const inbox = page.locator("#inbox");
  const refresh = inbox.locator("button.secondary");
  let code = "";
  await expect(async () => {
    await refresh.click();
    const messages = inbox.locator("li.message").filter({ hasText: to });
    const count = await messages.count();
    expect(count).toBeGreaterThan(after);
    // Newest first, as the service lists them.
    const body = await messages.first().locator("pre").innerText();
    code = /\d{6}/.exec(body)?.[0] ?? "";
    expect(code).toMatch(/^\d{6}$/);
  }).toPass({ timeout: 20_000 });
  await toggle.click();
  return code;
}

/** An authenticator app, as the test's own (RFC 6238: HMAC-SHA-1, 30 s, six digits), fed the
 * key the screen shows. Written from the RFC, not taken from the app. */
export function authenticatorCode(key: string, unixSeconds: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let held = 0;
  const bytes: number[] = [];
  for (const c of key.replace(/\s/g, "").toUpperCase()) {
    bits = (bits << 5) | alphabet.indexOf(c);
    held += 5;
    if (held >= 8) {
      held -= 8;
      bytes.push((bits >> held) & 0xff);
    }
  }
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const hash = createHmac("sha1", Buffer.from(bytes)).update(counter).digest();
  const offset = hash[19] & 0x0f;
  const binary = hash.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, "0");
}
