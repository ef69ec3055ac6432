// API tests against a running server (tests/api/run.sh starts it on SQLite
// or PostgreSQL). Each case states the exact status, body shape and message.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import net from "node:net";
import { execFileSync } from "node:child_process";

const base = process.env.HELHED_URL;
const kind = process.env.HELHED_DB_KIND;

async function get(path, init) {
  const r = await fetch(base + path, init);
  const text = await r.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: r.status, headers: r.headers, text, json };
}

function post(path, body, headers = { "Content-Type": "application/json" }) {
  return get(path, { method: "POST", body, headers });
}

test("healthz and version", async () => {
  const h = await get("/healthz");
  assert.equal(h.status, 200);
  assert.equal(h.text, "ok\n");
  const v = await get("/api/v1/version");
  assert.equal(v.status, 200);
  assert.equal(v.json.name, "helhed");
  assert.match(v.json.version, /^\d+\.\d+\.\d+$/);
  assert.equal(v.json.database, kind);
  assert.ok(v.json.schema_version >= 2);
});

test("regions: the five with their municipality counts", async () => {
  const r = await get("/api/v1/regions");
  assert.equal(r.status, 200);
  assert.equal(r.headers.get("content-type"), "application/json");
  assert.deepEqual(r.json.regions.map((x) => [x.code, x.municipality_count]),
    [["1081", 11], ["1082", 19], ["1083", 22], ["1084", 29], ["1085", 17]]);
  assert.equal(r.json.regions[3].name, "Region Hovedstaden");
});

test("municipalities: 98 plus Christiansø, by code", async () => {
  const r = await get("/api/v1/municipalities");
  assert.equal(r.status, 200);
  const m = r.json.municipalities;
  assert.equal(m.length, 99);
  assert.equal(m.filter((x) => x.is_municipality).length, 98);
  assert.deepEqual(m.find((x) => x.code === "0411"),
    { code: "0411", name: "Christiansø", region_code: "1084", region_name: "Region Hovedstaden", is_municipality: false });
  const codes = m.map((x) => x.code);
  assert.deepEqual(codes, [...codes].sort());
});

test("municipalities?region= filters, validates and 404s", async () => {
  const r = await get("/api/v1/municipalities?region=1085");
  assert.equal(r.status, 200);
  assert.equal(r.json.municipalities.length, 17);
  assert.ok(r.json.municipalities.every((x) => x.region_code === "1085"));
  const bad = await get("/api/v1/municipalities?region=abc");
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.json, { error: { code: "invalid_parameter",
    message: "region must be a 4-digit region code, e.g. 1084", field: "region" } });
  const none = await get("/api/v1/municipalities?region=1099");
  assert.equal(none.status, 404);
  assert.equal(none.json.error.field, "region");
});

test("one municipality; unknown code is 404", async () => {
  const r = await get("/api/v1/municipalities/0101");
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { code: "0101", name: "København", region_code: "1084",
    region_name: "Region Hovedstaden", is_municipality: true });
  for (const code of ["9999", "101", "abcd", "01010"]) {
    const n = await get("/api/v1/municipalities/" + code);
    assert.equal(n.status, 404, code);
    assert.deepEqual(n.json, { error: { code: "not_found", message: "no municipality has this code", field: "code" } });
  }
});

test("unknown API path: JSON 404; unknown page: Danish HTML 404", async () => {
  const a = await get("/api/v1/nothing");
  assert.equal(a.status, 404);
  assert.equal(a.json.error.code, "not_found");
  const p = await get("/findes-ikke");
  assert.equal(p.status, 404);
  assert.match(p.headers.get("content-type"), /^text\/html/);
  assert.match(p.text, /<h1>Siden findes ikke<\/h1>/);
  assert.match(p.text, /<html lang="da">/);
});

test("wrong method: 405 with Allow", async () => {
  const r = await get("/api/v1/regions", { method: "DELETE" });
  assert.equal(r.status, 405);
  assert.equal(r.headers.get("allow"), "GET, HEAD");
  assert.equal(r.json.error.code, "method_not_allowed");
});

