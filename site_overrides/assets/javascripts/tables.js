/* Sortable and filterable tables (the assignment index), and the source view's
   clickable line numbers. Without JavaScript the
   whole table is still shown. Works with Material's instant loading too. */
/* Runs fn on every page: when the page has loaded, and again after each of
   Material's instant page changes (document$). Shared by the site's scripts
   (idsearch.js and versjon.js load after this file; the offline bundle loads
   this one only). */
window.helsebudsjettOnEveryPage = function (fn) {
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(fn);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fn);
  } else {
    fn();
  }
};

(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    return cell.getAttribute("data-sort") || cell.textContent.trim();
  }

  function compare(a, b) {
    var na = Number(a.replace(/[\s\u00a0]/g, "").replace(",", "."));
    var nb = Number(b.replace(/[\s\u00a0]/g, "").replace(",", "."));
    if (a !== "" && b !== "" && !isNaN(na) && !isNaN(nb)) return na - nb;
    return a.localeCompare(b, "nb", { numeric: true });
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sorter";
      button.textContent = th.textContent;
      button.setAttribute("aria-label", "Sorter etter " + th.textContent);
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var c = compare(cellValue(r1, index), cellValue(r2, index));
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  var FILTERS = [
    ["avdeling", "Avdeling"],
    ["status", "Status"],
    ["maaned", "Fristmåned"],
    ["brev", "Brev"]
  ];
  var LABELS = { "new": "Nytt", "carried_over": "Videreført", "hovedbrev": "Hovedbrevet", "": "(ingen)" };

  var MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
                "oktober", "november", "desember"];

  /* "2025-05" -> "mai 2025"; anything else unchanged. */
  function monthLabel(v) {
    var m = /^(\d{4})-(\d{2})$/.exec(v);
    return m ? MONTHS[Number(m[2]) - 1] + " " + m[1] : v;
  }

  function makeFilterable(wrapper, table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var bar = document.createElement("div");
    bar.className = "filterlinje";
    var selects = [];
    var counter = document.createElement("p");
    counter.className = "filterantall";
    counter.setAttribute("aria-live", "polite");
    FILTERS.forEach(function (f) {
      var values = {};
      rows.forEach(function (r) {
        (r.getAttribute("data-" + f[0]) || "").split(" ").forEach(function (v) { values[v] = true; });
      });
      var label = document.createElement("label");
      label.textContent = f[1] + " ";
      var select = document.createElement("select");
      select.setAttribute("data-filter", f[0]);
      var all = document.createElement("option");
      all.value = "*";
      all.textContent = "Alle";
      select.appendChild(all);
      Object.keys(values).sort().forEach(function (v) {
        var o = document.createElement("option");
        o.value = v;
        o.textContent = LABELS[v] !== undefined ? LABELS[v] : monthLabel(v).replace("tillegg-", "Tillegg ").replace("supplerende-nr-", "Supplerende nr. ");
        select.appendChild(o);
      });
      select.addEventListener("change", apply);
      label.appendChild(select);
      bar.appendChild(label);
      selects.push(select);
    });
    function apply() {
      var shown = 0;
      rows.forEach(function (r) {
        var ok = selects.every(function (s) {
          if (s.value === "*") return true;
          var have = (r.getAttribute("data-" + s.getAttribute("data-filter")) || "").split(" ");
          return have.indexOf(s.value) !== -1;
        });
        r.hidden = !ok;
        if (ok) shown += 1;
      });
      counter.textContent = "Viser " + shown + " av " + rows.length + " oppdrag.";
    }
    wrapper.insertBefore(bar, table);
    wrapper.insertBefore(counter, table);
    apply();
  }

  function init() {
    document.querySelectorAll("table.sorterbar").forEach(function (table) {
      if (table.getAttribute("data-ready")) return;
      table.setAttribute("data-ready", "1");
      makeSortable(table);
      var wrapper = table.closest(".filtertabell");
      if (wrapper) makeFilterable(wrapper, table);
    });
  }

  window.helsebudsjettOnEveryPage(init);
})();

/* Source view: the line numbers are drawn by CSS (a counter, no markup per
   number); a click on a line's number links to that line (#L123). */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var line = event.target;
    if (!(line instanceof HTMLElement) || !line.id || !line.parentElement ||
        !line.parentElement.classList.contains("kilde")) return;
    /* Each line is a block with its number in a 5em hanging indent (site.css):
       a click in that gutter, beside any row of a wrapped line, is on its number. */
    var box = line.getBoundingClientRect();
    var gutter = 5 * parseFloat(getComputedStyle(line).fontSize);  /* width + margin of ::before */
    if (event.clientY >= box.top && event.clientY <= box.bottom && event.clientX - box.left <= gutter) {
      location.hash = line.id;
    }
  });
})();

/* Source view: a link to a range of lines (#L3466-L3491) marks every line of
   it and scrolls to the first, so a citation shows all the text it cites. */
(function () {
  "use strict";
  function markRange() {
    var old = document.querySelectorAll("pre.kilde > span.sitert");
    Array.prototype.forEach.call(old, function (el) { el.classList.remove("sitert"); });
    var m = /^#L(\d+)(?:-L(\d+))?$/.exec(location.hash);
    if (!m) return;
    var first = Number(m[1]);
    var last = m[2] ? Number(m[2]) : first;
    var start = document.getElementById("L" + first);
    if (!start || !start.parentElement || !start.parentElement.classList.contains("kilde")) return;
    for (var n = first; n <= last; n++) {
      var el = document.getElementById("L" + n);
      if (el) el.classList.add("sitert");
    }
    if (m[2]) start.scrollIntoView();
  }
  window.addEventListener("hashchange", markRange);
  window.helsebudsjettOnEveryPage(markRange);
})();
