// The area lists over the API: values derived from the demo areas' key
// figures, classification by the rule set of the year, the what-if, imports
// by role (all or nothing) and the published history.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { loggedIn } from "./client.mjs";

const as = loggedIn;
const header = "area_code;year;residents;non_western_pct;outside_labour_pct;convicted_pct;national_convicted_pct;basic_education_pct;income_pct_of_region";

test("lists of a year: every area classified by the rules of its year", async () => {
  const viewer = await as("viewer");
  const r = await viewer.req("/api/v1/lists");
  assert.equal(r.status, 200);
  assert.ok(r.json.areas.length > 0);
  const latest = r.json.year;
  assert.ok(r.json.areas.every((a) => a.year === latest && a.rule_set === 2021));
  const y2019 = await viewer.req("/api/v1/lists?year=2019");
  assert.ok(y2019.json.areas.every((a) => a.rule_set === 2018));
  const demo = r.json.areas.find((a) => a.area_code === "BO-0101-1");
  assert.ok(demo, "the demo area is on the list data");
  assert.ok(demo.tests.some((t) => t.id && t.rule && "margin" in t && "persons_to_flip" in t));
  assert.match(demo.explanation, /2021/);
});

test("derived values are the area's key figures (two-year averages where the rule says so)", async () => {
  const org = await as("organisation");
  const area = await org.req("/api/v1/areas/BO-0101-1/keyfigures");
  const list = await org.req("/api/v1/lists/BO-0101-1");
  assert.equal(list.status, 200);
  const value = (kf, year) => area.json.unit.values.find((v) => v.key_figure === kf && v.year === year)?.value;
  const last = list.json.years.at(-1);
  const y = last.year;
  assert.ok(Math.abs(last.values.non_western_pct - value("non_western_share", y - 1)) < 1e-6);
  const avg = (value("outside_labour_share", y - 2) + value("outside_labour_share", y - 1)) / 2;
  assert.ok(Math.abs(last.values.outside_labour_pct - avg) < 1e-6, `${last.values.outside_labour_pct} vs ${avg}`);
  assert.equal(last.values.residents, value("residents", y - 1));
  assert.equal(last.source.file, "nøgletal");
  assert.ok(list.json.published.length > 0, "the demo's published history");
});

test("what-if: exactly 40 % is not over 40 %, 3.00 x the national average is at least 3 x", async () => {
  const kom = await as("municipality");
  const h = { "X-CSRF-Token": kom.csrf };
  const values = { residents: 2500, non_western_pct: 55, outside_labour_pct: 40, convicted_pct: 1.5,
    national_convicted_pct: 0.5, basic_education_pct: 20, income_pct_of_region: 80 };
  const at = await kom.req("/api/v1/lists/classify", { method: "POST", json: { year: 2024, values }, headers: h });
  assert.equal(at.status, 200, at.text);
  const test = (r, crit) => r.json.tests.find((t) => t.criterion === crit && t.threshold !== null && t.id.includes(crit === "convicted_pct" ? "3" : "40"));
  assert.equal(test(at, "outside_labour_pct").met, false);
  assert.equal(test(at, "convicted_pct").met, true);
  // 1 of 4 deprivation criteria (convicted) is not udsat; non-Western over 30 % with
  // labour over 30 % and convicted at least 2 x is a prevention area.
  assert.deepEqual(at.json.categories, ["forebyggelse"]);
  const over = await kom.req("/api/v1/lists/classify", { method: "POST",
    json: { year: 2024, values: { ...values, outside_labour_pct: 40.01 } }, headers: h });
  assert.ok(over.json.categories.includes("udsat") && over.json.categories.includes("parallelsamfund"), over.text);
  const small = await kom.req("/api/v1/lists/classify", { method: "POST",
    json: { year: 2024, values: { ...values, residents: 999, outside_labour_pct: 60 } }, headers: h });
  assert.deepEqual(small.json.categories, []);
  const bad = await kom.req("/api/v1/lists/classify", { method: "POST",
    json: { year: 2024, values: { ...values, basic_education_pct: 140 } }, headers: h });
  assert.equal(bad.status, 422);
  assert.match(bad.json.error.message ?? bad.text, /basic_education_pct/);
});