test("malformed JSON: 400 naming line and column", async () => {
  const r = await post("/api/v1/municipalities/lookup", '{\n  "codes": ["0101",]\n}');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, "malformed_json");
  assert.match(r.json.error.message, /^malformed JSON at line 2, column \d+: /);
});

test("duplicate keys are rejected", async () => {
  const r = await post("/api/v1/municipalities/lookup", '{"codes": ["0101"], "codes": ["0147"]}');
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /duplicate object key/);
});

test("unexpected members and wrong types name the field", async () => {
  const extra = await post("/api/v1/municipalities/lookup", '{"codes": [], "x": 1}');
  assert.equal(extra.status, 400);
  assert.equal(extra.json.error.field, "codes");
  const wrong = await post("/api/v1/municipalities/lookup", '{"codes": ["0101", 147]}');
  assert.equal(wrong.status, 400);
  assert.equal(wrong.json.error.field, "codes[1]");
});

// Sends raw bytes and resolves with everything the server answers until it
// closes. (fetch would race: the server answers 413 on the declared length
// and closes while a client may still be uploading.)
function rawRequest(head, body) {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(url.port), url.hostname);
    let data = "";
    sock.on("data", (d) => { data += d; });
    sock.on("error", () => resolve(data));
    sock.on("close", () => resolve(data));
    sock.on("connect", () => { sock.write(head); if (body) sock.write(body); });
    setTimeout(() => { sock.destroy(); reject(new Error("no answer in 5 s")); }, 5000);
  });
}

test("body over the limit: 413 from the declared length, before the upload", async () => {
  const len = 2 * 1024 * 1024;
  const res = await rawRequest(`POST /api/v1/municipalities/lookup HTTP/1.1\r\nHost: x\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${len}\r\n\r\n`, '{"codes": ["');
  assert.match(res, /^HTTP\/1\.1 413 /);
  assert.match(res, /"code":"body_too_large"/);
});

test("chunked body growing over the limit: 413", async () => {
  const chunk = "x".repeat(64 * 1024);
  let body = "";
  for (let i = 0; i < 20; i++) body += chunk.length.toString(16) + "\r\n" + chunk + "\r\n";
  body += "0\r\n\r\n";
  const res = await rawRequest(`POST /api/v1/municipalities/lookup HTTP/1.1\r\nHost: x\r\n` +
    `Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`, body);
  assert.match(res, /^HTTP\/1\.1 413 /);
});

test("wrong content type: 415", async () => {
  const t = await post("/api/v1/municipalities/lookup", "codes=0101", { "Content-Type": "text/plain" });
  assert.equal(t.status, 415);
  assert.equal(t.json.error.code, "unsupported_media_type");
});

test("lookup: known in request order, unknown listed", async () => {
  const r = await post("/api/v1/municipalities/lookup", JSON.stringify({ codes: ["0147", "9999", "0101"] }));
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.municipalities.map((x) => x.name), ["Frederiksberg", "København"]);
  assert.deepEqual(r.json.unknown, ["9999"]);
});

test("security headers on pages, API and errors", async () => {
  for (const path of ["/", "/api/v1/regions", "/findes-ikke", "/static/style.css"]) {
    const r = await get(path);
    const csp = r.headers.get("content-security-policy");
    assert.match(csp, /default-src 'none'/, path);
    assert.match(csp, /script-src 'self'/, path);
    assert.doesNotMatch(csp, /unsafe-inline/, path);
    assert.match(csp, /frame-ancestors 'none'/, path);
    assert.equal(r.headers.get("x-content-type-options"), "nosniff", path);
    assert.equal(r.headers.get("referrer-policy"), "same-origin", path);
  }
});

