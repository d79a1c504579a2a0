/* Draws every figure embedded as <script type="application/json" data-figure="ID">.
   Works offline (file://): plotly.min.js is loaded from ../assets relative to the page. */
(function () {
  "use strict";
  var config = { displaylogo: false, displayModeBar: false, responsive: true };
  var nodes = document.querySelectorAll('script[type="application/json"][data-figure]');
  for (var i = 0; i < nodes.length; i++) {
    var target = document.getElementById(nodes[i].getAttribute("data-figure"));
    if (!target) { continue; }
    if (typeof Plotly === "undefined") {
      target.textContent = "Grafik tidak dapat dimuat (plotly.min.js tidak ditemukan).";
      continue;
    }
    try {
      var fig = JSON.parse(nodes[i].textContent);
      Plotly.newPlot(target, fig.data, fig.layout, config);
    } catch (err) {
      target.textContent = "Grafik tidak dapat digambar.";
    }
  }
})();

/* Unit tables: rows are embedded as JSON ([kedalaman, nama, cells...]) and rendered with
   textContent (never as HTML) when their <details> is opened. */
(function () {
  "use strict";
  function fmt(v) {
    return typeof v === "number" ? String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ".") : v;
  }
  function render(details) {
    if (details.getAttribute("data-rendered")) { return; }
    var source = document.getElementById(details.getAttribute("data-units"));
    var body = details.querySelector("tbody");
    if (!source || !body) { return; }
    var rows = JSON.parse(source.textContent);
    var frag = document.createDocumentFragment();
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var tr = document.createElement("tr");
      if (r[0] > 0) { tr.className = "k" + r[0]; }
      for (var j = 1; j < r.length; j++) {
        var td = document.createElement("td");
        td.textContent = fmt(r[j]);
        if (r[j] === "<5" || r[j] === "x") { td.className = "s"; }
        tr.appendChild(td);
      }
      frag.appendChild(tr);
    }
    body.appendChild(frag);
    details.setAttribute("data-rendered", "1");
  }
  var groups = document.querySelectorAll("details[data-units]");
  for (var i = 0; i < groups.length; i++) {
    groups[i].addEventListener("toggle", function (ev) {
      if (ev.target.open) { render(ev.target); }
    });
    if (groups[i].open) { render(groups[i]); }
  }
  window.addEventListener("beforeprint", function () {
    for (var k = 0; k < groups.length; k++) { render(groups[k]); groups[k].open = true; }
  });
})();
