// The steering dialogue over the API (api_dialogue.c): the whole workflow by
// role and scope (organisation 101 prepares and submits; municipality 0101
// returns with a comment, records the meeting and publishes; the other side
// gets 403, readers outside the two sides 404), answers with the rules as
// 422 naming rule and field, strict input, the sheet's prefilled figures
// against /api/v1/departments/{key}/keyfigures, definitions, the selection
// with SWOT, goals and their follow-up the next year, deadlines and
// reminders, and the public data sheets (nothing unpublished, no answers).
// Runs before auth.test.mjs (name order). Years are chosen among those where
// the pair 101 × 0101 has no dialogue yet, so demo dialogues do not matter.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { Client, loggedIn } from "./client.mjs";

const bin = process.env.HELHED_BIN;
const dbUrl = process.env.HELHED_DB_URL;

function cli(...args) {
  return execFileSync(bin, [...args, "--db", dbUrl], { encoding: "utf8" });
}

function wrap(c) {
  return {
    get: (path) => c.req(path),
    send: (method, path, json) => c.req(path, { method, json, headers: c.csrf ? { "X-CSRF-Token": c.csrf } : {} }),
  };
}
const as = async (role) => wrap(await loggedIn(role));

let nextUser = 0;
function tokenUser(...grants) {
  const email = `dlg${++nextUser}-${process.pid}@test.example`;
  const args = ["user", "add", email, "--name", `Dialogtester ${nextUser}`];
  for (const g of grants) args.push("--grant", g);
  cli(...args);
  const token = cli("user", "token", email, "--label", "dialogue").trim();
  const c = new Client();
  return {
    get: (path) => c.req(path, { bearer: token }),
    send: (method, path, json) => c.req(path, { method, json, bearer: token }),
  };
}

function expectRule(r, status, rule, field) {
  assert.equal(r.status, status, r.text);
  if (status === 422) assert.equal(r.json.error.code, "invalid");
  if (rule !== undefined) assert.equal(r.json.error.rule, rule, r.text);
  if (field !== undefined) assert.equal(r.json.error.field, field, r.text);
  assert.ok(r.json.error.message.length > 0);
}

// Answers kept for the last test, which checks them against the OpenAPI schemas.
const samples = {};
const keep = (schema, json) => { samples[schema] = json; return json; };

const ITEMS = ["effective_operation", "socially_well_functioning", "physical_state", "maintenance", "social",
  "contemporary", "democracy"];
const fullAnswers = (score, text) =>
  Object.fromEntries(ITEMS.map((i) => [i, { score, justification: `${text} (${i})` }]));

// 2018 and 2019 are left to the route matrix of the dialogue pages
// (auth.test.mjs); the demo makes this year's and the two before.
const FREE_CANDIDATES = [2025, 2024, 2023, 2022, 2021, 2020, 2017, 2016, 2015, 2014, 2013, 2012];
// Years without a dialogue of 101 × 0101 (the demo may have made some),
// newest first; `consecutive` asks for a run of years (oldest first). Years
// handed out are not handed out again.
const taken = new Set();
async function freeYears(count, consecutive = false, candidates = null) {
  const org = await as("organisation");
  const free = async (y) => {
    if (taken.has(y)) return false;
    const r = await org.get(`/api/v1/dialogues?year=${y}&org=101&municipality=0101`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.dialogues.length, 1, r.text);
    return r.json.dialogues[0].id === null;
  };
  const out = [];
  const ys = candidates ?? FREE_CANDIDATES;
  for (const y of ys) {
    if (out.length >= count) break;
    if (!consecutive) {
      if (await free(y)) out.push(y);
      continue;
    }
    const run = Array.from({ length: count }, (_, i) => y - count + 1 + i);
    let ok = run.every((x) => ys.includes(x));
    for (const x of run) ok = ok && (await free(x));
    if (ok) out.push(...run);
  }
  if (out.length < count) throw new Error("no free year for a dialogue of 101 × 0101");
  out.forEach((y) => taken.add(y));
  return out;
}

async function open(c, year, status = 201) {
  const r = await c.send("POST", "/api/v1/dialogues", { org: 101, municipality: "0101", year });
  assert.equal(r.status, status, r.text);
  return r.json;
}

async function answerAll(org, g, score = 3, text = "Begrundelse") {
  for (const d of g.departments) {
    const r = await org.send("PUT", `/api/v1/dialogues/${g.id}/departments/${d.key}`, { answers: fullAnswers(score, text) });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.department.answered, ITEMS.length);
  }
}

