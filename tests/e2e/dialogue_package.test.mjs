// Browser: the steering dialogue's documentation package. The municipality
// opens the package of the demo dialogue of organisation 101 in København
// (/styringsdialog/{dialogue}/pakke), sees the organisation, the scores, the
// department sheets with their small charts, downloads the PDF and the HTML
// with one click each; the PDF's pages are converted with pdftoppm to
// screenshots/dialog-pakke-side-N.png to be looked at. Outsiders get 404.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { base, launch, openPage, shot, shots } from "./browser.mjs";

let ctx;
before(async () => { ctx = await launch({ acceptDownloads: true }); });
after(async () => { await ctx?.close(); });

async function login(page, email, password) {
  await ctx.clearCookies();
  await page.goto(base + "/login");
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.click("form.stack button[type=submit]");
  await page.waitForURL(base + "/konto");
}

async function download(page, label, dir) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(`.report-downloads a:has-text("${label}")`)]);
  const path = join(dir, dl.suggestedFilename());
  await dl.saveAs(path);
  return path;
}

// The latest demo dialogue of 101 × 0101 through the package API.
async function findDialogue(page) {
  let best = null;
  for (let id = 1; id <= 60; id++) {
    const res = await page.request.get(`${base}/api/v1/dialogues/${id}/package?format=json`);
    if (res.status() !== 200) continue;
    const j = await res.json();
    if (j.org_no === 101 && j.municipality_code === "0101" && (!best || j.year > best.year)) best = j;
  }
  return best;
}

test("the municipality downloads a dialogue's documentation package", async () => {
  const dir = mkdtempSync(join(tmpdir(), "helhed-dlgpkg-"));
  const page = await openPage(ctx, "/login");
  await login(page, "kommune@helhed.example", "demo-kommune-helhed");
  const g = await findDialogue(page);
  assert.ok(g, "a demo dialogue of 101 × 0101");
  const url = `/styringsdialog/${g.id}/pakke`;
  const res = await page.goto(base + url);
  assert.equal(res.status(), 200);
  assert.match(await page.textContent("h1"), /Dokumentationspakke/);
  assert.equal(await page.locator(".report-downloads a[download]").count(), 2);
  assert.ok(await page.locator(".dlg-package table.rp-table").count() >= 6, "the package's tables");
  assert.ok(await page.locator(".dlg-package svg.rp-spark").count() >= 1, "the figures' small charts");
  assert.equal(await page.locator(".dlg-package h3[id^='rp-afd-']").count(), g.departments.length,
    "a sheet per department");
  assert.deepEqual(page.problems, []);
  await shot(page, "dialog-pakke");
  await page.screenshot({ path: join(shots, "dialog-pakke-top.png") }); // the first screen, to look at

  const pdf = await download(page, "PDF", dir);
  assert.equal(readFileSync(pdf).subarray(0, 5).toString(), "%PDF-");
  assert.match(pdf, new RegExp(`styringsdialog-101-0101-${g.year}\\.pdf$`));
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))[1]);
  assert.ok(pages > g.departments.length, `${pages} pages for ${g.departments.length} departments`);
  // The front pages and the first department's sheet.
  let sheet = 0;
  for (let n = 2; n <= pages && !sheet; n++)
    if (/Afdeling 101-1 ·/.test(execFileSync("pdftotext", ["-f", String(n), "-l", String(n), pdf, "-"],
      { encoding: "utf8" }))) sheet = n;
  assert.ok(sheet > 1, "the sheet of 101-1");
  const want = [...new Set([1, 2, 3, sheet, Math.min(sheet + 1, pages)])];
  for (const n of want) {
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", String(n), "-l", String(n), "-singlefile", pdf,
      join(shots, `dialog-pakke-side-${n}`)]);
    assert.ok(existsSync(join(shots, `dialog-pakke-side-${n}.png`)), `page ${n} as PNG`);
  }
  const html = readFileSync(await download(page, "HTML", dir), "utf8");
  assert.match(html, /<html lang="da">/);
  assert.match(html, /Styringsdialog · dokumentationspakke/);
});

test("the package is only for the dialogue's parties", async () => {
  const page = await openPage(ctx, "/login");
  await login(page, "kommune@helhed.example", "demo-kommune-helhed");
  const g = await findDialogue(page);
  assert.ok(g);
  // A reader (viewer) is not a party: 403 by role; nobody signed in: 401/login.
  await login(page, "laeser@helhed.example", "demo-laeser-helhed");
  const r = await page.request.get(`${base}/api/v1/dialogues/${g.id}/package`);
  assert.ok([403, 404].includes(r.status()), `viewer got ${r.status()}`);
  await ctx.clearCookies();
  const anon = await page.request.get(`${base}/api/v1/dialogues/${g.id}/package`);
  assert.equal(anon.status(), 401);
});
