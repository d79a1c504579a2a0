/* unit.html: drill-down instansi → unit → sub-unit for one periode, from the embedded,
   already suppressed cube of one year (script[data-unit] in that year's content). Values are
   counts, published ranges ("28–31": a hidden count known to lie there) or marks ("<5", "x");
   shares are computed only from shown counts and ranges (a share of a range is a range, so it
   says nothing the cube does not). Export text goes
   in with textContent / K.esc only. One drill-down per year's content, created when the year
   is first shown (K.onChange). */
(function () {
  "use strict";
  var K = window.Kinerja;
  if (!K || !K.onChange) { return; }
  var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

  /* A large tree keeps each instansi's units in unit/<tahun>/<k>.js (D.instansi[i].berkas),
     which calls K.unitMuat(path, units) when loaded. */
  var scripts = K.dataScripts();
  K.unitMuat = function (path, units) { scripts.settle(path, units); };

  K.onChange(function (root) {
    var src = root.querySelector("script[data-unit]");
    if (!src) { return; }
    if (!root.kinerjaDrill) { root.kinerjaDrill = drill(root, JSON.parse(src.textContent)); }
    root.kinerjaDrill();
  });

  /* Binds the controls of one year's content; returns its refresh (read hash, render). */
  function drill(root, D) {
    var NB = D.dasar.length, NP = D.per.length;
    var sel = {
      instansi: root.querySelector('select[data-filter="instansi"]'),
      unit: root.querySelector('select[data-filter="unit"]'),
      periode: root.querySelector('select[data-filter="periode"]')
    };
    var state = { inst: 0, unit: -1, per: 0 };
    var filled = -1; /* instansi whose units fill the unit <select> */

    function view(name) { return root.querySelector('[data-view="' + name + '"]'); }
    function isNum(v) { return typeof v === "number"; }
    /* [lowest, highest] of a shown count or a published range "28–31"; null for a mark. */
    function bounds(v) {
      if (isNum(v)) { return [v, v]; }
      var m = /^(\d+)\u2013(\d+)$/.exec(String(v));
      return m ? [Number(m[1]), Number(m[2])] : null;
    }
    function rangeText(b) {
      return b[0] === b[1] ? K.fmtInt(b[0]) : K.fmtInt(b[0]) + "\u2013" + K.fmtInt(b[1]);
    }
    function val(row, name) {
      var b = D.dasar.indexOf(name);
      return b >= 0 ? row[b] : row[NB + state.per * NP + D.per.indexOf(name)];
    }
    function count(v) {
      if (isNum(v)) { return { t: K.fmtInt(v), v: v }; }
      var b = bounds(v);
      return { t: b ? rangeText(b) : String(v), v: null, s: true };
    }
    function ratio(num, rest, total) {
      if (isNum(num) && isNum(rest) && isNum(total)) {
        if (!total) { return { t: "–", v: null }; }
        var v = Math.round((1000 * num) / total) / 10;
        return { t: K.fmtPct(v), v: v };
      }
      /* A range when the count or its base is published as one (rounded outwards). */
      var n = bounds(num), d = bounds(total);
      if (!n || !d || d[0] <= 0) { return { t: "x", v: null, s: true }; }
      var lo = K.fmtPct(Math.floor(Math.min((1000 * n[0]) / d[1], 1000) + 1e-9) / 10);
      var hi = K.fmtPct(Math.ceil(Math.min((1000 * n[1]) / d[0], 1000) - 1e-9) / 10);
      return { t: lo === hi ? lo : lo.slice(0, -1) + "\u2013" + hi, v: null, s: true };
    }
    function approval(row) { return ratio(val(row, "disetujui"), val(row, "skp_belum"), val(row, "skp")); }
    function coverage(row) {
      if (!D.bukti) { return { t: "–", v: null }; }
      return ratio(val(row, "bukti"), val(row, "tanpa"), val(row, "lapor"));
    }
    function assessed(row) {
      var p = val(row, "pegawai"), b = val(row, "belum");
      return isNum(p) && isNum(b) ? count(p - b) : { t: "x", v: null, s: true };
    }
    /* "<5" not assessed reveals only that the assessed count is pegawai-4..pegawai-1; with a
       range, the assessed count is the range it leaves. */
    function assessedText(row) {
      var p = val(row, "pegawai"), b = val(row, "belum");
      var small = /^<(\d+)$/.exec(String(b));
      if (isNum(p) && small) { return "≥ " + K.fmtInt(Math.max(p - Number(small[1]) + 1, 0)); }
      var pb = bounds(p), bb = bounds(b);
      if (pb && bb) { return rangeText([Math.max(pb[0] - bb[1], 0), Math.max(pb[1] - bb[0], 0)]); }
      return assessed(row).t;
    }
    function cells(row) {
      var done = assessed(row);
      if (done.s) { done.t = assessedText(row); }
      var out = [count(val(row, "pegawai")), count(val(row, "skp")), approval(row), coverage(row), done];
      for (var i = 0; i < D.predikat.length; i++) { out.push(count(val(row, "p" + i))); }
      return out;
    }

    /* done() once the instansi's units are at hand (loaded from its data script if needed);
       a script that fails to load leaves the instansi without units, and says so. */
    function ready(inst, done) {
      if (inst.units) { done(); return; }
      view("subunit-title").textContent = "Memuat data unit " + inst.nama + "…";
      scripts.load(inst.berkas, inst.berkas, null, function () {
        inst.units = scripts.got(inst.berkas);
        if (!inst.units) { inst.units = []; inst.gagal = true; }
        done();
      });
    }
    function instIndexFromHash(h) {
      var at = 0;
      for (var i = 0; i < D.instansi.length; i++) { if (D.instansi[i].id === h.instansi) { at = i; } }
      return at;
    }
    function instFromHash() { return D.instansi[instIndexFromHash(K.readHash())]; }

    function prep(inst) {
      if (inst.kids) { return; }
      inst.kids = inst.units.map(function () { return []; });
      inst.roots = [];
      inst.index = {};
      inst.units.forEach(function (u, i) {
        inst.index[u[0]] = i;
        if (u[2] < 0) { inst.roots.push(i); } else { inst.kids[u[2]].push(i); }
      });
    }
    function own(u) { return u[5] || u[4]; }

    function href(instId, unitId) {
      return K.stateHash({ instansi: instId, unit: unitId === null ? "" : unitId, periode: D.periode[state.per][0] });
    }
    function nameCell(text, link, cls) {
      var th = K.el("th", null, cls || "");
      th.scope = "row";
      th.setAttribute("data-x", text);
      if (link) { var a = K.el("a", text); a.href = link; th.appendChild(a); } else { th.textContent = text; }
      return th;
    }
    function numCell(c) {
      var td = K.el("td", c.t, "num" + (c.s ? " s" : ""));
      if (c.v !== null && c.v !== undefined) { td.setAttribute("data-v", String(c.v)); }
      return td;
    }
    function tr(first, row, extra) {
      var r = K.el("tr");
      r.appendChild(first);
      (extra || []).forEach(function (e) { r.appendChild(e); });
      cells(row).forEach(function (c) { r.appendChild(numCell(c)); });
      return r;
    }

    /* ---- state <-> controls <-> hash ------------------------------------------------------ */
    function fillUnits() {
      var inst = D.instansi[state.inst];
      if (filled === state.inst) { return; }
      filled = state.inst;
      while (sel.unit.options.length > 1) { sel.unit.remove(1); }
      var frag = document.createDocumentFragment();
      inst.units.forEach(function (u) {
        frag.appendChild(new Option(new Array(u[3] + 1).join("\u00a0\u00a0\u00a0") + u[1], u[0]));
      });
      sel.unit.appendChild(frag);
    }
    function fromHash() {
      var h = K.readHash(), i;
      state.inst = instIndexFromHash(h);
      var inst = D.instansi[state.inst];
      prep(inst);
      state.unit = h.unit !== undefined && inst.index.hasOwnProperty(h.unit) ? inst.index[h.unit] : -1;
      state.per = 0;
      for (i = 0; i < D.periode.length; i++) { if (D.periode[i][0] === h.periode) { state.per = i; } }
    }
    function toHash() {
      var inst = D.instansi[state.inst];
      K.setHash(href(inst.id, state.unit < 0 ? null : inst.units[state.unit][0]));
    }
    function syncControls() {
      fillUnits();
      var inst = D.instansi[state.inst];
      sel.instansi.value = inst.id;
      sel.unit.value = state.unit < 0 ? "" : inst.units[state.unit][0];
      sel.periode.value = D.periode[state.per][0];
    }

    /* ---- rendering ------------------------------------------------------------------------ */
    function render() {
      var inst = D.instansi[state.inst];
      prep(inst);
      syncControls();
      var isUnit = state.unit >= 0;
      var node = isUnit ? inst.units[state.unit] : null;
      var row = isUnit ? node[4] : inst.row;
      var name = isUnit ? node[1] : inst.nama;
      var perLabel = D.periode[state.per][1];
      /* A lone top unit (e.g. Sekretariat Daerah) stands for the instansi: show its sub-units. */
      var focus = isUnit ? state.unit : (inst.roots.length === 1 ? inst.roots[0] : -1);
      var kids = focus >= 0 ? inst.kids[focus] : inst.roots;
      var direct = focus >= 0 && kids.length ? inst.units[focus][5] : null;

      var scope = document.querySelector('[data-tahun="' + K.tahun + '"] .brand-scope') || document.querySelector(".brand-scope");
      if (scope) { scope.textContent = inst.nama + " · " + perLabel; scope.setAttribute("data-filtered", ""); }

      /* breadcrumb */
      var crumbs = view("crumbs");
      crumbs.textContent = "";
      var path = [];
      for (var i = state.unit; i >= 0; i = inst.units[i][2]) { path.unshift(i); }
      var first = K.el("a", inst.nama);
      first.href = href(inst.id, null);
      crumbs.appendChild(first);
      path.forEach(function (k) {
        crumbs.appendChild(K.el("span", "›", "sep"));
        var a = K.el("a", inst.units[k][1]);
        a.href = href(inst.id, inst.units[k][0]);
        crumbs.appendChild(a);
      });
      crumbs.appendChild(K.el("span", "· " + perLabel, "muted"));
      if (crumbs.lastChild.previousSibling) { crumbs.lastChild.previousSibling.setAttribute("aria-current", "page"); }

      /* summary */
      var stats = view("stats");
      stats.textContent = "";
      var c = cells(row);
      [
        ["Pegawai", c[0].t, kids.length ? K.fmtInt(kids.length) + " subunit langsung" : "tanpa subunit"],
        ["SKP disetujui", c[2].t, count(val(row, "disetujui")).t + " dari " + c[1].t + " SKP"],
        ["Cakupan bukti dukung", D.bukti ? c[3].t : "–", D.bukti ? count(val(row, "bukti")).t + " dari " + count(val(row, "lapor")).t + " periode realisasi" : "tidak ada data bukti dukung dalam bundel"],
        ["Dinilai · " + perLabel, assessedText(row), "belum dinilai: " + count(val(row, "belum")).t]
      ].forEach(function (s) {
        var box = K.el("div", null, "stat");
        box.appendChild(K.el("span", s[0], "stat-label"));
        box.appendChild(K.el("span", s[1], "stat-value"));
        box.appendChild(K.el("span", s[2], "stat-sub"));
        stats.appendChild(box);
      });

      /* sub-unit table */
      view("subunit-title").textContent = inst.gagal
        ? "Data unit " + inst.nama + " tidak dapat dimuat (berkas " + inst.berkas + " tidak terbaca)."
        : (kids.length ? "Subunit dari " : "Unit ") + name + " · " + perLabel;
      var rows = kids.map(function (k) {
        var u = inst.units[k];
        return tr(nameCell(u[1], href(inst.id, u[0]), "k1"), u[4]);
      });
      if (direct) {
        var label = "Langsung di " + (isUnit ? "unit ini" : inst.units[focus][1]);
        rows.push(tr(nameCell(label, null, "direct"), direct));
      }
      if (!kids.length) { rows.push(tr(nameCell(name + " (tanpa subunit)", null), row)); }
      root.kinerjaTables.subunit.setRows(rows);

      /* charts */
      var bars = kids.length ? kids.map(function (k) { return inst.units[k]; }) : [[isUnit ? node[0] : inst.id, name, -1, 0, row]];
      if (bars.length > D.maksBatang) {
        var ranked = bars.slice().sort(function (a, b) {
          return (isNum(b[4][0]) ? b[4][0] : 0) - (isNum(a[4][0]) ? a[4][0] : 0);
        }).slice(0, D.maksBatang);
        bars = bars.filter(function (b) { return ranked.indexOf(b) >= 0; });
      }
      view("fig-predikat-title").textContent = "Distribusi predikat " + perLabel + " · " + name;
      K.plot(root.querySelector('[data-figure="unit-predikat"]'), predikatFigure(bars));
      var cov = root.querySelector('[data-figure="unit-cakupan"]');
      if (cov) {
        view("fig-cakupan-title").textContent = "Cakupan bukti dukung " + perLabel + " · " + name;
        K.plot(cov, coverageFigure(bars));
      }

      /* flat list of the subtree */
      view("daftar-title").textContent = "Semua unit di bawah " + name + " · " + perLabel;
      var start = isUnit ? state.unit : 0, end = inst.units.length;
      if (isUnit) {
        for (end = start + 1; end < inst.units.length && inst.units[end][3] > node[3]; end++) { /* DFS range */ }
      }
      var list = [];
      for (var j = start; j < end; j++) {
        var u = inst.units[j];
        var parent = u[2] < 0 ? inst.nama : inst.units[u[2]][1];
        var depth = K.el("td", String(u[3]), "num");
        depth.setAttribute("data-v", String(u[3]));
        var pcell = K.el("td", parent, "parent");
        list.push(tr(nameCell(u[1], href(inst.id, u[0])), own(u), [pcell, depth]));
      }
      root.kinerjaTables["daftar-unit"].setRows(list);
    }

    function layout(ids, names, xTitle) {
      return {
        barmode: "stack", height: Math.max(220, 110 + 30 * ids.length),
        margin: { l: 10, r: 20, t: 10, b: 40 },
        font: { family: FONT, size: 13, color: "#1f2933" },
        paper_bgcolor: "#ffffff", plot_bgcolor: "#ffffff", separators: ",.",
        legend: { orientation: "h", yanchor: "bottom", y: 1.0, x: 0, traceorder: "normal" },
        hoverlabel: { font: { family: FONT } },
        xaxis: { title: { text: xTitle }, gridcolor: "#e4e7eb", zeroline: false, range: [0, 100], ticksuffix: "%" },
        yaxis: {
          automargin: true, autorange: "reversed", type: "category", tickmode: "array",
          tickvals: ids,
          ticktext: names.map(function (n) { return n.length > 48 ? n.slice(0, 47) + "…" : n; })
        }
      };
    }
    function pct(n, base) { return isNum(n) && base ? Math.round((1000 * n) / base) / 10 : null; }

    function predikatFigure(bars) {
      var rows = bars.filter(function (b) { return isNum(b[4][0]) && b[4][0] > 0; });
      var ids = rows.map(function (b) { return K.esc(b[0]); });
      var names = rows.map(function (b) { return K.esc(b[1]); });
      var series = D.predikat.map(function (p, i) { return [p[0], p[2], "p" + i]; });
      series.push(["Belum dinilai", "#eef1f5", "belum"]);
      /* A published range is drawn at its lowest value; what it leaves open joins the grey
         "hidden" segment, so every bar still reaches 100%. */
      var data = [], hidden = rows.map(function (b) {
        var peg = b[4][0], known = 0, miss = false;
        series.forEach(function (s) {
          var v = val(b[4], s[2]), r = bounds(v);
          if (r) { known += r[0]; }
          if (!isNum(v)) { miss = true; }
        });
        return miss ? Math.max(peg - known, 0) : null;
      });
      series.forEach(function (s) {
        data.push(trace(s[0], s[1], rows, names, ids, rows.map(function (b) { return val(b[4], s[2]); })));
      });
      if (hidden.some(function (h) { return h !== null; })) {
        data.push(trace("Disembunyikan (sel kecil)", "#c9ced6", rows, names, ids, hidden));
      }
      return { data: data, layout: layout(ids, names, "Persentase pegawai (%)") };
    }
    function trace(label, color, rows, names, ids, cellsOf) {
      var low = cellsOf.map(function (v) { var r = v === null ? null : bounds(v); return r ? r[0] : null; });
      return {
        type: "bar", orientation: "h", name: K.esc(label), y: ids,
        x: low.map(function (n, i) { return pct(n, rows[i][4][0]); }),
        customdata: cellsOf.map(function (v, i) {
          var r = v === null ? null : bounds(v), p = pct(low[i], rows[i][4][0]);
          if (!r) { return [names[i], "–"]; }
          if (r[0] === r[1]) { return [names[i], K.fmtPct(p) + " (" + K.fmtInt(r[0]) + " pegawai)"]; }
          return [names[i], rangeText(r) + " pegawai (paling sedikit " + K.fmtPct(p) + ")"];
        }),
        marker: { color: color, line: { color: "#ffffff", width: 0.5 } },
        hovertemplate: "%{customdata[0]}<br>" + K.esc(label) + ": %{customdata[1]}<extra></extra>"
      };
    }

    function coverageFigure(bars) {
      var rows = [], ids = [], names = [], xs = [], cd = [];
      bars.forEach(function (b) {
        var r = coverage(b[4]);
        if (r.v === null) { return; }
        rows.push(b); ids.push(K.esc(b[0])); names.push(K.esc(b[1])); xs.push(r.v);
        cd.push([K.esc(b[1]), val(b[4], "bukti"), val(b[4], "lapor")]);
      });
      var lay = layout(ids, names, "Periode realisasi berbukti (%)");
      lay.showlegend = false;
      return {
        data: [{
          type: "bar", orientation: "h", y: ids, x: xs, customdata: cd, marker: { color: "#1f4e79" },
          hovertemplate: "%{customdata[0]}<br>Berbukti: %{x:.1f}% (%{customdata[1]:,} dari %{customdata[2]:,})<extra></extra>"
        }],
        layout: lay
      };
    }

    /* ---- events --------------------------------------------------------------------------- */
    sel.instansi.addEventListener("change", function () {
      for (var i = 0; i < D.instansi.length; i++) { if (D.instansi[i].id === sel.instansi.value) { state.inst = i; } }
      state.unit = -1;
      toHash();
      var inst = D.instansi[state.inst];
      ready(inst, function () { if (D.instansi[state.inst] === inst) { render(); } });
    });
    sel.unit.addEventListener("change", function () {
      var inst = D.instansi[state.inst];
      state.unit = sel.unit.value === "" ? -1 : inst.index[sel.unit.value];
      toHash();
      render();
    });
    sel.periode.addEventListener("change", function () {
      for (var i = 0; i < D.periode.length; i++) { if (D.periode[i][0] === sel.periode.value) { state.per = i; } }
      toHash();
      render();
    });

    /* Read the hash and render; a hash naming what this year lacks is corrected. */
    return function () {
      var inst = instFromHash();
      ready(inst, function () {
        if (instFromHash() !== inst) { return; }  /* the hash moved on while it loaded */
        fromHash();
        render();
        if (K.readHash().instansi !== undefined) { toHash(); }
      });
    };
  }
})();
