// A small HTTP client with a cookie jar, for tests that log in.
export const base = process.env.HELHED_URL;

export class Client {
  constructor(url = base) {
    this.url = url;
    this.cookies = new Map();
    this.csrf = null;
  }

  async req(path, { method = "GET", body, headers = {}, json, bearer } = {}) {
    const h = { ...headers };
    if (this.cookies.size) h.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (json !== undefined) {
      body = JSON.stringify(json);
      h["Content-Type"] = "application/json";
    }
    if (bearer) h.Authorization = `Bearer ${bearer}`;
    const r = await fetch(this.url + path, { method, body, headers: h, redirect: "manual" });
    for (const c of r.headers.getSetCookie()) {
      const [kv] = c.split(";");
      const i = kv.indexOf("=");
      const k = kv.slice(0, i), v = kv.slice(i + 1);
      if (/Max-Age=0/.test(c)) this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    const text = await r.text();
    let data;
    try { data = JSON.parse(text); } catch { data = undefined; }
    return { status: r.status, headers: r.headers, text, json: data };
  }

  // Logs in through the API; keeps the session cookie and CSRF token.
  async login(email, password) {
    // A client that is logged in already must show its CSRF token to log in again.
    const headers = this.csrf ? { "X-CSRF-Token": this.csrf } : {};
    const r = await this.req("/api/v1/login", { method: "POST", json: { email, password }, headers });
    if (r.status === 200) this.csrf = r.json.csrf_token;
    return r;
  }

  // Posts an urlencoded form with the CSRF field: the session's token, or
  // the double-submit cookie's (fetched from the login page) before login.
  async form(path, fields = {}) {
    let token = this.csrf;
    if (!token) {
      if (!this.cookies.has("helhed_csrf")) await this.req("/login");
      token = this.cookies.get("helhed_csrf");
    }
    const body = new URLSearchParams({ _csrf: token, ...fields }).toString();
    return this.req(path, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  }
}

export const demo = {
  admin: ["admin@helhed.example", "demo-admin-helhed"],
  national: ["national@helhed.example", "demo-national-helhed"],
  municipality: ["kommune@helhed.example", "demo-kommune-helhed"],
  organisation: ["boligorganisation@helhed.example", "demo-boligorg-helhed"],
  plan_staff: ["planmedarbejder@helhed.example", "demo-plan-helhed"],
  caretaker: ["vicevaert@helhed.example", "demo-vicevaert-helhed"],
  viewer: ["laeser@helhed.example", "demo-laeser-helhed"],
};

export async function loggedIn(role) {
  const c = new Client();
  const r = await c.login(...demo[role]);
  if (r.status !== 200) throw new Error(`login as ${role}: ${r.status} ${r.text}`);
  return c;
}
