// Browser: a municipality user opens the area lists, the demo area's card
// (criteria, thresholds, what would have to change, the input row) and
// changes a criterion in the what-if to see the categories change.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { base, launch, openPage, shot } from "./browser.mjs";

let ctx;
before(async () => { ctx = await launch(); });
after(async () => { await ctx?.close(); });

test("area lists, the area card and the what-if", async () => {
  const page = await openPage(ctx, "/login");
  await page.fill("#email", "kommune@helhed.example");
  await page.fill("#password", "demo-kommune-helhed");
  await page.click("form.stack button[type=submit]");
  await page.waitForURL(base + "/konto");
  await page.click("nav .nav a[href='/lister']");
  assert.match(await page.textContent("h1"), /^Områdelister \d{4}$/);
  assert.ok(await page.locator("table.data tbody tr").count() > 0, "areas listed");
  await shot(page, "lister");

  // The demo area: a card that names its rule set and explains itself.
  await page.click("table.data a:has-text('Demoparken')");
  await page.waitForURL(/\/lister\/BO-0101-1\?year=\d{4}$/);
  assert.match(await page.textContent(".verdict"), /2021/);
  assert.ok(await page.locator("table.tests tbody tr").count() >= 10, "every test of the 2021 rules");
  assert.ok(await page.locator(".explain li").count() > 0, "explained");
  // Each number links to its input row.
  await page.click("table.tests tbody tr:first-child td.num a");
  assert.match(page.url(), /#ind-/);
  await shot(page, "omraadekort");

  // What-if: everybody in work and education takes the area off every list
  // that needs the labour criterion; high values put it on them.
  const before = (await page.textContent(".verdict h2")).trim();
  await page.fill("#w-outside_labour_pct", "10");
  await page.fill("#w-basic_education_pct", "10");
  await page.fill("#w-income_pct_of_region", "90");
  await page.fill("#w-convicted_pct", "0");
  await page.click(".whatif button[type=submit]");
  await page.waitForURL(/hvis=1/);
  const result = await page.textContent(".whatif-result");
  assert.match(result, /Med disse værdier: Ingen liste/, result);
  await page.fill("#w-outside_labour_pct", "55");
  await page.fill("#w-basic_education_pct", "70");
  await page.fill("#w-non_western_pct", "60");
  await page.fill("#w-residents", "2500");
  await page.click(".whatif button[type=submit]");
  const listed = await page.textContent(".whatif-result");
  assert.match(listed, /Parallelsamfund|Udsat/, listed);
  await shot(page, "hvad-nu-hvis");
  assert.ok(before.length > 0);

  // History across years and rule sets, and the area page links the card.
  assert.ok(await page.locator("#h-hist + .table-wrap tbody tr").count() >= 5);
  await page.goto(base + "/omraader/BO-0101-1");
  assert.equal(await page.locator(".list-summary a[href='/lister/BO-0101-1']").count(), 1);
  assert.deepEqual(page.problems, []);
});

test("early warning: the watch list, the panel on a profile, the notifications page", async () => {
  const page = await openPage(ctx, "/varsler");
  assert.match(await page.textContent("h1"), /^Tidlig varsling \d{4}$/);
  const rows = page.locator("table.data tbody tr");
  assert.ok(await rows.count() > 0, "departments on watch or alarm in København");
  assert.match(await rows.first().textContent(), /Alarm|Opmærksomhed/);
  await shot(page, "varsler");
  await rows.first().locator("a").first().click();
  await page.waitForURL(/\/afdelinger\/\d+-\d+$/);
  assert.match(await page.textContent(".warning-panel h2"), /Tidlig varsling \d{4}:/);
  assert.ok(await page.locator(".warning-panel .reasons li").count() > 0, "reasons in Danish");
  await shot(page, "afdeling-varsling");
  await page.goto(base + "/notifikationer");
  assert.equal(await page.textContent("h1"), "Notifikationer");
  assert.deepEqual(page.problems, []);
});
