// The steering dialogue's documentation package over the API
// (pages_dialogue_package.c): GET /api/v1/dialogues/{dialogue}/package as
// JSON, PDF and HTML, its figures equal to the departments' own key figures
// (GET /api/v1/departments/{key}/keyfigures), suppressed ones without a
// number, a bad format 400, and access: both sides of the dialogue, 404 for
// another organisation and for roles outside the dialogue, 401 anonymous.
// The package's downloads in the app lead other file names to the page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { Client, loggedIn } from "./client.mjs";

const bin = process.env.HELHED_BIN;
const dbUrl = process.env.HELHED_DB_URL;
const cli = (...args) => execFileSync(bin, [...args, "--db", dbUrl], { encoding: "utf8" });

// The latest demo dialogue of organisation 101 in København.
async function dialogue(c) {
  let best = null;
  for (let id = 1; id <= 60; id++) {
    const r = await c.req(`/api/v1/dialogues/${id}/package`);
    if (r.status === 200 && r.json.org_no === 101 && r.json.municipality_code === "0101"
      && (!best || r.json.year > best.year)) best = r.json;
  }
  assert.ok(best, "a demo dialogue of 101 × 0101");
  return best;
}

test("the package as JSON: every department, its figures equal the key figures", async () => {
  const c = await loggedIn("municipality");
  const g = await dialogue(c);
  assert.equal(g.departments.length, g.departments_count);
  assert.equal(g.definitions.length, 4);
  let compared = 0;
  for (const d of g.departments.slice(0, 3)) {
    assert.equal(d.items.length, 7);
    const kf = (await c.req(`/api/v1/departments/${d.key}/keyfigures`)).json.unit.values;
    for (const it of d.items)
      for (const f of it.figures) {
        if (f.year === null) continue;
        const own = kf.find((v) => v.key_figure === f.code && v.year === f.year);
        assert.ok(own, `${d.key} ${f.code} ${f.year} in the department's figures`);
        assert.equal(f.suppressed, own.suppressed, `${d.key} ${f.code} suppressed`);
        if (f.suppressed) assert.equal(f.value, null);
        else assert.ok(Math.abs(f.value - own.value) <= 1e-6 * Math.max(1, Math.abs(own.value)),
          `${d.key} ${f.code}: ${f.value} against ${own.value}`);
        compared++;
      }
  }
  assert.ok(compared > 0);
});

test("the package as PDF and HTML, and a bad format", async () => {
  const c = await loggedIn("organisation");
  const g = await dialogue(c);
  const pdf = await c.req(`/api/v1/dialogues/${g.id}/package?format=pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get("content-type"), "application/pdf");
  assert.match(pdf.headers.get("content-disposition"), new RegExp(`styringsdialog-101-0101-${g.year}\\.pdf`));
  assert.ok(pdf.text.startsWith("%PDF-"));
  const html = await c.req(`/api/v1/dialogues/${g.id}/package?format=html`);
  assert.equal(html.status, 200);
  assert.match(html.text, /<html lang="da">/);
  const bad = await c.req(`/api/v1/dialogues/${g.id}/package?format=xml`);
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, "format");
  // The app's download of another file name leads to the package page.
  const other = await c.req(`/styringsdialog/${g.id}/pakke/pakke.txt`);
  assert.equal(other.status, 303);
  assert.equal(other.headers.get("location"), `/styringsdialog/${g.id}/pakke`);
});

test("only the dialogue's readers get the package", async () => {
  const g = await dialogue(await loggedIn("admin"));
  assert.equal((await (await loggedIn("national")).req(`/api/v1/dialogues/${g.id}/package`)).status, 200);
  // Another organisation's user: as if it did not exist.
  const email = `pkg-${process.pid}@test.example`;
  cli("user", "add", email, "--name", "Pakketester", "--grant", "organisation:102");
  const token = cli("user", "token", email, "--label", "package").trim();
  const other = await new Client().req(`/api/v1/dialogues/${g.id}/package`, { bearer: token });
  assert.equal(other.status, 404);
  assert.equal((await (await loggedIn("viewer")).req(`/api/v1/dialogues/${g.id}/package`)).status, 404);
  assert.equal((await new Client().req(`/api/v1/dialogues/${g.id}/package`)).status, 401);
  assert.equal((await (await loggedIn("municipality")).req("/api/v1/dialogues/999999/package")).status, 404);
});
