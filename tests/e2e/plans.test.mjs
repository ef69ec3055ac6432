// Browser: a holistic plan from idea to grant. The housing organisation
// creates a social plan (round 2011-2014, København, focus areas with
// Sundhed), enters a budget with 75.01 % from LBF and is refused, fixes it
// to exactly 75 %, adds a goal and applies for prequalification; the
// national user registers prequalification, the municipality records the
// council's approval (version 1 is saved), the national user registers the
// grant. Screenshots of every page on the way; a user outside the plan's
// scope gets 404.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { base, launch, openPage, shot } from "./browser.mjs";

let ctx;
before(async () => { ctx = await launch(); });
after(async () => { await ctx?.close(); });

const logins = {
  boligorganisation: "demo-boligorg-helhed",
  national: "demo-national-helhed",
  kommune: "demo-kommune-helhed",
  planmedarbejder: "demo-plan-helhed",
};

async function login(page, who, context = ctx) {
  await context.clearCookies();
  await page.goto(base + "/login");
  await page.fill("#email", `${who}@helhed.example`);
  await page.fill("#password", logins[who]);
  await page.click("form.stack button[type=submit]");
  await page.waitForURL(base + "/konto");
}

// Clicks the transition button with this text and waits for the page again.
async function transition(page, text) {
  await page.click(`.transition-form button:has-text("${text}")`);
  await page.waitForURL(/\/planer\/\d+\?tilstand=/);
}

function isoDaysFromNow(days) {
  return new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
}

