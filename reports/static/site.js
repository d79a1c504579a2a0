/* Dasbor Kinerja ASN: figures, sortable/paginated tables and CSV/XLSX downloads.
   Offline (file:// or a local http server); export text is only ever inserted with textContent.
   Conventions: see reports/site.py. Exposes window.Kinerja for page scripts (unit.js). */
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

  function cellValue(td) {
    var v = td.getAttribute("data-v");
    if (v !== null && v !== "" && !isNaN(Number(v))) { return Number(v); }
    var x = td.getAttribute("data-x");
    return x !== null ? x : td.textContent.replace(/\s+/g, " ").trim();
  }

  function compare(a, b) {
    var na = typeof a === "number", nb = typeof b === "number";
    if (na && nb) { return a - b; }
    if (na !== nb) { return na ? -1 : 1; }
    return String(a).localeCompare(String(b), "id", { numeric: true, sensitivity: "base" });
  }

  function Table(table) {
    this.table = table;
    this.name = table.getAttribute("data-table");
    this.body = table.tBodies[0];
    this.pageSize = parseInt(table.getAttribute("data-page-size") || "0", 10) || 0;
    this.pager = document.querySelector('[data-pager="' + this.name + '"]');
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
      return { tr: tr, v: v, n: n, blank: v === "" || v === "–" || v === "x" || v === "<5" };
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

  K.initTables = function () {
    var nodes = document.querySelectorAll("table[data-table]");
    for (var i = 0; i < nodes.length; i++) {
      K.tables[nodes[i].getAttribute("data-table")] = new Table(nodes[i]);
    }
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

  /* ---- Start: server-built figures and static tables ---------------------------------- */
  var figs = document.querySelectorAll('script[type="application/json"][data-figure-json]');
  for (var i = 0; i < figs.length; i++) {
    var name = figs[i].getAttribute("data-figure-json");
    var target = document.querySelector('[data-figure="' + name + '"]');
    try { K.plot(target, JSON.parse(figs[i].textContent)); } catch (err) { if (target) { target.textContent = "Grafik tidak dapat digambar."; } }
  }
  K.initTables();
})();
