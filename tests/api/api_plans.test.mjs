// Holistic plans over the API: create and read by scope, every transition
// of the lifecycle allowed and refused by role and scope, the budget rules at
// the boundary, payout before approval, focus areas of the round, goal
// progress from key figures, versions and their diff, strict JSON, partners
// and cooperation agreements. Runs before auth.test.mjs (name order).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { Client, loggedIn } from "./client.mjs";

const bin = process.env.HELHED_BIN;
const dbUrl = process.env.HELHED_DB_URL;

function cli(...args) {
  return execFileSync(bin, [...args, "--db", dbUrl], { encoding: "utf8" });
}

// A session client whose state-changing requests carry the CSRF token.
function wrap(c) {
  return {
    get: (path) => c.req(path),
    send: (method, path, json) => c.req(path, { method, json, headers: c.csrf ? { "X-CSRF-Token": c.csrf } : {} }),
  };
}
const as = async (role) => wrap(await loggedIn(role));

// A user with the given grant, acting through an API token.
let nextUser = 0;
function tokenUser(...grants) {
  const email = `plans${++nextUser}-${process.pid}@test.example`;
  const args = ["user", "add", email, "--name", `Plan Tester ${nextUser}`];
  for (const g of grants) args.push("--grant", g);
  cli(...args);
  const token = cli("user", "token", email, "--label", "plans").trim();
  const c = new Client();
  return {
    get: (path) => c.req(path, { bearer: token }),
    send: (method, path, json) => c.req(path, { method, json, bearer: token }),
  };
}

const base = {
  name: "Testparken helhedsplan",
  type: "social",
  municipality_code: "0101",
  round: "2011-2014",
  organisations: [101],
  departments: ["101-1"],
  focus: ["Sundhed", "Uddannelse"],
};

async function createPlan(extra = {}) {
  const org = await as("organisation");
  const r = await org.send("POST", "/api/v1/plans", { ...base, ...extra });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

function expectRule(r, status, rule, field) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.error.code, status === 422 ? "invalid" : status === 403 ? "forbidden" : r.json.error.code);
  if (rule !== undefined) assert.equal(r.json.error.rule, rule, r.text);
  if (field !== undefined) assert.equal(r.json.error.field, field, r.text);
  assert.ok(r.json.error.message.length > 0);
}

test("an organisation creates a plan; its municipality reads it; others get 404", async () => {
  const p = await createPlan();
  assert.equal(p.state, "idea");
  assert.equal(p.municipality_code, "0101");
  assert.deepEqual(p.organisations.map((o) => o.org_no), [101]);
  assert.deepEqual(p.departments.map((d) => d.key), ["101-1"]);
  assert.deepEqual(p.focus, ["Sundhed", "Uddannelse"]);
  assert.equal(p.history.length, 1);
  assert.equal(p.history[0].to, "idea");
  assert.equal(p.history[0].from, null);
  assert.deepEqual(p.next.map((n) => n.to).sort(), ["closed", "prequalification"]);
  assert.equal(p.may_write, true);
  assert.equal(p.budget.total_ore, 0);

  const kom = await as("municipality");
  const read = await kom.get(`/api/v1/plans/${p.id}`);
  assert.equal(read.status, 200);
  assert.equal(read.json.name, base.name);
  assert.deepEqual(read.json.next, [], "the municipality makes no transition from idea");
  assert.ok((await kom.get("/api/v1/plans")).json.plans.some((x) => x.id === p.id));
  for (const role of ["viewer", "caretaker", "national", "admin"])
    assert.equal((await (await as(role)).get(`/api/v1/plans/${p.id}`)).status, 200, role);

  const otherOrg = tokenUser("organisation:102");
  assert.equal((await otherOrg.get(`/api/v1/plans/${p.id}`)).status, 404);
  assert.equal((await otherOrg.send("PUT", `/api/v1/plans/${p.id}`, { name: "Kapret" })).status, 404);
  assert.ok(!(await otherOrg.get("/api/v1/plans")).json.plans.some((x) => x.id === p.id));
  const otherMuni = tokenUser("municipality:0360");
  assert.equal((await otherMuni.get(`/api/v1/plans/${p.id}`)).status, 404);
  assert.equal((await otherMuni.get(`/api/v1/plans/${p.id}/budget`)).status, 404);
  const staff = tokenUser(`plan_staff:${p.id - 1 || 1}`); // another plan's staff
  if (p.id !== 1) assert.equal((await staff.get(`/api/v1/plans/${p.id}`)).status, 404);
  assert.equal((await tokenUser(`plan_staff:${p.id}`).get(`/api/v1/plans/${p.id}`)).status, 200);

  // Filters.
  const org = await as("organisation");
  const f = (q) => org.get(`/api/v1/plans?${q}`).then((r) => r.json.plans.map((x) => x.id));
  assert.ok((await f("type=social&round=2011-2014&municipality=0101&focus=Sundhed")).includes(p.id));
  assert.ok(!(await f("type=health")).includes(p.id));
  assert.ok(!(await f("state=running")).includes(p.id));
  assert.ok((await f("q=testparken")).includes(p.id));
  assert.ok((await f("department=101-1")).includes(p.id));
  assert.ok((await f("org_no=101")).includes(p.id));
  assert.ok(!(await f("org_no=102")).includes(p.id));
  assert.equal((await f("limit=1")).length, 1);
  expectRule(await org.get("/api/v1/plans?type=castle"), 422, null, "type");

  // Creating for another organisation or municipality is refused.
  expectRule(await org.send("POST", "/api/v1/plans", { ...base, organisations: [102], departments: [] }), 403);
  const kom2 = await kom.send("POST", "/api/v1/plans", { ...base, municipality_code: "0360", organisations: [102], departments: [] });
  assert.equal(kom2.status, 403, kom2.text);
});