test("a plan from idea through approval to grant", async () => {
  const page = await openPage(ctx, "/login");
  await login(page, "boligorganisation");

  // A new plan from the map page. Only the chosen round's focus areas are shown.
  await page.click("nav .nav a[href='/planer']");
  assert.equal(await page.textContent("h1"), "Det Boligsociale Danmarkskort");
  await page.click("a.button[href='/planer/ny']");
  await page.waitForURL(base + "/planer/ny");
  await page.fill("#name", "Testparken – boligsocial helhedsplan");
  await page.selectOption("#type", "social");
  await page.selectOption("#municipality_code", "0101");
  assert.ok(await page.locator("input[name=organisations][value='101']").isChecked(), "own organisation ticked");
  const depts = page.locator("input[name=departments]");
  assert.ok(await depts.count() >= 1, "departments to choose from");
  await depts.nth(0).check();
  if (await depts.count() > 1) await depts.nth(1).check();
  await page.fill("#start_date", "2014-01-01");
  await page.fill("#end_date", "2017-12-31");
  await page.selectOption("#round", "2011-2014");
  const round = page.locator("fieldset.focus-round[data-round='2011-2014']");
  assert.ok(await round.isVisible());
  assert.equal(await page.locator("fieldset.focus-round[data-round='2015-2018']").isVisible(), false);
  await round.locator("input[value='Sundhed']").check();
  await round.locator("input[value='Beskæftigelse og erhverv']").check();
  await page.fill("#vision", "Et trygt og sundt boligområde, hvor flere er i arbejde.");
  await page.fill("#strengths", "Stærkt beboernetværk");
  await page.fill("#threats", "Stigende fraflytning");
  await page.check("input[name=challenge_social]");
  await shot(page, "plan-ny");
  await page.click(".plan-form button[type=submit]");
  await page.waitForURL(/\/planer\/(\d+)\?gemt=1$/);
  const id = page.url().match(/\/planer\/(\d+)/)[1];
  assert.match(await page.textContent(".plan-kind"), /Boligsocial helhedsplan/);
  assert.match(await page.textContent(".plan-kind .state"), /Idé/);
  assert.match(await page.textContent(".focus-list"), /Sundhed/);

  // The budget: 75.01 % from LBF is refused with the rule, the numbers stay.
  await page.goto(`${base}/planer/${id}/budget`);
  await page.fill("#b-2014-lbf", "750.100,00");
  await page.fill("#b-2014-municipality", "249.900,00");
  assert.match(await page.textContent("[data-lbf-share]"), /75,01/);
  await page.click("button[value=save]");
  await page.waitForSelector(".rule-error");
  const refusal = await page.textContent(".rule-error");
  assert.match(refusal, /75/, refusal);
  assert.equal(await page.inputValue("#b-2014-lbf"), "750.100,00");
  await shot(page, "plan-budget-fejl");
  await page.fill("#b-2014-lbf", "750.000,00");
  await page.fill("#b-2014-municipality", "250000");
  await page.click("button[value=save]");
  await page.waitForURL(/\/budget\?gemt=1$/);
  assert.equal(await page.inputValue("#b-2014-lbf"), "750000");
  assert.match(await page.textContent("[data-lbf-share]"), /^75 %$/);

  // A goal on the plan's departments.
  await page.goto(`${base}/planer/${id}/maal`);
  await page.fill("#ny-title", "Færre uden for arbejdsmarkedet");
  await page.selectOption("#ny-kf", "outside_labour_share");
  // No department ticked: measured on all the plan's departments.
  assert.equal(await page.locator(".goal-form:has(#ny-title) input[name=department]:checked").count(), 0);
  await page.fill("#ny-by", "2016");
  await page.fill("#ny-tv", "30");
  await page.fill("#ny-ty", "2020");
  await page.click(".goal-form button:has-text('Tilføj målet')");
  await page.waitForURL(/\/maal\?gemt=1/);
  assert.equal(await page.locator(".goal-item").count(), 1);
  assert.match(await page.textContent(".goal-item h2"), /Færre uden for arbejdsmarkedet/);

  // Team, steering group and the strategic agreement, from the plan's page.
  await page.goto(`${base}/planer/${id}`);
  await page.click("summary:has-text('Tilføj til teamet')");
  await page.fill("#tm-name", "Sara Sørensen");
  await page.selectOption("#tm-role", "social");
  await page.fill("#tm-org", "Boligselskabet");
  await page.click("#team form:has(#tm-name) button[type=submit]");
  await page.waitForURL(/gemt=1#team$/);
  await page.click("summary:has-text('Tilføj til styregruppen')");
  await page.fill("#sg-name", "Per Formand");
  await page.fill("#sg-seat", "Formand");
  await page.click("#team form:has(#sg-name) button[type=submit]");
  await page.waitForURL(/gemt=1#team$/);
  assert.match(await page.textContent("#team"), /Sara Sørensen, Boligsocial/);
  assert.match(await page.textContent("#team"), /Per Formand, Formand/);
  await page.click("summary:has-text('Tilføj aftale')");
  await page.fill("#ag-title", "Strategisk samarbejdsaftale");
  await page.fill("#ag-parties", "Københavns Kommune og Boligselskabet Fiktiv 101");
  await page.fill("#ag-signed", "2014-01-15");
  await page.click("#aftaler button[type=submit]");
  await page.waitForURL(/gemt=1#aftaler$/);
  assert.match(await page.textContent("#aftaler"), /Strategisk aftale/);

  // Apply for prequalification.
  await page.goto(`${base}/planer/${id}`);
  await transition(page, "Send prækvalifikationsansøgning til LBF");
  assert.match(await page.textContent(".plan-kind .state"), /Prækvalifikation/);
  // The organisation cannot register LBF's answer.
  assert.equal(await page.locator(".transition-form button:has-text('Registrér prækvalifikation')").count(), 0);

  // National registers prequalification.
  await login(page, "national");
  await page.goto(`${base}/planer/${id}`);
  await transition(page, "Registrér prækvalifikation fra LBF");
  assert.match(await page.textContent(".plan-kind .state"), /Udarbejdelse/);
  assert.equal(await page.locator("a[href$='/rediger']").count(), 0, "national reads only");

  // The municipality records the council's approval.
  await login(page, "kommune");
  await page.goto(`${base}/planer/${id}`);
  await page.fill("#t-note", "Godkendt på byrådsmødet");
  await transition(page, "Registrér kommunalbestyrelsens godkendelse");
  assert.match(await page.textContent(".plan-kind .state"), /Kommunal godkendelse/);
  assert.equal(await page.locator(".history-list li.transition").count(), 3, "three transitions");
  assert.equal(await page.locator(".timeline li.tl-done").count(), 3);
  assert.equal(await page.locator(".timeline li.tl-current").count(), 1);
  assert.match(await page.textContent(".timeline li.tl-current"), /Godkendt på byrådsmødet/);
  assert.match(await page.textContent("#versioner"), /Version 1/);
  await page.locator("#forloeb").screenshot({ path: `${process.env.SCREENSHOT_DIR}/plan-tidslinje.png` });

  // A revision after approval, compared with version 1.
  await page.goto(`${base}/planer/${id}/budget`);
  await page.fill("#b-2015-lbf", "300000");
  await page.fill("#b-2015-municipality", "100000");
  await page.click("button[value=save]");
  await page.waitForURL(/\/budget\?gemt=1$/);
  await page.goto(`${base}/planer/${id}/versioner`);
  assert.match(await page.textContent("#forskelle h2"), /version 1 til planen nu/);
  assert.ok(await page.locator("table.diff .change-added").count() >= 1, "budget lines added");
  await page.fill("#v-note", "Revision efter godkendelse");
  await page.click("button:has-text('Gem som ny version')");
  await page.waitForURL(/versioner\?gemt=1/);
  await page.click("a:has-text('med version 1')");
  await page.waitForURL(/fra=1&til=2/);
  assert.match(await page.textContent("table.diff"), /Tilføjet/);
  await shot(page, "plan-versioner-diff");

  // A partner and a cooperation agreement that expires within 60 days.
  await page.goto(`${base}/partnere`);
  const club = `Testparkens Idrætsforening ${Date.now() % 100000}`; // unique on a reused database
  await page.fill("#np-name", club);
  await page.selectOption("#np-type", "sports_association");
  await page.selectOption("#np-muni", "0101");
  await page.click("button:has-text('Opret partner')");
  await page.waitForURL(/\/partnere\/\d+$/);
  await page.click("summary:has-text('Tilføj kontaktperson')");
  await page.fill("#c-name", "Kim Træner");
  await page.selectOption("#c-level", "operational");
  await page.click(".grid-form button:has-text('Tilføj')");
  await page.waitForURL(/\/partnere\/\d+\?gemt=1$/);
  await page.goto(`${base}/planer/${id}`);
  await page.click("summary:has-text('Tilføj samarbejdsaftale')");
  const partnerValue = await page.locator("#co-partner option", { hasText: club })
    .getAttribute("value");
  await page.selectOption("#co-partner", partnerValue);
  await page.check("input[name=purposes][value=recruitment]");
  await page.check("input[name=purposes][value=delivery]");
  await page.fill("#co-to", isoDaysFromNow(30));
  await page.click("#samarbejde button:has-text('Tilføj aftale')");
  await page.waitForURL(/gemt=1#samarbejde$/);
  assert.match(await page.textContent("#samarbejde"), /Udløber om 30 dage/);
  await page.goto(`${base}/partnere`);
  await shot(page, "partnere");

  // National registers the grant.
  await login(page, "national");
  await page.goto(`${base}/planer/${id}`);
  await transition(page, "Registrér støttetilsagn fra LBF");
  assert.match(await page.textContent(".plan-kind .state"), /Støttetilsagn/);
  await shot(page, "plan-side");

  // The map and the list, as the national user sees them: every plan.
  await page.goto(`${base}/planer`);
  assert.ok(await page.locator(`table.data a[href='/planer/${id}']`).count() === 1, "the new plan is listed");
  await shot(page, "plan-liste");
  if (await page.locator(".plan-map .map-figure").count()) {
    await page.locator(".plan-map").screenshot({ path: `${process.env.SCREENSHOT_DIR}/plan-kort.png` });
  } else {
    await shot(page, "plan-kort");
  }
  await page.selectOption("#f-round", "2011-2014");
  assert.equal(await page.locator("#f-focus optgroup[data-round='2015-2018']").evaluate((g) => g.hidden), true,
    "the focus areas follow the round");
  await page.selectOption("#f-focus", "Sundhed");
  await page.click(".plan-filters button[type=submit]");
  await page.waitForURL(/round=2011-2014&focus=Sundhed/);
  assert.ok(await page.locator(`table.data a[href='/planer/${id}']`).count() === 1, "filtered by round");

  // The goal-achievement form for 2018 and its CSV.
  await page.goto(`${base}/planer/${id}/maalopfyldelse?aar=2018`);
  assert.match(await page.textContent("h1"), /Målopfyldelsesskema 2018/);
  assert.equal(await page.locator("table.achievement tbody tr").count(), 1);
  await shot(page, "plan-maalopfyldelse");
  const csv = await page.request.get(`${base}/planer/${id}/maalopfyldelse.csv?aar=2018`);
  assert.equal(csv.status(), 200);
  assert.match(await csv.text(), /Færre uden for arbejdsmarkedet/);
  const list = await page.request.get(`${base}/planer.csv?q=Testparken`);
  assert.match(await list.text(), /Testparken/);

  // The plan on a phone.
  const phone = await openPage(ctx, `/planer/${id}`, { width: 375, height: 800 });
  assert.equal(phone.status, 200);
  await shot(phone, "plan-side-375");
  const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 375, `no horizontal scrolling at 375 px (${wide})`);
  await phone.close();

  // Outside the plan's scope it does not exist.
  // The plan staff user holds plan_staff:1 (the demo's plan 1, created
  // before this one): every other plan is out of scope.
  assert.notEqual(id, "1", "the demo data has plan 1");
  await login(page, "planmedarbejder");
  const resp = await page.goto(`${base}/planer/${id}`);
  assert.equal(resp.status(), 404);
  assert.equal((await page.goto(`${base}/planer/${id}/budget`)).status(), 404);
  const own = await page.goto(`${base}/planer`);
  assert.equal(own.status(), 200);
  assert.equal(await page.locator(`table.data a[href='/planer/${id}']`).count(), 0, "not on the list either");
  assert.deepEqual(await page.locator("table.data tbody tr th a, table.data tbody tr td a").evaluateAll(
    (as) => [...new Set(as.map((a) => a.getAttribute("href")).filter((h) => /^\/planer\/\d+$/.test(h)))]), ["/planer/1"]);
  assert.deepEqual(page.problems, []);
});

test("the plan form: errors beside the field, typed values kept; editing; plans on registry pages", async () => {
  const page = await openPage(ctx, "/login");
  await login(page, "kommune");
  await page.goto(`${base}/planer/ny`);
  // The municipality user's own municipality is chosen; no organisation ticked.
  assert.equal(await page.inputValue("#municipality_code"), "0101");
  await page.fill("#name", "Plan uden organisation");
  await page.fill("#vision", "Skrevet før fejlen");
  await page.click(".plan-form button[type=submit]");
  await page.waitForSelector(".field-error, .notice-error");
  assert.equal(page.url(), `${base}/planer/ny`);
  assert.match(await page.textContent(".notice-error"), /Planen er ikke gemt/);
  assert.ok(await page.locator("[aria-invalid=true], .checklist.invalid").count() >= 1, "the field is marked");
  assert.equal(await page.inputValue("#name"), "Plan uden organisation");
  assert.equal(await page.inputValue("#vision"), "Skrevet før fejlen");

  // Plan staff edit their own plan.
  await login(page, "planmedarbejder");
  await page.goto(`${base}/planer/1/rediger`);
  assert.match(await page.textContent("h1"), /Redigér planen/);
  await page.fill("#opportunities", "Nye muligheder med skolen");
  await page.click(".plan-form button[type=submit]");
  await page.waitForURL(`${base}/planer/1?gemt=1`);
  assert.match(await page.textContent(".swot-o"), /Nye muligheder med skolen/);

  // The department and the area list their plans.
  await login(page, "kommune");
  // Visible but not allowed: the municipality cannot register LBF's extension (403, in Danish).
  await page.goto(`${base}/planer/1`);
  assert.equal(await page.locator(".transition-form button:has-text('forlængelse')").count(), 0);
  const csrf = await page.locator("input[name=_csrf]").first().inputValue();
  const refused = await page.request.post(`${base}/planer/1/tilstand`, { form: { _csrf: csrf, to: "extended" } });
  assert.equal(refused.status(), 403);
  assert.match(await refused.text(), /<h1>Handlingen blev afvist<\/h1>/);
  await page.goto(`${base}/afdelinger/101-1`);
  assert.ok(await page.locator(".plans-section a[href='/planer/1']").count() === 1, "department page");
  await page.goto(`${base}/omraader/BO-0101-1`);
  assert.ok(await page.locator(".plans-section a[href='/planer/1']").count() === 1, "area page");
  assert.deepEqual(page.problems, []);
});

test("plan forms: a goal on chosen departments, two-step deletes, year notes, a refused step keeps what was typed",
  async () => {
    const page = await openPage(ctx, "/login");
    await login(page, "planmedarbejder");
    const tag = Date.now() % 100000; // unique on a reused database

    // A goal on two of plan 1's four departments; a refusal keeps the ticks.
    const title = `Beskæftigelse i to afdelinger ${tag}`;
    await page.goto(`${base}/planer/1/maal`);
    const form = page.locator(".goal-form:has(#ny-title)");
    await page.fill("#ny-title", title);
    await page.selectOption("#ny-kf", "outside_labour_share");
    await form.locator("input[name=department][value='101-1']").check();
    await form.locator("input[name=department][value='101-3']").check();
    await page.fill("#ny-by", "tyve");
    await page.fill("#ny-tv", "20");
    await page.fill("#ny-ty", "2026");
    await page.click(".goal-form button:has-text('Tilføj målet')");
    await page.waitForSelector(".notice-error");
    assert.match(await page.textContent(".notice-error"), /Udgangsår skal være et årstal/);
    assert.deepEqual(await form.locator("input[name=department]:checked").evaluateAll((xs) => xs.map((x) => x.value)),
      ["101-1", "101-3"], "the ticked departments are kept");
    assert.equal(await form.locator("input[name=on][value=depts]").isChecked(), true);
    await page.fill("#ny-by", "2020");
    await page.click(".goal-form button:has-text('Tilføj målet')");
    await page.waitForURL(/\/maal\?gemt=1#g-\d+$/);
    const gid = page.url().match(/#g-(\d+)$/)[1];
    const card = page.locator(`section.goal-item:has(#g-${gid})`);
    assert.match(await card.locator("p.muted").first().textContent(), /Afdelingerne Toftegården, Granhøj Vest/);
    await card.locator("summary:has-text('Redigér målet')").click();
    assert.deepEqual(await card.locator("input[name=department]:checked").evaluateAll((xs) => xs.map((x) => x.value)),
      ["101-1", "101-3"], "the edit form shows the chosen set");
    await card.screenshot({ path: `${process.env.SCREENSHOT_DIR}/plan-maal-afdelinger.png` });
    await page.goto(`${base}/planer/1/maalopfyldelse?aar=2024`);
    const row = page.locator("table.achievement tbody tr", { hasText: title });
    assert.match(await row.locator("td").first().textContent(), /^Afdelingerne Toftegården, Granhøj Vest$/);

    // With JavaScript a native confirm asks; dismissing keeps the goal.
    await page.goto(`${base}/planer/1/maal`);
    let asked = "";
    page.once("dialog", (d) => { asked = d.message(); d.dismiss(); });
    await card.locator("button:has-text('Slet målet')").click();
    assert.equal(asked, `Slet ${title}?`);
    assert.equal(await card.count(), 1, "dismissed: the goal stays");

    // Without JavaScript the server asks on a page of its own: Fortryd keeps
    // the goal, Slet deletes it.
    const nojs = await launch({ javaScriptEnabled: false });
    try {
      const p2 = await openPage(nojs, "/login");
      await login(p2, "planmedarbejder", nojs);
      await p2.goto(`${base}/planer/1/maal`);
      await p2.locator(`section.goal-item:has(#g-${gid}) button:has-text('Slet målet')`).click();
      await p2.waitForSelector("#h-slet");
      assert.equal(await p2.textContent("#h-slet"), `Slet målet »${title}«?`);
      assert.equal(await p2.locator(".confirm-delete button:has-text('Slet')").count(), 1);
      await shot(p2, "plan-slet-bekraeft");
      await p2.click(".confirm-delete a:has-text('Fortryd')");
      await p2.waitForURL(new RegExp(`/planer/1/maal#g-${gid}$`));
      assert.equal(await p2.locator(`#g-${gid}`).count(), 1, "Fortryd: the goal stays");
      await p2.locator(`section.goal-item:has(#g-${gid}) button:has-text('Slet målet')`).click();
      await p2.waitForSelector("#h-slet");
      await p2.click(".confirm-delete button:has-text('Slet')");
      await p2.waitForURL(`${base}/planer/1/maal`);
      assert.equal(await p2.locator(`#g-${gid}`).count(), 0, "deleted after the confirmation");
      assert.deepEqual(p2.problems, []);
    } finally {
      await nojs.close();
    }

    // With JavaScript, accepting the confirm deletes at once (a team member).
    const member = `Slettes Snart ${tag}`;
    await page.goto(`${base}/planer/1`);
    await page.click("summary:has-text('Tilføj til teamet')");
    await page.fill("#tm-name", member);
    await page.selectOption("#tm-role", "social");
    await page.click("#team form:has(#tm-name) button[type=submit]");
    await page.waitForURL(/gemt=1#team$/);
    page.once("dialog", (d) => d.accept());
    await page.locator("#team li", { hasText: member }).locator("button:has-text('Fjern')").click();
    await page.waitForURL(/gemt=1#team$/);
    assert.doesNotMatch(await page.textContent("#team"), new RegExp(member));

    // A note for a budget year: kept on the budget page, shown on the plan.
    const note = `Forsinket opstart ${tag}`;
    await page.goto(`${base}/planer/1/budget`);
    await page.fill("#n-2024", note);
    await page.click("button[value=save]");
    await page.waitForURL(/\/budget\?gemt=1$/);
    assert.equal(await page.inputValue("#n-2024"), note);
    await shot(page, "plan-budget-noter");
    await page.goto(`${base}/planer/1`);
    assert.match(await page.textContent("#budget .budget-notes"), new RegExp(`2024\\s*${note}`));

    // A refused step: 422, the message at the form, date and note as typed.
    await page.fill("#t-date", "2000-01-01");
    await page.fill("#t-note", "Skrevet før afvisningen");
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/planer/1/tilstand")),
      page.click(".transition-form button[value=closed]"),
    ]);
    assert.equal(resp.status(), 422);
    await page.waitForSelector("#t-fejl");
    assert.match(await page.textContent("#t-fejl"), /før den forrige overgang/);
    assert.equal(await page.inputValue("#t-date"), "2000-01-01");
    assert.equal(await page.inputValue("#t-note"), "Skrevet før afvisningen");
    assert.equal(await page.getAttribute("#t-date", "aria-describedby"), "t-fejl");
    await page.locator("#forloeb").screenshot({ path: `${process.env.SCREENSHOT_DIR}/plan-overgang-afvist.png` });
    assert.deepEqual(page.problems, []);
  });
