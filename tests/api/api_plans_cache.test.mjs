// The plan lists (GET /api/v1/plans and the map page /planer) keep their
// expensive part in the fragment cache (src/http/respcache.h), keyed on the
// reader's plan scope, the query, today and the data versions of plans,
// registry, geo (and boundary for the map). These tests would catch a stale
// or shared fragment: after a plan's name, state or budget changes, after an
// organisation is renamed, and between readers of different scope, the list
// and the page show what is true now, and a repeated (cached) answer is
// byte-identical to the first one built after the change.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { Client, loggedIn } from "./client.mjs";

const bin = process.env.HELHED_BIN;
const dbUrl = process.env.HELHED_DB_URL;
const tag = `Cacheplan${process.pid}`;

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

function tokenUser(...grants) {
  const email = `cache-${grants.join("-").replace(/[^a-z0-9]/gi, "")}-${process.pid}@test.example`;
  const args = ["user", "add", email, "--name", "Cache Tester"];
  for (const g of grants) args.push("--grant", g);
  cli(...args);
  const token = cli("user", "token", email, "--label", "cache").trim();
  const c = new Client();
  return { get: (path) => c.req(path, { bearer: token }) };
}

// The first answer after a change is built; the next ones may come from the
// worker's cache. All must be 200 and byte-identical; returns the text.
async function same(who, path, times = 4) {
  const first = await who.get(path);
  assert.equal(first.status, 200, first.text);
  for (let i = 1; i < times; i++) {
    const again = await who.get(path);
    assert.equal(again.status, 200);
    assert.equal(again.text, first.text, `${path}: answer ${i + 1} differs from the first`);
  }
  return first.text;
}

const listed = async (who, path) => JSON.parse(await same(who, path)).plans;
const find = (plans, id) => plans.find((p) => p.id === id);

test("plan lists: a change to a plan's name, state or budget shows at once, in the API and on the page", async () => {
  const org = await as("organisation"), nat = await as("national");
  const c = await org.send("POST", "/api/v1/plans", {
    name: `${tag} Ét`, type: "social", municipality_code: "0101", round: "2011-2014",
    organisations: [101], departments: ["101-1"], focus: ["Sundhed"],
  });
  assert.equal(c.status, 201, c.text);
  const id = c.json.id;
  const api = "/api/v1/plans", page = "/planer", qpage = `/planer?q=${encodeURIComponent(tag)}`;

  // Warm every cache entry first.
  let p = find(await listed(nat, api), id);
  assert.equal(p.name, `${tag} Ét`);
  assert.equal(p.state, "idea");
  assert.equal(p.budget_ore, 0);
  assert.match(await same(nat, page), new RegExp(`${tag} Ét`));
  assert.match(await same(nat, qpage), /id="antal-planer">1</);

  // The name.
  let r = await org.send("PUT", `/api/v1/plans/${id}`, { name: `${tag} To` });
  assert.equal(r.status, 200, r.text);
  p = find(await listed(nat, api), id);
  assert.equal(p.name, `${tag} To`);
  let html = await same(nat, page);
  assert.match(html, new RegExp(`${tag} To`));
  assert.doesNotMatch(html, new RegExp(`${tag} Ét`));

  // The state.
  r = await org.send("POST", `/api/v1/plans/${id}/state`, { to: "prequalification" });
  assert.equal(r.status, 200, r.text);
  p = find(await listed(nat, api), id);
  assert.equal(p.state, "prequalification");
  assert.equal(find(await listed(nat, `${api}?state=idea`), id), undefined);
  assert.equal(find(await listed(nat, `${api}?state=prequalification`), id).name, `${tag} To`);
  html = await same(nat, qpage);
  assert.match(html, new RegExp(`state-prequalification`));
  assert.doesNotMatch(html, /state-idea/);

  // The budget.
  r = await org.send("PUT", `/api/v1/plans/${id}/budget`, { lines: [
    { year: 2014, source: "lbf", budget_ore: 7_500_000_000 },
    { year: 2014, source: "municipality", budget_ore: 2_500_000_000 },
  ] });
  assert.equal(r.status, 200, r.text);
  p = find(await listed(nat, api), id);
  assert.equal(p.budget_ore, 10_000_000_000);
  assert.equal(p.lbf_ore, 7_500_000_000);
  html = await same(nat, qpage);
  assert.match(html, /<span class="stat-num">100,0 mio\. kr\.<\/span><span class="stat-label">samlet budget/);
  assert.match(html, /<td class="num">100,0<\/td><td class="num">75,0<\/td>/);
});

