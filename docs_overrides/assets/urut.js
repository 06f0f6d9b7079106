/*
 * Sortable tables outside /katalog/ (table[data-ki-urutkan], e.g. /perangkat-daerah/):
 * each th[data-ki-urut] gets a button; a cell sorts by its data-ki-nilai or its
 * text, numerically when the header has data-ki-angka. The page is complete
 * without this script. Runs on every document$ emission (instant navigation).
 */
(function () {
  "use strict";

  function value(row, index, numeric) {
    const cell = row.cells[index];
    const raw = cell ? cell.getAttribute("data-ki-nilai") || cell.textContent.trim() : "";
    return numeric ? Number(raw) || 0 : raw;
  }

  function bind(table) {
    if (table.hasAttribute("data-ki-urut-siap")) return;
    table.setAttribute("data-ki-urut-siap", "");
    const tbody = table.tBodies[0];
    const original = Array.from(tbody.rows);
    const headers = Array.from(table.querySelectorAll("thead th"));
    headers.forEach((th, index) => {
      if (!th.hasAttribute("data-ki-urut")) return;
      const numeric = th.hasAttribute("data-ki-angka");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "ki-urut";
      const label = document.createElement("span");
      label.textContent = th.textContent.trim();
      const icon = document.createElement("span");
      icon.className = "ki-urut__ikon";
      icon.setAttribute("aria-hidden", "true");
      button.append(label, icon);
      th.textContent = "";
      th.append(button);
      button.addEventListener("click", () => {
        const dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        const sign = dir === "ascending" ? 1 : -1;
        const rows = original.slice().sort((a, b) => {
          const va = value(a, index, numeric);
          const vb = value(b, index, numeric);
          const cmp = numeric ? va - vb : va.localeCompare(vb, "id", { sensitivity: "base", numeric: true });
          return sign * cmp || original.indexOf(a) - original.indexOf(b);
        });
        for (const row of rows) tbody.append(row);
        headers.forEach((other) => other.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", dir);
      });
    });
  }

  function setup() {
    document.querySelectorAll("table[data-ki-urutkan]").forEach(bind);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setup);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
