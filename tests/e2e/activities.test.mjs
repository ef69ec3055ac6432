// Browser: the plan staff's daily tool. As planmedarbejder (plan_staff:1):
// create an activity on plan 1 (a refused form keeps what was typed),
// register a session on a 375 px phone with the steppers (no horizontal
// scrolling), lose the connection twice – once before the server saw the
// form, once after it saved it – and retry with the same token so the
// session is counted once; a refused registration keeps the entries; record
// involvement and see it in the portfolio heat map; log outreach, resident
// roles and a course; write a story for the report. Plan staff of plan 1
// cannot edit an activity of plan 2. Screenshots of every page on the way.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { base, launch, openPage, shot } from "./browser.mjs";

let ctx;
before(async () => { ctx = await launch(); });
after(async () => { await ctx?.close(); });

const logins = {
  planmedarbejder: "demo-plan-helhed",
  admin: "demo-admin-helhed",
};

async function login(page, who) {
  await ctx.clearCookies();
  await page.goto(base + "/login");
  await page.fill("#email", `${who}@helhed.example`);
  await page.fill("#password", logins[who]);
  await page.click("form.stack button[type=submit]");
  await page.waitForURL(base + "/konto");
}

const today = new Date().toISOString().slice(0, 10);
const year = today.slice(0, 4);
const daysAgo = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);
const stamp = Date.now().toString(36).slice(-5);
const name = `Løbeklub e2e ${stamp}`;
let activityUrl; // /planer/1/aktiviteter/N
let activityId;

async function createActivity(page, plan, title) {
  await page.goto(base + `/planer/${plan}/aktiviteter/ny`);
  await page.fill("#name", title);
  await page.fill("#description", "Fælles løbetur rundt om søen for alle niveauer.");
  await page.check("input[name=categories][value=exercise]");
  await page.check("input[name=targets][value=women]");
  await page.check("input[name=targets][value=youth]");
  await page.check("input[name=kram][value=exercise]");
  await page.check("input[name=channels][value=stairwell]");
  await page.fill("#place", "Beboerhuset");
  await page.selectOption("#responsible_kind", "resident");
  await page.fill("#responsible", "frivillig træner");
  await page.selectOption("#schedule", "weekly");
  await page.fill("#first_date", daysAgo(63)); // weekly: meets today
  await page.fill("#start_time", "17:00");
  await page.fill("#end_time", "18:00");
  await page.fill("#exceptions", "24.12." + year);
  await page.selectOption("#status", "running");
  const partners = page.locator("#partner_0 option");
  if (await partners.count() > 1) {
    await page.selectOption("#partner_0", { index: 1 });
    await page.selectOption("#partner_role_0", "delivery");
  }
  await page.click(".act-form button[type=submit]");
  await page.waitForURL(new RegExp(`/planer/${plan}/aktiviteter/\\d+\\?gemt=1`));
  return new URL(page.url()).pathname;
}

