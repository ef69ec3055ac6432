// Browser: the yearly steering dialogue between boligorganisation@
// (organisation 101) and kommune@ (municipality 0101). The organisation
// starts the dialogue for a year without one, writes its definitions of the
// four questions, answers the department sheets (a refused save keeps what
// was typed), proposes and confirms a selection with a SWOT, adds a goal and
// submits; the municipality returns it with a comment; the organisation
// sees the comment and resubmits; the municipality records the meeting and
// publishes; the public page (logged out) shows the departments' figures and
// nothing of the answers; an unpublished dialogue's public URL is 404; the
// organisation cannot record a meeting (no button, POST 403). Screenshots of
// the pages on the way, the sheet also at 375 px.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { base, launch, openPage, shot } from "./browser.mjs";

let ctx;
before(async () => { ctx = await launch(); });
after(async () => { await ctx?.close(); });

const logins = {
  boligorganisation: "demo-boligorg-helhed",
  kommune: "demo-kommune-helhed",
};

async function login(page, who) {
  await ctx.clearCookies();
  await page.goto(base + "/login");
  await page.fill("#email", `${who}@helhed.example`);
  await page.fill("#password", logins[who]);
  await page.click("form.stack button[type=submit]");
  await page.waitForURL(base + "/konto");
}

const stamp = Date.now().toString(36).slice(-5);
const secret = `Hemmelig begrundelse ${stamp}`; // an answer that must never be public

// Fills every item of the sheet open in page with score and a justification.
async function answerAll(page, score, text) {
  const items = await page.locator(".dlg-item").evaluateAll((els) => els.map((e) => e.id.replace(/^item-/, "")));
  for (const code of items) {
    await page.check(`input[name=score_${code}][value="${score}"]`);
    await page.fill(`#just-${code}`, `${text} (${code})`);
  }
  return items.length;
}

