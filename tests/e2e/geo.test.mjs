// Browser tests of the Danish shell and the region/municipality pages.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, shot } from "./browser.mjs";

let ctx;
before(async () => { ctx = await launch(); });
after(async () => { await ctx?.close(); });

test("front page: Danish shell, demo banner, five regions", async () => {
  const page = await openPage(ctx, "/");
  assert.equal(page.status, 200);
  assert.equal(await page.getAttribute("html", "lang"), "da");
  assert.match(await page.title(), /Helhed/);
  assert.match(await page.textContent(".demo-banner"), /Demodata — fiktive tal/);
  assert.equal(await page.locator(".cards .card").count(), 5);
  assert.match(await page.textContent(".stats"), /98\s*kommuner/);
  // The skip link is the first stop for keyboard users and moves focus to main.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => location.hash), "#indhold");
  assert.deepEqual(page.problems, []);
  await shot(page, "forside");
});

test("municipalities: grouped by region, live search, CSV link", async () => {
  const page = await openPage(ctx, "/kommuner");
  assert.equal(page.status, 200);
  assert.equal(await page.locator(".region-group").count(), 5);
  assert.equal(await page.locator("#kommuneliste li[data-name]").count(), 99);
  await page.fill("#q", "KØ");
  await page.waitForFunction(() => !document.getElementById("antal").textContent.startsWith("99 "));
  const visible = await page.locator("#kommuneliste li[data-name]:not([hidden]) .name").allTextContents();
  // Case-insensitive over æøå: every name shown contains "kø", and the two known ones are there.
  assert.ok(visible.length >= 2 && visible.every((n) => n.toLocaleLowerCase("da").includes("kø")), visible.join());
  assert.ok(visible.includes("København") && visible.includes("Køge"));
  assert.equal(await page.textContent("#antal"), `${visible.length} kommuner vist`);
  // Regions left without a match are hidden.
  assert.ok(await page.locator(".region-group[hidden]").count() >= 1);
  assert.deepEqual(page.problems, []);
  await shot(page, "kommuner-soegning");
});

test("municipalities: search works without JavaScript (server-side filter)", async () => {
  const page = await openPage(ctx, "/kommuner?q=aarhus");
  const names = await page.locator("#kommuneliste li[data-name] .name").allTextContents();
  assert.deepEqual(names, ["Aarhus"]);
  assert.match(await page.textContent("#antal"), /^1 kommune vist/);
});

test("municipality page at 375 px: facts, region link, no sideways scrolling", async () => {
  const page = await openPage(ctx, "/kommuner/0101", { width: 375, height: 812 });
  assert.equal(page.status, 200);
  assert.equal(await page.textContent("h1"), "København");
  assert.match(await page.textContent(".facts"), /0101/);
  assert.equal(await page.getAttribute(".facts a", "href"), "/regioner/1084");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
  assert.deepEqual(page.problems, []);
  await shot(page, "kommune-0101-375px");
});

test("unknown municipality: Danish 404 page", async () => {
  const page = await openPage(ctx, "/kommuner/9999");
  assert.equal(page.status, 404);
  assert.equal(await page.textContent("h1"), "Siden findes ikke");
  assert.match(await page.textContent("main"), /ingen kommune med kode »9999«/);
  await shot(page, "fejl-404");
});
