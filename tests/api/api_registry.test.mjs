// The registry and key figures over the API: scope, suppression without
// recovery from totals, profiles, imports by role.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loggedIn } from "./client.mjs";

const as = loggedIn;

test("scope: departments, organisations and areas by role", async () => {
  const org = await as("organisation");
  const mine = await org.req("/api/v1/departments?limit=100000");
  assert.equal(mine.status, 200);
  assert.ok(mine.json.departments.length > 0);
  assert.ok(mine.json.departments.every((d) => d.org_no === 101), "an organisation sees its own departments");
  assert.equal((await org.req("/api/v1/departments/102-1")).status, 404);
  assert.equal((await org.req("/api/v1/departments/101-1")).status, 200);
  const care = await as("caretaker");
  const one = await care.req("/api/v1/departments?limit=100000");
  assert.deepEqual(one.json.departments.map((d) => d.key), ["101-1"]);
  const viewer = await as("viewer");
  assert.equal((await viewer.req("/api/v1/departments")).json.departments.length, 0, "viewers see totals only");
  assert.equal((await viewer.req("/api/v1/organisations/101")).status, 200);
  const kom = await as("municipality");
  const inMuni = await kom.req("/api/v1/departments?limit=100000");
  assert.ok(inMuni.json.departments.every((d) => d.municipality_code === "0101"));
});

test("organisation figures: no hidden department can be recovered from the total", async () => {
  const admin = await as("admin");
  for (const kf of ["residents", "evictions_per_1000", "convicted_share", "outside_labour_share"]) {
    const r = await admin.req(`/api/v1/organisations/101/keyfigures?key_figure=${kf}`);
    assert.equal(r.status, 200);
    const hidden = r.json.departments.filter((d) => d.suppressed);
    for (const d of r.json.departments) {
      if (d.suppressed) { assert.equal(d.value, null); assert.equal(d.display, "<5"); }
    }
    if (!r.json.total.suppressed) assert.notEqual(hidden.length, 1, `${kf}: a lone hidden cell is total minus the rest`);
  }
  const raw = await admin.req("/api/v1/keyfigures/values?level=department&key_figure=evictions_per_1000&raw=1");
  assert.ok(raw.json.rows.every((r) => !r.suppressed), "admins may take the real values");
  const org = await as("organisation");
  const sup = await org.req("/api/v1/keyfigures/values?level=department&key_figure=evictions_per_1000&raw=1");
  assert.ok(sup.json.rows.some((r) => r.suppressed), "others never do");
});

test("department profile: series beside municipality, region, country and peers", async () => {
  const org = await as("organisation");
  const p = await org.req("/api/v1/departments/101-1/keyfigures");
  assert.equal(p.status, 200);
  assert.deepEqual(p.json.comparisons.map((c) => c.level), ["municipality", "region", "country", "peer"]);
  const years = new Set(p.json.unit.values.map((v) => v.year));
  assert.equal(years.size, 10);
  const area = await org.req("/api/v1/areas/BO-0101-1/keyfigures");
  assert.equal(area.status, 200);
  assert.ok(area.json.unit.values.length > 0);
});

test("import over the API: report, scope, and all or nothing", async () => {
  const org = await as("organisation");
  const send = (body, q = "") => org.req(`/api/v1/import/keyfigures?name=tal.csv${q}`,
    { method: "POST", body, headers: { "Content-Type": "text/csv", "X-CSRF-Token": org.csrf } });
  const ok = await send("org_no;department_no;year;key_figure;value\n101;1;2015;residents;250\n", "&dry_run=1");
  assert.equal(ok.status, 200);
  assert.equal(ok.json.written, false);
  assert.deepEqual(ok.json.problems, []);
  const other = await send("org_no;department_no;year;key_figure;value\n101;1;2015;residents;250\n102;1;2015;residents;5\n");
  assert.equal(other.status, 422);
  assert.equal(other.json.written, false);
  assert.deepEqual(other.json.problems.map((p) => [p.row, p.column, p.message]), [
    [3, "B", "afdeling 102-1 findes ikke blandt de afdelinger, du kan indlæse tal for"]]);
  const viewer = await as("viewer");
  const no = await viewer.req("/api/v1/import/keyfigures", { method: "POST", body: "x", headers: { "X-CSRF-Token": viewer.csrf } });
  assert.equal(no.status, 404);
});

test("registry changes through the API: validation in Danish, scope", async () => {
  const org = await as("organisation");
  const h = { "X-CSRF-Token": org.csrf };
  const bad = await org.req("/api/v1/departments", { method: "POST", json: { org_no: 101, department_no: 77 }, headers: h });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.error.field, "department_name");
  assert.equal(bad.json.error.message, "Navn skal udfyldes");
  const made = await org.req("/api/v1/departments", { method: "POST", headers: h,
    json: { org_no: 101, department_no: 77, department_name: "Testhuset", municipality_code: "0101", dwellings: 40 } });
  assert.equal(made.status, 201);
  assert.equal(made.json.dwellings, 40);
  const again = await org.req("/api/v1/departments/101-77", { method: "PUT", headers: h, json: { build_year: 1977 } });
  assert.equal(again.status, 200);
  assert.equal(again.json.build_year, 1977);
  assert.equal(again.json.department_name, "Testhuset");
  const foreign = await org.req("/api/v1/departments", { method: "POST", headers: h,
    json: { org_no: 102, department_no: 77, department_name: "X", municipality_code: "0101" } });
  assert.equal(foreign.status, 404);
});