test("the steering dialogue: both sides through the whole year, and the public sheet", async () => {
  const page = await openPage(ctx, "/login");
  await login(page, "boligorganisation");
  assert.equal(await page.locator("nav .nav a[href='/styringsdialog']").count(), 1);

  // A year without a dialogue for 101 in København: its row has a Start button.
  let year;
  for (const y of [2023, 2022, 2021, 2020, 2019, 2018]) {
    await page.goto(base + `/styringsdialog?aar=${y}`);
    const start = page.locator("form[action='/styringsdialog/start']:has(input[name=municipality][value='0101'])");
    if (await start.count()) {
      year = y;
      await shot(page, "dialog-overview-organisation");
      await start.locator("button").click();
      break;
    }
  }
  assert.ok(year, "a year to start");
  await page.waitForURL(/\/styringsdialog\/\d+$/);
  const dlgUrl = new URL(page.url()).pathname;
  const dlgId = dlgUrl.split("/").pop();
  assert.match(await page.locator(".dlg-status").innerText(), /Under udarbejdelse/);
  assert.equal(page.problems.length, 0, page.problems.join("\n"));

  // Definitions of the four questions.
  await page.goto(base + `/styringsdialog/definitioner?aar=${year}`);
  await page.fill("#text-maintenance", "Vedligeholdelsen er tilfredsstillende, når planlagt vedligehold følger planen.");
  await page.fill("#year-maintenance", String(year));
  await page.click("#q-maintenance button[type=submit]");
  await page.waitForURL(/gemt=1/);
  for (const q of ["social", "contemporary", "democracy"]) {
    await page.fill(`#text-${q}`, `Organisationens definition af ${q}.`);
    await page.fill(`#year-${q}`, String(year));
    await page.click(`#q-${q} button[type=submit]`);
    await page.waitForURL(/gemt=1/);
  }
  await shot(page, "dialog-definitions");

  // The sheets: the first one by hand (a refused save keeps what was typed).
  await page.goto(base + dlgUrl);
  const sheets = await page.locator("table.dlg-depts a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.ok(sheets.length >= 1, "the dialogue has departments");
  await page.goto(base + sheets[0]);
  assert.match(await page.locator("#item-maintenance .dlg-def").innerText(), /planlagt vedligehold/);
  await page.check("input[name=score_physical_state][value='2']");
  await page.fill("#just-physical_state", "Facaderne trænger til renovering.");
  await page.click("#item-physical_state button[name=save]");
  await page.waitForURL(/gemt=1/);
  assert.equal(await page.locator("input[name=score_physical_state][value='2']").isChecked(), true);
  assert.equal(await page.inputValue("#just-physical_state"), "Facaderne trænger til renovering.");
  await answerAll(page, 3, secret);
  await page.click(".dlg-save-all button");
  await page.waitForURL(/gemt=1/);
  assert.equal(await page.inputValue("#just-democracy"), `${secret} (democracy)`);
  await shot(page, "dialog-sheet");
  const phone = await openPage(ctx, sheets[0], { width: 375, height: 800 });
  await shot(phone, "dialog-sheet-375");
  const [overflow, wide] = await phone.evaluate(() => {
    const w = window.innerWidth;
    const culprit = [...document.querySelectorAll("main *")].find((e) => e.getBoundingClientRect().right > w + 1);
    return [document.documentElement.scrollWidth - w, culprit ? culprit.outerHTML.slice(0, 160) : ""];
  });
  assert.ok(overflow <= 1, `the sheet scrolls sideways on a phone by ${overflow}px: ${wide}`);
  await phone.close();
  for (const href of sheets.slice(1)) {
    await page.goto(base + href);
    await answerAll(page, 4, `Begrundelse ${stamp}`);
    await page.click(".dlg-save-all button");
    await page.waitForURL(/gemt=1/);
  }

  // Selection: propose from data, confirm, add one by hand when none, SWOT.
  await page.goto(base + `${dlgUrl}/udvaelgelse`);
  await page.click("form.dlg-propose button");
  await page.waitForURL(/gemt=forslag/);
  if (await page.locator("input[name=confirm]").count()) {
    for (const box of await page.locator("input[name=confirm]").all()) await box.check();
    await page.click("form.dlg-confirm button[type=submit]");
    await page.waitForURL(/gemt=1/);
  } else {
    await page.click("details.add summary");
    await page.click("details.add button[type=submit]");
    await page.waitForURL(/gemt=1/);
  }
  const swots = await page.locator("section.dlg-swot").count();
  assert.ok(swots >= 1, "a confirmed department with a SWOT form");
  for (let i = 0; i < swots; i++) {
    const s = page.locator("section.dlg-swot").nth(i);
    await s.locator("textarea[name=strengths]").fill("Engagerede beboere og en aktiv afdelingsbestyrelse.");
    await s.locator("textarea[name=weaknesses]").fill("Høj fraflytning blandt børnefamilier.");
    await s.locator("textarea[name=opportunities]").fill("Helhedsplanens aktiviteter.");
    await s.locator("textarea[name=threats]").fill("Stigende vedligeholdelsesefterslæb.");
    await s.locator("form.plan-form button[type=submit]").click();
    await page.waitForURL(/gemt=1/);
  }
  await shot(page, "dialog-selection");

  // A goal for the coming year on a key figure.
  await page.goto(base + `${dlgUrl}/maal`);
  await page.fill("#title", "Lavere fraflytning");
  await page.selectOption("#key_figure", { index: 1 });
  await page.fill("#target_value", "10");
  await page.click(".dlg-goal-form button[type=submit]");
  await page.waitForURL(/gemt=1/);
  assert.match(await page.locator("table.dlg-goals").innerText(), /Lavere fraflytning/);
  await shot(page, "dialog-goals");

  // Submit. The organisation has no meeting button, and a forged POST is 403.
  await page.goto(base + dlgUrl);
  await page.click("form.dlg-step-submitted button[type=submit]");
  await page.waitForURL(/gemt=1/);
  assert.match(await page.locator(".dlg-status").innerText(), /Indsendt/);
  assert.equal(await page.locator("form.dlg-step-meeting_held").count(), 0);
  const forged = await page.evaluate(async (url) => {
    const csrf = document.querySelector("input[name=_csrf]")?.value
      ?? document.cookie.match(/helhed_csrf=([^;]+)/)?.[1] ?? "";
    const r = await fetch(url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf, to: "meeting_held", meeting_date: "2025-01-01", minutes: "x" }) });
    return r.status;
  }, `${dlgUrl}/tilstand`);
  assert.equal(forged, 403);

  // The municipality returns it with a comment (required).
  await login(page, "kommune");
  await page.goto(base + `/styringsdialog?aar=${year}`);
  await shot(page, "dialog-overview-municipality");
  await page.goto(base + dlgUrl);
  await page.click("form.dlg-step-returned button[type=submit]"); // the browser refuses the empty required field
  assert.equal(new URL(page.url()).pathname, dlgUrl);
  const comment = `Uddyb venligst vurderingen af den fysiske stand (${stamp}).`;
  await page.fill("#comment", comment);
  await page.click("form.dlg-step-returned button[type=submit]");
  await page.waitForURL(/gemt=1/);
  assert.match(await page.locator(".dlg-status").innerText(), /Sendt retur/);
  // The municipality reads the sheet, without a form.
  await page.goto(base + sheets[0]);
  assert.equal(await page.locator("form.dlg-sheet").count(), 0);

  // The organisation sees the comment and resubmits.
  await login(page, "boligorganisation");
  await page.goto(base + dlgUrl);
  assert.match(await page.locator(".dlg-returned").innerText(), new RegExp(stamp));
  assert.match(await page.locator(".dlg-timeline").innerText(), new RegExp(stamp));
  await shot(page, "dialog-returned");
  await page.click("form.dlg-step-submitted button[type=submit]");
  await page.waitForURL(/gemt=1/);

  // The municipality records the meeting and publishes.
  await login(page, "kommune");
  await page.goto(base + dlgUrl);
  await page.fill("#meeting_date", new Date().toISOString().slice(0, 10));
  await page.fill("#minutes", `Referat ${stamp}: drøftet fraflytning og vedligehold.`);
  await page.click("form.dlg-step-meeting_held button[type=submit]");
  await page.waitForURL(/gemt=1/);
  await page.click("form.dlg-step-published button[type=submit]");
  await page.waitForURL(/gemt=1/);
  assert.match(await page.locator(".dlg-status").innerText(), /Offentliggjort/);
  await shot(page, "dialog-published");
  assert.equal(page.problems.length, 0, page.problems.join("\n"));

  // Logged out: the public sheet shows figures and nothing of the answers.
  await ctx.clearCookies();
  const pub = await openPage(ctx, `/offentlig/styringsdialog/${dlgId}`);
  assert.equal(pub.status, 200);
  const text = await pub.locator("main").innerText();
  assert.ok((await pub.locator("section.dlg-public-dept").count()) === sheets.length);
  assert.ok((await pub.locator("table.dlg-kf tbody tr").count()) >= 1, "public key figures");
  for (const hidden of [secret, "Facaderne", "Engagerede beboere", `Referat ${stamp}`, comment, "Lavere fraflytning"])
    assert.ok(!text.includes(hidden), `the public page shows "${hidden}"`);
  await shot(pub, "dialog-public");
  const list = await openPage(ctx, "/offentlig/styringsdialog?kommune=0101");
  assert.equal(list.status, 200);
  assert.equal(await list.locator(`a[href='/offentlig/styringsdialog/${dlgId}']`).count(), 1);
  assert.equal(pub.problems.length + list.problems.length, 0);
  await pub.close();
  await list.close();

  // An unpublished dialogue is not public: start one for another year and try.
  await login(page, "boligorganisation");
  let other;
  for (const y of [2017, 2016, 2024, 2015]) {
    await page.goto(base + `/styringsdialog?aar=${y}`);
    const row = page.locator("table.dlg-list tr", { hasText: "København" });
    const start = row.locator("form[action='/styringsdialog/start'] button");
    if (await start.count()) {
      await start.first().click();
      await page.waitForURL(/\/styringsdialog\/\d+$/);
      other = new URL(page.url()).pathname.split("/").pop();
      break;
    }
    const link = row.locator("a[href^='/styringsdialog/']").first();
    if (await link.count()) {
      const id = (await link.getAttribute("href")).split("/").pop();
      if (!/Offentliggjort/.test(await row.first().innerText())) { other = id; break; }
    }
  }
  assert.ok(other, "an unpublished dialogue");
  await ctx.clearCookies();
  const hidden = await openPage(ctx, `/offentlig/styringsdialog/${other}`);
  assert.equal(hidden.status, 404);
  await hidden.close();
  await page.close();
});
