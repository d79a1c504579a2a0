/* Dasbor Kinerja ASN: figures, sortable/paginated tables and CSV/XLSX downloads.
   Offline (file:// or a local http server); export text is only ever inserted with textContent.
   Conventions: see reports/site.py. Exposes window.Kinerja for page scripts (unit.js).
   Years: the newest year's content is live in [data-tahun-wadah]; every other year waits in a
   <template data-tahun-isi>. Choosing a year swaps its content in (kept when swapped out), so
   only one year's elements are ever in the document; page scripts hear of it via K.onChange. */
(function () {
  "use strict";
  var K = (window.Kinerja = {});
  var PLOT_CONFIG = { displaylogo: false, displayModeBar: false, responsive: true };

  K.fmtInt = function (n) {
    var s = String(Math.abs(Math.round(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return (n < 0 ? "−" : "") + s;
  };
  K.fmtPct = function (x) { return x.toFixed(1).replace(".", ",") + "%"; };
  /* Plotly renders a subset of HTML in labels: escape export text before it reaches a figure. */
  K.esc = function (s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  };
  K.el = function (tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  };

  K.plot = function (target, fig) {
    if (!target) { return; }
    if (typeof Plotly === "undefined") {
      target.textContent = "Grafik tidak dapat dimuat (plotly.min.js tidak ditemukan).";
      return;
    }
    try {
      Plotly.react(target, fig.data, fig.layout, PLOT_CONFIG);
    } catch (err) {
      target.textContent = "Grafik tidak dapat digambar.";
    }
  };

  /* ---- Tables ------------------------------------------------------------------------- */
  K.tables = {};

  /* A number as the site shows it (dot thousands, comma decimals): 7, 1.234, 4,375, 12.345,5. */
  var SHOWN_NUMBER = /^\d{1,3}(\.\d{3})*(,\d+)?$/;
  function cellValue(td) {
    var v = td.getAttribute("data-v");
    if (v !== null && v !== "" && !isNaN(Number(v))) { return Number(v); }
    var x = td.getAttribute("data-x");
    if (x !== null) { return x; }
    var text = td.textContent.replace(/\s+/g, " ").trim();
    if (td.classList.contains("num") && SHOWN_NUMBER.test(text)) {
      return Number(text.replace(/\./g, "").replace(",", "."));
    }
    return text;
  }

  function compare(a, b) {
    var na = typeof a === "number", nb = typeof b === "number";
    if (na && nb) { return a - b; }
    if (na !== nb) { return na ? -1 : 1; }
    return String(a).localeCompare(String(b), "id", { numeric: true, sensitivity: "base" });
  }

  function Table(table, scope) {
    this.table = table;
    this.name = table.getAttribute("data-table");
    this.body = table.tBodies[0];
    this.pageSize = parseInt(table.getAttribute("data-page-size") || "0", 10) || 0;
    this.pager = (scope || document).querySelector('[data-pager="' + this.name + '"]');
    this.sortCol = -1;
    this.sortDir = 1;
    this.page = 0;
    this.heads = Array.prototype.slice.call(table.tHead ? table.tHead.rows[0].cells : []);
    var self = this;
    this.heads.forEach(function (th, i) {
      if (!th.hasAttribute("data-sort")) { return; }
      th.setAttribute("role", "button");
      th.setAttribute("tabindex", "0");
      th.setAttribute("aria-sort", "none");
      th.title = th.title || "Klik untuk mengurutkan";
      function go() { self.sortBy(i); }
      th.addEventListener("click", go);
      th.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); go(); }
      });
    });
    if (this.pager) {
      var prev = this.pager.querySelector("[data-pager-prev]");
      var next = this.pager.querySelector("[data-pager-next]");
      if (prev) { prev.addEventListener("click", function () { self.go(self.page - 1); }); }
      if (next) { next.addEventListener("click", function () { self.go(self.page + 1); }); }
    }
    this.setRows(Array.prototype.slice.call(this.body.rows));
  }

  /* Replace the rows (tr elements, data order); keeps the current sort, back to page 1. */
  Table.prototype.setRows = function (rows) {
    this.original = rows;
    this.rows = rows.slice();
    this.page = 0;
    if (this.sortCol >= 0) { this.applySort(); }
    this.render();
  };

  Table.prototype.sortBy = function (i) {
    this.sortDir = this.sortCol === i ? -this.sortDir : 1;
    this.sortCol = i;
    this.page = 0;
    this.applySort();
    this.render();
  };

  Table.prototype.applySort = function () {
    var i = this.sortCol, dir = this.sortDir;
    var keyed = this.original.map(function (tr, n) {
      var v = tr.cells[i] ? cellValue(tr.cells[i]) : "";
      return { tr: tr, v: v, n: n, blank: v === "" || v === "–" || v === "x" || /^<\d+$/.test(v) };
    });
    keyed.sort(function (a, b) {
      if (a.blank !== b.blank) { return a.blank ? 1 : -1; } /* hidden/empty always last */
      return dir * compare(a.v, b.v) || a.n - b.n;
    });
    this.rows = keyed.map(function (k) { return k.tr; });
    this.heads.forEach(function (th, n) {
      if (th.hasAttribute("data-sort")) {
        th.setAttribute("aria-sort", n === i ? (dir > 0 ? "ascending" : "descending") : "none");
      }
    });
  };

  Table.prototype.pages = function () {
    return this.pageSize ? Math.max(1, Math.ceil(this.rows.length / this.pageSize)) : 1;
  };

  Table.prototype.go = function (page) {
    this.page = Math.min(Math.max(page, 0), this.pages() - 1);
    this.render();
  };

  Table.prototype.render = function () {
    var rows = this.rows;
    if (this.pageSize) { rows = rows.slice(this.page * this.pageSize, (this.page + 1) * this.pageSize); }
    var frag = document.createDocumentFragment();
    for (var i = 0; i < rows.length; i++) { frag.appendChild(rows[i]); }
    while (this.body.firstChild) { this.body.removeChild(this.body.firstChild); }
    this.body.appendChild(frag);
    if (!this.rows.length) {
      var tr = K.el("tr"), td = K.el("td", "Tidak ada baris untuk pilihan ini.", "muted");
      td.colSpan = this.heads.length || 1;
      tr.appendChild(td);
      this.body.appendChild(tr);
    }
    if (this.pager) {
      var info = this.pager.querySelector("[data-pager-info]");
      if (info) {
        info.textContent = "Halaman " + (this.page + 1) + " dari " + this.pages() +
          " · " + K.fmtInt(this.rows.length) + " baris";
      }
      var prev = this.pager.querySelector("[data-pager-prev]");
      var next = this.pager.querySelector("[data-pager-next]");
      if (prev) { prev.disabled = this.page <= 0; }
      if (next) { next.disabled = this.page >= this.pages() - 1; }
    }
  };

  /* Header + every filtered row in the shown order (all pages). */
  Table.prototype.exportRows = function () {
    var out = [this.heads.map(function (th) { return th.getAttribute("title") && th.classList.contains("pk") ? th.getAttribute("title") : th.textContent.trim(); })];
    for (var i = 0; i < this.rows.length; i++) {
      out.push(Array.prototype.map.call(this.rows[i].cells, cellValue));
    }
    return out;
  };

  /* Tables of one year's content (or the document); K.tables are those of the shown year. */
  K.initTables = function (root) {
    var scope = root || document;
    var tables = {};
    var nodes = scope.querySelectorAll("table[data-table]");
    for (var i = 0; i < nodes.length; i++) {
      tables[nodes[i].getAttribute("data-table")] = new Table(nodes[i], scope);
    }
    return tables;
  };

  /* ---- Downloads ---------------------------------------------------------------------- */
  function csvCell(v) {
    if (typeof v === "number") { return String(v); }
    var s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) { s = "'" + s; } /* no spreadsheet formulas from export text */
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  K.toCsv = function (rows) {
    return "\ufeff" + rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  };

  function save(blob, filename) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest ? ev.target.closest("[data-download]") : null;
    if (!btn) { return; }
    var t = K.tables[btn.getAttribute("data-for")];
    if (!t) { return; }
    var rows = t.exportRows();
    var base = t.table.getAttribute("data-file") || t.name;
    if (btn.getAttribute("data-download") === "xlsx") {
      save(new Blob([window.KinerjaXlsx.build(rows, base)], { type: window.KinerjaXlsx.mime }), base + ".xlsx");
    } else {
      save(new Blob([K.toCsv(rows)], { type: "text/csv;charset=utf-8" }), base + ".csv");
    }
  });

  /* ---- Location hash state (#a=1&b=2) ------------------------------------------------- */
  K.readHash = function () {
    var out = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      if (!kv) { return; }
      var i = kv.indexOf("=");
      try {
        out[decodeURIComponent(i < 0 ? kv : kv.slice(0, i))] = i < 0 ? "" : decodeURIComponent(kv.slice(i + 1));
      } catch (err) { /* ignore malformed parts */ }
    });
    return out;
  };
  K.hashOf = function (state) {
    return "#" + Object.keys(state).filter(function (k) { return state[k] !== "" && state[k] !== null; })
      .map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(state[k]); }).join("&");
  };

  /* Hash of a page state, with the year unless it is the newest one (the default). */
  K.stateHash = function (state) {
    var out = {};
    if (K.tahun !== K.tahunAwal) { out.tahun = K.tahun; }
    Object.keys(state).forEach(function (k) { if (k !== "tahun") { out[k] = state[k]; } });
    return K.hashOf(out);
  };
  K.setHash = function (hash) {
    if (location.hash === hash || (hash === "#" && !location.hash)) { return; }
    try { history.replaceState(null, "", hash); } catch (err) { location.replace(hash); }
  };

  /* ---- Years -------------------------------------------------------------------------- */
  var wadah = document.querySelector("[data-tahun-wadah]");
  var pick = document.querySelector('select[data-filter="tahun"]');
  var live = wadah ? wadah.querySelector("[data-tahun-isi]") : null;
  var contents = {}, templates = {}, listeners = [];
  K.tahunAwal = document.body.getAttribute("data-tahun-awal") || "";
  K.tahun = live ? live.getAttribute("data-tahun-isi") : K.tahunAwal;
  K.root = live || document;
  if (live) { contents[K.tahun] = live; }
  Array.prototype.forEach.call(document.querySelectorAll("template[data-tahun-isi]"), function (t) {
    templates[t.getAttribute("data-tahun-isi")] = t;
  });

  function content(y) {
    if (!contents[y] && templates[y]) {
      contents[y] = document.importNode(templates[y].content, true).querySelector("[data-tahun-isi]");
    }
    return contents[y] || null;
  }
  function hashYear() {
    var y = K.readHash().tahun;
    return y && (contents[y] || templates[y]) ? y : K.tahunAwal;
  }

  function drawFigures(root) {
    var figs = root.querySelectorAll('script[type="application/json"][data-figure-json]');
    for (var i = 0; i < figs.length; i++) {
      var target = root.querySelector('[data-figure="' + figs[i].getAttribute("data-figure-json") + '"]');
      try { K.plot(target, JSON.parse(figs[i].textContent)); } catch (err) { if (target) { target.textContent = "Grafik tidak dapat digambar."; } }
    }
  }

  /* Links to our pages (and in-page anchors) carry the chosen year when it is not the newest. */
  var LOCAL_LINK = /^(?:[\w.-]+\.html)?(?:#.*)?$/;
  function linkFor(href) {
    if (K.tahun === K.tahunAwal) { return href; }
    var i = href.indexOf("#");
    var path = i < 0 ? href : href.slice(0, i), frag = i < 0 ? "" : href.slice(i + 1);
    if (frag && frag.indexOf("=") < 0) { return path + "#" + frag + "&tahun=" + encodeURIComponent(K.tahun); }
    var state = {};
    frag.split("&").forEach(function (kv) {
      var j = kv.indexOf("=");
      if (j > 0) { state[decodeURIComponent(kv.slice(0, j))] = decodeURIComponent(kv.slice(j + 1)); }
    });
    return path + K.stateHash(state);
  }
  function rewriteLinks() {
    var links = document.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var a = links[i], orig = a.getAttribute("data-href-asal");
      if (orig === null) {
        orig = a.getAttribute("href");
        if (!orig || !LOCAL_LINK.test(orig)) { continue; }
        a.setAttribute("data-href-asal", orig);
      }
      a.setAttribute("href", linkFor(orig));
    }
  }

  function show(y) {
    var el = content(y);
    if (!el) { return; }
    if (el !== live) {
      wadah.replaceChild(el, live);
      live = el;
    }
    K.tahun = y;
    K.root = el;
    if (!el.kinerjaTables) {
      el.kinerjaTables = K.initTables(el);
      drawFigures(el);
    } else if (typeof Plotly !== "undefined") {
      Array.prototype.forEach.call(el.querySelectorAll(".js-plotly-plot"), function (gd) {
        try { Promise.resolve(Plotly.Plots.resize(gd)).catch(function () {}); } catch (err) { /* not drawn */ }
      });
    }
    K.tables = el.kinerjaTables;
    Array.prototype.forEach.call(document.querySelectorAll("[data-tahun]"), function (e) {
      e.hidden = e.getAttribute("data-tahun") !== y;
    });
    if (el.getAttribute("data-judul")) { document.title = el.getAttribute("data-judul"); }
    if (pick) { pick.value = y; }
    rewriteLinks();
  }

  /* Data scripts beside a page, loaded on demand with a <script> element (fetch does not work
     from file://). Each page keeps one registry: its data files call back with registry.settle(
     key, data) (through the page's callback, e.g. K.kaskadeMuat); a file that fails to load or
     never calls back settles as `fallback`. */
  K.dataScripts = function () {
    var loaded = {}, waiting = {};
    function settle(key, data) {
      if (!loaded[key]) { loaded[key] = data; }
      var list = waiting[key] || [];
      delete waiting[key];
      list.forEach(function (fn) { fn(); });
    }
    function load(src, key, fallback, done) {
      if (loaded[key]) { done(); return; }
      if (waiting[key]) { waiting[key].push(done); return; }
      waiting[key] = [done];
      var s = document.createElement("script");
      s.src = src;
      s.onload = function () { settle(key, fallback); };  /* no-op when the file called back */
      s.onerror = s.onload;
      document.head.appendChild(s);
    }
    return { settle: settle, load: load, got: function (key) { return loaded[key] || null; } };
  };

  /* Page scripts: fn(root, tahun) now and after every change of year or hash. */
  K.onChange = function (fn) {
    listeners.push(fn);
    fn(K.root, K.tahun);
  };
  function changed() {
    listeners.forEach(function (fn) { fn(K.root, K.tahun); });
    var h = K.readHash();
    if (!location.hash || location.hash.indexOf("=") < 0) { return; }
    Object.keys(h).forEach(function (k) {  /* an anchor beside state: #temuan&tahun=2024 */
      var target = h[k] === "" && document.getElementById(k);
      if (target) { target.scrollIntoView(); }
    });
  }

  if (pick) {
    pick.addEventListener("change", function () {
      var h = K.readHash();
      show(pick.value);
      var state = {};
      Object.keys(h).forEach(function (k) { if (h[k] !== "") { state[k] = h[k]; } });
      K.setHash(K.stateHash(state));
      changed();
    });
  }
  window.addEventListener("hashchange", function () {
    var y = hashYear();
    if (y !== K.tahun) { show(y); }
    changed();
  });

  /* ---- Start -------------------------------------------------------------------------- */
  if (live) {
    show(hashYear());
  } else {
    K.tables = K.initTables(document);
    drawFigures(document);
  }
  changed();
})();