test("partial update keeps absent keys; strict JSON names the key", async () => {
  const p = await createPlan({ vision: "Et trygt kvarter" });
  const org = await as("organisation");
  const u = await org.send("PUT", `/api/v1/plans/${p.id}`, { strengths: "Stærke netværk", challenges: ["social", "urban"] });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.json.vision, "Et trygt kvarter");
  assert.equal(u.json.strengths, "Stærke netværk");
  assert.deepEqual(u.json.challenges.sort(), ["social", "urban"]);
  assert.deepEqual(u.json.focus, base.focus, "lists not sent are kept");
  expectRule(await org.send("PUT", `/api/v1/plans/${p.id}`, { colour: "rød" }), 422, null, "colour");
  expectRule(await org.send("POST", "/api/v1/plans", { ...base, colour: "rød" }), 422, null, "colour");
  expectRule(await org.send("PUT", `/api/v1/plans/${p.id}`, { name: 5 }), 422, null, "name");
  expectRule(await org.send("PUT", `/api/v1/plans/${p.id}`, { organisations: ["101"] }), 422, null, "organisations[0]");
  expectRule(await org.send("PUT", `/api/v1/plans/${p.id}`, { type: "castle" }), 422, null, "type");
  expectRule(await org.send("PUT", `/api/v1/plans/${p.id}`, { state: "running" }), 422, null, "state");
  expectRule(await org.send("POST", `/api/v1/plans/${p.id}/state`, { to: "prequalification", when: "x" }), 422, null, "when");
  expectRule(await org.send("PUT", `/api/v1/plans/${p.id}/budget`, { lines: [{ year: 2014, source: "lbf", amount: 1 }] }),
    422, null, "lines[0].amount");
  const bad = await org.send("POST", "/api/v1/plans", { ...base, name: "" });
  assert.equal(bad.status, 422, bad.text);
  assert.equal(bad.json.error.field, "name");
  const malformed = await org.send("PUT", `/api/v1/plans/${p.id}`, undefined);
  assert.ok([400, 415].includes(malformed.status));
});

test("focus areas must belong to the round", async () => {
  const org = await as("organisation");
  const r = await org.send("POST", "/api/v1/plans",
    { ...base, round: "2015-2018", focus: ["Tryghed og trivsel", "Sundhed"] });
  expectRule(r, 422, "focus_in_round", "focus[1]");
  assert.match(r.json.error.message, /Sundhed/);
  const ok = await org.send("POST", "/api/v1/plans", { ...base, round: "2015-2018", focus: ["Tryghed og trivsel"] });
  assert.equal(ok.status, 201, ok.text);
  const p = ok.json;
  expectRule(await org.send("PUT", `/api/v1/plans/${p.id}`, { focus: ["Tryghed og trivsel", "Image og kommunikation"] }),
    422, "focus_in_round", "focus[1]");
  // 2006-2010 has free themes.
  const free = await org.send("POST", "/api/v1/plans", { ...base, round: "2006-2010", focus: ["Vores helt eget tema"] });
  assert.equal(free.status, 201, free.text);
});

