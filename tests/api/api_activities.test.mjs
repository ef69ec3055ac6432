// Activities, attendance and involvement over the API (api_activities.c):
// CRUD round trips of every resource, the rules as 422 with rule and field,
// strict input, scope (another plan's staff, a reader who may see but not
// write), small-number suppression and no participant keys for readers
// outside the plan team, the idempotent client_token of the phone form, and
// attendance figures against a hand-computed expectation. Runs before
// auth.test.mjs (name order).
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
  const email = `act${++nextUser}-${process.pid}@test.example`;
  const args = ["user", "add", email, "--name", `Aktivitetstester ${nextUser}`];
  for (const g of grants) args.push("--grant", g);
  cli(...args);
  const token = cli("user", "token", email, "--label", "activities").trim();
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

let planCount = 0;
async function createPlan() {
  const org = await as("organisation");
  const r = await org.send("POST", "/api/v1/plans", {
    name: `Aktivitetsparken ${++planCount} ${process.pid}`, type: "social", municipality_code: "0101",
    round: "2011-2014", organisations: [101], departments: ["101-1"], focus: ["Sundhed", "Uddannelse"],
  });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

async function createActivity(c, planId, extra = {}) {
  const r = await c.send("POST", `/api/v1/plans/${planId}/activities`, {
    name: "Løbeklub", categories: ["exercise"], ...extra });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

const cells = (o) => {
  const g = { female: {}, male: {}, other: {} };
  for (const [k, v] of Object.entries(o)) {
    const [gender, age] = k.split(".");
    g[gender][age] = v;
  }
  return g;
};

test("codes: every list with Danish labels", async () => {
  const c = await as("viewer");
  const r = await c.get("/api/v1/activity-codes");
  assert.equal(r.status, 200, r.text);
  for (const k of ["categories", "target_groups", "kram", "channels", "formats", "responsible", "idea_sources",
    "statuses", "schedules", "genders", "age_bands", "phases", "involvement_types", "questions",
    "outreach_methods", "resident_roles", "course_kinds", "story_kinds", "hart_rungs"])
    assert.ok(r.json[k]?.length > 0, k);
  assert.equal(r.json.categories.length, 7);
  assert.ok(r.json.categories.some((x) => x.code === "exercise" && x.label === "Bevægelse og motion"));
  assert.equal(r.json.hart_rungs.length, 8);
  assert.equal(r.json.phases.length, 6);
  assert.equal(r.json.resident_roles.length, 8);
});

test("activities: create, read, filter, change, status and history, delete", async () => {
  const p = await createPlan();
  const org = await as("organisation");
  const a = await createActivity(org, p.id, {
    description: "Løb hver tirsdag", focus: "Sundhed", target_groups: ["women", "youth"], kram: ["exercise"],
    channels: ["flyer", "digital"], format: "team", place: "Fælleshuset", responsible_kind: "staff",
    responsible: "Boligsocial medarbejder", idea_source: "residents", in_application: true, status: "planned",
    schedule: "weekly", first_date: "2023-01-03", start_time: "17:00", end_time: "18:00",
    exceptions: ["2023-01-10"],
  });
  assert.equal(a.plan_id, p.id);
  assert.deepEqual(a.categories, ["exercise"]);
  assert.deepEqual(a.target_groups.sort(), ["women", "youth"]);
  assert.equal(a.focus, "Sundhed");
  assert.equal(a.status, "planned");
  assert.equal(a.schedule, "weekly");
  assert.deepEqual(a.exceptions, ["2023-01-10"]);
  assert.equal(a.may_write, true);
  assert.deepEqual(a.suppressed, []);

  const got = await org.get(`/api/v1/activities/${a.id}`);
  assert.equal(got.status, 200);
  assert.equal(got.json.name, "Løbeklub");
  assert.equal(got.json.place, "Fælleshuset");

  const b = await createActivity(org, p.id, { name: "Fællesspisning", categories: ["food", "wellbeing"] });
  const list = async (q = "") => (await org.get(`/api/v1/plans/${p.id}/activities${q}`)).json.activities.map((x) => x.id);
  assert.deepEqual((await list()).sort(), [a.id, b.id].sort());
  assert.deepEqual(await list("?category=food"), [b.id]);
  assert.deepEqual(await list("?status=planned"), [a.id]);
  assert.deepEqual(await list("?q=spisning"), [b.id]);
  expectRule(await org.get(`/api/v1/plans/${p.id}/activities?status=nope`), 422, null, "status");

  const put = await org.send("PUT", `/api/v1/activities/${a.id}`, { place: "Gården", categories: ["exercise", "health_tests"] });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json.place, "Gården");
  assert.equal(put.json.name, "Løbeklub", "absent keys keep their value");
  assert.deepEqual(put.json.categories, ["exercise", "health_tests"]);

  const st = await org.send("POST", `/api/v1/activities/${a.id}/status`, { status: "running", date: "2023-02-01" });
  assert.equal(st.status, 200, st.text);
  assert.equal(st.json.status, "running");
  const h = await org.get(`/api/v1/activities/${a.id}/status`);
  assert.equal(h.status, 200);
  assert.ok(h.json.history.some((x) => x.status === "running" && x.effective === "2023-02-01"), h.text);
  expectRule(await org.send("POST", `/api/v1/activities/${a.id}/status`, { status: "idea" }), 422, "status_back_to_idea");
  expectRule(await org.send("POST", `/api/v1/activities/${a.id}/status`, {}), 422, null, "status");

  assert.equal((await org.send("DELETE", `/api/v1/activities/${b.id}`)).status, 204);
  assert.equal((await org.get(`/api/v1/activities/${b.id}`)).status, 404);
  assert.equal((await org.send("DELETE", `/api/v1/activities/${b.id}`)).status, 404);
});

test("activities: strict input and rules", async () => {
  const p = await createPlan();
  const org = await as("organisation");
  const url = `/api/v1/plans/${p.id}/activities`;
  expectRule(await org.send("POST", url, { name: "X", categories: ["exercise"], nope: 1 }), 422, null, "nope");
  expectRule(await org.send("POST", url, { name: "X", categories: "exercise" }), 422, null, "categories");
  expectRule(await org.send("POST", url, { name: "X", categories: ["swimming"] }), 422, null, "categories[0]");
  expectRule(await org.send("POST", url, { name: "X", categories: ["exercise"], format: "huge" }), 422, null, "format");
  expectRule(await org.send("POST", url, { name: 7, categories: ["exercise"] }), 422, null, "name");
  expectRule(await org.send("POST", url, { categories: ["exercise"] }), 422, null, "name");
  expectRule(await org.send("POST", url, { name: "X", categories: ["exercise"], in_application: "ja" }), 422, null,
    "in_application");
  expectRule(await org.send("POST", url, { name: "X", categories: ["exercise"], partners: [{ partner_id: 1, x: 1 }] }),
    422, null, "partners[0].x");
  expectRule(await org.send("POST", url, { name: "X", categories: ["exercise"], focus: "Beskæftigelse" }), 422,
    "focus_in_plan", "focus");
  expectRule(await org.send("POST", url, { name: "X", categories: ["exercise"], partners: [{ partner_id: 999999 }] }), 422,
    "partner_role", "partners");
  const withPartner = await createActivity(org, p.id, { name: "Idrætsdag", responsible_kind: "partner",
    responsible_partner_id: 1, partners: [{ partner_id: 1, role: "recruitment" }] });
  assert.equal(withPartner.responsible_kind, "partner");
  assert.equal(withPartner.responsible_partner_id, 1);
  assert.ok(withPartner.responsible_partner_name);
  assert.deepEqual(withPartner.partners.map((x) => [x.partner_id, x.role]), [[1, "recruitment"]]);
  const cleared = await org.send("PUT", `/api/v1/activities/${withPartner.id}`, { partners: [],
    responsible_kind: "staff", responsible_partner_id: null });
  assert.equal(cleared.status, 200, cleared.text);
  assert.deepEqual(cleared.json.partners, []);
  assert.equal(cleared.json.responsible_partner_id, null);
  const bad = await org.send("POST", url, { name: "X", categories: [] });
  assert.equal(bad.status, 422, "at least one category");
  assert.equal(bad.json.error.field, "categories");
});

test("sessions: CRUD, the rules with rule and field, strict counts, idempotent client_token", async () => {
  const p = await createPlan();
  const org = await as("organisation");
  const a = await createActivity(org, p.id);
  const url = `/api/v1/activities/${a.id}/sessions`;
  const made = await org.send("POST", url, {
    date: "2024-03-05", start_time: "17:00", counts: cells({ "female.adult": 4, "male.youth": 3 }),
    new_participants: 2, volunteers: 1, note: "Regn", client_token: `tok-${process.pid}-1`,
  });
  assert.equal(made.status, 201, made.text);
  const s = made.json;
  assert.equal(s.participants, 7);
  assert.equal(s.new_participants, 2);
  assert.equal(s.returning_participants, 5);
  assert.equal(s.volunteers, 1);
  assert.equal(s.counts.female.adult, 4);
  assert.equal(s.counts.male.youth, 3);
  assert.equal(s.counts.other.senior, 0);
  assert.deepEqual(s.suppressed, []);
  assert.deepEqual(s.keys, []);

  // The phone form sent again after a lost answer: the same session, 200.
  const again = await org.send("POST", url, {
    date: "2024-03-05", start_time: "17:00", counts: cells({ "female.adult": 4, "male.youth": 3 }),
    new_participants: 2, volunteers: 1, note: "Regn", client_token: `tok-${process.pid}-1`,
  });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.json.id, s.id);
  assert.equal((await org.get(url)).json.sessions.length, 1);
  // The token of another activity's form: a conflict, not that session.
  const other = await createActivity(org, p.id, { name: "Svømning" });
  const clash = await org.send("POST", `/api/v1/activities/${other.id}/sessions`, {
    date: "2024-03-05", counts: cells({ "female.adult": 5 }), client_token: `tok-${process.pid}-1` });
  assert.equal(clash.status, 409, clash.text);
  assert.equal(clash.json.error.field, "client_token");

  const got = await org.get(`/api/v1/sessions/${s.id}`);
  assert.equal(got.status, 200);
  assert.equal(got.json.note, "Regn");
  const put = await org.send("PUT", `/api/v1/sessions/${s.id}`, { note: "Sol", volunteers: 2 });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json.note, "Sol");
  assert.equal(put.json.volunteers, 2);
  assert.equal(put.json.participants, 7, "absent counts keep their value");

  // Rules.
  expectRule(await org.send("POST", url, { date: "2024-03-12", counts: cells({ "female.adult": 2 }), new_participants: 3 }),
    422, "new_le_participants", "new_participants");
  expectRule(await org.send("POST", url, { date: "2024-03-12", counts: cells({ "female.adult": 3 }), keys: ["AB-1", "AB-2"] }),
    422, "keys_match_count", "keys");
  const future = new Date(Date.now() + 5 * 86400e3).toISOString().slice(0, 10);
  expectRule(await org.send("POST", url, { date: future, counts: cells({ "female.adult": 1 }) }), 422, "session_in_future",
    "date");
  const personal = await org.send("POST", url, { date: "2024-03-12", counts: cells({ "female.adult": 1 }),
    keys: ["anna@example.dk"] });
  expectRule(personal, 422, "key_not_personal");
  const ranged = await createActivity(org, p.id, { name: "Kursus", first_date: "2024-01-01", last_date: "2024-02-01" });
  expectRule(await org.send("POST", `/api/v1/activities/${ranged.id}/sessions`, { date: "2024-03-01",
    counts: cells({ "male.adult": 1 }) }), 422, "session_date_range", "date");

  // Strict input.
  expectRule(await org.send("POST", url, { date: "2024-03-12", counts: { female: { baby: 1 } } }), 422, null,
    "counts.female.baby");
  expectRule(await org.send("POST", url, { date: "2024-03-12", counts: { female: { child: "3" } } }), 422, null,
    "counts.female.child");
  expectRule(await org.send("POST", url, { date: "2024-03-12", counts: { female: { child: -1 } } }), 422, null,
    "counts.female.child");
  expectRule(await org.send("POST", url, { date: "2024-03-12", counts: { kids: {} } }), 422, null, "counts.kids");
  expectRule(await org.send("POST", url, { date: "2024-03-12", participants: 4 }), 422, null, "participants");
  expectRule(await org.send("POST", url, { date: "2024-03-12", keys: ["AB-1", 2] }), 422, null, "keys[1]");
  expectRule(await org.send("POST", url, { counts: cells({ "female.adult": 1 }) }), 422, null, "date");

  assert.equal((await org.send("DELETE", `/api/v1/sessions/${s.id}`)).status, 204);
  assert.equal((await org.get(`/api/v1/sessions/${s.id}`)).status, 404);
  assert.equal((await org.get(url)).json.sessions.length, 0);
});

