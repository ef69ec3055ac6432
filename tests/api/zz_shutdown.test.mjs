// Runs last (files run in name order): sends SIGTERM to the server.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import net from "node:net";

const base = process.env.HELHED_URL;

// The server finishes a request that is in flight when SIGTERM arrives.
test("graceful shutdown finishes the request in flight", async () => {
  const url = new URL(base);
  const body = JSON.stringify({ codes: ["0101"] });
  const sock = net.connect(Number(url.port), url.hostname);
  await new Promise((r) => sock.once("connect", r));
  let response = "";
  sock.on("data", (d) => { response += d; });
  const ended = new Promise((r) => sock.once("close", r));
  sock.write(`POST /api/v1/municipalities/lookup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n` + body.slice(0, 5));
  await new Promise((r) => setTimeout(r, 200));
  const pid = Number(readFileSync(process.env.HELHED_PIDFILE, "utf8"));
  process.kill(pid, "SIGTERM");
  await new Promise((r) => setTimeout(r, 300));
  sock.write(body.slice(5));
  await ended;
  assert.match(response, /^HTTP\/1\.1 200/);
  assert.match(response, /"name":"København"/);
});