test("pages carry no inline script or style", async () => {
  for (const path of ["/", "/kommuner", "/kommuner/0101", "/regioner/1084", "/findes-ikke"]) {
    const r = await get(path);
    assert.doesNotMatch(r.text, /<script(?![^>]*\bsrc=)[^>]*>/, path);
    assert.doesNotMatch(r.text, /\sstyle=|<style/, path);
  }
});

test("static assets: content hash ETag, 304, immutable when versioned", async () => {
  const r = await get("/static/style.css");
  assert.equal(r.status, 200);
  assert.match(r.headers.get("content-type"), /^text\/css/);
  const etag = r.headers.get("etag");
  assert.match(etag, /^"[0-9a-f]{16}"$/);
  assert.equal(r.headers.get("cache-control"), "public, max-age=300");
  const again = await get("/static/style.css", { headers: { "If-None-Match": etag } });
  assert.equal(again.status, 304);
  const v = await get("/static/style.css?v=" + etag.slice(1, -1));
  assert.equal(v.headers.get("cache-control"), "public, max-age=31536000, immutable");
  assert.equal((await get("/static/nope.css")).status, 404);
});

test("HEAD answers like GET without a body", async () => {
  const r = await fetch(base + "/kommuner", { method: "HEAD" });
  assert.equal(r.status, 200);
  assert.equal(await r.text(), "");
});

test("bad percent-escapes: 400", async () => {
  const r = await get("/kommuner?q=%zz");
  assert.equal(r.status, 400);
  const n = await get("/api/v1/municipalities?region=%00");
  assert.equal(n.status, 400);
});

test("pages: regions, municipalities, CSV export", async () => {
  const k = await get("/kommuner");
  assert.equal(k.status, 200);
  assert.equal((k.text.match(/<li data-name=/g) || []).length, 99);
  assert.match((await get("/regioner/1083")).text, /<h1>Region Syddanmark<\/h1>/);
  assert.equal((await get("/regioner/1090")).status, 404);
  const csv = await get("/kommuner.csv");
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get("content-type"), /^text\/csv/);
  const lines = csv.text.replace(/^\uFEFF/, "").trim().split("\r\n");
  assert.equal(lines[0], "kommunekode;kommunenavn;regionskode;regionsnavn;kommune");
  assert.equal(lines.length, 100);
  assert.ok(lines.includes("0101;København;1084;Region Hovedstaden;ja"));
});

test("the access log has one line per request and never a query string", async () => {
  await get("/kommuner?q=hemmelig-token-123");
  await new Promise((r) => setTimeout(r, 100));
  const log = readFileSync(process.env.HELHED_LOG, "utf8");
  assert.match(log, /access 127\.0\.0\.1 "GET \/kommuner" 200 \d+ [\d.]+ms/);
  assert.doesNotMatch(log, /hemmelig-token-123/);
});

// Runs SQL on the server's database from outside, as another process would.
function sqlFromOutside(stmt) {
  const url = process.env.HELHED_DB_URL;
  if (url.startsWith("sqlite:")) execFileSync("sqlite3", [url.slice(7), stmt]);
  else execFileSync("psql", ["-q", "-v", "ON_ERROR_STOP=1", url, "-c", stmt]);
}

test("cached responses follow changes made by another process", async () => {
  const path = "/api/v1/municipalities?region=1085";
  const name = async () => (await get(path)).json.municipalities.find((m) => m.code === "0259").name;
  // Warm both worker threads' caches.
  for (let i = 0; i < 6; i++) assert.equal(await name(), "Køge");
  sqlFromOutside("UPDATE municipality SET name = 'Køge (ændret)' WHERE code = '0259'");
  try {
    for (let i = 0; i < 6; i++) assert.equal(await name(), "Køge (ændret)");
    const regions = await get("/api/v1/regions");
    assert.equal(regions.status, 200);
  } finally {
    sqlFromOutside("UPDATE municipality SET name = 'Køge' WHERE code = '0259'");
  }
  for (let i = 0; i < 6; i++) assert.equal(await name(), "Køge");
});

