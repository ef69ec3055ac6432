// The OpenAPI document at /api/v1/openapi.json: public, valid OpenAPI 3.1
// (@seriousme/openapi-schema-validator), and its paths and methods are
// exactly the /api/ routes of the route table (`helhed routes`), so a route
// added without documentation fails here (and in unit/test_openapi).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Client } from "./client.mjs";

const bin = process.env.HELHED_BIN;

test("the OpenAPI document validates and lists every /api/ route", async () => {
  const r = await new Client().req("/api/v1/openapi.json");
  assert.equal(r.status, 200, "served to anonymous callers");
  assert.match(r.headers.get("content-type"), /application\/json/);
  const doc = r.json;
  assert.equal(doc.openapi, "3.1.0");

  const v = new Validator();
  const res = await v.validate(structuredClone(doc));
  assert.ok(res.valid, JSON.stringify(res.errors, null, 1)?.slice(0, 3000));
  // Every $ref resolves.
  assert.doesNotThrow(() => v.resolveRefs());

  const { routes } = JSON.parse(execFileSync(bin, ["routes"], { encoding: "utf8" }));
  const api = routes.filter((x) => x.pattern.startsWith("/api/"));
  const want = api.map((x) => `${x.method} ${x.pattern}`).sort();
  const have = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`)).sort();
  assert.deepEqual(have, want);

  for (const x of api) {
    const op = doc.paths[x.pattern][x.method.toLowerCase()];
    assert.ok(op.summary, `${x.method} ${x.pattern} has a summary`);
    assert.ok(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)), `${x.method} ${x.pattern} answers success`);
    if (x.public) assert.deepEqual(op.security, [], `${x.pattern} is public`);
    else assert.deepEqual(op["x-roles"], x.roles, `${x.method} ${x.pattern}: the roles of routes.c`);
    // Every path placeholder is a declared path parameter.
    for (const [, name] of x.pattern.matchAll(/\{(\w+)\}/g))
      assert.ok(op.parameters?.some((p) => p.in === "path" && p.name === name), `${x.pattern}: {${name}}`);
  }
  for (const name of ["Plan", "PlanSummary", "BudgetLine", "Goal", "GoalProgress", "Transition", "Version", "Change",
    "Partner", "Contact", "Cooperation", "Error"])
    assert.ok(doc.components.schemas[name], `schema ${name}`);
  assert.ok(doc.components.securitySchemes.session && doc.components.securitySchemes.bearer);
});

test("the documented plan shapes match what the API answers", async () => {
  const doc = (await new Client().req("/api/v1/openapi.json")).json;
  // A token: this runs after auth.test.mjs, whose throttling tests may leave
  // logins from this address waiting.
  const bearer = execFileSync(bin, ["user", "token", "boligorganisation@helhed.example", "--label", "openapi",
    "--db", process.env.HELHED_DB_URL], { encoding: "utf8" }).trim();
  const c = new Client();
  const list = await c.req("/api/v1/plans", { bearer });
  assert.equal(list.status, 200);
  const made = await c.req("/api/v1/plans", { method: "POST", bearer, json: {
    name: "OpenAPI-plan", type: "social", municipality_code: "0101", organisations: [101] } });
  assert.equal(made.status, 201, made.text);
  // Every key the API answers is documented (the schemas list what clients may rely on).
  const keysOf = (name) => Object.keys(doc.components.schemas[name].properties);
  for (const k of Object.keys(made.json)) assert.ok(keysOf("Plan").includes(k), `Plan.${k}`);
  for (const k of Object.keys(list.json.plans[0])) assert.ok(keysOf("PlanSummary").includes(k), `PlanSummary.${k}`);
  for (const k of Object.keys(made.json.history[0])) assert.ok(keysOf("Transition").includes(k), `Transition.${k}`);
  const bad = await c.req("/api/v1/plans", { method: "POST", bearer, json: { nope: 1 } });
  assert.equal(bad.status, 422);
  assert.deepEqual(Object.keys(bad.json.error).sort(), Object.keys(doc.components.schemas.Error.properties.error.properties).sort());
});