test("attendance: the numbers of the sessions made here, by year and in all", async () => {
  const p = await createPlan();
  const org = await as("organisation");
  const a = await createActivity(org, p.id, { name: "Løbeklub" });
  const b = await createActivity(org, p.id, { name: "Fællesspisning", categories: ["food"] });
  const post = async (act, body) => {
    const r = await org.send("POST", `/api/v1/activities/${act.id}/sessions`, body);
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  // A with keys: S1 K1 K2 K3; S2 K1 K2 K4 K5 (new: K4 K5); S3 (2024) K1 K6 (new: K6).
  const s1 = await post(a, { date: "2023-03-01", counts: cells({ "female.adult": 2, "male.adult": 1 }), keys: ["K1", "K2", "K3"] });
  const s2 = await post(a, { date: "2023-03-08", counts: cells({ "female.adult": 2, "male.adult": 2 }),
    keys: ["K1", "K2", "K4", "K5"] });
  await post(a, { date: "2024-01-10", counts: cells({ "female.adult": 1, "other.senior": 1 }), keys: ["K1", "K6"] });
  assert.equal(s1.new_participants, 3);
  assert.equal(s2.new_participants, 2, "keys seen before are returning");
  assert.deepEqual(s2.keys.sort(), ["K1", "K2", "K4", "K5"]);
  // B without keys: typed new participants.
  await post(b, { date: "2023-05-01", counts: cells({ "female.child": 6, "male.child": 4 }), new_participants: 10, volunteers: 2 });
  await post(b, { date: "2023-05-08", counts: cells({ "female.child": 5, "male.child": 3 }), new_participants: 1, volunteers: 1 });

  const att = async (q) => {
    const r = await org.get(`/api/v1/plans/${p.id}/attendance${q}`);
    assert.equal(r.status, 200, r.text);
    return r.json;
  };
  const y23 = await att("?year=2023");
  assert.equal(y23.year, 2023);
  assert.equal(y23.suppressed_small_counts, false);
  const t = y23.stats;
  assert.equal(t.sessions, 4);
  assert.equal(t.activities, 2);
  assert.equal(t.attendances, 25);
  assert.equal(t.new_attendances, 16); // 3 + 2 + 10 + 1
  assert.equal(t.returning_attendances, 9);
  assert.equal(t.unique, 16); // K1-K5, and B: max(10, 10 + 1)
  assert.equal(t.unique_exact, false);
  assert.equal(t.new_plan, 16);
  assert.equal(t.volunteers, 3);
  assert.deepEqual(t.by_gender, { female: 15, male: 10, other: 0 });
  assert.deepEqual(t.by_age, { child: 18, youth: 0, young_adult: 0, adult: 7, senior: 0 });
  assert.equal(t.counts.female.child, 11);
  assert.deepEqual(t.suppressed, []);

  const y24 = (await att("?year=2024")).stats;
  assert.equal(y24.sessions, 1);
  assert.equal(y24.attendances, 2);
  assert.equal(y24.new_attendances, 1);
  assert.equal(y24.returning_attendances, 1);
  assert.equal(y24.unique, 2);
  assert.equal(y24.unique_exact, true);
  assert.equal(y24.new_plan, 1, "K1 was first seen in 2023");

  const all = await att("");
  assert.equal(all.year, null);
  assert.equal(all.stats.sessions, 5);
  assert.equal(all.stats.attendances, 27);
  assert.equal(all.stats.new_attendances, 17);
  assert.equal(all.stats.unique, 17);
  assert.equal(all.stats.new_plan, 17);
  assert.equal(all.reach.unique, all.stats.unique);
  assert.equal(typeof all.reach.exact, "boolean");
  if (all.reach.residents) assert.ok(Math.abs(all.reach.share - all.reach.unique / all.reach.residents) < 1e-9);

  const one = await att(`?year=2023&activity=${a.id}`);
  assert.equal(one.activity_id, a.id);
  assert.equal(one.stats.attendances, 7);
  assert.equal(one.stats.unique, 5);
  assert.equal(one.stats.unique_exact, true);
  expectRule(await org.get(`/api/v1/plans/${p.id}/attendance?year=abc`), 422, null, "year");

  const years = await org.get(`/api/v1/plans/${p.id}/attendance/years`);
  assert.equal(years.status, 200, years.text);
  assert.deepEqual(years.json.years.map((x) => x.year), [2023, 2024]);
  assert.equal(years.json.years[0].stats.attendances, 25);
  assert.equal(years.json.years[1].stats.attendances, 2);
});

test("involvement: one record per phase, list, matrix, trend, delete", async () => {
  const p = await createPlan();
  const org = await as("organisation");
  const a = await createActivity(org, p.id);
  const b = await createActivity(org, p.id, { name: "Sundhedsambassadører", categories: ["health_tests"] });
  const url = `/api/v1/plans/${p.id}/involvement`;
  const put = async (body) => {
    const r = await org.send("PUT", url, body);
    assert.equal(r.status, 200, r.text);
    return r.json;
  };
  const r1 = await put({ activity_id: a.id, year: 2023, phase: "ideas", type: "resident_initiative_joint", hart_rung: 7,
    answers: { involved: "Ja", role: "Idémagere" } });
  assert.equal(r1.activity_id, a.id);
  assert.equal(r1.phase, "ideas");
  assert.equal(r1.type, "resident_initiative_joint");
  assert.equal(r1.hart_rung, 7);
  assert.equal(r1.answers.involved, "Ja");
  assert.equal(r1.answers.hard, "");
  await put({ activity_id: b.id, year: 2023, phase: "ideas", type: "none" });
  await put({ activity_id: b.id, year: 2023, phase: "planning", type: "professionals_inform" });
  const plan = await put({ activity_id: null, year: 2023, phase: "evaluation", type: "professional_initiative_joint" });
  assert.equal(plan.activity_id, null);
  // Replacing: the same (activity, year, phase) again.
  const r1b = await put({ activity_id: a.id, year: 2023, phase: "ideas", type: "resident_initiative_resident" });
  assert.equal(r1b.type, "resident_initiative_resident");
  assert.equal(r1b.hart_rung, null);

  const all = (await org.get(url)).json.involvement;
  assert.equal(all.length, 4);
  assert.equal((await org.get(`${url}?activity=${a.id}`)).json.involvement.length, 1);
  assert.equal((await org.get(`${url}?activity=0`)).json.involvement.length, 1);
  assert.equal((await org.get(`${url}?year=2022`)).json.involvement.length, 0);

  const m = await org.get(`${url}/matrix?year=2023`);
  assert.equal(m.status, 200, m.text);
  const ideas = m.json.matrix.phases.find((x) => x.phase === "ideas");
  assert.equal(ideas.types.resident_initiative_resident, 1);
  assert.equal(ideas.types.none, 1);
  assert.equal(ideas.share_involved, 0.5);
  assert.equal(ideas.share_resident_initiative, 0.5);
  const planning = m.json.matrix.phases.find((x) => x.phase === "planning");
  assert.equal(planning.types.professionals_inform, 1);
  assert.equal(planning.unrecorded, 1);
  const trend = await org.get(`${url}/trend`);
  assert.equal(trend.status, 200, trend.text);
  assert.ok(trend.json.years.some((x) => x.year === 2023));

  // Strict input and the required keys.
  expectRule(await org.send("PUT", url, { year: 2023, phase: "ideas" }), 422, null, "type");
  expectRule(await org.send("PUT", url, { year: 2023, phase: "dreaming", type: "none" }), 422, null, "phase");
  expectRule(await org.send("PUT", url, { year: 2023, phase: "ideas", type: "none", hart_rung: 9 }), 422, null, "hart_rung");
  expectRule(await org.send("PUT", url, { year: 2023, phase: "ideas", type: "none", answers: { why: "x" } }), 422, null,
    "answers.why");

  assert.equal((await org.send("DELETE", `${url}/${plan.id}`)).status, 204);
  assert.equal((await org.send("DELETE", `${url}/${plan.id}`)).status, 404);
  assert.equal((await org.get(url)).json.involvement.length, 3);
});

test("outreach, resident roles and courses: round trips", async () => {
  const p = await createPlan();
  const org = await as("organisation");
  const a = await createActivity(org, p.id);
  const out = `/api/v1/plans/${p.id}/outreach`;
  const o1 = await org.send("POST", out, { date: "2023-04-01", method: "door_to_door", contacts: 40, activity_id: a.id,
    note: "Opgang 3-7" });
  assert.equal(o1.status, 201, o1.text);
  assert.equal(o1.json.contacts, 40);
  assert.equal(o1.json.activity_id, a.id);
  const o2 = await org.send("POST", out, { date: "2024-04-01", method: "door_to_door", contacts: 10 });
  assert.equal(o2.status, 201, o2.text);
  await org.send("POST", out, { date: "2023-06-01", method: "open_office", contacts: 12 });
  const l23 = await org.get(`${out}?year=2023`);
  assert.equal(l23.status, 200, l23.text);
  assert.equal(l23.json.outreach.length, 2);
  assert.equal(l23.json.totals.door_to_door, 40);
  assert.equal(l23.json.totals.open_office, 12);
  assert.equal(l23.json.totals.phone_sms, 0);
  assert.equal((await org.get(out)).json.totals.door_to_door, 50);
  expectRule(await org.send("POST", out, { date: "2023-04-01", method: "pigeon", contacts: 1 }), 422, null, "method");
  expectRule(await org.send("POST", out, { date: "2023-04-01", method: "phone_sms" }), 422, null, "contacts");
  assert.equal((await org.send("DELETE", `${out}/${o2.json.id}`)).status, 204);
  assert.equal((await org.send("DELETE", `${out}/${o2.json.id}`)).status, 404);

  const roles = `/api/v1/plans/${p.id}/roles/2023`;
  const zero = await org.get(roles);
  assert.equal(zero.status, 200, zero.text);
  assert.equal(zero.json.counts.volunteer, 0);
  const set = await org.send("PUT", roles, { counts: { volunteer: 12, health_ambassador: 6 } });
  assert.equal(set.status, 200, set.text);
  assert.equal(set.json.counts.volunteer, 12);
  const more = await org.send("PUT", roles, { counts: { instructor: 5 } });
  assert.equal(more.json.counts.volunteer, 12, "roles not named keep their count");
  assert.equal(more.json.counts.instructor, 5);
  assert.equal((await org.get(`/api/v1/plans/${p.id}/roles/2024`)).json.counts.volunteer, 0);
  expectRule(await org.send("PUT", roles, { counts: { wizard: 1 } }), 422, null, "counts.wizard");
  expectRule(await org.send("PUT", roles, { counts: { volunteer: -1 } }), 422, null, "counts.volunteer");
  assert.equal((await org.get(`/api/v1/plans/${p.id}/roles/1800`)).status, 404);

  const courses = `/api/v1/plans/${p.id}/courses`;
  const c1 = await org.send("POST", courses, { year: 2023, kind: "instructor", title: "Løbeinstruktør", completed: 8,
    diploma: true });
  assert.equal(c1.status, 201, c1.text);
  assert.equal(c1.json.kind, "instructor");
  assert.equal(c1.json.diploma, true);
  await org.send("POST", courses, { year: 2024, kind: "budget", title: "Budgetkursus", completed: 6 });
  assert.equal((await org.get(`${courses}?year=2023`)).json.courses.length, 1);
  assert.equal((await org.get(courses)).json.courses.length, 2);
  const cput = await org.send("PUT", `${courses}/${c1.json.id}`, { completed: 9 });
  assert.equal(cput.status, 200, cput.text);
  assert.equal(cput.json.completed, 9);
  assert.equal(cput.json.title, "Løbeinstruktør");
  expectRule(await org.send("POST", courses, { year: 2023, kind: "juggling", title: "X" }), 422, null, "kind");
  assert.equal((await org.send("DELETE", `${courses}/${c1.json.id}`)).status, 204);
  assert.equal((await org.send("PUT", `${courses}/${c1.json.id}`, { completed: 1 })).status, 404);
});

test("stories: per activity, per plan and for the report", async () => {
  const p = await createPlan();
  const org = await as("organisation");
  const a = await createActivity(org, p.id);
  const url = `/api/v1/activities/${a.id}/stories`;
  const s1 = await org.send("POST", url, { date: "2023-05-01", title: "Første løb", body: "Tolv mødte op.",
    in_report: true });
  assert.equal(s1.status, 201, s1.text);
  assert.equal(s1.json.kind, "story");
  assert.equal(s1.json.in_report, true);
  const s2 = await org.send("POST", url, { date: "2024-05-01", kind: "evaluation", title: "Evaluering" });
  assert.equal(s2.status, 201, s2.text);
  assert.equal((await org.get(url)).json.stories.length, 2);
  const plan = `/api/v1/plans/${p.id}/stories`;
  assert.equal((await org.get(plan)).json.stories.length, 2);
  assert.deepEqual((await org.get(`${plan}?report=1`)).json.stories.map((x) => x.id), [s1.json.id]);
  assert.deepEqual((await org.get(`${plan}?year=2024`)).json.stories.map((x) => x.id), [s2.json.id]);
  const put = await org.send("PUT", `/api/v1/stories/${s2.json.id}`, { in_report: true, body: "Godt forløb" });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json.title, "Evaluering");
  assert.equal(put.json.in_report, true);
  expectRule(await org.send("POST", url, { date: "2023-05-01", title: "X", kind: "poem" }), 422, null, "kind");
  expectRule(await org.send("POST", url, { date: "2023-05-01" }), 422, null, "title");
  assert.equal((await org.send("DELETE", `/api/v1/stories/${s1.json.id}`)).status, 204);
  assert.equal((await org.send("DELETE", `/api/v1/stories/${s1.json.id}`)).status, 404);
  assert.equal((await org.get(url)).json.stories.length, 1);
});