test("plan staff: an activity, a phone registration that survives a lost connection, involvement, outreach, roles", async () => {
  const page = await openPage(ctx, "/login");
  await login(page, "planmedarbejder");

  // The navigation offers registration to plan staff.
  assert.equal(await page.locator("nav .nav a[href='/registrer']").count(), 1);

  // A refused form keeps what was typed and names the field.
  await page.goto(base + "/planer/1/aktiviteter/ny");
  await page.fill("#name", "Uden kategori");
  await page.fill("#place", "Gården");
  const refused = page.waitForResponse((r) => r.request().method() === "POST");
  await page.click(".act-form button[type=submit]");
  assert.equal((await refused).status(), 422);
  await page.waitForSelector("#categories-fejl");
  assert.equal(await page.inputValue("#name"), "Uden kategori");
  assert.equal(await page.inputValue("#place"), "Gården");
  assert.match(await page.textContent("#categories-fejl"), /Kategorier/);
  await shot(page, "aktivitet-fejl");

  // A new activity on plan 1.
  activityUrl = await createActivity(page, 1, name);
  activityId = activityUrl.match(/(\d+)$/)[1];
  assert.match(await page.textContent("h1"), new RegExp(name));
  assert.match(await page.textContent(".act-facts"), /Bevægelse og motion/);
  assert.match(await page.textContent(".act-facts"), /frivillig træner/);
  assert.match(await page.textContent(".act-facts"), /Hver uge/);
  await shot(page, "aktivitet-side-ny");

  // The edit form shows what was saved.
  await page.goto(base + activityUrl + "/rediger");
  assert.equal(await page.inputValue("#name"), name);
  assert.ok(await page.locator("input[name=categories][value=exercise]").isChecked());
  assert.equal(await page.inputValue("#schedule"), "weekly");
  await shot(page, "aktivitet-rediger");

  // The list.
  await page.goto(base + "/planer/1/aktiviteter");
  assert.ok(await page.locator(`a[href='${activityUrl}']`).count() === 1);
  await shot(page, "aktivitet-liste");

  // ---- the phone ----
  const phone = await openPage(ctx, "/registrer", { width: 375, height: 812 });
  assert.equal(phone.status, 200);
  assert.equal(await phone.locator(`a.reg-item.today[href='/registrer/${activityId}']`).count(), 1,
    "the activity meeting today is listed first, under today");
  await shot(phone, "registrer-liste-375");
  await phone.click(`a.reg-item[href='/registrer/${activityId}']`);
  await phone.waitForURL(base + `/registrer/${activityId}`);
  assert.equal(await phone.inputValue("#date"), today);
  const plus = (id) => phone.click(`[data-stepper]:has(#${id}) button.plus`);
  const minus = (id) => phone.click(`[data-stepper]:has(#${id}) button.minus`);
  for (let i = 0; i < 4; i++) await plus("c_female_adult");
  await minus("c_female_adult");
  await plus("c_male_adult");
  await plus("c_male_adult");
  await plus("new_participants");
  await plus("volunteers");
  assert.equal(await phone.inputValue("#c_female_adult"), "3");
  assert.equal(await phone.textContent("#reg-sum"), "5");
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling at 375 px (overflow ${overflow})`);
  const box = await phone.locator("[data-stepper]:has(#c_female_adult) button.plus").boundingBox();
  assert.ok(box.width >= 44 && box.height >= 44, "big tap targets");
  await shot(phone, "registrer-375");
  const token = await phone.inputValue("input[name=client_token]");

  // 1. Offline: nothing reaches the server; the entries stay.
  await ctx.setOffline(true);
  await phone.click("button.reg-submit");
  await phone.waitForSelector("#reg-status .notice-error");
  assert.match(await phone.textContent("#reg-status"), /Ikke sendt – dine tal er gemt på telefonen\. Prøv igen/);
  assert.equal(await phone.inputValue("#c_female_adult"), "3");
  const kept = await phone.evaluate((id) => window.localStorage.getItem("helhed-registrer-" + id), activityId);
  assert.ok(kept && kept.includes(token), "the entries and the token are kept on the phone");
  await shot(phone, "registrer-ikke-sendt-375");
  await ctx.setOffline(false);
  // Reopened later: the entries and the same token come back from the phone.
  await phone.reload();
  assert.equal(await phone.inputValue("#c_female_adult"), "3");
  assert.equal(await phone.inputValue("input[name=client_token]"), token);
  assert.equal(await phone.textContent("#reg-sum"), "5");
  assert.match(await phone.textContent("#reg-status"), /hentet frem/);

  // 2. The server saves it but the answer is lost on the way back.
  await phone.route(`**/registrer/${activityId}`, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    await route.fetch({ maxRedirects: 0 });
    await route.abort("connectionreset");
  });
  await phone.click("button.reg-submit");
  await phone.waitForFunction(() => /Ikke sendt/.test(document.getElementById("reg-status").textContent));
  await phone.unroute(`**/registrer/${activityId}`);

  // 3. The retry sends the same token: saved once.
  assert.equal(await phone.inputValue("input[name=client_token]"), token);
  await phone.click("button.reg-submit");
  await phone.waitForURL(new RegExp(`/registrer/${activityId}\\?gemt=\\d+`));
  assert.match(await phone.textContent(".reg-done"), /Gemt/);
  assert.match(await phone.textContent(".reg-numbers"), /Deltagere\s*5/);
  assert.match(await phone.textContent(".reg-numbers"), /Frivillige\s*1/);
  assert.equal(await phone.evaluate((id) => window.localStorage.getItem("helhed-registrer-" + id), activityId), null);
  await shot(phone, "registrer-gemt-375");
  await phone.goto(base + activityUrl);
  const rows = phone.locator("table.sessions tbody tr");
  assert.equal(await rows.count(), 1, "the session is counted once");
  assert.match(await rows.first().textContent(), /5/);

  // A refused registration keeps the entries: more new than participants.
  await phone.goto(base + `/registrer/${activityId}`);
  await phone.fill("#c_male_young_adult", "2");
  await phone.fill("#new_participants", "4");
  await phone.click("button.reg-submit");
  await phone.waitForSelector(".reg .notice-error");
  assert.equal(await phone.inputValue("#c_male_young_adult"), "2");
  assert.equal(await phone.inputValue("#new_participants"), "4");
  assert.match(await phone.textContent(".reg .notice-error"), /[Nn]ye/);
  await shot(phone, "registrer-afvist-375");
  // Corrected, with participant keys: saved.
  await phone.fill("#new_participants", "2");
  await phone.fill("#date", daysAgo(1));
  await phone.click("details.reg-more summary >> nth=0");
  await phone.fill("#keys", "K17, A-204");
  await phone.click("button.reg-submit");
  await phone.waitForURL(new RegExp(`/registrer/${activityId}\\?gemt=\\d+`));
  // "Start with last time's numbers": the latest session (today's) as a start.
  await phone.goto(base + `/registrer/${activityId}`);
  await phone.click(".reg-last a");
  await phone.waitForURL(/som=sidst/);
  assert.equal(await phone.inputValue("#c_female_adult"), "3");
  assert.equal(await phone.inputValue("#c_male_adult"), "2");
  assert.equal(await phone.inputValue("#new_participants"), "0");
  assert.equal(await phone.textContent("#reg-sum"), "5");
  await phone.evaluate((id) => window.localStorage.removeItem("helhed-registrer-" + id), activityId);
  await phone.close();

  // The activity page: sessions with keys (the team sees them), the chart.
  await page.goto(base + activityUrl);
  assert.equal(await page.locator("table.sessions tbody tr").count(), 2);
  assert.match(await page.textContent("table.sessions"), /K17/);
  assert.equal(await page.locator("svg#deltagere-pr-maaned, svg[aria-labelledby*='deltagere-pr-maaned']").count() >= 0, true);

  // Status change.
  await page.selectOption("#ny-status", "wait_and_see");
  await page.click("#status button[type=submit]");
  await page.waitForURL(/gemt=1/);
  assert.match(await page.textContent(".status-history"), /Se tiden an/);

  // Involvement for this year, phase by phase.
  await page.click("#fase-ideas summary");
  await page.check("#fase-ideas input[name=type][value=resident_initiative_joint]");
  await page.selectOption("#hart-ideas", "6");
  await page.fill("#q-ideas-involved", "Ja, beboerne foreslog ruten.");
  await page.click("#fase-ideas button[type=submit]");
  await page.waitForURL(/gemt=1/);
  assert.match(await page.textContent("table.inv-summary"), /Beboerinitiativ, fælles beslutninger/);
  // A story for the report.
  await page.click("#fortaellinger details.add summary");
  await page.fill("#title", "Første løbetur");
  await page.fill("#body", "Tolv mødte op i regnvejr, og tre kom igen ugen efter.");
  await page.check("#fortaellinger input[name=in_report]");
  await page.click("#fortaellinger form.story-form button[type=submit]");
  await page.waitForURL(/gemt=1/);
  assert.match(await page.textContent("#fortaellinger"), /Med i årsrapport/);
  await shot(page, "aktivitet-side");

  // The portfolio heat map.
  await page.goto(base + `/planer/1/inddragelse?aar=${year}`);
  const heat = page.locator("table.heat").first();
  assert.match(await heat.locator("caption").textContent(), /Deltagelsesform pr. fase/);
  const ideas = heat.locator("tbody tr", { hasText: "Idéudvikling" });
  assert.ok(Number(await ideas.locator("td").first().textContent()) >= 1, "the activity counts in its cell");
  // The plan-level form.
  await page.click("#fase-knowledge summary");
  await page.check("#fase-knowledge input[name=type][value=professionals_inform]");
  await page.click("#fase-knowledge button[type=submit]");
  await page.waitForURL(/gemt=1/);
  await shot(page, "aktivitet-inddragelse");

  // Outreach: a refused form keeps the entries, then saved.
  await page.goto(base + `/planer/1/opsoegning?aar=${year}`);
  await page.click("details.add summary");
  await page.selectOption("#method", "door_to_door");
  await page.fill("#contacts", "0");
  await page.fill("#note", "Blok C, 3. sal");
  await page.click("form.outreach-form button[type=submit]");
  await page.waitForSelector("#contacts-fejl");
  assert.equal(await page.inputValue("#note"), "Blok C, 3. sal");
  await page.fill("#contacts", "12");
  await page.selectOption("#activity_id", activityId);
  await page.click("form.outreach-form button[type=submit]");
  await page.waitForURL(/gemt=1/);
  assert.match(await page.textContent("main"), /Dør til dør/);
  assert.match(await page.textContent("main table.data"), /12/);
  await shot(page, "aktivitet-opsoegning");

  // Resident roles and a course.
  await page.goto(base + `/planer/1/roller?aar=${year}`);
  await page.fill("#volunteer", "7");
  await page.fill("#ildsjael", "2");
  await page.click("form.roles-form button[type=submit]");
  await page.waitForURL(/gemt=1/);
  assert.equal(await page.inputValue("#volunteer"), "7");
  await page.click("#kurser details.add summary");
  await page.selectOption("#kind", "instructor");
  await page.fill("#title", "Løbeinstruktør");
  await page.fill("#completed", "3");
  await page.check("#kurser input[name=diploma]");
  await page.click("form.course-form button[type=submit]");
  await page.waitForURL(/gemt=1/);
  assert.match(await page.textContent("#kurser table"), /Løbeinstruktør/);
  await shot(page, "aktivitet-roller");

  // The plan page's section.
  await page.goto(base + "/planer/1");
  assert.match(await page.textContent("#aktiviteter"), /Aktiviteter i gang/);
  assert.equal(await page.locator("#aktiviteter a[href^='/planer/1/rapport']").count(), 1);
  await page.locator("#aktiviteter").screenshot({ path: `${process.env.SCREENSHOT_DIR}/aktivitet-plan.png` });

  // Deleting takes two steps (without the script's confirm: a page asks).
  await page.goto(base + `/planer/1/aktiviteter/ny`);
  const doomed = await createActivity(page, 1, `Slettes ${stamp}`);
  // form.submit() skips the script's native confirm: the server asks.
  await page.evaluate((a) => document.querySelector(`form[action='${a}']`).submit(), `${doomed}/slet`);
  await page.waitForSelector(".confirm-delete");
  await shot(page, "aktivitet-slet");
  await page.click(".confirm-delete button.danger");
  await page.waitForURL(/slettet=1/);
  assert.equal(await page.locator(`a[href='${doomed}']`).count(), 0);
  assert.deepEqual(page.problems, []);
});

test("plan staff of plan 1 cannot edit an activity of plan 2", async () => {
  const page = await openPage(ctx, "/login");
  await login(page, "admin");
  const other = await createActivity(page, 2, `Plan 2 ${stamp}`);
  const id = other.match(/(\d+)$/)[1];
  await login(page, "planmedarbejder");
  for (const path of [`${other}/rediger`, `/planer/1/aktiviteter/${id}/rediger`, `/registrer/${id}`, other]) {
    const r = await page.goto(base + path);
    assert.ok([403, 404].includes(r.status()), `${path}: ${r.status()}`);
  }
  const r = await page.goto(base + "/registrer");
  assert.equal(r.status(), 200);
  assert.equal(await page.locator(`a[href='/registrer/${id}']`).count(), 0);
});

test("without JavaScript the phone form is plain number inputs and a normal post", async () => {
  const plain = await launch({ javaScriptEnabled: false });
  try {
    const page = await openPage(plain, "/login", { width: 375, height: 812 });
    await page.fill("#email", "planmedarbejder@helhed.example");
    await page.fill("#password", logins.planmedarbejder);
    await page.click("form.stack button[type=submit]");
    await page.waitForURL(base + "/konto");
    await page.goto(base + `/registrer/${activityId}`);
    assert.equal(await page.locator("[data-stepper] button").count(), 0, "no steppers without the script");
    await page.fill("#date", daysAgo(2));
    await page.fill("#c_female_child", "4");
    await page.fill("#c_male_child", "3");
    await page.fill("#new_participants", "9");
    await page.click("button.reg-submit");
    await page.waitForSelector(".reg .notice-error");
    assert.equal(await page.inputValue("#c_female_child"), "4", "a refused form keeps the entries");
    assert.equal(await page.inputValue("#new_participants"), "9");
    assert.equal(await page.getAttribute("#new_participants", "aria-invalid"), "true");
    await shot(page, "registrer-uden-js-375");
    await page.fill("#new_participants", "7");
    await page.click("button.reg-submit");
    await page.waitForURL(new RegExp(`/registrer/${activityId}\\?gemt=\\d+`));
    assert.match(await page.textContent(".reg-numbers"), /Deltagere\s*7/);
  } finally {
    await plain.close();
  }
});