test("codes: states, items with figures, scale, prompts and rules", async () => {
  const c = await as("viewer");
  const r = await c.get("/api/v1/dialogue-codes");
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.states.map((x) => x.code), ["preparing", "submitted", "returned", "meeting_held", "published"]);
  assert.deepEqual(r.json.items.map((x) => x.code), ITEMS);
  assert.equal(r.json.items.filter((x) => x.kind === "test").length, 3);
  assert.ok(r.json.items.filter((x) => x.kind === "question").every((x) => x.prompt.length > 0));
  assert.ok(r.json.items.some((x) => x.figures.length > 0));
  assert.deepEqual(r.json.scale.map((x) => x.score), [1, 2, 3, 4]);
  for (const rule of ["dialogue_locked", "return_needs_comment", "submit_needs_answers", "meeting_needs_date_and_minutes",
    "deadline_in_year", "goal_target_year", "department_not_in_dialogue"])
    assert.ok(r.json.rules.some((x) => x.code === rule), rule);
  assert.deepEqual(r.json.selection_rules.map((x) => x.code), ["warning", "list", "trend"]);
  assert.ok(r.json.transitions.length >= 4);
  assert.ok(r.json.public_figures.length > 0);
});

test("overview: both sides see the pair, readers outside the sides get 404", async () => {
  const org = await as("organisation");
  const muni = await as("municipality");
  const r = await org.get("/api/v1/dialogues?year=2024");
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.dialogues.length > 0);
  assert.ok(r.json.dialogues.every((x) => x.org_no === 101), "the organisation sees its own pairs");
  assert.ok(r.json.dialogues.some((x) => x.municipality_code === "0101"));
  const m = await muni.get("/api/v1/dialogues?year=2024");
  assert.equal(m.status, 200, m.text);
  assert.ok(m.json.dialogues.every((x) => x.municipality_code === "0101"), "the municipality sees its own");
  assert.ok(m.json.dialogues.some((x) => x.org_no === 101));
  const pair = keep("DialogueSummary", m.json.dialogues.find((x) => x.org_no === 101));
  for (const k of ["id", "org_name", "municipality_name", "year", "state", "state_label", "departments", "deadline",
    "reminder", "overdue"]) assert.ok(k in pair, k);
  assert.ok(pair.departments > 0);
  const notStarted = await muni.get("/api/v1/dialogues?year=2024&state=not_started");
  assert.ok(notStarted.json.dialogues.every((x) => x.id === null && x.state === null));
  expectRule(await muni.get("/api/v1/dialogues?state=nope"), 422, null, "state");
  expectRule(await muni.get("/api/v1/dialogues?year=19"), 422, null, "year");
  expectRule(await muni.get("/api/v1/dialogues?municipality=1"), 422, null, "municipality");
  for (const role of ["viewer", "caretaker", "plan_staff"]) {
    const c = await as(role);
    assert.equal((await c.get("/api/v1/dialogues")).status, 404, role);
  }
  const nat = await as("national");
  assert.equal((await nat.get("/api/v1/dialogues?year=2024&municipality=0101")).status, 200);
});