test("every transition of the lifecycle, allowed and refused by role and scope", async () => {
  const p = await createPlan();
  const id = p.id;
  const path = `/api/v1/plans/${id}/state`;
  const org = await as("organisation"), kom = await as("municipality"), nat = await as("national");
  const admin = await as("admin"), viewer = await as("viewer"), caretaker = await as("caretaker");
  const staff = tokenUser(`plan_staff:${id}`);
  const otherStaff = await as("plan_staff");
  // Sees the plan through its organisation, but holds the wrong municipality.
  const mixed = tokenUser("organisation:101", "municipality:0360");
  const otherMuni = tokenUser("municipality:0360");
  const go = (who, to, extra = {}) => who.send("POST", path, { to, ...extra });

  // Roles the route does not name: not there at all.
  assert.equal((await go(viewer, "prequalification")).status, 404);
  assert.equal((await go(caretaker, "prequalification")).status, 404);
  // Scoped roles outside the plan: 404.
  assert.equal((await go(otherMuni, "prequalification")).status, 404);
  assert.equal((await go(otherStaff, "prequalification")).status, 404);

  // idea → prequalification: organisation, admin.
  expectRule(await go(kom, "prequalification"), 403, "transition_role");
  expectRule(await go(nat, "prequalification"), 403, "transition_role");
  expectRule(await go(staff, "prequalification"), 403, "transition_role");
  expectRule(await go(org, "drafting"), 422, "transition_not_allowed");
  let r = await go(org, "prequalification", { note: "Ansøgning sendt" });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, "prequalification");
  assert.equal(r.json.history.at(-1).note, "Ansøgning sendt");
  assert.equal(r.json.history.at(-1).from, "idea");

  // prequalification → drafting: national, admin.
  expectRule(await go(org, "drafting"), 403, "transition_role");
  expectRule(await go(kom, "drafting"), 403, "transition_role");
  assert.deepEqual((await nat.get(`/api/v1/plans/${id}`)).json.next.map((n) => n.to), ["drafting"]);
  r = await go(nat, "drafting");
  assert.equal(r.status, 200, r.text);

  // drafting → municipal_approval: the plan's municipality only (not admin).
  expectRule(await go(org, "running"), 422, "transition_not_allowed");
  expectRule(await go(admin, "municipal_approval"), 403, "transition_role");
  expectRule(await go(nat, "municipal_approval"), 403, "transition_role");
  expectRule(await go(org, "municipal_approval"), 403, "transition_role");
  expectRule(await go(mixed, "municipal_approval"), 403, "transition_role");
  assert.deepEqual((await kom.get(`/api/v1/plans/${id}`)).json.next.map((n) => n.to), ["municipal_approval"]);
  r = await go(kom, "municipal_approval", { note: "Godkendt i kommunalbestyrelsen" });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.approved, true);
  assert.ok(r.json.version >= 1, "approval saves version 1");

  // municipal_approval → grant_committed: national, admin.
  expectRule(await go(kom, "grant_committed"), 403, "transition_role");
  expectRule(await go(org, "grant_committed"), 403, "transition_role");
  r = await go(admin, "grant_committed");
  assert.equal(r.status, 200, r.text);

  // grant_committed → running: organisation, plan staff, admin.
  expectRule(await go(nat, "running"), 403, "transition_role");
  expectRule(await go(kom, "running"), 403, "transition_role");
  r = await go(staff, "running");
  assert.equal(r.status, 200, r.text);

  // running → extended: national, admin.
  expectRule(await go(org, "extended"), 403, "transition_role");
  expectRule(await go(staff, "extended"), 403, "transition_role");
  r = await go(nat, "extended");
  assert.equal(r.status, 200, r.text);

  // extended → closed: organisation, plan staff, admin.
  expectRule(await go(nat, "closed"), 403, "transition_role");
  expectRule(await go(kom, "closed"), 403, "transition_role");
  r = await go(org, "closed");
  assert.equal(r.status, 200, r.text);

  // closed → anchored: organisation, plan staff, municipality, admin.
  expectRule(await go(nat, "anchored"), 403, "transition_role");
  expectRule(await go(otherMuni, "anchored"), 404);
  r = await go(kom, "anchored");
  assert.equal(r.status, 200, r.text);
  expectRule(await go(admin, "running"), 422, "transition_not_allowed");
  assert.deepEqual(r.json.next, []);
  assert.deepEqual(r.json.history.map((h) => h.to),
    ["idea", "prequalification", "drafting", "municipal_approval", "grant_committed", "running", "extended", "closed",
      "anchored"]);
  assert.ok(r.json.history.every((h) => /^\d{4}-\d{2}-\d{2}$/.test(h.effective)));

  // running → closed (without extension): plan staff.
  const q = await createPlan({ name: "Anden plan" });
  const qs = tokenUser(`plan_staff:${q.id}`);
  const qpath = `/api/v1/plans/${q.id}/state`;
  for (const [who, to] of [[org, "prequalification"], [nat, "drafting"], [kom, "municipal_approval"],
    [nat, "grant_committed"], [org, "running"]]) {
    const x = await who.send("POST", qpath, { to });
    assert.equal(x.status, 200, `${to}: ${x.text}`);
  }
  expectRule(await nat.send("POST", qpath, { to: "closed" }), 403, "transition_role");
  assert.equal((await qs.send("POST", qpath, { to: "closed" })).status, 200);

  // Giving up: idea, prequalification or drafting → closed by organisation or admin.
  for (const [state, steps] of [["idea", []], ["prequalification", [[org, "prequalification"]]],
    ["drafting", [[org, "prequalification"], [nat, "drafting"]]]]) {
    const g = await createPlan({ name: `Opgivet fra ${state}` });
    const gp = `/api/v1/plans/${g.id}/state`;
    for (const [who, to] of steps) assert.equal((await who.send("POST", gp, { to })).status, 200);
    expectRule(await kom.send("POST", gp, { to: "closed" }), 403, "transition_role");
    expectRule(await nat.send("POST", gp, { to: "closed" }), 403, "transition_role");
    const x = await (state === "drafting" ? admin : org).send("POST", gp, { to: "closed", note: "Opgivet" });
    assert.equal(x.status, 200, x.text);
    assert.equal(x.json.state, "closed");
  }
  // A transition date in the future is refused.
  const f = await createPlan({ name: "Fremtid" });
  const fr = await org.send("POST", `/api/v1/plans/${f.id}/state`, { to: "prequalification", date: "2999-01-01" });
  assert.equal(fr.status, 422, fr.text);
});

