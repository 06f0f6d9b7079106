/*
 * Site search in the header (partials/cari.html), backed by Pagefind.
 *
 * Material's search plugin is off: its lunr index has no Indonesian stemmer.
 * generator/search.py indexes the built site with Pagefind, which stems
 * Indonesian on the index and the query ("layanan" finds "pelayanan"). This
 * script downloads nothing on page load: pagefind.js, its WebAssembly and the
 * index metadata are fetched when the search box is first focused, then only
 * the index chunks and result fragments that a query needs. A large catalog's
 * index comes in several bundles (pagefind/bagian.json), merged here.
 *
 * The dialog sits in the header, which Material's instant navigation keeps:
 * setup runs on every document$ emission and binds a dialog only once. The
 * site base is resolved once, when this script first runs, because Material's
 * relative base ("../..") is only right for the page that was loaded first.
 * Result data is only written with textContent; excerpts, in which Pagefind
 * wraps matched words in <mark>, are split on those tags.
 * Plain ES2017 plus import(), no dependencies, no build step.
 */
(function () {
  "use strict";

  if (window.kiCari) return; // already running: never bind twice
  window.kiCari = true;

  const PAGE_SIZE = 10; // results rendered at a time: each one costs a fragment download
  const DEBOUNCE = 200; // ms of quiet typing before searching
  const BUNDLE = "ki_bagian"; // filter naming the bundle of the index a result comes from
  const SHORTCUTS = ["/", "s", "f"]; // Material's keys for opening its search
  const TEXT = {
    prompt: "Ketik untuk mencari",
    searching: "Mencari…",
    unavailable: "Pencarian tidak tersedia. Coba muat ulang halaman.",
    none: (q) => `Tidak ada hasil untuk “${q}”`,
    count: (n, q) => `${n} hasil untuk “${q}”`,
    more: (n) => `Tampilkan ${n} hasil berikutnya`,
    unit: "Perangkat daerah: ",
    stage: "Tahapan: ",
  };

  const BASE = siteBase();
  let pagefind = null; // Promise of the Pagefind module, created on first use
  let current = null; // the bound dialog

  /** Absolute URL (ending in /) of the site root, also under a subpath. */
  function siteBase() {
    if (window.__md_scope instanceof URL) return new URL(window.__md_scope.href);
    const config = document.getElementById("__config");
    if (config) {
      try {
        return new URL(JSON.parse(config.textContent).base.replace(/\/?$/, "/"), location.href);
      } catch (err) {
        // fall through to the script's own URL
      }
    }
    return new URL("../", document.currentScript ? document.currentScript.src : location.href);
  }

  /** The index's other bundles (a large catalog is indexed in several, see generator/search.py), from
   * pagefind/bagian.json: folders named bagian-N/ inside pagefind/, nothing else. */
  async function otherBundles() {
    const answer = await fetch(new URL("pagefind/bagian.json", BASE).href);
    if (!answer.ok) return [];
    const listed = (await answer.json()).bagian;
    return Array.isArray(listed) ? listed.filter((name) => /^bagian-[0-9]{1,5}\/$/.test(name)) : [];
  }

  /** Pagefind with every bundle of the index merged in; `bundles` is how many there are. */
  function loadPagefind() {
    if (!pagefind) {
      const others = otherBundles();
      pagefind = import(new URL("pagefind/pagefind.js", BASE).href).then(async (pf) => {
        const names = await others;
        // Result URLs are stored from the site root; prefix the subpath, if any. Each bundle answers with
        // its number as a filter value (BUNDLE), which findIn() reads.
        const options = (n) => ({ baseUrl: BASE.pathname, excerptLength: 20,
          mergeFilter: names.length ? { [BUNDLE]: String(n) } : {} });
        await pf.options(options(1));
        for (const [i, name] of names.entries()) {
          await pf.mergeIndex(new URL("pagefind/" + name, BASE).href, options(i + 2));
        }
        await pf.init(); // starts fetching the WebAssembly and metadata while the user types
        return { pf, bundles: names.length + 1 };
      });
    }
    return pagefind;
  }

  /**
   * The answer the one index of a smaller catalog gives. Pagefind answers a word it does not hold with
   * similar words ("sampah" → "sampai"), and each bundle decides that on its own: a bundle without the
   * word would add such pages to the exact answers of another. So each word is first looked up exactly
   * (a quoted search: stemmed, no similar words), and a word that some bundle holds limits the answer to
   * the bundles that hold it, as the one index would.
   */
  async function findIn({ pf, bundles }, query) {
    if (bundles < 2) return pf.search(query);
    const words = query.split(/\s+/).map((w) => w.replace(/"/g, "")).filter(Boolean);
    const exact = await Promise.all(words.map((word) => pf.search(`"${word}"`)));
    let allowed = Array.from({ length: bundles }, (_, i) => String(i + 1));
    for (const answer of exact) {
      const counts = (answer && answer.filters && answer.filters[BUNDLE]) || {};
      const holding = Object.keys(counts).filter((n) => counts[n] > 0);
      if (holding.length) allowed = allowed.filter((n) => holding.includes(n));
    }
    if (allowed.length === bundles) return pf.search(query);
    if (!allowed.length) return { results: [] }; // no bundle, so no page, holds every word
    return pf.search(query, { filters: { [BUNDLE]: { any: allowed } } });
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** Text and <mark> nodes for a Pagefind excerpt. */
  function excerptNodes(excerpt) {
    // Pagefind's only markup is <mark>; it escapes "<" and ">" of the page text.
    const nodes = [];
    let marked = false;
    for (const part of String(excerpt || "").split(/(<\/?mark>)/)) {
      if (part === "<mark>") marked = true;
      else if (part === "</mark>") marked = false;
      else if (part) {
        const text = part.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
        nodes.push(marked ? el("mark", "", text) : document.createTextNode(text));
      }
    }
    return nodes;
  }

  function badge(label, value, kind) {
    const node = el("span", "ki-cari__badge ki-cari__badge--" + kind);
    node.append(el("span", "ki-cari__sr", label), value);
    return node;
  }

  /** One result: the linked title, unit and tahapan badges, the excerpt. */
  function renderResult(data) {
    const meta = data.meta || {};
    const item = el("li", "md-search-result__item ki-cari__hasil");
    const article = el("article", "md-search-result__article ki-cari__artikel");
    const icon = el("div", "md-search-result__icon md-icon");
    icon.setAttribute("aria-hidden", "true");
    const title = el("div", "ki-cari__judul");
    const link = el("a", "ki-cari__tautan", meta.title || data.url);
    link.href = data.url;
    title.append(link);
    article.append(icon, title);
    const badges = [];
    if (meta.perangkat_daerah) badges.push(badge(TEXT.unit, meta.perangkat_daerah, "unit"));
    if (meta.tahapan) badges.push(badge(TEXT.stage, meta.tahapan, "tahapan"));
    if (badges.length) {
      const line = el("p", "ki-cari__lencana");
      line.append(...badges);
      article.append(line);
    }
    const excerpt = el("p", "ki-cari__cuplikan");
    excerpt.append(...excerptNodes(data.excerpt));
    article.append(excerpt);
    item.append(article);
    return item;
  }

  function toggle() {
    return document.getElementById("__search");
  }

  /** Open or close the dialog through Material's toggle, as Material does. */
  function setOpen(open) {
    const box = toggle();
    if (box && box.checked !== open) box.click();
  }

  class Cari {
    constructor(root) {
      this.root = root;
      this.form = root.querySelector("[data-ki-cari-form]");
      this.input = root.querySelector("[data-ki-cari-input]");
      this.status = root.querySelector("[data-ki-cari-status]");
      this.list = root.querySelector("[data-ki-cari-daftar]");
      this.more = root.querySelector("[data-ki-cari-lagi]");
      this.timer = 0;
      this.seq = 0; // grows with every search; answers to older ones are dropped
      this.running = Promise.resolve();
      this.runningQuery = "";
      this.shown = { query: "", results: [], count: 0 };
    }

    start() {
      this.root.setAttribute("data-ki-cari-siap", "");
      this.input.addEventListener("focus", () => {
        setOpen(true);
        loadPagefind().catch(() => {}); // reported when a search needs it
      });
      this.input.addEventListener("input", () => this.schedule());
      this.form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        this.openFirst();
      });
      this.form.addEventListener("reset", (ev) => {
        ev.preventDefault();
        this.input.value = "";
        this.schedule();
        this.input.focus();
      });
      this.root.addEventListener("keydown", (ev) => this.onKey(ev));
      this.list.addEventListener("click", (ev) => {
        if (ev.target instanceof Element && ev.target.closest("a")) setOpen(false);
      });
      this.more.addEventListener("click", () => this.showMore());
    }

    schedule() {
      clearTimeout(this.timer);
      this.timer = 0;
      if (this.input.value.trim()) this.timer = setTimeout(() => this.run(), DEBOUNCE);
      else this.run(); // cleared: show the prompt at once
    }

    run() {
      clearTimeout(this.timer);
      this.timer = 0;
      const query = this.input.value.trim();
      const seq = ++this.seq;
      this.runningQuery = query;
      this.running = this.search(query, seq).catch((err) => {
        if (seq !== this.seq) return;
        this.show({ query, results: [], count: 0 }, []);
        this.setStatus(TEXT.unavailable);
        console.warn("Pencarian gagal:", err);
      });
      return this.running;
    }

    async search(query, seq) {
      if (!query) {
        this.show({ query, results: [], count: 0 }, []);
        this.setStatus(TEXT.prompt);
        return;
      }
      if (!this.list.firstChild) this.setStatus(TEXT.searching);
      const answer = await findIn(await loadPagefind(), query);
      if (seq !== this.seq) return;
      const results = (answer && answer.results) || [];
      const page = await Promise.all(results.slice(0, PAGE_SIZE).map((r) => r.data()));
      if (seq !== this.seq) return;
      this.show({ query, results, count: page.length }, page.map(renderResult));
      this.setStatus(results.length ? TEXT.count(results.length, query) : TEXT.none(query));
    }

    show(shown, items) {
      this.shown = shown;
      this.list.replaceChildren(...items);
      this.list.closest(".md-search__scrollwrap").scrollTop = 0;
      this.updateMore();
    }

    updateMore() {
      const left = this.shown.results.length - this.shown.count;
      this.more.hidden = left <= 0;
      this.more.textContent = left > 0 ? TEXT.more(Math.min(PAGE_SIZE, left)) : "";
    }

    async showMore() {
      const seq = this.seq;
      const { results, count } = this.shown;
      const page = await Promise.all(results.slice(count, count + PAGE_SIZE).map((r) => r.data()));
      if (seq !== this.seq || !page.length) return;
      const items = page.map(renderResult);
      this.list.append(...items);
      this.shown.count += page.length;
      this.updateMore();
      items[0].querySelector("a").focus(); // the button may have gone: keep the keyboard in the list
    }

    setStatus(text) {
      if (this.status.textContent !== text) this.status.textContent = text;
    }

    /** Enter: open the first result of what is typed now, searching first if needed. */
    async openFirst() {
      const query = this.input.value.trim();
      if (!query) return;
      if (this.timer || this.runningQuery !== query) this.run();
      await this.running;
      if (this.shown.query !== query) return;
      const first = this.list.querySelector("a");
      if (first) first.click();
    }

    close() {
      setOpen(false);
      if (this.root.contains(document.activeElement)) document.activeElement.blur();
    }

    onKey(ev) {
      if (ev.isComposing) return;
      if (ev.key === "Escape") {
        ev.preventDefault();
        this.close();
      } else if (ev.key === "Enter" && ev.target === this.input) {
        ev.preventDefault();
        this.openFirst();
      } else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        // Arrows move between the box, the result links and the "more" button.
        const stops = [this.input, ...this.list.querySelectorAll("a")];
        if (!this.more.hidden) stops.push(this.more);
        const at = stops.indexOf(document.activeElement);
        const next = at < 0 ? null : stops[ev.key === "ArrowDown" ? at + 1 : at - 1];
        if (next) {
          ev.preventDefault();
          next.focus();
        }
      }
    }
  }

  function setup() {
    const root = document.querySelector("[data-ki-cari]");
    if (!root || root.hasAttribute("data-ki-cari-siap")) return;
    current = new Cari(root);
    current.start();
  }

  // Opening the dialog (header button, overlay, Material) moves the keyboard to the box.
  document.addEventListener("change", (ev) => {
    if (!current || ev.target !== toggle()) return;
    if (ev.target.checked) current.input.focus({ preventScroll: true });
    else if (current.root.contains(document.activeElement)) document.activeElement.blur();
  });

  document.addEventListener("keydown", (ev) => {
    if (!current || ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey || ev.isComposing) return;
    if (!SHORTCUTS.includes(ev.key) || (toggle() && toggle().checked)) return;
    const target = ev.target;
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    ev.preventDefault();
    setOpen(true);
    current.input.focus();
  });

  if (window.document$) window.document$.subscribe(setup);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