test("workflow by role: prepare, submit, return, resubmit, meeting, publish", async () => {
  const [year] = await freeYears(1);
  const org = await as("organisation");
  const muni = await as("municipality");
  const g = keep("Dialogue", await open(org, year, 201));
  assert.equal(g.state, "preparing");
  assert.equal(g.year, year);
  assert.equal(g.org_no, 101);
  assert.equal(g.municipality_code, "0101");
  assert.deepEqual(g.sides, ["organisation"]);
  assert.equal(g.may_edit, true);
  assert.ok(g.departments.length > 0);
  assert.ok(g.departments.every((d) => /^101-\d+$/.test(d.key)), "department keys ORG-DEPT");
  assert.equal(g.history.length, 1);
  assert.equal((await open(org, year, 200)).id, g.id, "opening again answers the same dialogue");
  const mg = await open(muni, year, 200);
  assert.equal(mg.id, g.id);
  assert.deepEqual(mg.sides, ["municipality"]);
  assert.equal(mg.may_edit, false);
  const url = `/api/v1/dialogues/${g.id}`;

  // Out of scope and outside the sides: 404.
  for (const role of ["viewer", "caretaker", "plan_staff"]) {
    const c = await as(role);
    for (const p of [url, `${url}/departments/${g.departments[0].key}`, `${url}/selection`, `${url}/goals`,
      `${url}/followup`]) assert.equal((await c.get(p)).status, 404, `${role} ${p}`);
  }
  const other = tokenUser("municipality:0147");
  assert.equal((await other.get(url)).status, 404, "another municipality");
  expectRule(await other.send("POST", `${url}/state`, { state: "returned", comment: "x" }), 404);
  assert.equal((await (await as("national")).get(url)).status, 200, "national reads everything");
  expectRule(await org.get("/api/v1/dialogues/999999"), 404);
  expectRule(await org.get("/api/v1/dialogues/abc"), 404, null, "dialogue");

  // Strict input.
  expectRule(await org.send("PUT", url, { summary: 5 }), 422, null, "summary");
  expectRule(await org.send("PUT", url, { summary: "x", nope: 1 }), 422, null, "nope");
  expectRule(await org.send("PUT", url, {}), 422, null, "summary");
  expectRule(await org.send("POST", `${url}/state`, { state: "flying" }), 422, null, "state");
  expectRule(await org.send("POST", `${url}/state`, { state: "submitted", extra: true }), 422, null, "extra");
  expectRule(await org.send("POST", "/api/v1/dialogues", { org: "101", municipality: "0101", year }), 422, null, "org");
  expectRule(await org.send("POST", "/api/v1/dialogues", { municipality: "0101", year }), 422, null, "org");

  // Free texts have a limit, named in the error.
  expectRule(await org.send("PUT", url, { summary: "x".repeat(20001) }), 422, null, "summary");

  const sum = await org.send("PUT", url, { summary: "Organisationens resumé" });
  assert.equal(sum.status, 200, sum.text);
  assert.equal(sum.json.summary, "Organisationens resumé");
  expectRule(await muni.send("POST", `${url}/state`, { state: "submitted" }), 403);

  // Submitting needs every department answered on every item.
  expectRule(await org.send("POST", `${url}/state`, { state: "submitted" }), 422, "submit_needs_answers");
  await answerAll(org, g, 3, "Hemmelig begrundelse");
  const sub = await org.send("POST", `${url}/state`, { state: "submitted" });
  assert.equal(sub.status, 200, sub.text);
  assert.equal(sub.json.state, "submitted");
  assert.equal(sub.json.may_edit, false);
  const key = g.departments[0].key;
  expectRule(await org.send("PUT", `${url}/departments/${key}`, { answers: { social: { score: 1 } } }), 422,
    "dialogue_locked");
  expectRule(await org.send("PUT", url, { summary: "Ændret" }), 422, "dialogue_locked");

  // Only the municipality returns, with a comment.
  expectRule(await org.send("POST", `${url}/state`, { state: "returned", comment: "Selv retur" }), 403);
  expectRule(await muni.send("POST", `${url}/state`, { state: "returned" }), 422, "return_needs_comment");
  // Not dated before the submission.
  expectRule(await muni.send("POST", `${url}/state`, { state: "returned", comment: "Uddyb", date: "2000-01-01" }),
    422, "transition_date", "date");
  expectRule(await muni.send("POST", `${url}/state`, { state: "returned", comment: "x".repeat(4001) }), 422, null,
    "comment");
  const ret = await muni.send("POST", `${url}/state`, { state: "returned", comment: "Uddyb venligst afdeling 1." });
  assert.equal(ret.status, 200, ret.text);
  assert.equal(ret.json.state, "returned");
  assert.ok(ret.json.history.some((h) => h.to === "returned" && h.comment === "Uddyb venligst afdeling 1."));
  const again = await org.send("PUT", `${url}/departments/${key}`,
    { answers: { social: { justification: "Uddybet begrundelse" } } });
  assert.equal(again.status, 200, again.text);
  const social = again.json.answers.find((a) => a.item === "social");
  assert.equal(social.justification, "Uddybet begrundelse");
  assert.equal(social.score, 3, "an absent score keeps its value");
  assert.equal((await org.send("POST", `${url}/state`, { state: "submitted" })).status, 200);

  // Only the municipality records the meeting (date and minutes) and publishes.
  expectRule(await org.send("POST", `${url}/state`, { state: "meeting_held", meeting_date: `${year}-05-01`,
    minutes: "x" }), 403);
  expectRule(await muni.send("POST", `${url}/state`, { state: "meeting_held" }), 422,
    "meeting_needs_date_and_minutes");
  expectRule(await muni.send("POST", `${url}/state`, { state: "published" }), 422);
  const met = await muni.send("POST", `${url}/state`, { state: "meeting_held", meeting_date: `${year}-05-01`,
    minutes: "Hemmeligt referat fra mødet" });
  assert.equal(met.status, 200, met.text);
  assert.equal(met.json.state, "meeting_held");
  assert.equal(met.json.meeting_date, `${year}-05-01`);
  assert.equal(met.json.minutes, "Hemmeligt referat fra mødet");

  // Nothing public before publication.
  const anon = new Client();
  expectRule(await anon.req(`/api/v1/public/dialogues/${g.id}`), 404);
  const listBefore = await anon.req("/api/v1/public/dialogues?municipality=0101");
  assert.equal(listBefore.status, 200);
  assert.ok(!listBefore.json.dialogues.some((x) => x.id === g.id));

  expectRule(await org.send("POST", `${url}/state`, { state: "published" }), 403);
  const pub = await muni.send("POST", `${url}/state`, { state: "published" });
  assert.equal(pub.status, 200, pub.text);
  assert.equal(pub.json.state, "published");
  assert.ok(pub.json.published_at);
  assert.deepEqual(pub.json.history.map((h) => h.to),
    ["preparing", "submitted", "returned", "submitted", "meeting_held", "published"]);
  expectRule(await org.send("PUT", `${url}/departments/${key}`, { answers: { social: { score: 1 } } }), 422,
    "dialogue_locked");

  // The public data sheets: master data and suppressed figures, no answers.
  const listed = await anon.req("/api/v1/public/dialogues?municipality=0101");
  assert.ok(listed.json.dialogues.some((x) => x.id === g.id && x.year === year && x.org_no === 101));
  const sheet = await anon.req(`/api/v1/public/dialogues/${g.id}`);
  assert.equal(sheet.status, 200, sheet.text);
  keep("PublicDialogue", sheet.json);
  assert.equal(sheet.json.year, year);
  assert.equal(sheet.json.departments.length, g.departments.length);
  for (const secret of ["Hemmelig begrundelse", "Uddybet begrundelse", "Hemmeligt referat", "Organisationens resumé",
    "Uddyb venligst"]) assert.ok(!sheet.text.includes(secret), secret);
  for (const k of ["answers", "minutes", "summary", "history", "selection", "goals"])
    assert.ok(!(k in sheet.json), k);
  for (const d of sheet.json.departments) {
    assert.ok(!("answers" in d) && !("swot" in d));
    assert.ok(d.figures.length > 0);
    for (const f of d.figures) {
      if (d.suppressed.includes(f.key_figure)) assert.equal(f.value, null, `${d.key} ${f.key_figure}`);
      if (f.value === null && f.display === "<5") assert.ok(d.suppressed.includes(f.key_figure));
    }
  }
  const anonList = await anon.req("/api/v1/public/dialogues");
  assert.equal(anonList.status, 200);
  expectRule(await anon.req("/api/v1/public/dialogues/abc"), 404);
});