test("budget: LBF share 75 % accepted, 75.01 % refused; payout only after approval", async () => {
  const p = await createPlan({ name: "Budgetplan" });
  const org = await as("organisation"), kom = await as("municipality"), nat = await as("national");
  const url = `/api/v1/plans/${p.id}/budget`;
  const lines = (lbf, muni, spent = 0) => ({ lines: [
    { year: 2014, source: "lbf", budget_ore: lbf, spent_ore: spent, note: "LBF" },
    { year: 2014, source: "municipality", budget_ore: muni },
  ] });
  let r = await org.send("PUT", url, lines(75_000_000, 25_000_000));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.totals.total_ore, 100_000_000);
  assert.equal(r.json.totals.lbf_ore, 75_000_000);
  assert.equal(r.json.totals.lbf_share, 75);
  assert.equal(r.json.lines.length, 2);
  assert.equal(r.json.lines[0].source, "lbf");
  assert.equal(r.json.lines[0].note, "LBF");
  r = await org.send("PUT", url, lines(75_010_000, 24_990_000));
  expectRule(r, 422, "lbf_share_max", "lines[0].budget_ore");
  assert.match(r.json.error.message, /75/);
  assert.equal((await org.get(url)).json.totals.lbf_ore, 75_000_000, "nothing of the refused budget was saved");
  // One øre over the line.
  expectRule(await org.send("PUT", url, lines(75_000_001, 24_999_999)), 422, "lbf_share_max");
  // Exactly at the limits with other sources too: 75 % LBF and 25 % local
  // (organisation and region); a foundation is not local co-financing.
  r = await org.send("PUT", url, { lines: [
    { year: 2014, source: "lbf", budget_ore: 300 }, { year: 2015, source: "organisation", budget_ore: 60 },
    { year: 2015, source: "region", budget_ore: 40 }] });
  assert.equal(r.status, 200, r.text);
  r = await org.send("PUT", url, { lines: [
    { year: 2014, source: "lbf", budget_ore: 280 }, { year: 2015, source: "organisation", budget_ore: 60 },
    { year: 2015, source: "foundation", budget_ore: 60 }] });
  expectRule(r, 422, "cofinancing_min");
  assert.match(r.json.error.message, /15,00 %/);
  // Payout from LBF before municipal approval.
  r = await org.send("PUT", url, lines(75_000_000, 25_000_000, 1_000_000));
  expectRule(r, 422, "no_payout_before_approval");
  // National cannot change the budget at all (read only).
  assert.equal((await nat.send("PUT", url, lines(1, 1))).status, 404);
  assert.equal((await nat.get(url)).status, 200);
  // After approval the payout is allowed.
  const st = `/api/v1/plans/${p.id}/state`;
  for (const [who, to] of [[org, "prequalification"], [nat, "drafting"], [kom, "municipal_approval"]])
    assert.equal((await who.send("POST", st, { to })).status, 200);
  r = await kom.send("PUT", url, lines(75_000_000, 25_000_000, 1_000_000));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.totals.spent_lbf_ore, 1_000_000);
  const list = (await kom.get(`/api/v1/plans?q=Budgetplan`)).json.plans.find((x) => x.id === p.id);
  assert.equal(list.budget_ore, 100_000_000);
  assert.equal(list.lbf_ore, 75_000_000);
  assert.equal(list.spent_ore, 1_000_000);
  assert.equal((await kom.get(`/api/v1/plans/${p.id}`)).json.budget.lbf_share, 75);
  // Bad lines name the field.
  expectRule(await org.send("PUT", url, { lines: [{ year: 2014, source: "bank", budget_ore: 1 }] }), 422, null,
    "lines[0].source");
  expectRule(await org.send("PUT", url, { lines: [{ year: 2014, source: "lbf", budget_ore: 1.5 }] }), 422, null,
    "lines[0].budget_ore");
  expectRule(await org.send("PUT", url, {}), 422, null, "lines");
});