test("import of list values: national users only, all or nothing, then on the list", async () => {
  const send = (c, kind, body) => c.req(`/api/v1/import/${kind}?name=lister.csv`,
    { method: "POST", body, headers: { "Content-Type": "text/csv", "X-CSRF-Token": c.csrf } });
  const org = await as("organisation");
  assert.equal((await send(org, "lists", header + "\n")).status, 404, "organisations cannot import lists");
  const nat = await as("national");
  const good = `${header}\nTEST-1;2023;2000;60;45;1,8;0,5;65;50\nTEST-1;2024;2100;61;46;1,9;0,5;66;49\n`;
  const bad = good + "TEST-2;2024;1500;x;10;1;0,5;10;90\n";
  const refused = await send(nat, "lists", bad);
  assert.equal(refused.status, 422);
  assert.equal(refused.json.written, false);
  assert.match(refused.json.problems[0].text, /lister\.csv, række 4/);
  assert.equal((await nat.req("/api/v1/lists/TEST-1")).status, 404, "nothing was written");
  const ok = await send(nat, "lists", good);
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.changed, 2);
  const again = await send(nat, "lists", good);
  assert.equal(again.json.changed, 0, "importing again changes nothing");
  const t = await nat.req("/api/v1/lists/TEST-1");
  const y2024 = t.json.years.find((y) => y.year === 2024);
  assert.deepEqual(y2024.categories.sort(), ["forebyggelse", "parallelsamfund", "udsat"]);
  assert.deepEqual(y2024.source, { file: "lister.csv", row: 3 });
  // Published history makes a transformation area: parallel society 2020-2024.
  const status = "area_code;year;categories\n" + [2020, 2021, 2022, 2023].map((y) => `TEST-1;${y};${y < 2021 ? "ghetto" : "parallelsamfund"}`).join("\n") + "\n";
  const pub = await send(nat, "list-status", status);
  assert.equal(pub.status, 200, pub.text);
  const t2 = await nat.req("/api/v1/lists/TEST-1");
  assert.ok(t2.json.years.find((y) => y.year === 2024).categories.includes("omdannelse"));
});

test("pages: the lists, the rules and an area card with the what-if", async () => {
  const kom = await as("municipality");
  const lists = await kom.req("/lister");
  assert.equal(lists.status, 200);
  assert.match(lists.text, /Områdelister/);
  const csv = await kom.req("/lister?format=csv");
  assert.match(csv.headers.get("content-type"), /text\/csv/);
  const rules = await kom.req("/lister/regler");
  assert.equal(rules.status, 200);
  assert.match(rules.text, /Listeår 2018–2020/);
  assert.match(rules.text, /Listeår 2021– /);
  const card = await kom.req("/lister/BO-0101-1");
  assert.equal(card.status, 200);
  assert.match(card.text, /Hvad nu hvis/);
  const wi = await kom.req("/lister/BO-0101-1?hvis=1&residents=500");
  assert.match(wi.text, /Med disse værdier: <span class="cat cat-none">Ingen liste/);
  assert.equal((await kom.req("/lister/FINDES-IKKE")).status, 404);
});

test("lists derive: the key figures' values again change nothing; a changed figure changes the derived value", async () => {
  const bin = process.env.HELHED_BIN, db = process.env.HELHED_DB_URL;
  const derive = () => execFileSync(bin, ["lists", "derive", "--from", "2018", "--to", "2026", "--db", db]).toString();
  assert.match(derive(), /^list years 2018-2026: 0 area rows new or changed/);
  const org = await loggedIn("organisation");
  const before = (await org.req("/api/v1/lists/BO-0101-1")).json.years.find((y) => y.year === 2026);
  const imp = await org.req("/api/v1/import/keyfigures?name=nw.csv", { method: "POST",
    body: "org_no;department_no;year;key_figure;numerator;denominator\n101;1;2025;non_western_share;1;400\n",
    headers: { "Content-Type": "text/csv", "X-CSRF-Token": org.csrf } });
  assert.equal(imp.status, 200, imp.text);
  assert.match(derive(), /^list years 2018-2026: 1 area rows new or changed/);
  const after = (await org.req("/api/v1/lists/BO-0101-1")).json.years.find((y) => y.year === 2026);
  assert.ok(after.values.non_western_pct < before.values.non_western_pct);
});