test("public sheets: the suppression of the key-figure API", async () => {
  const anon = new Client();
  const list = (await anon.req("/api/v1/public/dialogues")).json.dialogues;
  const admin = await as("admin");
  for (const x of list.slice(0, 3)) {
    const sheet = (await anon.req(`/api/v1/public/dialogues/${x.id}`)).json;
    for (const d of sheet.departments.slice(0, 5)) {
      const kf = (await admin.get(`/api/v1/departments/${d.key}/keyfigures`)).json.unit.values;
      for (const f of d.figures) {
        const v = kf.find((r) => r.key_figure === f.key_figure && r.year === f.year);
        if (!v) continue;
        assert.equal(f.value, v.value, `${d.key} ${f.key_figure} ${f.year}`);
        assert.equal(d.suppressed.includes(f.key_figure), v.suppressed, `${d.key} ${f.key_figure} suppressed`);
      }
    }
  }
});

test("sheet: prefilled figures equal the department's key figures; answers all or nothing", async () => {
  const [year] = await freeYears(1);
  const org = await as("organisation");
  const g = await open(org, year);
  const key = g.departments[0].key;
  const url = `/api/v1/dialogues/${g.id}/departments/${key}`;
  const r = await org.get(url);
  assert.equal(r.status, 200, r.text);
  const s = keep("DialogueSheet", r.json);
  assert.equal(s.dialogue_id, g.id);
  assert.equal(s.department.key, key);
  assert.deepEqual(s.answers.map((a) => a.item), ITEMS);
  assert.ok(s.answers.every((a) => a.score === null && a.justification === ""));

  const prof = (await org.get(`/api/v1/departments/${key}/keyfigures`)).json;
  const muniSet = prof.comparisons.find((c) => c.level === "municipality");
  const countrySet = prof.comparisons.find((c) => c.level === "country");
  let compared = 0;
  for (const a of s.answers)
    for (const f of a.figures) {
      if (f.year === null) continue;
      assert.ok(f.year <= year, `${f.key_figure}: the dialogue's year or before`);
      const v = prof.unit.values.find((x) => x.key_figure === f.key_figure && x.year === f.year);
      assert.ok(v, `${f.key_figure} ${f.year} in the key figures`);
      assert.equal(f.suppressed, v.suppressed, `${f.key_figure} suppressed`);
      assert.equal(f.value, v.value, `${f.key_figure} ${f.year}`);
      const mv = muniSet.values.find((x) => x.key_figure === f.key_figure && x.year === f.year);
      if (mv && f.municipality_value !== null) assert.equal(f.municipality_value, mv.value, `${f.key_figure} municipality`);
      const cv = countrySet.values.find((x) => x.key_figure === f.key_figure && x.year === f.year);
      if (cv && f.country_value !== null) assert.equal(f.country_value, cv.value, `${f.key_figure} country`);
      const last = f.series.find((p) => p.year === f.year);
      if (last && !f.suppressed) assert.equal(last.value, f.value, `${f.key_figure} series`);
      compared++;
    }
  assert.ok(compared > 0, "the sheet shows figures");

  // Answers: strict, with the field of the item.
  expectRule(await org.send("PUT", url, { answers: { social: { score: 5 } } }), 422, null, "answers.social.score");
  expectRule(await org.send("PUT", url, { answers: { social: { score: "3" } } }), 422, null, "answers.social.score");
  expectRule(await org.send("PUT", url, { answers: { nope: { score: 3 } } }), 422, null, "answers.nope");
  expectRule(await org.send("PUT", url, { answers: { social: { score: 3, extra: 1 } } }), 422, null,
    "answers.social.extra");
  expectRule(await org.send("PUT", url, { answers: { social: { justification: 7 } } }), 422, null,
    "answers.social.justification");
  expectRule(await org.send("PUT", url, { answers: [] }), 422, null, "answers");
  expectRule(await org.send("PUT", url, {}), 422, null, "answers");
  expectRule(await org.send("PUT", url, { answers: {}, score: 1 }), 422, null, "score");
  // All or nothing: a bad item keeps the good one from being saved.
  expectRule(await org.send("PUT", url, { answers: { maintenance: { score: 4, justification: "God" },
    democracy: { score: 9 } } }), 422, null, "answers.democracy.score");
  const after = await org.get(url);
  assert.equal(after.json.answers.find((a) => a.item === "maintenance").score, null);

  const ok = await org.send("PUT", url, { answers: { maintenance: { score: 4, justification: "God stand" },
    democracy: { score: 2, justification: "Lav deltagelse" } } });
  assert.equal(ok.status, 200, ok.text);
  const by = Object.fromEntries(ok.json.answers.map((a) => [a.item, a]));
  assert.equal(by.maintenance.score, 4);
  assert.equal(by.maintenance.score_label.length > 0, true);
  assert.equal(by.democracy.justification, "Lav deltagelse");
  assert.ok(by.maintenance.user_name);
  assert.equal(ok.json.department.answered, 2);
  const cleared = await org.send("PUT", url, { answers: { democracy: { score: null } } });
  assert.equal(cleared.status, 200, cleared.text);
  assert.equal(cleared.json.department.answered, 1);

  expectRule(await org.get(`/api/v1/dialogues/${g.id}/departments/999-1`), 404, null, "department");
  expectRule(await org.get(`/api/v1/dialogues/${g.id}/departments/101`), 404, null, "department");
  const muni = await as("municipality");
  assert.equal((await muni.get(url)).status, 200, "the municipality reads the sheet");
  assert.equal((await muni.send("PUT", url, { answers: {} })).status, 404, "the municipality does not answer");
  const nat = await as("national");
  assert.equal((await nat.get(url)).status, 200);
});

