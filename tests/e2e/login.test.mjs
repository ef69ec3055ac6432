// Browser: log in as a municipality user, see only that municipality, log out.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { base, launch, openPage, shot } from "./browser.mjs";

let ctx;
before(async () => { ctx = await launch(); });
after(async () => { await ctx?.close(); });

test("municipality user: log in, own municipality only, log out", async () => {
  const page = await openPage(ctx, "/konto");
  assert.equal(page.status, 401);
  assert.match(await page.textContent("h1"), /Log ind for at fortsætte/);
  await page.click("a.button");
  await page.waitForURL(/\/login\?next=/);
  await page.fill("#email", "kommune@helhed.example");
  await page.fill("#password", "forkert-adgangskode");
  await page.click("form.stack button[type=submit]");
  assert.match(await page.textContent(".notice-error"), /Forkert e-mail eller adgangskode/);
  await shot(page, "login-fejl");
  await page.fill("#password", "demo-kommune-helhed");
  await page.click("form.stack button[type=submit]");
  await page.waitForURL(base + "/konto");
  assert.equal(await page.textContent("h1"), "Min konto");
  const mine = await page.locator("#mine-kommuner .name").allTextContents();
  assert.deepEqual(mine, ["København"]);
  assert.match(await page.textContent(".grants"), /Kommune · 0101/);
  // Administration is neither in the menu nor reachable.
  assert.equal(await page.locator("nav .nav a[href='/admin/brugere']").count(), 0);
  assert.match(await page.textContent(".session"), /Kim Kommunesen/);
  assert.deepEqual(page.problems, []);
  await shot(page, "konto-kommune");
  const admin = await page.goto(base + "/admin/brugere");
  assert.equal(admin.status(), 404);
  await page.goto(base + "/konto");
  await page.click(".session button");
  await page.waitForURL(base + "/");
  assert.equal(await page.locator(".session a[href='/login']").count(), 1);
  const after = await page.goto(base + "/konto");
  assert.equal(after.status(), 401);
});

test("admin: users, grants and the audit log", async () => {
  await ctx.clearCookies();
  const page = await openPage(ctx, "/login");
  await page.fill("#email", "admin@helhed.example");
  await page.fill("#password", "demo-admin-helhed");
  await page.click("form.stack button[type=submit]");
  await page.waitForURL(base + "/konto");
  await page.click("nav .nav a[href='/admin/brugere']");
  assert.ok((await page.locator("table.data tbody tr").count()) >= 7);
  await page.fill("#name", "Birgitte Byrådsmedlem");
  await page.fill("#email", "birgitte@example.dk");
  await page.fill("#grant", "municipality:0147");
  await page.click("form.stack button[type=submit]");
  assert.match(await page.textContent(".notice-ok"), /Midlertidig adgangskode: [A-Za-z0-9_-]{16}/);
  await page.click("text=Birgitte Byrådsmedlem");
  assert.match(await page.textContent(".grants"), /municipality:0147/);
  await shot(page, "admin-bruger");
  await page.goto(base + "/admin/log?action=grant");
  assert.match(await page.textContent("table.data"), /birgitte@example\.dk/);
  assert.deepEqual(page.problems, []);
  await shot(page, "admin-revisionslog");
});
