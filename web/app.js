// Helhed — progressive enhancement only; every page works without it.
"use strict";

// Live filter for lists: <input data-filter="ID"> filters the <li data-name
// data-code> items inside #ID and hides groups left empty.
function fold(s) {
  return s.toLocaleLowerCase("da-DK");
}

function setupFilter(input) {
  const root = document.getElementById(input.dataset.filter);
  if (!root) return;
  const count = document.getElementById(input.getAttribute("aria-describedby"));
  const items = Array.from(root.querySelectorAll("li[data-name]"));
  const groups = Array.from(root.querySelectorAll("section"));
  const apply = () => {
    const q = fold(input.value.trim());
    let shown = 0;
    for (const li of items) {
      const hit = !q || fold(li.dataset.name).includes(q) || li.dataset.code.includes(q);
      li.hidden = !hit;
      if (hit) shown++;
    }
    for (const g of groups) g.hidden = !g.querySelector("li[data-name]:not([hidden])");
    if (count) {
      count.textContent = shown === 0 ? `Ingen kommuner matcher »${input.value.trim()}«`
        : shown + (shown === 1 ? " kommune vist" : " kommuner vist");
    }
  };
  input.addEventListener("input", apply);
}

// The plan form: only the chosen funding round's focus areas are shown
// (without the script every round's list is there, each labelled).
function setupRounds(select) {
  const apply = () => {
    document.querySelectorAll(".focus-round").forEach((el) => {
      el.hidden = el.dataset.round !== select.value;
    });
  };
  select.addEventListener("change", apply);
  apply();
}

// The plan map's filters: the focus areas offered follow the chosen round.
function setupFocusFilter(select) {
  const focus = document.getElementById(select.dataset.focusFor);
  if (!focus) return;
  const apply = () => {
    focus.querySelectorAll("optgroup").forEach((g) => {
      const off = select.value !== "" && g.dataset.round !== select.value;
      g.hidden = off;
      g.disabled = off;
    });
    const chosen = focus.selectedOptions[0];
    if (chosen && chosen.parentElement.disabled) focus.value = "";
  };
  select.addEventListener("change", apply);
  apply();
}

// The budget table: totals per year and source and the LBF share follow
// what is typed. Amounts in kroner, Danish style ("1.250.000,50").
function kroner(s) {
  s = s.trim().replace(/\s/g, "");
  if (!s) return 0;
  if (s.includes(",")) s = s.replace(/\./g, "").replace(",", ".");
  else if (/^\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, "");
  const v = Number(s);
  return Number.isFinite(v) && v >= 0 ? Math.round(v * 100) : NaN;
}

function formatKr(ore) {
  return (ore / 100).toLocaleString("da-DK", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function setupBudget(table) {
  const inputs = Array.from(table.querySelectorAll("input[data-src]"));
  const share = document.querySelector("[data-lbf-share]");
  const cofin = document.querySelector("[data-cofin]");
  const apply = () => {
    const rows = {}, cols = {}, totals = { b: 0, s: 0 };
    for (const input of inputs) {
      const [kind, year, src] = input.name.split("-");
      const v = kroner(input.value);
      if (Number.isNaN(v)) continue;
      rows[kind + "-" + year] = (rows[kind + "-" + year] || 0) + v;
      cols[kind + "-" + src] = (cols[kind + "-" + src] || 0) + v;
      totals[kind] += v;
    }
    table.querySelectorAll("[data-total]").forEach((td) => { td.textContent = formatKr(rows[td.dataset.total] || 0); });
    table.querySelectorAll("[data-sum]").forEach((td) => {
      const k = td.dataset.sum;
      td.textContent = formatKr(k.includes("-") ? cols[k] || 0 : totals[k]);
    });
    const pct = (part) => totals.b > 0
      ? (100 * part / totals.b).toLocaleString("da-DK", { maximumFractionDigits: 2 }) + " %" : "–";
    table.querySelectorAll("[data-share]").forEach((td) => {
      const part = cols["b-" + td.dataset.share] || 0;
      td.textContent = pct(part);
      if (td.dataset.share === "lbf" && table.dataset.budget === "social") td.classList.toggle("over", totals.b > 0 && 4 * part > 3 * totals.b);
    });
    if (share) share.textContent = pct(cols["b-lbf"] || 0);
    // Local co-financing: municipality, organisation and region (not foundations or others).
    if (cofin) cofin.textContent = pct(["municipality", "organisation", "region"].reduce((t, s) => t + (cols["b-" + s] || 0), 0));
  };
  table.addEventListener("input", apply);
}

// Delete buttons: without the script the server asks on a page of its own
// ("Slet …?"); with it a native confirm asks, and the form goes with
// confirm=1 so the server deletes at once.
function setupConfirm(form) {
  form.addEventListener("submit", (ev) => {
    if (!window.confirm(form.dataset.confirm)) {
      ev.preventDefault();
      return;
    }
    if (!form.querySelector("input[name=confirm]")) {
      const c = document.createElement("input");
      c.type = "hidden";
      c.name = "confirm";
      c.value = "1";
      form.append(c);
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form[data-confirm]").forEach(setupConfirm);
  document.querySelectorAll("input[data-filter]").forEach(setupFilter);
  document.querySelectorAll("select[data-rounds]").forEach(setupRounds);
  document.querySelectorAll("select[data-focus-for]").forEach(setupFocusFilter);
  document.querySelectorAll("table[data-budget]").forEach(setupBudget);
});
