// Filters by severity, category and rule: a finding whose severity, category or rule is
// unticked loses its highlight and its margin note. `#hide=severity:info,rule:ID` in the
// address unticks those on load, so a filtered view can be linked to.
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("#filters input[type=checkbox]"));
  var notes = Array.prototype.slice.call(document.querySelectorAll(".note"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.finding, sup.ref"));
  var shown = document.getElementById("shown");

  function apply() {
    var off = { severity: {}, category: {}, rule: {} };
    boxes.forEach(function (b) { if (!b.checked) { off[b.dataset.facet][b.value] = true; } });
    var hidden = {};
    var visible = 0;
    notes.forEach(function (n) {
      var hide = off.severity[n.dataset.severity] || off.category[n.dataset.category] || off.rule[n.dataset.rule];
      n.hidden = !!hide;
      if (hide) { hidden[n.dataset.finding] = true; } else { visible += 1; }
    });
    marks.forEach(function (m) {
      var ids = m.dataset.finding.split(" ");
      m.classList.toggle("off", ids.every(function (id) { return hidden[id]; }));
    });
    if (shown) { shown.textContent = String(visible); }
    document.body.dataset.shown = String(visible);
  }

  var hash = decodeURIComponent(window.location.hash || "");
  var match = /^#hide=(.*)$/.exec(hash);
  if (match) {
    match[1].split(",").forEach(function (item) {
      var at = item.indexOf(":");
      var facet = item.slice(0, at), value = item.slice(at + 1);
      boxes.forEach(function (b) { if (b.dataset.facet === facet && b.value === value) { b.checked = false; } });
    });
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  apply();
  document.body.dataset.ready = "true";
})();
