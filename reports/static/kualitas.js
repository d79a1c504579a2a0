/* kualitas.html: SKP quality per unit and findings per unit and rule, from the embedded payload
   of one year (script[data-mutu], built by reports/mutu.py: counts, marks "<5"/"x", or null
   for "no base"). Filters instansi and aturan live in the hash (#instansi=…&aturan=…); the
   tables are paginated by site.js (data-page-size). Export text goes in with textContent only;
   unit names link to the unit page's drill-down (unit.html#instansi=…&unit=…&periode=tahunan). */
(function () {
  "use strict";
  var K = window.Kinerja;
  if (!K || !K.onChange) { return; }
  var ROLLUP = "Gabungan unit < 5 pegawai";

  K.onChange(function (root) {
    var src = root.querySelector("script[data-mutu]");
    if (!src) { return; }
    if (!root.kinerjaMutu) { root.kinerjaMutu = mutu(root, JSON.parse(src.textContent)); }
    root.kinerjaMutu();
  });

  /* Binds the filters of one year's content; returns its refresh (read hash, render). */
  function mutu(root, D) {
    var sel = {
      instansi: root.querySelector('select[data-filter="instansi"]'),
      aturan: root.querySelector('select[data-filter="aturan"]')
    };
    var state = { instansi: "", aturan: "" };
    var cache = { skor: [], temuan: [] };

    function known(name, value) {
      var list = name === "instansi" ? D.instansi : D.aturan;
      for (var i = 0; i < list.length; i++) { if (list[i][0] === value) { return true; } }
      return false;
    }
    function fromHash() {
      var h = K.readHash();
      Object.keys(state).forEach(function (k) { state[k] = known(k, h[k]) ? h[k] : ""; });
    }
    function toHash() { K.setHash(K.stateHash(state)); }

    function unitLink(instId, unitId) {
      return "unit.html" + K.stateHash({ instansi: instId, unit: unitId === null ? "" : unitId, periode: "tahunan" });
    }
    function nameCell(text, href, muted) {
      var th = K.el("th", null, muted ? "direct" : "");
      th.scope = "row";
      th.setAttribute("data-x", text);
      var a = K.el("a", text);
      a.href = href;
      th.appendChild(a);
      return th;
    }
    /* kind: "n" count, "p" percentage, "s" score (one decimal, no %) */
    function numCell(v, kind) {
      var td = K.el("td", null, "num");
      if (typeof v === "number") {
        td.textContent = kind === "p" ? K.fmtPct(v) : kind === "s" ? v.toFixed(1).replace(".", ",") : K.fmtInt(v);
        td.setAttribute("data-v", String(v));
      } else {
        td.textContent = v === null || v === undefined ? "–" : String(v);
        if (v !== null && v !== undefined) { td.className += " s"; }
      }
      return td;
    }

    /* skor row: [unit, pegawai, skor, 4 parts (%), 7 counts]; D.unit[i] = [instansi, id, nama] */
    function skorRow(r) {
      var u = D.unit[r[0]], inst = D.instansi[u[0]];
      var tr = K.el("tr");
      tr.appendChild(nameCell(u[2], unitLink(inst[0], u[1])));
      tr.appendChild(K.el("td", inst[1]));
      tr.appendChild(numCell(r[1], "n"));
      tr.appendChild(numCell(r[2], "s"));
      for (var i = 3; i < r.length; i++) { tr.appendChild(numCell(r[i], i <= 6 ? "p" : "n")); }
      return tr;
    }
    /* temuan row: [instansi, unit or null (units of < 5 employees, rolled up), aturan, jumlah] */
    function temuanRow(r) {
      var inst = D.instansi[r[0]], rule = D.aturan[r[2]], u = r[1] === null ? null : D.unit[r[1]];
      var tr = K.el("tr");
      tr.appendChild(u === null ? nameCell(ROLLUP, unitLink(inst[0], null), true)
                                : nameCell(u[2], unitLink(inst[0], u[1])));
      tr.appendChild(K.el("td", inst[1]));
      var code = K.el("td");
      code.setAttribute("data-x", rule[0]);
      code.appendChild(K.el("code", rule[0]));
      tr.appendChild(code);
      var sev = K.el("td");
      sev.setAttribute("data-x", rule[1]);
      sev.appendChild(K.el("span", rule[1], "badge badge-" + rule[1]));
      tr.appendChild(sev);
      tr.appendChild(numCell(r[3], "n"));
      return tr;
    }

    /* The rows kept by the filter (built once each, in payload order) into a site.js table. */
    function fill(name, rows, built, build, keep) {
      var table = (root.kinerjaTables || K.tables)[name];
      if (!table) { return; }
      var out = [];
      for (var i = 0; i < rows.length; i++) {
        if (keep(rows[i])) { out.push(built[i] || (built[i] = build(rows[i]))); }
      }
      table.setRows(out);
    }
    function render() {
      var inst = -1, rule = -1, i;
      for (i = 0; i < D.instansi.length; i++) { if (D.instansi[i][0] === state.instansi) { inst = i; } }
      for (i = 0; i < D.aturan.length; i++) { if (D.aturan[i][0] === state.aturan) { rule = i; } }
      if (sel.instansi) { sel.instansi.value = state.instansi; }
      if (sel.aturan) { sel.aturan.value = state.aturan; }
      fill("mutu-unit", D.skor, cache.skor, skorRow, function (r) { return inst < 0 || D.unit[r[0]][0] === inst; });
      fill("temuan-unit", D.temuan, cache.temuan, temuanRow, function (r) {
        return (inst < 0 || r[0] === inst) && (rule < 0 || r[2] === rule);
      });
    }

    Object.keys(sel).forEach(function (k) {
      if (!sel[k]) { return; }
      sel[k].addEventListener("change", function () {
        state[k] = sel[k].value;
        toHash();
        render();
      });
    });
    return function () { fromHash(); render(); };
  }
})();
