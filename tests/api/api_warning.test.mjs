// Early warning over the API and in pages: scope by role, the watch list
// with CSV, the panel on the profile, and notifications of status changes
// after an import, read by the organisation's and the municipality's users.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loggedIn } from "./client.mjs";

const as = loggedIn;

test("statuses follow the reader's scope", async () => {
  const org = await as("organisation");
  const mine = await org.req("/api/v1/warnings");
  assert.equal(mine.status, 200);
  assert.ok(mine.json.units.length > 0);
  assert.ok(mine.json.units.every((u) => u.code.startsWith("101-")), "an organisation sees its own departments");
  assert.ok(mine.json.units.every((u) => ["stable", "watch", "alarm"].includes(u.status)));
  const viewer = await as("viewer");
  assert.equal((await viewer.req("/api/v1/warnings")).json.units.length, 0, "viewers see no department");
  const areas = await viewer.req("/api/v1/warnings?level=area");
  assert.ok(areas.json.units.length > 0, "but the areas of their municipality");
  // Plan staff see the departments of their plan: the demo's plan 1 covers area BO-0101-1 with 101-1.
  const plan = await as("plan_staff");
  const planned = await plan.req("/api/v1/warnings");
  assert.equal(planned.status, 200);
  assert.ok(planned.json.units.some((u) => u.code === "101-1"), "plan 1 covers 101-1");
  assert.ok(planned.json.units.every((u) => u.code.startsWith("101-")), "only the plan's departments");
});

test("watch list page, CSV and the panel on the profile", async () => {
  const kom = await as("municipality");
  const page = await kom.req("/varsler?status=all");
  assert.equal(page.status, 200);
  assert.match(page.text, /Tidlig varsling \d{4}/);
  const csv = await kom.req("/varsler?status=all&format=csv");
  assert.match(csv.headers.get("content-type"), /text\/csv/);
  const lines = csv.text.trim().split("\n");
  const api = await kom.req("/api/v1/warnings");
  assert.equal(lines.length - 1, api.json.units.length, "the CSV has every unit of the scope");
  const profile = await kom.req("/afdelinger/101-1");
  assert.match(profile.text, /Tidlig varsling \d{4}: <span class="warn warn-(stable|watch|alarm)">/);
  assert.equal((await kom.req("/varsler/metode")).status, 200);
});

test("a status change after an import notifies the organisation and the municipality", async () => {
  const org = await as("organisation");
  const stable = (await org.req("/api/v1/warnings?status=stable")).json;
  assert.ok(stable.units.length > 0, "a stable department to send down");
  const key = stable.units[0].code, [orgNo, deptNo] = key.split("-");
  const year = stable.year;
  const before = (await org.req("/api/v1/notifications")).json.notifications.length;
  // The latest year turns bad on every link at once.
  const rows = [["outside_labour_share", 90, 100], ["basic_education_share", 90, 100], ["turnover_rate", 60, 100],
    ["vacancy_share", 30, 100], ["feeling_unsafe_share", 90, 100], ["convicted_share", 20, 100],
    ["single_parent_share", 80, 100], ["move_in_share_outside_labour", 95, 100], ["meeting_turnout", 0, 100],
    ["maintenance_backlog_per_m2", 5000000, 5000], ["vandalism_cost_per_dwelling", 500000, 100],
    ["police_reports_per_1000", 90, 100], ["complaints_per_1000", 80, 100]];
  const body = "org_no;department_no;year;key_figure;numerator;denominator\n" +
    rows.map(([kf, n, d]) => `${orgNo};${deptNo};${year};${kf};${n};${d}`).join("\n") + "\n";
  const imp = await org.req("/api/v1/import/keyfigures?name=uro.csv",
    { method: "POST", body, headers: { "Content-Type": "text/csv", "X-CSRF-Token": org.csrf } });
  assert.equal(imp.status, 200, imp.text);
  const after = (await org.req(`/api/v1/warnings?status=all`)).json.units.find((u) => u.code === key);
  assert.notEqual(after.status, "stable", `${key} after the import`);
  const notes = (await org.req("/api/v1/notifications")).json;
  assert.equal(notes.notifications.length, before + 1);
  const n = notes.notifications[0];
  assert.equal(n.code, key);
  assert.equal(n.old_status, "stable");
  assert.equal(n.seen, false);
  assert.ok(notes.unseen >= 1);
  // The municipality of the department sees it too; another organisation does not.
  const kom = await as("municipality");
  const komNotes = (await kom.req("/api/v1/notifications")).json.notifications;
  const muni = (await org.req(`/api/v1/departments/${key}`)).json.municipality_code;
  assert.equal(komNotes.some((x) => x.code === key), muni === "0101");
  const care = await as("caretaker");
  // Only their department and its area (whose status earlier tests' imports may have moved).
  const careNotes = (await care.req("/api/v1/notifications")).json.notifications;
  assert.ok(careNotes.every((x) => x.code === "101-1" || x.code === "BO-0101-1"), JSON.stringify(careNotes.map((x) => x.code)));
  // The header counts unseen ones; opening the page marks them seen.
  const home = await org.req("/konto");
  assert.match(home.text, /Notifikationer <span class="count">\d+/);
  const page = await org.req("/notifikationer");
  assert.match(page.text, new RegExp(key));
  assert.equal((await org.req("/api/v1/notifications")).json.unseen, 0);
});
