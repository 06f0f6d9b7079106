/*
 * /katalog/: filter, count and sort the table of every innovation.
 *
 * The page is complete without this script: katalog.md.j2 renders the whole
 * table, each row carrying its facet ids (data-unit, data-bentuk, ...) and a
 * lower-case search text (data-cari), plus the filter controls, hidden until
 * this script shows them. The state lives in the URL query
 * (?tahapan=penerapan&jenis=digital&q=antre&urut=tahun-desc) so a filtered
 * view can be shared and the back button undoes a filter.
 *
 * Material's instant navigation swaps the page content without reloading
 * scripts: setup runs on every document$ emission and binds only to a table
 * it has not seen yet. Data values are only ever written with textContent.
 * Plain ES2017, no dependencies, no build step.
 */
(function () {
  "use strict";

  const PARAM_Q = "q";
  const PARAM_SORT = "urut";
  const DEFAULT_SORT = { key: "nama", dir: "asc" };
  const WIDE = "(min-width: 60em)";
  const URL_DELAY = 300; // ms of quiet typing before the URL follows the search box

  /** Lower case without diacritics: "Pérízinan" and "perizinan" match. */
  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function words(text) {
    return fold(text).split(/\s+/).filter(Boolean);
  }

  class Katalog {
    constructor(root) {
      this.root = root;
      this.path = location.pathname;
      this.details = root.querySelector(".ki-saring");
      this.form = root.querySelector(".ki-saring__form");
      this.search = root.querySelector('input[name="' + PARAM_Q + '"]');
      this.active = root.querySelector(".ki-saring__aktif");
      this.status = root.querySelector(".ki-hasil");
      this.empty = root.querySelector(".ki-kosong");
      this.wrapper = root.querySelector(".ki-tabel-wadah");
      this.tbody = root.querySelector(".ki-tabel tbody");
      this.rows = Array.from(this.tbody.rows, (tr, index) => ({ tr, index, text: fold(tr.getAttribute("data-cari") || "") }));
      this.facets = Array.from(root.querySelectorAll("[data-ki-facet]"), (fieldset) => {
        const boxes = Array.from(fieldset.querySelectorAll('input[type="checkbox"]'));
        return {
          key: fieldset.getAttribute("data-ki-facet"),
          param: boxes.length ? boxes[0].name : fieldset.getAttribute("data-ki-facet"),
          boxes,
          values: new Set(boxes.map((box) => box.value)),
          selected: new Set(),
        };
      });
      this.columns = Array.from(root.querySelectorAll(".ki-tabel thead th"));
      this.sortable = new Map();
      this.columns.forEach((th, index) => {
        const key = th.getAttribute("data-ki-urut");
        if (key) this.sortable.set(key, { th, index, numeric: th.hasAttribute("data-ki-angka") });
      });
      this.query = "";
      this.sort = Object.assign({}, DEFAULT_SORT);
      this.urlTimer = 0;
    }

    /** Show the controls, make headers sortable, apply the URL's state, listen. */
    start() {
      this.sortable.forEach((col, key) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "ki-urut";
        const label = document.createElement("span");
        label.textContent = col.th.textContent.trim();
        const icon = document.createElement("span");
        icon.className = "ki-urut__ikon";
        icon.setAttribute("aria-hidden", "true");
        button.append(label, icon);
        col.th.textContent = "";
        col.th.append(button);
        button.addEventListener("click", () => this.toggleSort(key));
      });
      this.form.addEventListener("submit", (event) => event.preventDefault());
      this.form.addEventListener("change", (event) => {
        if (event.target.type === "checkbox") this.onFacetChange();
      });
      this.search.addEventListener("input", () => this.onType());
      this.root.querySelectorAll("[data-ki-hapus]").forEach((button) => {
        button.addEventListener("click", () => this.reset(this.empty.contains(button)));
      });
      // On a phone the panel covers the table: close it and land on the result count.
      const close = this.root.querySelector("[data-ki-tutup]");
      if (close) {
        close.addEventListener("click", () => {
          this.details.open = false;
          this.status.setAttribute("tabindex", "-1");
          this.status.focus();
          this.status.scrollIntoView({ block: "start" });
        });
      }
      this.foldFacets();
      this.chips = document.createElement("div");
      this.chips.className = "ki-chip-baris";
      this.chips.hidden = true;
      this.chips.setAttribute("aria-label", "Saringan aktif");
      this.chips.setAttribute("role", "group");
      this.status.before(this.chips);
      this.details.hidden = false;
      this.status.hidden = false;
      if (window.matchMedia && window.matchMedia(WIDE).matches) this.details.open = true;
      this.restore(true);
    }

    /**
     * Each facet's legend becomes a button that folds its options. Long lists
     * (units, urusan) start folded unless one of their values is chosen, so the
     * panel stays short and "Hapus filter" is in view.
     */
    foldFacets() {
      const params = new URLSearchParams(location.search);
      this.facets.forEach((facet, n) => {
        const fieldset = this.root.querySelectorAll("[data-ki-facet]")[n];
        const legend = fieldset.querySelector("legend");
        const body = document.createElement("div");
        body.className = "ki-facet__isi";
        body.id = "ki-facet-" + facet.key;
        while (legend.nextSibling) body.append(legend.nextSibling);
        fieldset.append(body);
        const button = document.createElement("button");
        button.type = "button";
        button.className = "ki-facet__buka";
        button.setAttribute("aria-controls", body.id);
        button.textContent = legend.textContent.trim();
        legend.textContent = "";
        legend.append(button);
        const open = !fieldset.classList.contains("ki-facet--panjang") || params.has(facet.param);
        const set = (value) => {
          button.setAttribute("aria-expanded", String(value));
          body.hidden = !value;
        };
        set(open);
        button.addEventListener("click", () => set(body.hidden));
        facet.label = button.textContent;
      });
    }

    /** Active filters as chips above the table: one tap removes one, "Hapus semua" removes all. */
    renderChips() {
      const chips = [];
      const chip = (text, remove) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "ki-chip";
        button.setAttribute("aria-label", "Hapus saringan " + text);
        const label = document.createElement("span");
        label.textContent = text;
        const x = document.createElement("span");
        x.className = "ki-chip__x";
        x.setAttribute("aria-hidden", "true");
        x.textContent = "×";
        button.append(label, x);
        button.addEventListener("click", () => {
          remove();
          this.render();
          this.writeUrl(true);
          const next = this.chips.querySelector(".ki-chip");
          (next || this.status).focus();
        });
        chips.push(button);
      };
      for (const facet of this.facets) {
        for (const box of facet.boxes) {
          if (!facet.selected.has(box.value)) continue;
          const text = box.parentElement.querySelector(".ki-opsi__teks");
          chip(facet.label + ": " + (text ? text.textContent : box.value), () => {
            facet.selected.delete(box.value);
            box.checked = false;
          });
        }
      }
      if (this.query.trim()) {
        chip("Kata: " + this.query.trim(), () => {
          this.query = "";
          this.search.value = "";
        });
      }
      if (chips.length) {
        const all = document.createElement("button");
        all.type = "button";
        all.className = "ki-chip ki-chip--semua";
        all.textContent = "Hapus semua";
        all.addEventListener("click", () => {
          this.reset(false);
          this.status.setAttribute("tabindex", "-1");
          this.status.focus();
        });
        chips.push(all);
      }
      this.chips.replaceChildren(...chips);
      this.chips.hidden = chips.length === 0;
    }

    /** Read the state from the URL (first load, back/forward) and show it. */
    restore(canonicalise) {
      clearTimeout(this.urlTimer);
      const params = new URLSearchParams(location.search);
      for (const facet of this.facets) {
        // Repeated parameters (?tahapan=a&tahapan=b) or a comma list (?tahapan=a,b).
        const wanted = [].concat(...params.getAll(facet.param).map((v) => v.split(",")));
        facet.selected = new Set(wanted.filter((v) => facet.values.has(v)));
        for (const box of facet.boxes) box.checked = facet.selected.has(box.value);
      }
      this.query = params.get(PARAM_Q) || "";
      this.search.value = this.query;
      const match = /^([a-z_]+)-(asc|desc)$/.exec(params.get(PARAM_SORT) || "");
      this.sort = match && this.sortable.has(match[1]) ? { key: match[1], dir: match[2] } : Object.assign({}, DEFAULT_SORT);
      this.render();
      this.applySort();
      // Drop unknown values from a hand-edited or outdated link.
      if (canonicalise) this.writeUrl(false);
    }

    onFacetChange() {
      for (const facet of this.facets) {
        facet.selected = new Set(facet.boxes.filter((box) => box.checked).map((box) => box.value));
      }
      this.render();
      this.writeUrl(true);
    }

    onType() {
      this.query = this.search.value;
      this.render();
      clearTimeout(this.urlTimer);
      this.urlTimer = setTimeout(() => this.writeUrl(false), URL_DELAY);
    }

    reset(fromEmptyMessage) {
      for (const facet of this.facets) {
        facet.selected.clear();
        for (const box of facet.boxes) box.checked = false;
      }
      this.query = "";
      this.search.value = "";
      this.render();
      this.writeUrl(true);
      // The button the user pressed is about to disappear: keep focus on the page.
      if (fromEmptyMessage) this.wrapper.focus();
    }

    toggleSort(key) {
      const dir = this.sort.key === key && this.sort.dir === "asc" ? "desc" : "asc";
      this.sort = { key, dir };
      this.applySort();
      this.writeUrl(false);
    }

    /** Does ``row`` pass every filter, ignoring the facet ``except`` (for that facet's counts)? */
    matches(row, terms, except) {
      for (const facet of this.facets) {
        if (facet === except || facet.selected.size === 0) continue;
        if (!facet.selected.has(row.tr.getAttribute("data-" + facet.key) || "")) return false;
      }
      return terms.every((term) => row.text.includes(term));
    }

    render() {
      const terms = words(this.query);
      let shown = 0;
      for (const row of this.rows) {
        const visible = this.matches(row, terms, null);
        row.tr.hidden = !visible;
        if (visible) shown += 1;
      }
      // Each value's count as if its own facet were cleared: what ticking it would add.
      for (const facet of this.facets) {
        const counts = new Map();
        for (const row of this.rows) {
          if (!this.matches(row, terms, facet)) continue;
          const value = row.tr.getAttribute("data-" + facet.key) || "";
          counts.set(value, (counts.get(value) || 0) + 1);
        }
        for (const box of facet.boxes) {
          const n = counts.get(box.value) || 0;
          const count = box.parentElement.querySelector(".ki-opsi__n");
          if (count) count.textContent = String(n);
          box.disabled = n === 0 && !box.checked;
          box.parentElement.classList.toggle("ki-opsi--kosong", n === 0);
        }
      }
      const total = this.rows.length;
      this.status.textContent = shown + " dari " + total + " inovasi";
      this.empty.hidden = shown !== 0;
      this.wrapper.hidden = shown === 0;
      const active = this.facets.reduce((sum, f) => sum + f.selected.size, 0) + (terms.length ? 1 : 0);
      this.active.textContent = active ? "(" + active + " aktif)" : "";
      if (this.chips) this.renderChips();
    }

    applySort() {
      const { key, dir } = this.sort;
      const col = this.sortable.get(key);
      const sign = dir === "desc" ? -1 : 1;
      const value = (row) => {
        const cell = row.tr.cells[col.index];
        const raw = cell ? cell.getAttribute("data-ki-nilai") || cell.textContent : "";
        return col.numeric ? Number(raw) || 0 : raw;
      };
      const ordered = this.rows.slice().sort((a, b) => {
        const va = value(a);
        const vb = value(b);
        const cmp = col.numeric ? va - vb : va.localeCompare(vb, "id", { sensitivity: "base", numeric: true });
        return sign * cmp || a.index - b.index;
      });
      for (const row of ordered) this.tbody.append(row.tr);
      this.sortable.forEach((other) => other.th.removeAttribute("aria-sort"));
      col.th.setAttribute("aria-sort", dir === "asc" ? "ascending" : "descending");
    }

    /** Keep the URL in step: push for a discrete change, replace while typing or sorting. */
    writeUrl(push) {
      clearTimeout(this.urlTimer);
      const url = new URL(location.href);
      const params = url.searchParams;
      for (const facet of this.facets) {
        params.delete(facet.param);
        for (const box of facet.boxes) if (facet.selected.has(box.value)) params.append(facet.param, box.value);
      }
      params.delete(PARAM_Q);
      if (this.query.trim()) params.set(PARAM_Q, this.query);
      params.delete(PARAM_SORT);
      if (this.sort.key !== DEFAULT_SORT.key || this.sort.dir !== DEFAULT_SORT.dir) {
        params.set(PARAM_SORT, this.sort.key + "-" + this.sort.dir);
      }
      if (url.href === location.href) return;
      if (push) {
        // A null state, as Material's own navigation pushes; same pathname, so it fetches nothing on back.
        history.pushState(null, "", url.href);
      } else {
        history.replaceState(history.state, "", url.href);
      }
    }
  }

  let current = null;

  function setup() {
    const root = document.querySelector("[data-ki-katalog]");
    if (!root || root.hasAttribute("data-ki-siap")) return;
    root.setAttribute("data-ki-siap", "");
    current = new Katalog(root);
    current.start();
  }

  window.addEventListener("popstate", () => {
    if (current && current.root.isConnected && location.pathname === current.path) current.restore(false);
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