test("scope: another plan's staff get 404, a reader who may see but not write 403", async () => {
  const p = await createPlan();
  const org = await as("organisation");
  const a = await createActivity(org, p.id);
  const s = await org.send("POST", `/api/v1/activities/${a.id}/sessions`, { date: "2023-01-05",
    counts: cells({ "female.adult": 6 }) });
  assert.equal(s.status, 201, s.text);

  // planmedarbejder@ is plan_staff:1: this plan does not exist for them.
  const staff1 = await as("plan_staff");
  assert.equal((await staff1.get(`/api/v1/plans/${p.id}`)).status, 404);
  assert.equal((await staff1.get(`/api/v1/activities/${a.id}`)).status, 404);
  assert.equal((await staff1.send("PUT", `/api/v1/activities/${a.id}`, { name: "Kapret" })).status, 404);
  assert.equal((await staff1.send("DELETE", `/api/v1/activities/${a.id}`)).status, 404);
  assert.equal((await staff1.send("POST", `/api/v1/activities/${a.id}/sessions`, { date: "2023-01-12" })).status, 404);
  assert.equal((await staff1.send("PUT", `/api/v1/sessions/${s.json.id}`, { note: "x" })).status, 404);
  assert.equal((await staff1.send("POST", `/api/v1/plans/${p.id}/activities`, { name: "X", categories: ["food"] })).status, 404);
  assert.equal((await staff1.get(`/api/v1/plans/${p.id}/attendance`)).status, 404);
  assert.equal((await staff1.send("PUT", `/api/v1/plans/${p.id}/involvement`, { year: 2023, phase: "ideas", type: "none" })).status, 404);

  // The plan's own staff write it.
  const own = tokenUser(`plan_staff:${p.id}`);
  const mine = await own.send("POST", `/api/v1/plans/${p.id}/activities`, { name: "Mødregruppe", categories: ["wellbeing"] });
  assert.equal(mine.status, 201, mine.text);

  // Plan staff of plan 1 who also read the municipality: sees, may not write.
  const both = tokenUser("plan_staff:1", "viewer:municipality=0101");
  assert.equal((await both.get(`/api/v1/activities/${a.id}`)).status, 200);
  expectRule(await both.send("PUT", `/api/v1/activities/${a.id}`, { name: "Kapret" }), 403);
  expectRule(await both.send("POST", `/api/v1/activities/${a.id}/sessions`, { date: "2023-01-12",
    counts: cells({ "male.adult": 1 }) }), 403);
  expectRule(await both.send("POST", `/api/v1/plans/${p.id}/outreach`, { date: "2023-01-12", method: "phone_sms",
    contacts: 2 }), 403);
  assert.equal((await org.get(`/api/v1/activities/${a.id}`)).json.name, "Løbeklub");
});