test("definitions: per question from a year on, reused later", async () => {
  const org = await as("organisation");
  const muni = await as("municipality");
  const url = "/api/v1/organisations/101/definitions";
  const put = await org.send("PUT", url, { question: "maintenance", year_from: 2014,
    text: "Tilfredsstillende når efterslæbet er under 100 kr. pr. m²." });
  assert.equal(put.status, 200, put.text);
  const d = keep("DialogueDefinition", put.json.definitions.find((x) => x.question === "maintenance"));
  assert.equal(d.text, "Tilfredsstillende når efterslæbet er under 100 kr. pr. m².");
  assert.equal(d.year_from, 2014);
  assert.ok(d.prompt.length > 0);
  assert.equal(put.json.definitions.length, 4);
  // Years before any the demo defines (it defines from recent years).
  const later = await org.get(`${url}?year=2015`);
  assert.equal(later.status, 200, later.text);
  assert.equal(later.json.definitions.find((x) => x.question === "maintenance").text, d.text, "reused year to year");
  const m = await muni.get(`${url}?year=2015`);
  assert.equal(m.status, 200, m.text);
  assert.equal(m.json.definitions.find((x) => x.question === "maintenance").text, d.text);
  assert.equal((await muni.send("PUT", url, { question: "social", year_from: 2024, text: "x" })).status, 404);
  expectRule(await org.send("PUT", url, { question: "nope", year_from: 2024, text: "x" }), 422, null, "question");
  expectRule(await org.send("PUT", url, { question: "social", year_from: "2024", text: "x" }), 422, null, "year_from");
  expectRule(await org.send("PUT", url, { question: "social", year_from: 2024 }), 422, null, "text");
  expectRule(await org.get(`${url}?year=x`), 422, null, "year");
  for (const role of ["viewer", "caretaker", "plan_staff"])
    assert.equal((await (await as(role)).get(url)).status, 404, role);
  assert.equal((await tokenUser("municipality:0147").get(`${url}?year=2024`)).status === 200, false,
    "another municipality does not read them");
});