test("area membership: join and leave by date, aggregates follow, history stays", async () => {
  const kom = await as("municipality");
  const h = { "X-CSRF-Token": kom.csrf };
  const before = await kom.req("/api/v1/areas/BO-0101-1");
  assert.equal(before.status, 200);
  const current = before.json.members.filter((m) => !m.valid_to).map((m) => `${m.org_no}-${m.department_no}`);
  const outsider = (await kom.req("/api/v1/departments?limit=100000")).json.departments
    .map((d) => d.key).find((k) => !current.includes(k));
  assert.ok(outsider, "a department of København outside the area");
  const [org_no, department_no] = outsider.split("-").map(Number);
  const resBefore = (await kom.req("/api/v1/areas/BO-0101-1/keyfigures")).json.unit.values
    .find((v) => v.key_figure === "residents" && v.year === 2025);
  const bad = await kom.req("/api/v1/areas/BO-0101-1/members", { method: "POST", headers: h,
    json: { org_no, department_no, valid_from: "2024-02-30" } });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.error.message, "Gyldig fra: '2024-02-30' er ikke en dato; forventede ÅÅÅÅ-MM-DD");
  const join = await kom.req("/api/v1/areas/BO-0101-1/members", { method: "POST", headers: h,
    json: { org_no, department_no, valid_from: "2020-01-01" } });
  assert.equal(join.status, 200);
  const twice = await kom.req("/api/v1/areas/BO-0101-1/members", { method: "POST", headers: h,
    json: { org_no, department_no, valid_from: "2021-01-01" } });
  assert.equal(twice.status, 409);
  assert.equal(twice.json.error.message, `afdeling ${outsider} er allerede med i området`);
  // The cached area profile follows the change: more residents in 2025.
  const resAfter = (await kom.req("/api/v1/areas/BO-0101-1/keyfigures")).json.unit.values
    .find((v) => v.key_figure === "residents" && v.year === 2025);
  assert.ok(resAfter.value > resBefore.value, `${resAfter.value} > ${resBefore.value}`);
  const leave = await kom.req("/api/v1/areas/BO-0101-1/members", { method: "POST", headers: h,
    json: { org_no, department_no, valid_to: "2022-12-31" } });
  assert.equal(leave.status, 200);
  const after = await kom.req("/api/v1/areas/BO-0101-1");
  assert.deepEqual(after.json.members.filter((m) => m.org_no === org_no && m.department_no === department_no)
    .map((m) => [m.valid_from, m.valid_to]), [["2020-01-01", "2022-12-31"]]);
  const back = (await kom.req("/api/v1/areas/BO-0101-1/keyfigures")).json.unit.values
    .find((v) => v.key_figure === "residents" && v.year === 2025);
  assert.equal(back.value, resBefore.value);
  // An organisation user may not change areas.
  const org = await as("organisation");
  const no = await org.req("/api/v1/areas/BO-0101-1/members", { method: "POST",
    headers: { "X-CSRF-Token": org.csrf }, json: { org_no, department_no, valid_from: "2020-01-01" } });
  assert.equal(no.status, 404);
});

test("cached department profile and page follow an import", async () => {
  const org = await as("organisation");
  const get = async () => (await org.req("/api/v1/departments/101-1/keyfigures")).json.unit.values
    .find((v) => v.key_figure === "vacancy_loss" && v.year === 2025);
  await get(); // cached now
  await org.req("/afdelinger/101-1");
  const r = await org.req("/api/v1/import/keyfigures?name=tab.csv", { method: "POST",
    body: "org_no;department_no;year;key_figure;value\n101;1;2025;vacancy_loss;123456\n",
    headers: { "Content-Type": "text/csv", "X-CSRF-Token": org.csrf } });
  assert.equal(r.status, 200);
  assert.equal((await get()).value, 123456);
  assert.match((await org.req("/afdelinger/101-1")).text, /123\.456 kr\./);
});

test("forms: an organisation user creates a department; the page says what is wrong in Danish", async () => {
  const org = await as("organisation");
  const bad = await org.form("/afdelinger/ny", { org_no: "101", department_no: "88", department_name: "Formhuset",
    municipality_code: "0101", dwellings: "mange" });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /Boliger i alt: &#39;mange&#39; er ikke et helt tal mellem 0 og 100000/);
  const ok = await org.form("/afdelinger/ny", { org_no: "101", department_no: "88", department_name: "Formhuset",
    municipality_code: "101", dwellings: "30" });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get("location"), "/afdelinger/101-88");
  // The path's key wins over a tampered form field.
  const moved = await org.form("/afdelinger/101-88/rediger", { org_no: "102", department_no: "88",
    department_name: "Formhuset II", municipality_code: "0101" });
  assert.equal(moved.status, 303);
  assert.equal(moved.headers.get("location"), "/afdelinger/101-88");
  const found = await org.req("/soeg?q=Formhuset");
  assert.match(found.text, /href="\/afdelinger\/101-88">Formhuset II</);
});