test("laeser@ reads plan 1's attendance with small counts suppressed and no keys", async () => {
  const staff1 = await as("plan_staff"); // planmedarbejder@ writes plan 1
  const a = await createActivity(staff1, 1, { name: `Strikkeklub ${process.pid}`, categories: ["wellbeing"] });
  assert.equal(a.may_write, true);
  const s = await staff1.send("POST", `/api/v1/activities/${a.id}/sessions`, {
    date: "2024-02-06", counts: cells({ "female.senior": 3, "female.adult": 8, "male.senior": 1 }),
    keys: Array.from({ length: 12 }, (_, i) => `STRIK-${process.pid % 1000}-${i}`),
  });
  assert.equal(s.status, 201, s.text);
  assert.equal(s.json.keys.length, 12, "the team sees the keys");
  assert.equal(s.json.counts.female.senior, 3, "the team sees small numbers");

  const viewer = await as("viewer");
  const got = await viewer.get(`/api/v1/sessions/${s.json.id}`);
  assert.equal(got.status, 200, got.text);
  assert.equal(got.json.keys, undefined, "no keys for a reader outside the team");
  assert.equal(got.json.client_token, undefined);
  assert.equal(got.json.counts.female.senior, null);
  assert.equal(got.json.counts.male.senior, null);
  // 12 − 8 would give the two hidden cells' sum (4): 8 is hidden too.
  assert.equal(got.json.counts.female.adult, null, "complementary suppression");
  assert.equal(got.json.counts.other.child, 0, "0 stays 0");
  assert.equal(got.json.participants, 12);
  assert.ok(got.json.suppressed.includes("counts.female.senior"));
  assert.ok(got.json.suppressed.includes("counts.male.senior"));
  assert.ok(got.json.suppressed.includes("counts.female.adult"));

  // 10 participants, 2 new: "new" is hidden, so "returning" (8) is too.
  const s2 = await staff1.send("POST", `/api/v1/activities/${a.id}/sessions`, {
    date: "2024-03-05", counts: cells({ "female.adult": 10 }), new_participants: 2,
  });
  assert.equal(s2.status, 201, s2.text);
  const g2 = await viewer.get(`/api/v1/sessions/${s2.json.id}`);
  assert.equal(g2.json.participants, 10);
  assert.equal(g2.json.new_participants, null);
  assert.equal(g2.json.returning_participants, null, "participants − returning would give new away");
  assert.ok(g2.json.suppressed.includes("returning_participants"));
  assert.equal((await staff1.get(`/api/v1/sessions/${s2.json.id}`)).json.returning_participants, 8);
  assert.ok(!got.text.includes(`STRIK-${process.pid % 1000}-`), "no key anywhere in the answer");

  const list = await viewer.get(`/api/v1/activities/${a.id}/sessions`);
  assert.equal(list.status, 200);
  assert.ok(!list.text.includes(`STRIK-${process.pid % 1000}-`));
  assert.equal(list.json.sessions[0].keys, undefined);

  const att = await viewer.get(`/api/v1/plans/1/attendance?year=2024&activity=${a.id}`);
  assert.equal(att.status, 200, att.text);
  assert.equal(att.json.suppressed_small_counts, true);
  assert.equal(att.json.stats.attendances, 22);
  assert.equal(att.json.stats.by_gender.male, null);
  assert.ok(att.json.stats.suppressed.includes("by_gender.male"));
  // attendances − female would give male away.
  assert.equal(att.json.stats.by_gender.female, null, "complementary suppression");
  assert.ok(att.json.stats.suppressed.includes("by_gender.female"));
  assert.equal(att.json.stats.counts.female.senior, null);
  assert.ok(att.json.stats.suppressed.includes("counts.female.senior"));
  // No line of the answer has exactly one hidden figure: parts and total.
  const st = att.json.stats;
  const line = (parts, total) => [...parts, total].filter((v) => v === null).length !== 1;
  assert.ok(line([st.new_attendances, st.returning_attendances], st.attendances));
  assert.ok(line(Object.values(st.by_gender), st.attendances));
  assert.ok(line(Object.values(st.by_age), st.attendances));
  for (const g of Object.keys(st.counts)) assert.ok(line(Object.values(st.counts[g]), st.by_gender[g]), g);
  // The sessions listed with the year's totals: no session is the rest.
  const ls = (await viewer.get(`/api/v1/activities/${a.id}/sessions?year=2024`)).json.sessions;
  for (const k of ["participants", "new_participants", "returning_participants"]) {
    const total = { participants: st.attendances, new_participants: st.new_attendances,
      returning_participants: st.returning_attendances }[k];
    assert.ok(line(ls.map((x) => x[k]), total), k);
  }
  const whole = await viewer.get("/api/v1/plans/1/attendance");
  assert.equal(whole.status, 200, whole.text);
  assert.ok(Array.isArray(whole.json.reach.suppressed));

  // The team sees the same figures unsuppressed.
  const team = await staff1.get(`/api/v1/plans/1/attendance?year=2024&activity=${a.id}`);
  assert.equal(team.json.stats.by_gender.male, 1);
  assert.deepEqual(team.json.stats.suppressed, []);

  // The reader writes nothing (the route is not theirs: 404).
  assert.equal((await viewer.send("POST", `/api/v1/activities/${a.id}/sessions`, { date: "2024-02-13" })).status, 404);
  assert.equal((await viewer.send("DELETE", `/api/v1/activities/${a.id}`)).status, 404);
  assert.equal((await staff1.send("DELETE", `/api/v1/activities/${a.id}`)).status, 204);
});

