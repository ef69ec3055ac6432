// Browser: an organisation user checks an upload (the preview shows the
// problems beside their rows, nothing is saved), fixes it and saves; the
// department profile shows trends beside its comparisons.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { base, launch, openPage, shot } from "./browser.mjs";

let ctx;
before(async () => { ctx = await launch(); });
after(async () => { await ctx?.close(); });

async function login(page, email, password) {
  await page.goto(base + "/login");
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.click("form.stack button[type=submit]");
  await page.waitForURL(base + "/konto");
}

test("upload preview: problems first, then save", async () => {
  const dir = mkdtempSync(join(tmpdir(), "helhed-e2e-"));
  const bad = join(dir, "tal.csv"), good = join(dir, "tal-rettet.csv");
  writeFileSync(bad, "org_no;department_no;year;key_figure;value\n101;1;2016;residents;300\n101;1;2017;beboere;12\n102;1;2017;residents;40\n");
  writeFileSync(good, "org_no;department_no;year;key_figure;value\n101;1;2016;residents;300\n101;2;2016;residents;120\n");
  const page = await openPage(ctx, "/login");
  await login(page, "boligorganisation@helhed.example", "demo-boligorg-helhed");
  await page.click("nav .nav a[href='/import']");
  await page.setInputFiles("#file-keyfigures", bad);
  await page.click("section[aria-labelledby=h-keyfigures] button[type=submit]");
  await page.waitForURL(base + "/import/keyfigures");
  assert.match(await page.textContent(".notice-error"), /2 problemer fundet/);
  const rows = await page.locator("table.problems tbody tr").allTextContents();
  assert.equal(rows.length, 2);
  assert.match(rows[0], /'beboere' er ikke et nøgletal i kataloget/);
  assert.match(rows[1], /afdeling 102-1 findes ikke blandt de afdelinger, du kan indlæse tal for/);
  assert.equal(await page.locator("table.preview tr.bad").count(), 2);
  assert.equal(await page.locator("button:has-text('Gem i Helhed')").count(), 0);
  await shot(page, "import-fejl");
  await page.goto(base + "/import");
  await page.setInputFiles("#file-keyfigures", good);
  await page.click("section[aria-labelledby=h-keyfigures] button[type=submit]");
  assert.match(await page.textContent(".notice-ok"), /Filen er i orden: \d+ værdier er nye eller ændrede/);
  await shot(page, "import-klar");
  await page.click("button:has-text('Gem i Helhed')");
  assert.equal(await page.textContent("h1"), "Importen er gemt");
  assert.deepEqual(page.problems, []);
});

test("department profile with trends and comparisons", async () => {
  const page = await openPage(ctx, "/afdelinger/101-1");
  assert.match(await page.textContent("h1"), /afdeling 101-1/);
  const heads = await page.locator("section.link h2").allTextContents();
  assert.ok(heads.includes("Sociale udfordringer"), heads.join());
  const th = await page.locator("section.link table thead").first().textContent();
  for (const cmp of ["København Kommune", "Region Hovedstaden", "Hele landet", "Sammenlignelige afdelinger"]) {
    assert.ok(th.includes(cmp), `${cmp} in ${th}`);
  }
  await page.locator("details.charts summary").first().click();
  assert.ok(await page.locator("details.charts svg").count() > 0);
  assert.deepEqual(page.problems, []);
  await shot(page, "afdeling-profil");
  const csv = await page.request.get(base + "/afdelinger/101-1?format=csv");
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()["content-type"], /text\/csv/);
  assert.match(await csv.text(), /Nøgletal;År;/);
  const org = await openPage(ctx, "/organisationer/101");
  assert.ok(await org.locator("svg").count() > 0, "bars per department");
  await shot(org, "organisation");
  const kf = await openPage(ctx, "/noegletal/outside_labour_share");
  assert.match(await kf.textContent("h1"), /uden for arbejdsmarked/);
  await shot(kf, "noegletal-rang");
});
