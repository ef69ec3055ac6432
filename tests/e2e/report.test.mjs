// Browser: the yearly report to LBF. The plan staff open their plan's report
// page (year selector, audience switch, four download buttons), download the
// PDF with one click and it is converted to PNG with pdftoppm (pages 1 and 2
// land in the screenshots to be looked at); the internal version says so; a
// reader outside the team gets no switch and the external numbers even when
// asking for the internal ones.
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

test("the plan staff make the yearly report in one click", async () => {
  const dir = mkdtempSync(join(tmpdir(), "helhed-report-"));
  const page = await openPage(ctx, "/login");
  await login(page, "planmedarbejder@helhed.example", "demo-plan-helhed");
  await page.goto(base + "/planer/1");
  await page.click("nav.plan-tabs a[href='/planer/1/rapport']");
  await page.waitForURL(base + "/planer/1/rapport");
  assert.match(await page.textContent("h1"), /^Årsrapport \d{4}/);
  const year = await page.inputValue("#aar");
  assert.match(year, /^\d{4}$/);
  // The team chooses the audience; the default is the report to LBF.
  assert.ok(await page.locator("input[name=publikum][value=lbf]").isChecked());
  assert.equal(await page.locator(".report-downloads a").count(), 4);
  assert.ok(await page.locator(".lbf-report table.rp-table").count() >= 8, "the report's tables");
  assert.ok(await page.locator(".lbf-report svg.rp-chart").count() === 1, "the category chart");
  assert.deepEqual(page.problems, []);
  await shot(page, "rapport-side");

  // PDF with one click, looked at as PNG.
  const pdf = await download(page, "PDF", dir);
  const bytes = readFileSync(pdf);
  assert.equal(bytes.subarray(0, 5).toString(), "%PDF-");
  assert.match(pdf, new RegExp(`aarsrapport-1-${year}\\.pdf$`));
  for (const n of [1, 2]) {
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", String(n), "-l", String(n), "-singlefile", pdf,
      join(shots, `rapport-side-${n}`)]);
    assert.ok(existsSync(join(shots, `rapport-side-${n}.png`)), `page ${n} as PNG`);
  }
  // The other formats.
  const csv = readFileSync(await download(page, "CSV", dir), "utf8");
  assert.match(csv, /^\uFEFFtable;title;row;column;value\r\n/);
  const xlsx = readFileSync(await download(page, "XLSX", dir));
  assert.equal(xlsx.subarray(0, 2).toString(), "PK");
  const html = readFileSync(await download(page, "HTML", dir), "utf8");
  assert.match(html, /<html lang="da">/);

  // The internal version: every number, clearly marked.
  await page.check("input[name=publikum][value=intern]");
  await page.click("form.report-form button[type=submit]");
  await page.waitForURL(/publikum=intern/);
  assert.match(await page.textContent(".notice, .lbf-report .rp-audience"), /Internt/);
  assert.match(await page.getAttribute(".report-downloads a:has-text('PDF')", "href"), /publikum=intern$/);
  await shot(page, "rapport-side-intern");
});

test("a reader outside the team always gets the report to LBF", async () => {
  const page = await openPage(ctx, "/login");
  await login(page, "laeser@helhed.example", "demo-laeser-helhed");
  const res = await page.goto(base + "/planer/1/rapport?publikum=intern");
  assert.equal(res.status(), 200);
  assert.equal(await page.locator("input[name=publikum]").count(), 0, "no audience switch");
  assert.match(await page.textContent(".lbf-report .rp-audience"), /Til LBF/);
  assert.doesNotMatch(await page.getAttribute(".report-downloads a:has-text('PDF')", "href"), /intern/);
  const api = await page.request.get(base + "/api/v1/plans/1/report?audience=team");
  assert.equal(api.status(), 200);
  const json = await api.json();
  assert.equal(json.audience, "external");
  assert.equal(json.suppressed, true);
});