test("selection: proposals, by hand, confirmation and SWOT before submitting", async () => {
  const [year] = await freeYears(1);
  const org = await as("organisation");
  const g = await open(org, year);
  const url = `/api/v1/dialogues/${g.id}/selection`;
  const prop = await org.send("POST", `${url}/propose`);
  assert.equal(prop.status, 200, prop.text);
  for (const s of prop.json.selection) {
    assert.equal(s.proposed, true);
    assert.ok(s.rules.length > 0 && s.reasons.length > 0, `${s.department} has reasons`);
    assert.equal(s.confirmed, false);
  }
  // By hand: a department the data did not propose (or the first).
  const pick = g.departments.find((d) => !prop.json.selection.some((s) => s.department === d.key)) ?? g.departments[0];
  const add = await org.send("PUT", `${url}/${pick.key}`, { confirmed: true });
  assert.ok([200, 201].includes(add.status), add.text);
  assert.equal(add.json.department, pick.key);
  assert.equal(add.json.confirmed, true);
  expectRule(await org.send("PUT", `${url}/${pick.key}`, { confirmed: "yes" }), 422, null, "confirmed");
  expectRule(await org.send("PUT", `${url}/${pick.key}`, { swot: "x" }), 422, null, "swot");
  expectRule(await org.send("PUT", `${url}/999-9`, { confirmed: true }), 404, null, "department");
  assert.equal((await (await as("municipality")).send("PUT", `${url}/${pick.key}`, { confirmed: false })).status, 404);

  // A confirmed selection needs its SWOT before submitting.
  await answerAll(org, g, 4, "Svar");
  expectRule(await org.send("POST", `/api/v1/dialogues/${g.id}/state`, { state: "submitted" }), 422,
    "submit_needs_answers");
  const swot = await org.send("PUT", `${url}/${pick.key}`, { strengths: "Stærkt fællesskab", weaknesses: "Slid",
    opportunities: "Helhedsplan", threats: "Fraflytning" });
  assert.equal(swot.status, 200, swot.text);
  keep("DialogueSelection", swot.json);
  assert.equal(swot.json.strengths, "Stærkt fællesskab");
  assert.equal(swot.json.confirmed, true, "absent keys keep their value");
  const list = await (await as("municipality")).get(url);
  assert.equal(list.status, 200);
  assert.ok(list.json.selection.some((s) => s.department === pick.key && s.threats === "Fraflytning"));
  // Removing an unconfirmed proposal works; the confirmed one stays after re-proposing.
  const again = await org.send("POST", `${url}/propose`, {});
  assert.equal(again.status, 200, again.text);
  assert.ok(again.json.selection.some((s) => s.department === pick.key && s.confirmed && s.strengths));
  const other = g.departments.find((d) => d.key !== pick.key);
  if (other) {
    await org.send("PUT", `${url}/${other.key}`, {});
    assert.equal((await org.send("DELETE", `${url}/${other.key}`)).status, 204);
    expectRule(await org.send("DELETE", `${url}/${other.key}`), 404, null, "department");
  }
  const sub = await org.send("POST", `/api/v1/dialogues/${g.id}/state`, { state: "submitted" });
  assert.equal(sub.status, 200, sub.text);
  expectRule(await org.send("POST", `${url}/propose`), 422, "dialogue_locked");
});

