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

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[data-filter]").forEach(setupFilter);
});
