/* cascading.html: units ranked by cascading alignment and the shares of an SKP written as a
   formality, from the embedded payload of one year (script[data-keselarasan], built by
   reports/pages/cascading.py: numbers, marks "<5"/"x", or null for "no base"), and the cascade
   explorer (script[data-kaskade], reports/kaskade.py) whose per-unit data scripts
   (kaskade/<tahun>/<unit>.js) are loaded when a unit is chosen. The instansi and unit live in
   the hash (#instansi=…&unit=…); tables are paginated by site.js (data-page-size). Export text
   goes in with textContent only, and through K.esc into Plotly. Unit names in the ranking link
   to the unit page's drill-down (unit.html#instansi=…&unit=…&periode=tahunan). */
(function () {
  "use strict";
  var K = window.Kinerja;
  if (!K || !K.onChange) { return; }

  /* ---- Per-unit data scripts: kaskade/<tahun>/<unit>.js call K.kaskadeMuat ------------- */
  var scripts = K.dataScripts();
  K.kaskadeMuat = function (tahun, unit, d) { scripts.settle(tahun + "/" + unit, d); };
  function load(folder, tahun, unit, done) {
    scripts.load(folder + unit + ".js", tahun + "/" + unit, { j: [], r: [], gagal: true }, done);
  }

  function kaskade(root, D, E) {
    if (E) {  /* a unit row names its unit by index into D.unit: back to [.., nama, unor_id, ..] */
      E.unit = E.unit.map(function (x) {
        var n = D.unit[x[3]];
        return [x[0], x[1], x[2], n[2], n[1], x[4], x[5]];
      });
    }
    var sel = root.querySelector('select[data-filter="instansi"]');
    var state = { instansi: "", unit: "" };
    var cache = [], fcache = [];
    var explorer = E ? penjelajah(root, E, state) : null;

    function known(value) {
      for (var i = 0; i < D.instansi.length; i++) { if (D.instansi[i][0] === value) { return true; } }
      return false;
    }
    function fromHash() {
      var h = K.readHash();
      state.instansi = known(h.instansi) ? h.instansi : "";
      state.unit = h.unit || "";
    }
    function unitLink(instId, unitId) {
      return "unit.html" + K.stateHash({ instansi: instId, unit: unitId, periode: "tahunan" });
    }
    /* kind: "n" count, "p" percentage, "d" average depth (two decimals) */
    function numCell(v, kind) {
      var td = K.el("td", null, "num");
      if (typeof v === "number") {
        td.textContent = kind === "p" ? K.fmtPct(v) : kind === "d" ? v.toFixed(2).replace(".", ",") : K.fmtInt(v);
        td.setAttribute("data-v", String(v));
      } else {
        td.textContent = v === null || v === undefined ? "–" : String(v);
        if (v !== null && v !== undefined) { td.className += " s"; }
      }
      return td;
    }
    var KINDS = ["n", "n", "p", "p", "d", "p", "p", "n", "n", "n"];
    var FKINDS = ["n", "n", "p", "p", "n", "p"];

    function unitHead(tr, u, inst, link) {
      var th = K.el("th");
      th.scope = "row";
      th.setAttribute("data-x", u[2]);
      if (link) {
        var a = K.el("a", u[2]);
        a.href = unitLink(inst[0], u[1]);
        th.appendChild(a);
      } else {
        th.textContent = u[2];
      }
      tr.appendChild(th);
      tr.appendChild(K.el("td", inst[1]));
    }
    /* row: [unit, pegawai, wajib, % terhubung, % puncak, kedalaman, % langsung, % diturunkan,
       3 finding counts, perhatian 0/1]; D.unit[i] = [instansi index, id, nama] */
    function row(r) {
      var u = D.unit[r[0]], inst = D.instansi[u[0]];
      var tr = K.el("tr");
      unitHead(tr, u, inst, true);
      for (var i = 1; i <= KINDS.length; i++) { tr.appendChild(numCell(r[i], KINDS[i - 1])); }
      var flag = r[KINDS.length + 1] === 1;
      var status = K.el("td");
      status.setAttribute("data-x", flag ? "perlu perhatian" : "");
      if (flag) { status.appendChild(K.el("span", "perlu perhatian", "badge badge-peringatan")); }
      tr.appendChild(status);
      return tr;
    }
    /* formalitas row: [unit, pegawai, RHK Utama, % salinan, % sama bawahan, SKP dibandingkan,
       % SKP sama]; its unit index is into D.unit too */
    function frow(r) {
      var u = D.unit[r[0]], inst = D.instansi[u[0]];
      var tr = K.el("tr");
      unitHead(tr, u, inst, false);
      for (var i = 1; i <= FKINDS.length; i++) { tr.appendChild(numCell(r[i], FKINDS[i - 1])); }
      return tr;
    }
    function fill(name, rows, units, inst, make, store) {
      var table = (root.kinerjaTables || K.tables)[name];
      if (!table || !rows) { return; }
      var out = [];
      for (var i = 0; i < rows.length; i++) {
        if (inst < 0 || units[rows[i][0]][0] === inst) { out.push(store[i] || (store[i] = make(rows[i]))); }
      }
      table.setRows(out);
    }
    var shown = null;
    function render() {
      var inst = -1, i;
      for (i = 0; i < D.instansi.length; i++) { if (D.instansi[i][0] === state.instansi) { inst = i; } }
      if (sel) { sel.value = state.instansi; }
      if (shown !== state.instansi) {  /* re-filter only when the instansi changed */
        shown = state.instansi;
        fill("keselarasan-unit", D.baris, D.unit, inst, row, cache);
        if (D.formalitas) { fill("formalitas-unit", D.formalitas.baris, D.unit, inst, frow, fcache); }
      }
      if (explorer) { explorer(); }
    }
    function save() { K.setHash(K.stateHash(state)); }
    if (sel) {
      sel.addEventListener("change", function () {
        state.instansi = sel.value;
        render();  /* may clear a unit outside the instansi */
        save();
      });
    }
    if (explorer) { explorer.onPick = function () { save(); render(); }; }
    return function () { fromHash(); render(); };
  }

  /* ---- The cascade explorer ------------------------------------------------------------ */
  var GROUPS = { 3: "Tautan putus", 4: "Tanpa tautan", 5: "Berhenti di RHK Tambahan atau di luar data" };
  var GROUP_COLORS = { gx: "#f4f5f7", 3: "#f5c6c0", 4: "#f8d9bf", 5: "#e4e7eb" };
  var MAX_LABEL = 48;
  var MAX_CHAIN = 64;  /* as in the SQL: a chain longer than this is a cycle, not followed */
  var DEPTH = 3, MAX_TILES = 700;  /* levels drawn below the focus: up to 3, in ~700 tiles */

  function trunc(s) { return s.length > MAX_LABEL ? s.slice(0, MAX_LABEL - 1) + "…" : s; }

  function penjelajah(root, E, state) {
    var pick = root.querySelector("select[data-kaskade-unit]");
    var info = root.querySelector("[data-kaskade-info]");
    var plot = root.querySelector("[data-kaskade-plot]");
    var optionsFor = null, drawn = null, token = 0;
    var self = function () { options(); show(); };

    function instIndex() {
      for (var i = 0; i < E.instansi.length; i++) { if (E.instansi[i][0] === state.instansi) { return i; } }
      return -1;
    }
    function resolve() {
      var inst = instIndex();
      for (var u = 0; u < E.unit.length; u++) {
        if (E.unit[u][4] === state.unit && (inst < 0 || E.unit[u][0] === inst) && E.unit[u][6] > 0) { return u; }
      }
      return -1;
    }
    function options() {
      if (!pick || optionsFor === state.instansi) { return; }
      optionsFor = state.instansi;
      var inst = instIndex();
      while (pick.options.length > 1) { pick.remove(1); }
      Array.prototype.slice.call(pick.querySelectorAll("optgroup")).forEach(function (g) { g.remove(); });
      var group = null, last = -1;
      for (var u = 0; u < E.unit.length; u++) {
        var x = E.unit[u];
        if (x[6] <= 0 || (inst >= 0 && x[0] !== inst)) { continue; }
        if (x[0] !== last) {
          last = x[0];
          group = document.createElement("optgroup");
          group.label = E.instansi[x[0]][1];
          pick.appendChild(group);
        }
        var o = document.createElement("option");
        o.value = x[4];
        o.textContent = new Array(x[2] + 1).join("\u00a0\u00a0") + x[3] + " (" + K.fmtInt(x[6]) + " RHK)";
        group.appendChild(o);
      }
    }
    if (pick) {
      pick.addEventListener("change", function () {
        state.unit = pick.value;
        if (self.onPick) { self.onPick(); }
      });
    }

    function subtree(u) {
      var out = [u], d = E.unit[u][2], inst = E.unit[u][0];
      for (var i = u + 1; i < E.unit.length && E.unit[i][0] === inst && E.unit[i][2] > d; i++) { out.push(i); }
      return out;
    }
    function show() {
      var u = resolve();
      if (pick) { pick.value = u >= 0 ? state.unit : ""; }
      if (u < 0) {
        state.unit = "";
        drawn = null;
        token++;
        if (plot && typeof Plotly !== "undefined" && plot.classList.contains("js-plotly-plot")) { Plotly.purge(plot); }
        if (plot) { plot.textContent = ""; }
        if (info) { info.textContent = "Belum ada unit yang dipilih."; }
        return;
      }
      if (drawn === u) { return; }
      drawn = u;
      var my = ++token;
      if (info) { info.textContent = "Memuat kaskade " + E.unit[u][3] + "…"; }
      var sub = subtree(u), inside = {}, need = [], tried = {};
      sub.forEach(function (i) { inside[i] = true; if (E.unit[i][5] > 0) { need.push(i); } });
      function key(i) { return E.tahun + "/" + i; }
      function step() {
        if (my !== token) { return; }
        var pending = need.filter(function (i) { return !scripts.got(key(i)); });
        need.forEach(function (i) { tried[i] = true; });
        if (!pending.length) { climb(); return; }
        var left = pending.length;
        pending.forEach(function (i) { load(E.folder, E.tahun, i, function () { if (--left === 0) { step(); } }); });
      }
      function climb() {
        var byKey = {}, more = [];
        Object.keys(tried).forEach(function (i) {
          var d = scripts.got(key(i));
          (d.r || []).forEach(function (r) { byKey[r[0]] = { r: r, unit: +i, j: d.j[r[4]] }; });
        });
        Object.keys(byKey).forEach(function (k) {
          var n = byKey[k];
          if (!inside[n.unit]) { return; }
          for (var up = 0; n.r[1] >= 0 && byKey[n.r[1]] && up < MAX_CHAIN; up++) { n = byKey[n.r[1]]; }
          var pu = n.r[1] >= 0 ? n.r[2] : -1;
          if (pu >= 0 && !tried[pu] && more.indexOf(pu) < 0) { more.push(pu); }
        });
        if (more.length) { need = need.concat(more); step(); return; }
        draw(u, byKey, inside);
      }
      step();
    }

    /* The unit's cascade as a tree of nodes {label, parent, color, cd (hover), kids, value}:
       "akar" (the unit), the chains' RHK ("r<key>", those above the unit greyed, value 0),
       "gx" with "g3"/"g4"/"g5" for chains that do not reach the top. value = the unit's RHK in
       the node's subtree (branchvalues "total"). */
    function build(u, byKey, inside) {
      var T = {}, used = {}, counts = [0, 0, 0, 0, 0, 0], context = 0, total = 0;
      function add(id, label, parent, color, cd) { T[id] = { label: label, parent: parent, color: color, cd: cd, kids: [], value: 0 }; }
      add("akar", K.esc(E.unit[u][3]), "", "#ffffff", [K.esc(E.unit[u][3]), K.esc(E.unit[u][3]), "", "unit kerja terpilih"]);
      Object.keys(byKey).forEach(function (k) {
        var n = byKey[k];
        if (!inside[n.unit]) { return; }
        used[k] = true;
        var p = n.r[1];
        while (p >= 0 && byKey[p] && !used[p]) { used[p] = true; p = byKey[p].r[1]; }
      });
      function parentOf(n) {
        if (n.r[1] >= 0 && used[n.r[1]]) { return "r" + n.r[1]; }
        if (n.r[3] === 0) { return "akar"; }
        return "g" + (GROUPS[n.r[3]] ? n.r[3] : 5);
      }
      var keys = Object.keys(used).sort(function (a, b) { return a - b; }), heads = {};
      keys.forEach(function (k) { var p = parentOf(byKey[k]); if (p.charAt(0) === "g") { heads[p] = true; } });
      if (Object.keys(heads).length) {
        add("gx", "Tidak terhubung ke puncak", "akar", GROUP_COLORS.gx, ["Tidak terhubung ke puncak", "", "", "rantai yang tidak sampai ke RHK pejabat tertinggi"]);
        [3, 4, 5].forEach(function (g) {
          if (heads["g" + g]) { add("g" + g, GROUPS[g], "gx", GROUP_COLORS[g], [GROUPS[g], "", "", K.esc(E.status[g][0])]); }
        });
      }
      keys.forEach(function (k) {
        var n = byKey[k], mine = !!inside[n.unit], st = E.status[n.r[3]] || E.status[2];
        var jab = n.j ? (n.j[0] ? n.j[0] + " — " : "") + n.j[1] : "";
        add("r" + k, K.esc(trunc(n.r[5])), parentOf(n), mine ? st[1] : E.luar,
            [K.esc(n.r[5]), K.esc(E.unit[n.unit][3]), K.esc(jab), K.esc(mine ? st[0] : st[0] + " — RHK di atas unit ini")]);
        if (mine) { counts[n.r[3]]++; total++; } else { context++; }
      });
      Object.keys(T).forEach(function (id) { if (T[id].parent) { T[T[id].parent].kids.push(id); } });
      keys.forEach(function (k) {
        if (!inside[byKey[k].unit]) { return; }
        for (var id = "r" + k, up = 0; id && up <= MAX_CHAIN + 3; id = T[id].parent, up++) { T[id].value++; }
      });
      return { T: T, counts: counts, context: context, total: total };
    }

    /* One view: the focus, its ancestors (the path bar) and up to DEPTH levels below it (fewer
       when they would pass MAX_TILES tiles; always one). Clicking a tile draws again with it as
       the focus, so a view holds a few hundred tiles whatever the unit's size (Plotly needs
       seconds for thousands); tiles with more below them end in " ▸". */
    function figure(T, focus) {
      var ids = [], labels = [], parents = [], values = [], colors = [], custom = [];
      function push(id, more) {
        var n = T[id];
        ids.push(id); labels.push(n.label + (more ? " ▸" : "")); parents.push(n.parent);
        values.push(n.value); colors.push(n.color); custom.push(n.cd.concat([K.fmtInt(n.value)]));
      }
      var chain = [];
      for (var a = T[focus].parent; a && chain.length <= MAX_CHAIN + 3; a = T[a].parent) { chain.unshift(a); }
      chain.forEach(function (id) { push(id, false); });
      var levels = [[focus]], tiles = 1;
      while (levels.length <= DEPTH) {
        var next = [];
        levels[levels.length - 1].forEach(function (id) { next = next.concat(T[id].kids); });
        if (!next.length || (levels.length > 1 && tiles + next.length > MAX_TILES)) { break; }
        levels.push(next);
        tiles += next.length;
      }
      levels.forEach(function (ids_, d) {
        ids_.forEach(function (id) { push(id, d === levels.length - 1 && T[id].kids.length > 0); });
      });
      return {
        data: [{
          type: "treemap", ids: ids, labels: labels, parents: parents, values: values,
          branchvalues: "total", level: focus, maxdepth: levels.length, sort: false,
          marker: { colors: colors, line: { color: "#ffffff", width: 1 } },
          customdata: custom, texttemplate: "%{label}", textposition: "top left",
          pathbar: { visible: true, thickness: 22 },
          hovertemplate: "<b>%{customdata[0]}</b><br>Unit: %{customdata[1]}<br>Jabatan: %{customdata[2]}" +
            "<br>Status: %{customdata[3]}<br>RHK unit ini di cabang ini: %{customdata[4]}<extra></extra>"
        }],
        layout: {
          height: 680, margin: { l: 4, r: 4, t: 30, b: 4 }, separators: ",.",
          font: { family: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif', size: 12 },
          hoverlabel: { align: "left" }
        }
      };
    }

    function draw(u, byKey, inside) {
      var B = build(u, byKey, inside), c = B.counts, focus = "akar";
      if (info) {
        info.textContent = E.unit[u][3] + ": " + K.fmtInt(B.total) + " RHK pegawai unit ini (dengan sub-unit) — " +
          K.fmtInt(c[1]) + " terhubung sampai puncak, " + K.fmtInt(c[2]) + " terhubung tetapi putus di atas, " +
          K.fmtInt(c[3]) + " tautan putus, " + K.fmtInt(c[4]) + " tanpa tautan" +
          (c[0] ? ", " + K.fmtInt(c[0]) + " RHK pejabat tertinggi" : "") +
          (c[5] ? ", " + K.fmtInt(c[5]) + " RHK Tambahan" : "") +
          "; " + K.fmtInt(B.context) + " RHK di atas unit ini sebagai konteks.";
      }
      plot.textContent = "";
      plot.kinerjaFokus = function (ev) {
        var p = ev && ev.points && ev.points[0];
        var id = ev && ev.nextLevel ? ev.nextLevel : p ? p.id : null;
        if (p && id === focus && p.id === focus && B.T[focus].parent) { id = B.T[focus].parent; }
        if (!id || !B.T[id] || (id === focus && !ev.nextLevel)) { return false; }
        if (!B.T[id].kids.length) { return false; }  /* a single RHK: nothing below it */
        focus = id;
        K.plot(plot, figure(B.T, focus));
        return false;
      };
      K.plot(plot, figure(B.T, focus));
      if (plot.on && !plot.kinerjaKlik) {
        plot.kinerjaKlik = true;
        plot.on("plotly_treemapclick", function (ev) { return plot.kinerjaFokus ? plot.kinerjaFokus(ev) : false; });
      }
    }
    return self;
  }

  /* Registered last: K.onChange calls at once, and everything above must be defined. */
  K.onChange(function (root) {
    var src = root.querySelector("script[data-keselarasan]");
    if (!src) { return; }
    if (!root.kinerjaKaskade) {
      var ex = root.querySelector("script[data-kaskade]");
      root.kinerjaKaskade = kaskade(root, JSON.parse(src.textContent), ex ? JSON.parse(ex.textContent) : null);
    }
    root.kinerjaKaskade();
  });
})();
