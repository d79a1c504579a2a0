/* konsistensi.html ("Konsistensi penilai"): caterpillar plot of shrunk leniency, central
   tendency scatter, drill-down to an evaluator's appraisee counts, and the evaluator table, from
   the payload of reports/pages/konsistensi.py (script[data-konsistensi-penilai]). Statistics are
   precomputed; this script filters and draws. Export text via textContent or K.esc.
   State: #instansi=…&jabatan=…&penilai=… */
(function () {
  "use strict";
  var K = window.Kinerja;
  if (!K || !K.onChange) { return; }
  var FLAG = { longgar: "longgar", ketat: "ketat", tengah: "cenderung tengah" };

  K.onChange(function (root) {
    var src = root.querySelector("script[data-konsistensi-penilai]");
    if (!src) { return; }
    if (!root.kinerjaKP) { root.kinerjaKP = setup(root, JSON.parse(src.textContent)); }
    root.kinerjaKP();
  });

  function num(x, d) { return x === null || x === undefined ? "–" : x.toFixed(d === undefined ? 2 : d).replace(".", ","); }
  function cnt(v) { return typeof v === "number" ? K.fmtInt(v) : String(v); }

  /* row: [kode, inst, unit, jabatan, dinilai, layak, raw, shrunk, lo, hi, central, clo, chi,
     sd_rating, sd_harapan, flags, tertaut, komponen, pita[4], rating[3], sumbang[2]] */
  function setup(root, D) {
    var sel = { instansi: root.querySelector('select[data-filter="instansi"]'),
      jabatan: root.querySelector('select[data-filter="jabatan"]') };
    var state = { instansi: "", jabatan: "", penilai: "" };
    var cache = {};
    function instIndex(id) {
      for (var i = 0; i < D.instansi.length; i++) { if (D.instansi[i][0] === id) { return i; } }
      return -1;
    }
    function label(r) { return r[0] + " · " + r[2] + " · " + r[3]; }
    function key(r) { return D.instansi[r[1]][0] + "/" + r[0]; }
    function fromHash() {
      var h = K.readHash();
      state.instansi = instIndex(h.instansi) >= 0 ? h.instansi : "";
      state.jabatan = D.jabatan.indexOf(h.jabatan) >= 0 ? h.jabatan : "";
      state.penilai = h.penilai || "";
    }
    function toHash() { K.setHash(K.stateHash(state)); }
    function rows() {
      var inst = instIndex(state.instansi);
      return D.penilai.filter(function (r) { return (inst < 0 || r[1] === inst) && (!state.jabatan || r[3] === state.jabatan); });
    }
    function lenient(r) { return r[15].indexOf("longgar") >= 0 || r[15].indexOf("ketat") >= 0; }
    function caterpillar(list) {
      var target = root.querySelector("[data-caterpillar]");
      var data = [], groups = [["Tidak ditandai", function (r) { return !lenient(r); }, "#1f4e79"],
        ["Ditandai longgar/ketat", lenient, "#c0392b"]];
      var rank = {};
      list.forEach(function (r, i) { rank[key(r)] = i + 1; });
      groups.forEach(function (g) {
        var s = list.filter(g[1]);
        data.push({ type: "scatter", mode: "markers", name: g[0], x: s.map(function (r) { return rank[key(r)]; }),
          y: s.map(function (r) { return r[7]; }),
          error_y: { type: "data", symmetric: false, array: s.map(function (r) { return r[9] === null ? 0 : r[9] - r[7]; }),
            arrayminus: s.map(function (r) { return r[8] === null ? 0 : r[7] - r[8]; }), color: g[2], thickness: 1, width: 0 },
          marker: { color: g[2], size: 6 },
          customdata: s.map(function (r) { return [K.esc(label(r)), cnt(r[4]), num(r[6]), num(r[7]), num(r[8]), num(r[9]), key(r),
            r[5] ? "" : " (kurang dari " + D.min_layak + " dinilai: tidak ditandai)"]; }),
          hovertemplate: "%{customdata[0]}<br>Dinilai: %{customdata[1]}%{customdata[7]}<br>Kelonggaran mentah: %{customdata[2]}" +
            "<br>Disusutkan: %{customdata[3]} (95 %: %{customdata[4]} s.d. %{customdata[5]})<extra></extra>" });
      });
      data.push({ type: "scatter", mode: "markers", name: "Nilai mentah", x: list.map(function (r) { return rank[key(r)]; }),
        y: list.map(function (r) { return r[6]; }), hoverinfo: "skip",
        marker: { color: "#9aa5b1", symbol: "circle-open", size: 6 } });
      K.plot(target, { data: data, layout: { height: 420, margin: { l: 60, r: 10, t: 10, b: 40 }, separators: ",.",
        xaxis: { title: { text: "Peringkat penilai (paling ketat → paling longgar)" }, gridcolor: "#e4e7eb" },
        yaxis: { title: { text: "Kelonggaran (langkah rating)" }, zeroline: true, zerolinecolor: "#5d6d7e", gridcolor: "#e4e7eb" },
        legend: { orientation: "h", y: -0.2 }, paper_bgcolor: "#ffffff", plot_bgcolor: "#ffffff", hovermode: "closest" } });
      bindClick(target);
    }
    function spread(list) {
      var target = root.querySelector("[data-sebaran]");
      var data = [];
      [["Tidak ditandai", false, "#1f4e79"], ["Ditandai cenderung tengah", true, "#c0392b"]].forEach(function (g) {
        var s = list.filter(function (r) { return (r[15].indexOf("tengah") >= 0) === g[1] && r[13] !== null && r[14] !== null; });
        data.push({ type: "scatter", mode: "markers", name: g[0], x: s.map(function (r) { return r[14]; }), y: s.map(function (r) { return r[13]; }),
          marker: { color: g[2], size: g[1] ? 9 : 6, symbol: g[1] ? "diamond" : "circle" },
          customdata: s.map(function (r) { return [K.esc(label(r)), num(r[10]), num(r[11]), num(r[12]), key(r)]; }),
          hovertemplate: "%{customdata[0]}<br>SD rating: %{y:.2f}; SD harapan: %{x:.2f}<br>Kecenderungan tengah: %{customdata[1]} (95 %: %{customdata[2]} s.d. %{customdata[3]})<extra></extra>" });
      });
      var m = 0;
      list.forEach(function (r) { m = Math.max(m, r[13] || 0, r[14] || 0); });
      data.push({ type: "scatter", mode: "lines", name: "Sebaran sama dengan bukti", x: [0, m || 1], y: [0, m || 1], hoverinfo: "skip",
        line: { color: "#9aa5b1", dash: "dash", width: 1 } });
      K.plot(target, { data: data, layout: { height: 360, margin: { l: 60, r: 10, t: 10, b: 40 }, separators: ",.",
        xaxis: { title: { text: "SD rating yang diharapkan dari bukti" }, gridcolor: "#e4e7eb" },
        yaxis: { title: { text: "SD rating yang diberikan" }, gridcolor: "#e4e7eb" },
        legend: { orientation: "h", y: -0.25 }, paper_bgcolor: "#ffffff", plot_bgcolor: "#ffffff", hovermode: "closest" } });
      bindClick(target);
    }
    function bindClick(target) {
      if (!target.on || target.kinerjaKlik) { return; }
      target.kinerjaKlik = true;
      target.on("plotly_click", function (ev) {
        var p = ev && ev.points && ev.points[0];
        if (!p || !p.customdata) { return; }
        state.penilai = p.customdata[p.customdata.length === 8 ? 6 : 4];
        toHash(); detail();
      });
    }
    function detail() {
      var box = root.querySelector("[data-penilai-isi]"), empty = root.querySelector("[data-penilai-kosong]");
      var r = null;
      D.penilai.forEach(function (x) { if (key(x) === state.penilai) { r = x; } });
      if (!r) { box.hidden = true; empty.hidden = false; return; }
      box.hidden = false; empty.hidden = true;
      root.querySelector("[data-penilai-nama]").textContent = label(r) + " · " + D.instansi[r[1]][1];
      root.querySelector("[data-penilai-ringkas]").textContent = "Pegawai dinilai: " + cnt(r[4]) + ". Kelonggaran disusutkan " +
        num(r[7]) + " (95 %: " + num(r[8]) + " s.d. " + num(r[9]) + "); kecenderungan tengah " + num(r[10]) +
        ". Status: " + (r[15].length ? "ditandai " + r[15].map(function (f) { return FLAG[f]; }).join(", ") :
        (r[5] ? "tidak ditandai" : "tidak ditandai (kurang dari " + D.min_layak + " pegawai dinilai)")) + ".";
      var t = root.querySelector("[data-penilai-tautan]");
      t.hidden = !(r[15].length && r[16] === 0);
      t.textContent = "Penilai ini tidak tertaut dengan penilai lain: efek penilai tidak dapat dipisahkan dari efek tim, dan tanda ini hanya bertumpu pada penyesuaian bukti capaian.";
      var tb = root.querySelector("[data-penilai-tabel] tbody");
      tb.textContent = "";
      function add(name, v, head) {
        var tr = K.el("tr");
        var th = K.el("th", name); th.scope = "row"; if (head) { th.className = "muted"; }
        tr.appendChild(th);
        var td = K.el("td", v === null ? "" : cnt(v), "num"); if (v !== null && typeof v !== "number") { td.className += " s"; }
        tr.appendChild(td); tb.appendChild(tr);
      }
      add("Menurut bukti capaian", null, true);
      D.pita.forEach(function (n, i) { add(n, r[18][i]); });
      add("Menurut rating", null, true);
      D.rating.forEach(function (n, i) { add(n, r[19][i]); });
      add("Rating bertentangan dengan bukti", null, true);
      D.sumbang.forEach(function (n, i) { add(n, r[20][i]); });
    }
    function tableRow(r) {
      var tr = K.el("tr");
      var th = K.el("th", r[0]); th.scope = "row"; tr.appendChild(th);
      tr.appendChild(K.el("td", r[2])); tr.appendChild(K.el("td", r[3]));
      [[r[4], "n"], [r[6], "d"], [r[7], "d"]].forEach(function (c) {
        var td = K.el("td", c[1] === "n" ? cnt(c[0]) : num(c[0]), "num");
        if (typeof c[0] === "number") { td.setAttribute("data-v", String(c[0])); } else if (c[1] === "n") { td.className += " s"; }
        tr.appendChild(td);
      });
      tr.appendChild(K.el("td", num(r[8]) + " s.d. " + num(r[9])));
      [r[10], r[13], r[14]].forEach(function (v) {
        var td = K.el("td", num(v), "num"); if (typeof v === "number") { td.setAttribute("data-v", String(v)); } tr.appendChild(td);
      });
      var st = K.el("td");
      var text = r[15].map(function (f) { return FLAG[f]; }).join(", ");
      if (text && r[16] === 0) { text += " (tanpa keterkaitan)"; }
      st.setAttribute("data-x", text);
      if (text) { st.appendChild(K.el("span", text, "badge badge-peringatan")); }
      else if (!r[5]) { st.appendChild(K.el("span", "< " + D.min_layak + " dinilai", "muted")); }
      tr.appendChild(st);
      if (r[15].length) { tr.className = "warn"; }
      return tr;
    }
    function render() {
      if (sel.instansi) { sel.instansi.value = state.instansi; }
      if (sel.jabatan) { sel.jabatan.value = state.jabatan; }
      var list = rows();
      var info = root.querySelector("[data-penilai-info]");
      var flagged = list.filter(function (r) { return r[15].length; }).length;
      if (info) { info.textContent = list.length + " penilai ditampilkan; " + flagged + " ditandai."; }
      caterpillar(list); spread(list);
      var table = (root.kinerjaTables || K.tables).penilai;
      if (table) { table.setRows(list.map(function (r) { return cache[key(r)] || (cache[key(r)] = tableRow(r)); })); }
      detail();
    }
    Object.keys(sel).forEach(function (k) {
      if (!sel[k]) { return; }
      sel[k].addEventListener("change", function () { state[k] = sel[k].value; toHash(); render(); });
    });
    return function () { fromHash(); render(); };
  }
})();