test("goal progress is computed from the key-figure series", async () => {
  const p = await createPlan({ name: "Målplan" });
  const org = await as("organisation");
  const kf = (await org.get("/api/v1/departments/101-1/keyfigures")).json.unit.values
    .filter((v) => v.key_figure === "residents" && !v.suppressed);
  assert.ok(kf.length >= 3, "the demo has a residents series for 101-1");
  const first = kf[0], mid = kf[Math.floor(kf.length / 2)];
  const target = first.value + 100;
  const g = await org.send("POST", `/api/v1/plans/${p.id}/goals`, {
    title: "Flere beboere", key_figure: "residents", departments: ["101-1"], baseline_year: first.year,
    baseline_value: null, target_value: target, target_year: first.year + 10 });
  assert.equal(g.status, 201, g.text);
  assert.equal(g.json.key_figure, "residents");
  const goals = await org.get(`/api/v1/plans/${p.id}/goals?year=${mid.year}`);
  assert.equal(goals.status, 200, goals.text);
  const goal = goals.json.goals.find((x) => x.id === g.json.id);
  const pr = goal.progress;
  assert.equal(pr.baseline, first.value, "the baseline is read from the series");
  assert.equal(pr.year, mid.year);
  assert.equal(pr.value, mid.value);
  assert.ok(Math.abs(pr.progress - (mid.value - first.value) / (target - first.value)) < 1e-9, JSON.stringify(pr));
  assert.ok(["met", "on_track", "behind"].includes(pr.status));
  for (const v of kf) assert.equal(pr.series.find((s) => s.year === v.year)?.value, v.value, `series ${v.year}`);
  // The typed value is not accepted: progress is computed.
  expectRule(await org.send("PUT", `/api/v1/plans/${p.id}/goals/${g.json.id}`, { progress: 0.9 }), 422, null,
    "progress");
  const upd = await org.send("PUT", `/api/v1/plans/${p.id}/goals/${g.json.id}`, { title: "Endnu flere beboere" });
  assert.equal(upd.status, 200, upd.text);
  assert.equal(upd.json.title, "Endnu flere beboere");
  assert.equal(upd.json.target_value, target, "absent keys keep");
  expectRule(await org.send("POST", `/api/v1/plans/${p.id}/goals`, { title: "x", key_figure: "nonsense",
    baseline_year: 2016, target_value: 1, target_year: 2020 }), 422, null, "key_figure");
  // The plan keeps the department the goal measures on.
  const keep = await org.send("PUT", `/api/v1/plans/${p.id}`, { departments: [] });
  expectRule(keep, 422, "goal_measure", "departments");
  assert.match(keep.json.error.message, /Afdeling 101-1 bruges af målet 'Endnu flere beboere'; ret målet først/);
  const viewer = await as("viewer");
  assert.equal((await viewer.get(`/api/v1/plans/${p.id}/goals`)).status, 200);
  assert.equal((await viewer.send("DELETE", `/api/v1/plans/${p.id}/goals/${g.json.id}`)).status, 404);
  assert.equal((await org.send("DELETE", `/api/v1/plans/${p.id}/goals/${g.json.id}`)).status, 204);
  assert.equal((await org.send("DELETE", `/api/v1/plans/${p.id}/goals/${g.json.id}`)).status, 404);
});

