/* cascading.html: units ranked by cascading alignment, from the embedded payload of one year
   (script[data-keselarasan], built by reports/pages/cascading.py: numbers, marks "<5"/"x", or
   null for "no base"). The instansi filter lives in the hash (#instansi=…); the table is
   paginated by site.js (data-page-size). Export text goes in with textContent only; unit names
   link to the unit page's drill-down (unit.html#instansi=…&unit=…&periode=tahunan). */
(function () {
  "use strict";
  var K = window.Kinerja;
  if (!K || !K.onChange) { return; }

  K.onChange(function (root) {
    var src = root.querySelector("script[data-keselarasan]");
    if (!src) { return; }
    if (!root.kinerjaKaskade) { root.kinerjaKaskade = kaskade(root, JSON.parse(src.textContent)); }
    root.kinerjaKaskade();
  });

  function kaskade(root, D) {
    var sel = root.querySelector('select[data-filter="instansi"]');
    var state = { instansi: "" };
    var cache = [];

    function known(value) {
      for (var i = 0; i < D.instansi.length; i++) { if (D.instansi[i][0] === value) { return true; } }
      return false;
    }
    function fromHash() {
      var h = K.readHash();
      state.instansi = known(h.instansi) ? h.instansi : "";
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

    /* row: [unit, pegawai, wajib, % terhubung, % puncak, kedalaman, % langsung, % diturunkan,
       3 finding counts, perhatian 0/1]; D.unit[i] = [instansi index, id, nama] */
    function row(r) {
      var u = D.unit[r[0]], inst = D.instansi[u[0]];
      var tr = K.el("tr");
      var th = K.el("th");
      th.scope = "row";
      th.setAttribute("data-x", u[2]);
      var a = K.el("a", u[2]);
      a.href = unitLink(inst[0], u[1]);
      th.appendChild(a);
      tr.appendChild(th);
      tr.appendChild(K.el("td", inst[1]));
      for (var i = 1; i <= KINDS.length; i++) { tr.appendChild(numCell(r[i], KINDS[i - 1])); }
      var flag = r[KINDS.length + 1] === 1;
      var status = K.el("td");
      status.setAttribute("data-x", flag ? "perlu perhatian" : "");
      if (flag) { status.appendChild(K.el("span", "perlu perhatian", "badge badge-peringatan")); }
      tr.appendChild(status);
      return tr;
    }
    function render() {
      var inst = -1, i;
      for (i = 0; i < D.instansi.length; i++) { if (D.instansi[i][0] === state.instansi) { inst = i; } }
      if (sel) { sel.value = state.instansi; }
      var table = (root.kinerjaTables || K.tables)["keselarasan-unit"];
      if (!table) { return; }
      var out = [];
      for (i = 0; i < D.baris.length; i++) {
        if (inst < 0 || D.unit[D.baris[i][0]][0] === inst) { out.push(cache[i] || (cache[i] = row(D.baris[i]))); }
      }
      table.setRows(out);
    }
    if (sel) {
      sel.addEventListener("change", function () {
        state.instansi = sel.value;
        K.setHash(K.stateHash(state));
        render();
      });
    }
    return function () { fromHash(); render(); };
  }
})();
