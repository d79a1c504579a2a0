/* batas-se.html ("Konsistensi unit"): funnel plots and the SE 3/2023 drill-down of one year,
   from the payload built by reports/pages/batas_se.py (script[data-konsistensi-unit]). Every
   statistic (limits, flags, shares, suppressed counts) is computed at build time; this script
   only selects the precomputed funnel of the filter combination and draws it. Export text goes
   in with textContent, or through K.esc into Plotly. State: #instansi=…&jabatan=…&periode=…&unit=…
   The page embeds its first view only (the across-instansi funnel of the first periode); data
   scripts beside it (batas-se/<tahun>/semua-<k>.js: the across-instansi funnel of the k-th
   "jabatan|periode" key; batas-se/<tahun>/<i>.js: everything of the i-th instansi) call
   K.batasSeMuat and are loaded with a <script> element when the filters ask for them (fetch does
   not work from file://). A funnel carries its own unit list: a point's first item indexes it. */
(function () {
  "use strict";
  var K = window.Kinerja;
  if (!K || !K.onChange) { return; }
  var MEASURES = [["sb", "Sangat Baik"], ["bawah", "Butuh Perbaikan atau lebih rendah"]];

  /* ---- Data scripts: batas-se/<tahun>/<name>.js call K.batasSeMuat(tahun, name, data) ---- */
  var scripts = K.dataScripts();
  K.batasSeMuat = function (tahun, name, d) { scripts.settle(tahun + "/" + name, d); };
  function load(D, name, done) { scripts.load(D.folder + name + ".js", D.tahun + "/" + name, { gagal: true }, done); }
  function got(D, name) { return scripts.got(D.tahun + "/" + name); }

  K.onChange(function (root) {
    var src = root.querySelector("script[data-konsistensi-unit]");
    if (!src) { return; }
    if (!root.kinerjaKU) { root.kinerjaKU = setup(root, JSON.parse(src.textContent)); }
    root.kinerjaKU();
  });

  function pct(x) { return x === null || x === undefined ? "–" : K.fmtPct(100 * x); }
  function num(x) { return String(x).replace(".", ","); }
  function usable(data) { return data && !data.gagal ? data : null; }

  function setup(root, D) {
    var sel = {
      instansi: root.querySelector('select[data-filter="instansi"]'),
      jabatan: root.querySelector('select[data-filter="jabatan"]'),
      periode: root.querySelector('select[data-filter="periode"]')
    };
    var cmp = root.querySelector("input[data-pembanding]");
    var state = { instansi: "", jabatan: "", periode: D.periode.length ? D.periode[0][0] : "", unit: "", banding: "" };
    var home = Object.create(null), learned = {}, pending = {};  /* home: unor_id -> instansi index */

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

    /* ---- What the view needs, and loading it ---------------------------------------- */
    function learn(data) {
      if (!data || !data.unit) { return; }
      data.unit.forEach(function (u) { home[u[1]] = u[0]; });
    }
    Object.keys(D.semua).forEach(function (key) { learn(D.semua[key]); });
    function comboKey() { return state.jabatan + "|" + state.periode; }
    function acrossName(key) {
      var k = D.kombinasi.indexOf(key);
      return D.semua[key] || k < 0 ? null : "semua-" + k;
    }
    function across(key) { return D.semua[key] || (acrossName(key) ? usable(got(D, acrossName(key))) : null); }
    function unitHome() {
      if (!state.unit) { return -1; }
      return state.unit in home ? home[state.unit] : instIndex(state.instansi);
    }
    function needs() {
      var inst = instIndex(state.instansi), h = unitHome(), list = [];
      if ((inst < 0 || state.banding === "semua") && acrossName(comboKey())) { list.push(acrossName(comboKey())); }
      if (inst >= 0) { list.push(String(inst)); }
      if (h >= 0 && h !== inst) { list.push(String(h)); }
      return list.filter(function (name) { return !got(D, name); });
    }
    /* then() now when every file the view needs is here; else load them and repaint all */
    function ensure(then) {
      var missing = needs();
      if (!missing.length) { then(); return; }
      var info = root.querySelector("[data-funnel-info]");
      if (info) { info.textContent = "Memuat data …"; }
      missing.forEach(function (name) {
        if (pending[name]) { return; }
        pending[name] = true;
        load(D, name, function () {
          delete pending[name];
          learn(usable(got(D, name)));
          ensure(paint);
        });
      });
    }
    function failed() {
      var inst = instIndex(state.instansi), names = [];
      if (inst < 0 || state.banding === "semua") { names.push(acrossName(comboKey())); }
      if (inst >= 0) { names.push(String(inst)); }
      return names.some(function (name) { var d = name && got(D, name); return d && d.gagal; });
    }

    /* ---- The funnel of the filters ---------------------------------------------------- */
    function thinned(f) {
      return Object.keys(f.sampel || {}).some(function (k) { return f.sampel[k][0] < f.sampel[k][1]; });
    }
    function pair(points, unitList) { return points.map(function (p) { return [p, unitList[p[0]]]; }); }
    function current() {
      var key = comboKey(), inst = instIndex(state.instansi);
      if (inst < 0) {
        var all = across(key);
        return all ? { f: all, pts: pair(all.titik, all.unit), scope: "semua", skipped: all.tidak_digambar,
          hidden: all.disembunyikan, drawn: all.titik_total, thinned: thinned(all) } : null;
      }
      var file = usable(got(D, String(inst)));
      var mine = file ? file.funnel[key] : null, own = mine ? mine.sendiri : null;
      if (state.banding === "semua") {
        var f = across(key);
        if (!f || !file) { return null; }
        var pts = mine ? pair(mine.semua, file.unit) : [];
        return { f: f, pts: pts, scope: "semua", skipped: own ? own.tidak_digambar : 0,
          hidden: own ? own.disembunyikan : 0, drawn: pts.length, thinned: false };
      }
      if (!own) { return null; }
      return { f: own, pts: pair(own.titik, file.unit), scope: "instansi", skipped: own.tidak_digambar,
        hidden: own.disembunyikan, drawn: own.titik.length, thinned: false };
    }
    /* point: [unit, n, (share, text, flag, b95lo, b95hi, b998lo, b998hi) × 2, tested];
       pts: [point, its unit [instansi index, unor_id, nama]] */
    function draw(m, c) {
      var target = root.querySelector('[data-funnel="' + MEASURES[m][0] + '"]');
      var note = root.querySelector('[data-funnel-hitung="' + MEASURES[m][0] + '"]');
      if (!target) { return; }
      var st = c ? c.f[MEASURES[m][0]] : null, off = 2 + 7 * m, data = [];
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
      var part = c && c.thinned ? " — sebagian" : "";
      var groups = [["Unit (≥ " + D.min_n + " dinilai)" + part, function (p) { return p[16] === 1 && p[off + 2] === 0; }, "#1f4e79", "circle"],
        ["Unit < " + D.min_n + " dinilai (tidak ditandai)" + part, function (p) { return p[16] !== 1; }, "#1f4e79", "circle-open"],
        ["Di bawah batas bawah 99,8 % (ditampilkan, tidak ditandai)" + part, function (p) { return p[16] === 1 && p[off + 2] === -1; }, "#e67e22", "triangle-down"],
        ["Ditandai: di atas batas atas 99,8 %", function (p) { return p[16] === 1 && p[off + 2] === 1; }, "#c0392b", "diamond"]];
      var pts = c ? c.pts : [];
      groups.forEach(function (g) {
        var chosen = pts.filter(function (x) { return g[1](x[0]); });
        data.push({ type: "scatter", mode: "markers", name: g[0], x: chosen.map(function (x) { return x[0][1]; }),
          y: chosen.map(function (x) { return x[0][off]; }),
          customdata: chosen.map(function (x) {
            var p = x[0], u = x[1];
            return [K.esc(u[2]), K.esc(p[off + 1]), pct(p[off + 3]) + "–" + pct(p[off + 4]),
              pct(p[off + 5]) + "–" + pct(p[off + 6]), u[1], pct(p[off]), u[0]];
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
          state.unit = p.customdata[4];
          home[state.unit] = p.customdata[6];
          toHash(); ensure(detail);
        });
      }
      if (note) {
        note.textContent = st ? ("Ditandai: " + K.fmtInt(st.di_atas) + " unit di atas batas atas 99,8 % dari " + K.fmtInt(st.diuji) +
          " unit yang diuji (" + K.fmtInt(st.di_bawah) + " unit di bawah batas bawah ditampilkan, tidak ditandai); alarm palsu yang diharapkan bila tidak ada unit menyimpang: " +
          num(st.alarm_palsu) + " per sisi. Overdispersi φ = " + num(st.phi) + ", τ² = " + num(st.tau2) + ".") : "Tidak ada data untuk pilihan ini.";
      }
    }
    function infoText(c) {
      if (!c) {
        return failed() ? "Data untuk pilihan ini tidak dapat dimuat (berkas data di folder " + D.folder +
          " tidak ditemukan di samping halaman)." : "Tidak ada data untuk pilihan ini.";
      }
      var f = c.f, text = K.fmtInt(c.drawn) + " unit digambar";
      if (c.thinned) {
        var parts = [["dalam", "titik dalam batas"], ["di_bawah", "titik di bawah batas bawah 99,8 %"]].filter(function (k) {
          return f.sampel[k[0]][0] < f.sampel[k[0]][1];
        }).map(function (k) {
          return k[1] + " ditampilkan sebagian: " + K.fmtInt(f.sampel[k[0]][0]) + " dari " + K.fmtInt(f.sampel[k[0]][1]);
        });
        text += " (" + parts.join("; ") + "; semua unit yang ditandai ditampilkan; pilih instansi untuk melihat semua titiknya)";
      }
      return text + "; " + K.fmtInt(c.skipped) + " unit dengan kurang dari " + D.min_gambar + " pegawai dinilai tidak digambar" +
        (c.hidden ? "; " + K.fmtInt(c.hidden) + " unit tidak digambar karena jumlahnya disembunyikan (privasi)" : "") +
        ". Batas dari " + (c.scope === "semua" ? "semua instansi." : "instansi yang dipilih.");
    }

    /* ---- Drill-down: the unit's SE detail, from its instansi's data file ----------------- */
    function perLabel(per) {
      var label = "";
      D.periode.forEach(function (p) { if (p[0] === per) { label = p[1]; } });
      return label;
    }
    function detail() {
      var empty = root.querySelector("[data-rinci-kosong]"), box = root.querySelector("[data-rinci-isi]");
      var h = unitHome(), file = h >= 0 ? usable(got(D, String(h))) : null, u = -1, i;
      for (i = 0; file && i < file.unit.length; i++) { if (file.unit[i][1] === state.unit) { u = i; } }
      var r = u >= 0 && file.rinci[state.periode] ? file.rinci[state.periode][String(u)] : null;
      if (!r) { box.hidden = true; empty.hidden = false; return; }
      box.hidden = false; empty.hidden = true;
      var unit = file.unit[u];
      root.querySelector("[data-rinci-nama]").textContent = unit[2] + " · " + D.instansi[unit[0]][1] + " · " + perLabel(state.periode);
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

    /* ---- Table of units out of the SE bounds: when the page holds only its first rows, an
       instansi's rows come from its data file (same cells and order as the server's rows) */
    var tableInfo = root.querySelector("[data-batas-info]");
    var serverInfo = tableInfo ? tableInfo.textContent : "", serverRows = null, tableShown = "";
    function cell(v) {
      var td = K.el("td", typeof v === "number" ? K.fmtInt(v) : String(v), typeof v === "number" ? "num" : "num s");
      if (typeof v === "number") { td.setAttribute("data-v", String(v)); }
      return td;
    }
    function breachRow(b) {
      var u = b[0], r = b[2], tr = K.el("tr", null, "warn"), th = K.el("th", u[2]), org = K.el("td", r.organisasi + " ");
      th.scope = "row";
      org.appendChild(K.el("span", "(" + r.sumber + ")", "muted"));
      [th, K.el("td", D.instansi[u[0]][1]), K.el("td", perLabel(b[1])), org, cell(r.n)].forEach(function (e) { tr.appendChild(e); });
      r.jumlah.forEach(function (v) { tr.appendChild(cell(v)); });
      tr.appendChild(cell(r.pindah === null || r.pindah === undefined ? "x" : r.pindah));
      tr.appendChild(K.el("td", r.kalimat || ""));
      return tr;
    }
    function order(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
    function breaches(file) {
      var out = [];
      Object.keys(file.rinci).forEach(function (per) {
        Object.keys(file.rinci[per]).forEach(function (u) {
          var r = file.rinci[per][u];
          if (r.keras) { out.push([file.unit[Number(u)], per, r]); }
        });
      });
      return out.sort(function (a, b) {
        return (a[1].indexOf("-") >= 0) - (b[1].indexOf("-") >= 0) || (b[2].pindah || 0) - (a[2].pindah || 0) ||
          order(a[0][2], b[0][2]) || order(a[1], b[1]);
      });
    }
    function table() {
      var t = (root.kinerjaTables || K.tables)["batas-se"];
      if (!t || !D.tabel || D.tabel.tampil >= D.tabel.total) { return; }
      if (!serverRows) { serverRows = t.original.slice(); }
      var inst = instIndex(state.instansi), file = inst >= 0 ? usable(got(D, String(inst))) : null;
      var want = file ? String(inst) : "";
      if (want === tableShown) { return; }
      tableShown = want;
      if (!file) { t.setRows(serverRows); if (tableInfo) { tableInfo.textContent = serverInfo; } return; }
      var rows = breaches(file);
      t.setRows(rows.map(breachRow));
      if (tableInfo) { tableInfo.textContent = "Semua " + K.fmtInt(rows.length) + " baris instansi " + D.instansi[inst][1] + "."; }
    }

    function paint() {
      var c = current();
      draw(0, c); draw(1, c);
      var info = root.querySelector("[data-funnel-info]");
      if (info) { info.textContent = infoText(c); }
      table();
      detail();
    }
    function render() {
      if (sel.instansi) { sel.instansi.value = state.instansi; }
      if (sel.jabatan) { sel.jabatan.value = state.jabatan; }
      if (sel.periode) { sel.periode.value = state.periode; }
      if (cmp) { cmp.checked = state.banding === "semua"; cmp.disabled = !state.instansi; }
      ensure(paint);
    }
    Object.keys(sel).forEach(function (k) {
      if (!sel[k]) { return; }
      sel[k].addEventListener("change", function () { state[k] = sel[k].value; toHash(); render(); });
    });
    if (cmp) { cmp.addEventListener("change", function () { state.banding = cmp.checked ? "semua" : ""; toHash(); render(); }); }
    return function () { fromHash(); render(); };
  }
})();
