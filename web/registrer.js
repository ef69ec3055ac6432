// Helhed — the phone registration form (/registrer/{activity}). Progressive
// enhancement: without it the form is plain number inputs and a normal post.
// With it: − / + steppers, a live total, the entries kept in the phone's
// storage while typing, and sending with fetch so that a lost connection
// loses nothing. A retry sends the same client_token, which the server counts
// once.
"use strict";

(function () {
  const SENT_FAIL = "Ikke sendt – dine tal er gemt på telefonen. Prøv igen.";

  function storageKey(id) {
    return "helhed-registrer-" + id;
  }

  function load(key) {
    try {
      const v = window.localStorage.getItem(key);
      return v ? JSON.parse(v) : null;
    } catch (e) {
      return null;
    }
  }

  function store(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, JSON.stringify(value));
    } catch (e) {
      // Private mode or full storage: the form still works, only without the safety net.
    }
  }

  function activityId() {
    const m = window.location.pathname.match(/^\/registrer\/(\d+)/);
    return m ? m[1] : null;
  }

  function status(text, kind) {
    const box = document.getElementById("reg-status");
    if (!box) return;
    box.textContent = "";
    if (!text) return;
    const div = document.createElement("div");
    div.className = "notice notice-" + kind;
    div.setAttribute("role", kind === "error" ? "alert" : "status");
    const p = document.createElement("p");
    p.textContent = text;
    div.appendChild(p);
    box.appendChild(div);
  }

  // The fields worth keeping: everything but the CSRF token.
  function fields(form) {
    return Array.from(form.elements).filter((el) => el.name && el.name !== "_csrf" && el.type !== "submit");
  }

  function snapshot(form) {
    const values = {};
    for (const el of fields(form)) values[el.name] = el.value;
    return { saved: Date.now(), values };
  }

  function restore(form, data) {
    if (!data || !data.values) return false;
    let any = false;
    for (const el of fields(form)) {
      if (!(el.name in data.values)) continue;
      if (el.value !== data.values[el.name]) any = true;
      el.value = data.values[el.name];
    }
    return any;
  }

  function updateSum(form) {
    const out = document.getElementById("reg-sum");
    if (!out) return;
    let sum = 0;
    form.querySelectorAll("input[data-count]").forEach((el) => {
      const v = parseInt(el.value, 10);
      if (Number.isFinite(v) && v > 0) sum += v;
    });
    out.textContent = String(sum);
  }

  function labelOf(input) {
    const l = input.id ? document.querySelector(`label[for="${input.id}"]`) : null;
    return l ? l.textContent.trim() : "";
  }

  function addSteppers(form) {
    form.querySelectorAll("[data-stepper]").forEach((wrap) => {
      if (wrap.querySelector("button")) return;
      const input = wrap.querySelector("input");
      const name = labelOf(input);
      const make = (cls, text, aria, delta) => {
        const b = document.createElement("button");
        b.type = "button";
        b.className = cls;
        b.textContent = text;
        b.setAttribute("aria-label", aria + ": " + name);
        b.addEventListener("click", () => {
          const v = parseInt(input.value, 10);
          const next = Math.max(0, (Number.isFinite(v) ? v : 0) + delta);
          input.value = String(next);
          input.dispatchEvent(new Event("input", { bubbles: true }));
        });
        return b;
      };
      wrap.insertBefore(make("minus", "−", "Én færre", -1), input);
      wrap.appendChild(make("plus", "+", "Én mere", 1));
    });
  }

  function setup() {
    const id = activityId();
    if (!id) return;
    const key = storageKey(id);
    // The confirmation page: the session is saved, nothing to keep.
    if (document.querySelector(".reg-done")) {
      store(key, null);
      return;
    }
    const form = document.querySelector("form.reg-form");
    if (!form) return;
    addSteppers(form);
    const refused = document.querySelector(".reg .notice-error");
    if (!refused && restore(form, load(key)))
      status("Tallene fra sidst, der ikke blev sendt, er hentet frem. Send dem, når du er klar.", "warn");
    updateSum(form);
    form.addEventListener("input", () => {
      updateSum(form);
      store(key, snapshot(form));
    });
    form.addEventListener("submit", (ev) => send(ev, form, key));
  }

  async function send(ev, form, key) {
    ev.preventDefault();
    store(key, snapshot(form));
    const button = form.querySelector("button[type=submit]");
    const label = button.textContent;
    button.disabled = true;
    button.textContent = "Sender …";
    const body = new URLSearchParams(new FormData(form));
    let resp;
    try {
      resp = await fetch(form.action, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
    } catch (e) {
      button.disabled = false;
      button.textContent = "Prøv igen";
      status(SENT_FAIL, "error");
      return;
    }
    if (resp.ok && resp.redirected && /[?&]gemt=\d+/.test(resp.url)) {
      store(key, null);
      window.location.assign(resp.url);
      return;
    }
    if (resp.status === 422) {
      // Refused: the server's form with the error at the field replaces this one.
      const html = await resp.text();
      const doc = new DOMParser().parseFromString(html, "text/html");
      const fresh = doc.querySelector(".reg");
      const here = document.querySelector(".reg");
      if (fresh && here) {
        here.replaceWith(document.adoptNode(fresh));
        setup();
        const err = document.querySelector(".reg .notice-error");
        if (err) {
          err.setAttribute("tabindex", "-1");
          err.focus();
        }
        return;
      }
    }
    button.disabled = false;
    button.textContent = label;
    if (resp.status === 401 || resp.status === 403)
      status("Ikke sendt – du skal logge ind igen. Dine tal er gemt på telefonen.", "error");
    else status(`Ikke sendt (fejl ${resp.status}) – dine tal er gemt på telefonen. Prøv igen.`, "error");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