test("the documented shapes match what the activities API answers", async () => {
  const doc = (await new Client().req("/api/v1/openapi.json")).json;
  const keysOf = (name) => Object.keys(doc.components.schemas[name].properties);
  const undocumented = (obj, name) => Object.keys(obj).filter((k) => !keysOf(name).includes(k));
  const p = await createPlan();
  const org = await as("organisation");
  const a = await createActivity(org, p.id, { partners: [] });
  assert.deepEqual(undocumented(a, "Activity"), []);
  const made = await org.send("POST", `/api/v1/activities/${a.id}/sessions`, { date: "2023-01-05",
    counts: cells({ "female.adult": 6 }), keys: ["D1", "D2", "D3", "D4", "D5", "D6"] });
  assert.equal(made.status, 201, made.text);
  assert.deepEqual(undocumented(made.json, "Session"), []);
  const att = (await org.get(`/api/v1/plans/${p.id}/attendance`)).json;
  assert.deepEqual(undocumented(att, "Attendance"), []);
  assert.deepEqual(undocumented(att.stats, "AttendanceStats"), []);
  assert.deepEqual(undocumented(att.reach, "Reach"), []);
  assert.deepEqual(undocumented((await org.get("/api/v1/activity-codes")).json, "ActivityCodes"), []);
  assert.deepEqual(undocumented((await org.get(`/api/v1/activities/${a.id}/status`)).json, "ActivityStatusHistory"), []);
  const rs = (await org.get(`/api/v1/plans/${p.id}/roles/2023`)).json;
  assert.deepEqual(undocumented(rs, "ResidentRoles"), []);
  const inv = (await org.send("PUT", `/api/v1/plans/${p.id}/involvement`, { year: 2023, phase: "ideas", type: "none" })).json;
  assert.deepEqual(undocumented(inv, "Involvement"), []);
  const m = (await org.get(`/api/v1/plans/${p.id}/involvement/matrix?year=2023`)).json;
  assert.deepEqual(undocumented(m.matrix, "InvolvementMatrix"), []);
  const o = (await org.send("POST", `/api/v1/plans/${p.id}/outreach`, { date: "2023-01-05", method: "phone_sms", contacts: 5 })).json;
  assert.deepEqual(undocumented(o, "Outreach"), []);
  assert.deepEqual(undocumented((await org.get(`/api/v1/plans/${p.id}/outreach`)).json, "OutreachList"), []);
  const c = (await org.send("POST", `/api/v1/plans/${p.id}/courses`, { year: 2023, kind: "other", title: "X" })).json;
  assert.deepEqual(undocumented(c, "Course"), []);
  const st = (await org.send("POST", `/api/v1/activities/${a.id}/stories`, { date: "2023-01-05", title: "X" })).json;
  assert.deepEqual(undocumented(st, "Story"), []);
});
