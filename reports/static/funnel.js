/* batas-se.html ("Konsistensi unit"): funnel plots and the SE 3/2023 drill-down of one year,
   from the payload built by reports/pages/batas_se.py (script[data-konsistensi-unit]). Every
   statistic (limits, flags, shares, suppressed counts) is computed at build time; this script
   only selects the precomputed funnel of the filter combination and draws it. Export text goes
   in with textContent, or through K.esc into Plotly. State: #instansi=…&jabatan=…&periode=…&unit=… */
(function () {
  "use strict";
  var K = window.Kinerja;
  if (!K || !K.onChange) { return; }
  var MEASURES = [["sb", "Sangat Baik"], ["bawah", "Butuh Perbaikan atau lebih rendah"]];

  K.onChange(function (root) {
    var src = root.querySelector("script[data-konsistensi-unit]");
    if (!src) { return; }
    if (!root.kinerjaKU) { root.kinerjaKU = setup(root, JSON.parse(src.textContent)); }
    root.kinerjaKU();
  });

  function pct(x) { return x === null || x === undefined ? "–" : K.fmtPct(100 * x); }

  function setup(root, D) {
    var sel = {
      instansi: root.querySelector('select[data-filter="instansi"]'),
      jabatan: root.querySelector('select[data-filter="jabatan"]'),
      periode: root.querySelector('select[data-filter="periode"]')
    };
    var cmp = root.querySelector("input[data-pembanding]");
    var state = { instansi: "", jabatan: "", periode: D.periode.length ? D.periode[0][0] : "", unit: "", banding: "" };

    function instIndex(id) {
      for (var i = 0; i < D.instansi.length; i++) { if (D.instansi[i][0] === id) { return i; } }
      return -1;
    }
    function fromHash() {
      var h = K.readHash();
      state.instansi = instIndex(h.instansi) >= 0 ? h.instansi : "";
      state.jabatan = D.jabatan.indexOf(h.jabatan) >= 0 ? h.jabatan : "";
      var per = D.periode.map(function (p) { return p[0]; });
      state.periode = per.indexOf(h.periode) >= 0 ? h.periode : (per[0] || "");
      state.unit = h.unit || "";
      state.banding = h.banding === "semua" ? "semua" : "";
    }
    function toHash() {
      K.setHash(K.stateHash({ instansi: state.instansi, jabatan: state.jabatan, periode: state.periode,
        banding: state.banding, unit: state.unit }));
    }
    function current() {
      var combo = D.funnel[state.jabatan + "|" + state.periode] || {};
      var inst = instIndex(state.instansi);
      var scope = inst < 0 || state.banding === "semua" ? "semua" : String(inst);
      var f = combo[scope];
      if (!f) { return null; }
      var pts = inst < 0 ? f.titik : f.titik.filter(function (p) { return D.unit[p[0]][0] === inst; });
      var skipped = f.tidak_digambar, hidden = f.disembunyikan;
      if (inst >= 0 && scope === "semua" && combo[String(inst)]) {
        skipped = combo[String(inst)].tidak_digambar; hidden = combo[String(inst)].disembunyikan;
      }
      return { f: f, pts: pts, scope: scope, skipped: skipped, hidden: hidden };
    }
    /* point: [unit, n, (share, text, flag, b95lo, b95hi, b998lo, b998hi) × 2, tested] */
    function draw(m, c) {
      var target = root.querySelector('[data-funnel="' + MEASURES[m][0] + '"]');
      var note = root.querySelector('[data-funnel-hitung="' + MEASURES[m][0] + '"]');
      if (!target) { return; }
      var st = c ? c.f[MEASURES[m][0]] : null, off = 2 + 7 * m, data = [], i;
      if (st && st.kurva) {
        var kv = st.kurva;
        var lines = [["b998", 0, "Batas bawah 99,8 %", "solid"], ["b998", 1, "Batas atas 99,8 %", "solid"],
          ["b95", 0, "Batas bawah 95 %", "dash"], ["b95", 1, "Batas atas 95 %", "dash"]];
        lines.forEach(function (l) {
          data.push({ type: "scatter", mode: "lines", x: kv.n, y: kv[l[0]].map(function (b) { return b[l[1]]; }),
            name: l[2], hoverinfo: "skip", showlegend: l[1] === 1,
            line: { color: l[0] === "b998" ? "#5d6d7e" : "#9aa5b1", dash: l[3], width: 1.2 } });
        });
        data.push({ type: "scatter", mode: "lines", x: [kv.n[0], kv.n[kv.n.length - 1]], y: [st.target, st.target],
          name: "Rata-rata pembanding " + pct(st.target), hoverinfo: "skip", line: { color: "#1f4e79", width: 1.5 } });
        var nmax = kv.n[kv.n.length - 1];
        (c.f.acuan || []).forEach(function (a) {
          if (a[0] !== MEASURES[m][0]) { return; }
          data.push({ type: "scatter", mode: "lines", x: [kv.n[0], nmax], y: [a[1], a[1]], name: K.esc(a[2]),
            hoverinfo: "skip", line: { color: "#8e5ea2", dash: "dot", width: 1.5 } });
        });
      }
      /* only above the upper limit is a flag (UNIT_OUTLIER_HIGH/LOW); below the lower limit is shown */
      var groups = [["Unit (≥ " + D.min_n + " dinilai)", function (p) { return p[16] === 1 && p[off + 2] === 0; }, "#1f4e79", "circle"],
        ["Unit < " + D.min_n + " dinilai (tidak ditandai)", function (p) { return p[16] !== 1; }, "#1f4e79", "circle-open"],
        ["Di bawah batas bawah 99,8 % (ditampilkan, tidak ditandai)", function (p) { return p[16] === 1 && p[off + 2] === -1; }, "#e67e22", "triangle-down"],
        ["Ditandai: di atas batas atas 99,8 %", function (p) { return p[16] === 1 && p[off + 2] === 1; }, "#c0392b", "diamond"]];
      var pts = c ? c.pts : [];
      groups.forEach(function (g) {
        var sel = pts.filter(g[1]);
        data.push({ type: "scatter", mode: "markers", name: g[0], x: sel.map(function (p) { return p[1]; }),
          y: sel.map(function (p) { return p[off]; }),
          customdata: sel.map(function (p) {
            return [K.esc(D.unit[p[0]][2]), K.esc(p[off + 1]), pct(p[off + 3]) + "–" + pct(p[off + 4]),
              pct(p[off + 5]) + "–" + pct(p[off + 6]), p[0], pct(p[off])];
          }),
          marker: { color: g[2], symbol: g[3], size: g[3] === "diamond" ? 10 : 7, line: { width: 1, color: g[2] } },
          hovertemplate: "%{customdata[0]}<br>n = %{x}<br>" + MEASURES[m][1] + ": %{customdata[1]}" +
            "<br>Batas 95 %: %{customdata[2]}<br>Batas 99,8 %: %{customdata[3]}<extra></extra>" });
      });
      var fig = { data: data, layout: { height: 380, margin: { l: 50, r: 10, t: 10, b: 40 }, separators: ",.",
        xaxis: { title: { text: "Pegawai dinilai (n)" }, type: "log", gridcolor: "#e4e7eb" },
        yaxis: { title: { text: "Bagian" }, tickformat: ".0%", range: [-0.02, 1.02], gridcolor: "#e4e7eb" },
        legend: { orientation: "h", y: -0.25 }, paper_bgcolor: "#ffffff", plot_bgcolor: "#ffffff", hovermode: "closest" } };
      K.plot(target, fig);
      if (target.on && !target.kinerjaKlik) {
        target.kinerjaKlik = true;
        target.on("plotly_click", function (ev) {
          var p = ev && ev.points && ev.points[0];
          if (!p || !p.customdata) { return; }
          state.unit = D.unit[p.customdata[4]][1];
          toHash(); detail();
        });
      }
      if (note) {
        note.textContent = st ? ("Ditandai: " + st.di_atas + " unit di atas batas atas 99,8 % dari " + st.diuji +
          " unit yang diuji (" + st.di_bawah + " unit di bawah batas bawah ditampilkan, tidak ditandai); alarm palsu yang diharapkan bila tidak ada unit menyimpang: " +
          String(st.alarm_palsu).replace(".", ",") + " per sisi. Overdispersi φ = " + String(st.phi).replace(".", ",") +
          ", τ² = " + String(st.tau2).replace(".", ",") + ".") : "Tidak ada data untuk pilihan ini.";
      }
    }
    function detail() {
      var empty = root.querySelector("[data-rinci-kosong]"), box = root.querySelector("[data-rinci-isi]");
      var u = -1, i;
      for (i = 0; i < D.unit.length; i++) { if (D.unit[i][1] === state.unit) { u = i; } }
      var r = u >= 0 && D.rinci[state.periode] ? D.rinci[state.periode][String(u)] : null;
      if (!r) { box.hidden = true; empty.hidden = false; return; }
      box.hidden = false; empty.hidden = true;
      var perLabel = "";
      D.periode.forEach(function (p) { if (p[0] === state.periode) { perLabel = p[1]; } });
      root.querySelector("[data-rinci-nama]").textContent = D.unit[u][2] + " · " + D.instansi[D.unit[u][0]][1] + " · " + perLabel;
      root.querySelector("[data-rinci-org]").textContent = "Predikat organisasi: " + (r.organisasi || "tidak ada") +
        " (" + r.sumber + "). Pegawai dinilai: " + (typeof r.n === "number" ? K.fmtInt(r.n) : r.n) +
        (r.dinilai ? "" : " — tidak dinilai terhadap batas (kurang dari " + D.min_n + " pegawai dinilai atau tanpa predikat organisasi).");
      var txt = r.jumlah.map(function (v) { return typeof v === "number" ? K.fmtInt(v) : String(v); });
      var vals = r.jumlah.map(function (v) { return typeof v === "number" && typeof r.n === "number" && r.n ? v / r.n : null; });
      K.plot(root.querySelector("[data-rinci-grafik]"), { data: [{ type: "bar", orientation: "h", y: D.predikat, x: vals,
        text: txt, textposition: "outside", cliponaxis: false, marker: { color: D.warna },
        customdata: txt, hovertemplate: "%{y}: %{customdata} orang<extra></extra>" }],
        layout: { height: 240, margin: { l: 130, r: 40, t: 10, b: 30 }, separators: ",.", showlegend: false,
          xaxis: { tickformat: ".0%", range: [0, 1.05], gridcolor: "#e4e7eb" }, yaxis: { autorange: "reversed" },
          paper_bgcolor: "#ffffff", plot_bgcolor: "#ffffff" } });
      var ul = root.querySelector("[data-rinci-batas]");
      ul.textContent = "";
      (D.batas_teks[r.organisasi] || []).forEach(function (b, j) {
        var a = r.izin[j];
        ul.appendChild(K.el("li", "Batas: " + b + (typeof a === "number" ? " (" + K.fmtInt(a) + " orang dari " + K.fmtInt(r.n) + ")" : "")));
      });
      var k = root.querySelector("[data-rinci-kalimat]");
      k.textContent = r.kalimat ? r.kalimat + (r.pindah ? " Orang yang harus berpindah: " + r.pindah + "." : "")
        : (r.dinilai ? "Distribusi dalam batas SE." : "");
      k.className = r.keras ? "warn" : "";
    }
    function render() {
      if (sel.instansi) { sel.instansi.value = state.instansi; }
      if (sel.jabatan) { sel.jabatan.value = state.jabatan; }
      if (sel.periode) { sel.periode.value = state.periode; }
      if (cmp) { cmp.checked = state.banding === "semua"; cmp.disabled = !state.instansi; }
      var c = current();
      draw(0, c); draw(1, c);
      var info = root.querySelector("[data-funnel-info]");
      if (info) {
        info.textContent = c ? (c.pts.length + " unit digambar; " + c.skipped + " unit dengan kurang dari " + D.min_gambar +
          " pegawai dinilai tidak digambar" + (c.hidden ? "; " + c.hidden + " unit tidak digambar karena jumlahnya disembunyikan (privasi)" : "") +
          ". Batas dari " + (c.scope === "semua" ? "semua instansi." : "instansi yang dipilih.")) : "Tidak ada data untuk pilihan ini.";
      }
      detail();
    }
    Object.keys(sel).forEach(function (k) {
      if (!sel[k]) { return; }
      sel[k].addEventListener("change", function () { state[k] = sel[k].value; toHash(); render(); });
    });
    if (cmp) { cmp.addEventListener("change", function () { state.banding = cmp.checked ? "semua" : ""; toHash(); render(); }); }
    return function () { fromHash(); render(); };
  }
})();