test("the predecessor is shown only to a reader who may see it", async () => {
  const old = await createPlan({ name: "Forgængerplan" });
  const p = await createPlan({ name: "Efterfølgerplan", predecessor_id: old.id });
  assert.equal(p.predecessor_id, old.id);
  assert.equal(p.predecessor_name, "Forgængerplan");
  const staff = tokenUser(`plan_staff:${p.id}`); // sees the successor only
  const r = await staff.get(`/api/v1/plans/${p.id}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.predecessor_id, null);
  assert.equal(r.json.predecessor_name, null);
  assert.equal((await staff.get(`/api/v1/plans/${old.id}`)).status, 404);
});

test("versions and the diff between them", async () => {
  const p = await createPlan({ name: "Versionsplan" });
  const org = await as("organisation");
  const v1 = await org.send("POST", `/api/v1/plans/${p.id}/versions`, { note: "Ansøgningen" });
  assert.equal(v1.status, 201, v1.text);
  assert.equal(v1.json.version, 1);
  const upd = await org.send("PUT", `/api/v1/plans/${p.id}`,
    { name: "Versionsplan, revideret", focus: ["Sundhed", "Beskæftigelse og erhverv"] });
  assert.equal(upd.status, 200, upd.text);
  assert.equal((await org.send("PUT", `/api/v1/plans/${p.id}/budget`,
    { lines: [{ year: 2015, source: "lbf", budget_ore: 3000 }, { year: 2015, source: "municipality", budget_ore: 1000 }] })).status, 200);
  const cur = await org.get(`/api/v1/plans/${p.id}/diff?from=1&to=current`);
  assert.equal(cur.status, 200, cur.text);
  assert.equal(cur.json.to, "current");
  const ch = cur.json.changes;
  assert.ok(ch.some((c) => c.section === "plan" && c.kind === "changed" && c.after === "Versionsplan, revideret"), JSON.stringify(ch));
  assert.ok(ch.some((c) => c.section === "focus" && c.kind === "added" && c.item === "Beskæftigelse og erhverv"));
  assert.ok(ch.some((c) => c.section === "focus" && c.kind === "removed" && c.item === "Uddannelse"));
  assert.ok(ch.some((c) => c.section === "budget" && c.kind === "added"));
  const v2 = await org.send("POST", `/api/v1/plans/${p.id}/versions`, { note: "Revision" });
  assert.equal(v2.json.version, 2);
  const list = await org.get(`/api/v1/plans/${p.id}/versions`);
  assert.deepEqual(list.json.versions.map((v) => v.version), [1, 2]);
  const snap = await org.get(`/api/v1/plans/${p.id}/versions/1`);
  assert.equal(snap.status, 200);
  assert.equal(typeof snap.json.snapshot, "object");
  const d12 = await org.get(`/api/v1/plans/${p.id}/diff?from=1&to=2`);
  assert.deepEqual(d12.json.changes, ch, "version 2 holds what was current");
  assert.deepEqual((await org.get(`/api/v1/plans/${p.id}/diff?from=2&to=current`)).json.changes, []);
  assert.equal((await org.get(`/api/v1/plans/${p.id}/versions/9`)).status, 404);
  assert.equal((await org.get(`/api/v1/plans/${p.id}/diff?from=9`)).status, 404);
});

test("team, agreements, partners, contacts and cooperation agreements", async () => {
  const p = await createPlan({ name: "Partnerplan" });
  const org = await as("organisation");
  const m = await org.send("POST", `/api/v1/plans/${p.id}/members`,
    { name: "Lise Boligsocial", organisation: "Boligselskabet", role: "social", email: "lise@example.dk" });
  assert.equal(m.status, 201, m.text);
  const s = await org.send("POST", `/api/v1/plans/${p.id}/members`,
    { steering: true, name: "Ole Formand", organisation: "Kommunen", seat: "Formand" });
  assert.equal(s.status, 201, s.text);
  expectRule(await org.send("POST", `/api/v1/plans/${p.id}/members`, { name: "X", role: "chef" }), 422, null, "role");
  const members = (await org.get(`/api/v1/plans/${p.id}/members`)).json.members;
  assert.equal(members.length, 2);
  assert.equal((await org.send("PUT", `/api/v1/plans/${p.id}/members/${m.json.id}`, { role: "letting" })).json.role, "letting");
  assert.equal((await org.send("DELETE", `/api/v1/plans/${p.id}/members/${s.json.id}`)).status, 204);

  const a = await org.send("POST", `/api/v1/plans/${p.id}/agreements`,
    { kind: "strategic", title: "Strategisk samarbejdsaftale", parties: "Kommunen og boligselskabet", signed_on: "2014-01-15" });
  assert.equal(a.status, 201, a.text);
  const sub = await org.send("POST", `/api/v1/plans/${p.id}/agreements`,
    { kind: "sub", focus: "Sundhed", title: "Delaftale om sundhed" });
  assert.equal(sub.status, 201, sub.text);
  assert.equal((await org.get(`/api/v1/plans/${p.id}/agreements`)).json.agreements.length, 2);

  const partner = await org.send("POST", "/api/v1/partners",
    { name: `Idrætsforeningen ${process.pid}`, type: "sports_association", municipality_code: "0101" });
  assert.equal(partner.status, 201, partner.text);
  const pid = partner.json.partner.id;
  expectRule(await org.send("POST", "/api/v1/partners", { name: "X", type: "club" }), 422, null, "type");
  const contact = await org.send("POST", `/api/v1/partners/${pid}/contacts`,
    { name: "Træner Tom", level: "operational", phone: "12345678" });
  assert.equal(contact.status, 201, contact.text);
  const viewer = await as("viewer");
  const seen = await viewer.get(`/api/v1/partners/${pid}`);
  assert.equal(seen.status, 200, "every signed-in user reads the registry");
  assert.equal(seen.json.contacts[0].name, "Træner Tom");
  assert.equal((await viewer.send("PUT", `/api/v1/partners/${pid}`, { note: "x" })).status, 404);
  assert.ok((await viewer.get("/api/v1/partners?q=Idrætsforeningen")).json.partners.some((x) => x.id === pid));

  const soon = new Date(Date.now() + 20 * 86400e3).toISOString().slice(0, 10);
  const c = await org.send("POST", `/api/v1/plans/${p.id}/cooperations`,
    { partner_id: pid, purposes: ["recruitment", "delivery"], valid_from: "2014-01-01", valid_to: soon });
  assert.equal(c.status, 201, c.text);
  assert.deepEqual(c.json.purposes, ["recruitment", "delivery"]);
  assert.equal(c.json.expiring, true);
  assert.equal(c.json.expired, false);
  assert.ok(c.json.days_left >= 19 && c.json.days_left <= 20, String(c.json.days_left));
  const open = await org.send("POST", `/api/v1/plans/${p.id}/cooperations`,
    { partner_id: pid, purposes: ["knowledge"], valid_from: "2014-01-01", valid_to: null });
  assert.equal(open.json.days_left, null);
  assert.equal(open.json.expiring, false);
  expectRule(await org.send("POST", `/api/v1/plans/${p.id}/cooperations`,
    { partner_id: pid, purposes: ["fun"], valid_from: "2014-01-01" }), 422, null, "purposes[0]");
  const kom = await as("municipality");
  const exp = await kom.get("/api/v1/cooperations/expiring?days=30");
  assert.ok(exp.json.cooperations.some((x) => x.id === c.json.id));
  assert.ok(!exp.json.cooperations.some((x) => x.id === open.json.id));
  const otherOrg = tokenUser("organisation:102");
  assert.ok(!(await otherOrg.get("/api/v1/cooperations/expiring?days=30")).json.cooperations.some((x) => x.id === c.json.id));
  assert.equal((await kom.get("/api/v1/cooperations/expiring?days=-1")).status, 422);
  assert.equal((await org.send("DELETE", `/api/v1/plans/${p.id}/cooperations/${open.json.id}`)).status, 204);
  assert.equal((await org.get(`/api/v1/plans/${p.id}/cooperations`)).json.cooperations.length, 1);
});