test("goals and their follow-up in next year's dialogue", async () => {
  const [y0, y1] = await freeYears(2, true);
  const org = await as("organisation");
  const muni = await as("municipality");
  const g = await open(org, y0);
  const url = `/api/v1/dialogues/${g.id}/goals`;
  const key = g.departments[0].key;
  const kfs = (await org.get(`/api/v1/departments/${key}/keyfigures`)).json.unit.values;
  const fig = kfs.find((v) => v.year === y1 && v.value !== null && !v.suppressed);
  assert.ok(fig, "a figure with a value in the target year");
  const a = await org.send("POST", url, { title: "Bedre tal", department: key, key_figure: fig.key_figure,
    target_value: fig.value, target_year: y1 });
  assert.equal(a.status, 201, a.text);
  keep("DialogueGoal", a.json);
  assert.equal(a.json.department, key);
  assert.equal(a.json.key_figure, fig.key_figure);
  assert.equal(a.json.target_year, y1);
  const b = await org.send("POST", url, { title: "Flere beboermøder" });
  assert.equal(b.status, 201, b.text);
  assert.equal(b.json.department, null);
  assert.equal(b.json.key_figure, null);
  const c = await org.send("POST", url, { title: "Slettes" });
  assert.equal((await org.send("DELETE", `${url}/${c.json.id}`)).status, 204);
  expectRule(await org.send("DELETE", `${url}/${c.json.id}`), 404, null, "goal");
  const put = await org.send("PUT", `${url}/${b.json.id}`, { title: "Flere og bedre beboermøder" });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json.title, "Flere og bedre beboermøder");

  expectRule(await org.send("POST", url, { title: "x", target_year: y0, key_figure: fig.key_figure, target_value: 1 }),
    422, "goal_target_year");
  expectRule(await org.send("POST", url, { title: "x", department: "999-9" }), 422, "department_not_in_dialogue",
    "department");
  expectRule(await org.send("POST", url, { title: "x", key_figure: "nope" }), 422, null, "key_figure");
  expectRule(await org.send("POST", url, { department: key }), 422, null, "title");
  expectRule(await org.send("POST", url, { title: "x", target_value: "1" }), 422, null, "target_value");
  expectRule(await org.send("POST", url, { title: "x", owner: "me" }), 422, null, "owner");
  const list = await muni.get(url);
  assert.equal(list.status, 200);
  assert.deepEqual(list.json.goals.map((x) => x.id).sort(), [a.json.id, b.json.id].sort());

  // Next year's dialogue follows them up: target against the actual value.
  const g1 = await open(org, y1);
  const fu = await org.get(`/api/v1/dialogues/${g1.id}/followup`);
  assert.equal(fu.status, 200, fu.text);
  const fa = fu.json.followups.find((x) => x.id === a.json.id);
  const fb = fu.json.followups.find((x) => x.id === b.json.id);
  assert.ok(fa && fb, fu.text);
  keep("DialogueFollowup", fa);
  assert.equal(fa.actual_year, y1);
  assert.equal(fa.actual, fig.value, "the actual value is the key figure's");
  assert.ok(["met", "not_met"].includes(fa.status), fa.status);
  assert.equal(fb.status, "no_figure");
  // The organisation writes the follow-up of last year's goal from this year's dialogue.
  const note = await org.send("PUT", `/api/v1/dialogues/${g1.id}/goals/${a.json.id}`, { follow_up: "Målet er nået." });
  assert.equal(note.status, 200, note.text);
  assert.equal(note.json.follow_up, "Målet er nået.");
  expectRule(await org.send("PUT", `/api/v1/dialogues/${g1.id}/goals/${a.json.id}`, { title: "Nyt" }), 422, null,
    "title");
  const fu2 = await org.get(`/api/v1/dialogues/${g1.id}/followup`);
  assert.equal(fu2.json.followups.find((x) => x.id === a.json.id).follow_up, "Målet er nået.");
  expectRule(await org.send("DELETE", `/api/v1/dialogues/${g1.id}/goals/${a.json.id}`), 404, null, "goal");
  for (const role of ["viewer", "plan_staff"])
    assert.equal((await (await as(role)).get(`/api/v1/dialogues/${g1.id}/followup`)).status, 404);

  // The municipality adds a goal at the meeting, while the dialogue is submitted.
  const early = await muni.send("POST", url, { title: "Kommunens mål" });
  assert.ok([403, 422].includes(early.status), early.text);
  await answerAll(org, g, 2, "Svar");
  assert.equal((await org.send("POST", `/api/v1/dialogues/${g.id}/state`, { state: "submitted" })).status, 200);
  const m = await muni.send("POST", url, { title: "Aftalt på mødet" });
  assert.equal(m.status, 201, m.text);
  expectRule(await org.send("POST", url, { title: "For sent" }), 422, "dialogue_locked");
});

