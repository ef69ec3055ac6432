// Shared browser setup for the e2e tests: Debian's Chromium through
// playwright-core, with the flags that keep it off the closed network.
import { chromium } from "playwright-core";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const base = process.env.HELHED_URL;
export const shots = process.env.SCREENSHOT_DIR;

// options: extra context options, e.g. { javaScriptEnabled: false }.
export async function launch(options = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), "helhed-chromium-"));
  return chromium.launchPersistentContext(userDataDir, {
    ...options,
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
    viewport: { width: 1280, height: 900 },
    locale: "da-DK",
  });
}

// Opens a page that records console errors (CSP violations land there)
// and uncaught exceptions, so every test can assert a clean page.
export async function openPage(ctx, path, viewport) {
  const page = await ctx.newPage();
  if (viewport) await page.setViewportSize(viewport);
  page.problems = [];
  // Console errors (CSP violations land there), except the browser's note on
  // an HTTP error status, which the tests check themselves.
  page.on("console", (m) => {
    if (m.type() === "error" && !/^Failed to load resource: the server responded with a status of/.test(m.text()))
      page.problems.push(m.text());
  });
  page.on("pageerror", (e) => page.problems.push(String(e)));
  const resp = await page.goto(base + path);
  page.status = resp.status();
  return page;
}

export async function shot(page, name) {
  await page.screenshot({ path: join(shots, name + ".png"), fullPage: true });
}
