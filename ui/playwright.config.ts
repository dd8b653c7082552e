import { defineConfig } from "@playwright/test";

// The built UI in Debian's Chromium (the engine of the Android and Windows webviews), its
// commands answered by the app's own Rust command code through a loopback bridge
// (src-tauri/examples/bridge.rs) against the real recovery service in local mode.
const port = Number(process.env.REGAIN_BRIDGE_PORT ?? 4317);

export default defineConfig({
  testDir: "e2e",
  // One app behind the bridge: the tests take turns, each starting from a fresh one.
  workers: 1,
  fullyParallel: false,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: "chromium",
    launchOptions: { executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" },
    viewport: { width: 480, height: 780 },
    screenshot: "only-on-failure",
    locale: "en-US",
  },
  webServer: {
    command: `cargo run --quiet --locked -p regain-app --example bridge -- --port ${port}`,
    url: `http://127.0.0.1:${port}/`,
    timeout: 900_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  },
});