test("deadlines and reminders", async () => {
  // Reminders look at this year's and last year's deadlines: a deadline
  // yesterday (or today on 1 January) in this year, or 31 December last year.
  const today = new Date().toISOString().slice(0, 10);
  const cy = Number(today.slice(0, 4));
  const org = await as("organisation");
  const muni = await as("municipality");
  // This year's (or last year's) dialogue of the pair, opened here or made by
  // the demo, still to be submitted (a submitted one is sent back first).
  let year = 0;
  for (const y of [cy, cy - 1]) {
    const r = await org.send("POST", "/api/v1/dialogues", { org: 101, municipality: "0101", year: y });
    assert.ok([200, 201].includes(r.status), r.text);
    if (r.json.state === "submitted") {
      const back = await muni.send("POST", `/api/v1/dialogues/${r.json.id}/state`,
        { state: "returned", comment: "Sendt retur for at prøve påmindelser" });
      assert.equal(back.status, 200, back.text);
    }
    if (["preparing", "submitted", "returned"].includes(r.json.state)) {
      year = y;
      break;
    }
  }
  assert.ok(year, "a dialogue of this or last year still to be submitted");
  taken.add(year);
  const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
  const deadline = year < cy ? `${year}-12-31` : yesterday.startsWith(String(year)) ? yesterday : today;
  const past = deadline < today;
  const url = `/api/v1/municipalities/0101/dialogue-deadlines/${year}`;
  expectRule(await muni.send("PUT", url, { deadline: `${year + 1}-01-15` }), 422, "deadline_in_year");
  expectRule(await muni.send("PUT", url, { deadline: 20240301 }), 422, null, "deadline");
  expectRule(await muni.send("PUT", url, { deadline: `${year}-03-01`, remind_days: -1 }), 422, null, "remind_days");
  expectRule(await muni.send("PUT", url, {}), 422, null, "deadline");
  assert.equal((await org.send("PUT", url, { deadline: `${year}-03-01` })).status, 404, "the organisation sets none");
  const put = await muni.send("PUT", url, { deadline, remind_days: 30 });
  assert.equal(put.status, 200, put.text);
  assert.deepEqual(put.json, { municipality_code: "0101", year, deadline, remind_days: 30 });
  const got = await org.get(url);
  assert.equal(got.status, 200, got.text);
  assert.equal(got.json.deadline, deadline);
  assert.equal((await tokenUser("municipality:0147").get(url)).status, 404, "another municipality");
  assert.equal((await tokenUser("municipality:0147").send("PUT", url, { deadline: `${year}-03-01` })).status, 404);
  for (const role of ["viewer", "caretaker", "plan_staff"])
    assert.equal((await (await as(role)).get(url)).status, 404, role);
  expectRule(await muni.get("/api/v1/municipalities/0101/dialogue-deadlines/abc"), 404, null, "year");
  const ov = (await org.get(`/api/v1/dialogues?year=${year}&municipality=0101&org=101`)).json.dialogues[0];
  assert.equal(ov.deadline, deadline);
  assert.equal(ov.reminder, true, "the deadline is near or past and nothing is submitted");
  assert.equal(ov.overdue, past);

  // The deadline is past: the organisation is reminded, the municipality sees it overdue.
  const g = await open(org, year, 200);
  assert.equal(g.deadline, deadline);
  assert.equal(g.reminder, true);
  assert.equal(g.overdue, past);
  assert.ok(past ? g.days_left < 0 : g.days_left === 0, String(g.days_left));
  const rem = await org.get("/api/v1/dialogue-reminders");
  assert.equal(rem.status, 200, rem.text);
  assert.ok(rem.json.reminders.some((x) => x.id === g.id && x.reminder), rem.text);
  const mrem = await muni.get("/api/v1/dialogue-reminders");
  assert.equal(mrem.json.reminders.some((x) => x.id === g.id), past, "the municipality: its overdue ones");
  await answerAll(org, g, 4, "Svar");
  assert.equal((await org.send("POST", `/api/v1/dialogues/${g.id}/state`, { state: "submitted" })).status, 200);
  const after = await org.get("/api/v1/dialogue-reminders");
  assert.ok(!after.json.reminders.some((x) => x.id === g.id), "submitted: no reminder");
  for (const role of ["viewer", "caretaker", "plan_staff"])
    assert.equal((await (await as(role)).get("/api/v1/dialogue-reminders")).status, 404, role);
});

test("the answers match the documented schemas (OpenAPI)", async () => {
  const doc = (await new Client().req("/api/v1/openapi.json")).json;
  const props = (name) => doc.components.schemas[name].properties;
  const check = (name, json, path = name) => {
    const p = props(name);
    for (const k of Object.keys(json)) assert.ok(k in p, `${path}.${k} is documented`);
    const required = doc.components.schemas[name].required ?? [];
    for (const k of required) assert.ok(k in json, `${path}.${k} is answered`);
  };
  for (const name of ["Dialogue", "DialogueSummary", "DialogueSheet", "PublicDialogue", "DialogueSelection",
    "DialogueGoal", "DialogueFollowup", "DialogueDefinition"]) {
    assert.ok(samples[name], `a sample of ${name}`);
    check(name, samples[name]);
  }
  check("DialogueDepartment", samples.Dialogue.departments[0]);
  check("DialogueHistory", samples.Dialogue.history[0]);
  check("DialogueAnswer", samples.DialogueSheet.answers[0]);
  const fig = samples.DialogueSheet.answers.flatMap((a) => a.figures)[0];
  if (fig) check("DialogueFigure", fig);
  // Every documented property of the main shapes is answered.
  for (const name of ["Dialogue", "DialogueSheet", "DialogueGoal", "DialogueSelection"])
    for (const k of Object.keys(props(name))) assert.ok(k in samples[name], `${name}.${k} is answered`);
});
