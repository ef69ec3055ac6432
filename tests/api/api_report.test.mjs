// The yearly report over the API: GET /api/v1/plans/{plan}/report in every
// format, the audience a caller gets (the team may ask for every number,
// everybody else always gets the external report with small numbers hidden),
// parameter errors and scope. Runs before auth.test.mjs (name order).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Client, loggedIn } from "./client.mjs";

const year = new Date().getUTCFullYear() - 1;

test("report: JSON tables, and the audience each caller gets", async () => {
  const staff = await loggedIn("plan_staff");
  const team = await staff.req(`/api/v1/plans/1/report?year=${year}&audience=team`);
  assert.equal(team.status, 200);
  assert.equal(team.json.audience, "team");
  assert.equal(team.json.suppressed, false);
  assert.equal(team.json.year, year);
  const ids = team.json.tables.map((t) => t.id);
  for (const id of ["plan", "deltagelse", "deltagelse_udvikling", "kategorier", "fokusomraader", "aktiviteter", "koen_alder", "inddragelse",
    "inddragelse_udvikling", "maalopfyldelse", "beboerroller", "kurser", "opsoegende", "fortaellinger"])
    assert.ok(ids.includes(id), `table ${id}`);
  for (const t of team.json.tables)
    for (const r of t.rows) {
      assert.equal(r.text.length, t.columns.length);
      assert.equal(r.values.length, t.columns.length);
    }
  // Default: external, for the team too.
  const ext = await staff.req(`/api/v1/plans/1/report?year=${year}`);
  assert.equal(ext.json.audience, "external");
  assert.equal(ext.json.suppressed, true);
  // No number of 1-4 persons leaves the team: a "<5" or "x" cell has no value.
  for (const t of ext.json.tables)
    for (const r of t.rows)
      r.text.forEach((s, i) => {
        if (s === "<5" || s === "x") assert.equal(r.values[i], null, `${t.id} ${r.text[0]}`);
      });
  // A reader outside the team asks for the team's numbers and gets the external ones.
  const viewer = await loggedIn("viewer");
  const v = await viewer.req(`/api/v1/plans/1/report?year=${year}&audience=team`);
  assert.equal(v.status, 200);
  assert.equal(v.json.audience, "external");
  assert.deepEqual(v.json.tables.map((t) => t.rows.map((r) => r.text)), ext.json.tables.map((t) => t.rows.map((r) => r.text)));
  // Without a year: the last finished year with sessions.
  const d = await staff.req("/api/v1/plans/1/report");
  assert.equal(d.status, 200);
  assert.ok(d.json.year >= 2000 && d.json.year < new Date().getUTCFullYear() + 1);
});

test("report: PDF, HTML, CSV and XLSX", async () => {
  const staff = await loggedIn("plan_staff");
  const want = {
    pdf: ["application/pdf", "%PDF-"],
    html: ["text/html; charset=utf-8", "<!doctype html>"],
    csv: ["text/csv; charset=utf-8", "table;title;row;column;value"], // fetch drops the BOM
    xlsx: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK"],
  };
  for (const [format, [ctype, start]] of Object.entries(want)) {
    const r = await staff.req(`/api/v1/plans/1/report?year=${year}&format=${format}`);
    assert.equal(r.status, 200, format);
    assert.equal(r.headers.get("content-type"), ctype);
    assert.ok(r.text.replace(/^\uFEFF/, "").startsWith(start), `${format} starts with ${start}`);
    assert.match(r.headers.get("content-disposition"), new RegExp(`filename="aarsrapport-1-${year}\\.${format}"`));
  }
});

test("report: parameter errors and scope", async () => {
  const staff = await loggedIn("plan_staff");
  for (const [q, field] of [["format=doc", "format"], ["year=20x5", "year"], ["year=1800", "year"],
    ["audience=everyone", "audience"]]) {
    const r = await staff.req(`/api/v1/plans/1/report?${q}`);
    assert.equal(r.status, 400, q);
    assert.equal(r.json.error.field, field);
  }
  // Plan staff of plan 1 do not see plan 2; nobody sees a plan that does not exist.
  assert.equal((await staff.req("/api/v1/plans/2/report")).status, 404);
  const admin = await loggedIn("admin");
  assert.equal((await admin.req("/api/v1/plans/2/report")).status, 200);
  assert.equal((await admin.req("/api/v1/plans/999999/report")).status, 404);
  const anon = await new Client().req("/api/v1/plans/1/report");
  assert.equal(anon.status, 401);
});