test("plan lists: renaming an organisation shows in the lists at once", async () => {
  const admin = await as("admin"), nat = await as("national");
  const before = (await admin.get("/api/v1/organisations/101")).json.organisation.org_name;
  const qpage = `/planer?q=${encodeURIComponent(tag)}`;
  assert.match(JSON.stringify(await listed(nat, `/api/v1/plans?q=${tag}`)), new RegExp(before));
  assert.match(await same(nat, qpage), new RegExp(before));
  const renamed = `Omdøbt Boligselskab ${process.pid}`;
  let r = await admin.send("PUT", "/api/v1/organisations/101", { org_name: renamed });
  assert.equal(r.status, 200, r.text);
  try {
    const plans = await listed(nat, `/api/v1/plans?q=${tag}`);
    assert.equal(plans.length, 1);
    assert.equal(plans[0].organisations, renamed);
    const html = await same(nat, qpage);
    assert.match(html, new RegExp(renamed));
    // The organisation filter lists it under its new name too.
    assert.match(html, new RegExp(`<option value="101">${renamed}</option>`));
  } finally {
    r = await admin.send("PUT", "/api/v1/organisations/101", { org_name: before });
    assert.equal(r.status, 200, r.text);
  }
  assert.doesNotMatch(await same(nat, qpage), new RegExp(renamed));
});

test("plan lists: readers of different scope never share a list", async () => {
  const nat = await as("national"), kom = await as("municipality"), staff = await as("plan_staff");
  const other = tokenUser("municipality:0360"), natTok = tokenUser("national");
  const api = `/api/v1/plans?q=${tag}`, qpage = `/planer?q=${encodeURIComponent(tag)}`;
  // In both orders: the wide reader first, then the narrow one, and back.
  for (let round = 0; round < 2; round++) {
    assert.equal((await listed(natTok, api)).length, 1);
    assert.equal((await listed(other, api)).length, 0);
    assert.equal((await listed(kom, api)).length, 1);
    assert.equal((await listed(staff, api)).length, 0);
    assert.match(await same(nat, qpage), /id="antal-planer">1</);
    assert.match(await same(staff, qpage), /id="antal-planer">0</);
    assert.match(await same(kom, qpage), /id="antal-planer">1</);
  }
  // The whole lists differ by scope as well.
  const all = await listed(natTok, "/api/v1/plans"), muni = await listed(other, "/api/v1/plans");
  assert.ok(muni.every((p) => p.municipality_code === "0360"));
  assert.ok(all.length > muni.length);
});

test("plan lists: the map page keeps user-specific parts out of the cached fragment", async () => {
  const ca = await loggedIn("national"), cb = await loggedIn("national");
  const a = wrap(ca), b = wrap(cb);
  const qpage = `/planer?q=${encodeURIComponent(tag)}`;
  const ha = await same(a, qpage), hb = await same(b, qpage);
  // Same scope: the same part below the header...
  const part = (h) => h.slice(h.indexOf("<form class=\"filters plan-filters\""), h.lastIndexOf("</main>"));
  assert.ok(part(ha).length > 1000);
  assert.equal(part(ha), part(hb));
  // ...which holds no session's token.
  assert.notEqual(ca.csrf, cb.csrf);
  for (const c of [ca, cb]) assert.ok(!part(ha).includes(c.csrf));
  assert.doesNotMatch(part(ha), /_csrf/);
});
