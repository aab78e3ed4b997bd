/* Search across budget years, on top of Material's search of this year.

   Material searches this year's pages only (lunr, Norwegian stemming; it
   splits "TB2025-12" into "tb2025" + "12" and adds wildcards, so an ID finds
   many unrelated pages and another year's ID finds nothing). This script
   reads the site's ID index (ids.json at the site root, written by the
   generator; see llms.txt) and puts on top of the result list:
   - for an ID (TB2022-01, kap. 740, 740.21, vedtak 1114): that thing's page
     in every year that has it, newest year first, each marked with its year;
   - for words: the chapters, posts, decisions and assignments of every year
     whose titles hold them (a light Norwegian suffix stemming).
   Material's own hit for a page already listed is hidden, so every page is
   listed once; Material's hits get this year's mark. Without ids.json (one
   year opened on its own) this year's data/sok.json gives the ID hits. */
(function () {
  "use strict";
  var loading = null;
  var MAX_WORD_HITS = 6;
  var TYPE_ORDER = { kapittel: 0, post: 1, vedtak: 2, oppdrag: 3 };

  function versionRoot() {
    var el = document.getElementById("__config");
    var cfg = el ? JSON.parse(el.textContent) : { base: "." };
    return new URL(cfg.base.replace(/\/?$/, "/"), location.href);
  }

  function thisYear() {
    var m = versionRoot().pathname.match(/(\d{4})\/$/);
    return m ? parseInt(m[1], 10) : null;
  }

  function getJSON(url) {
    return fetch(url).then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; });
  }

  /* This year's data/sok.json ({key: [url, title]}) in the shape of ids.json. */
  function fromYearKeys(data, year) {
    var ids = {};
    Object.keys(data || {}).forEach(function (k) {
      ids[k] = { id: k, title: data[k][1], type: "", "in": [[year, year + "/" + data[k][0]]] };
    });
    return { ids: ids, aliases: {} };
  }

  function loadIndex() {
    if (!loading) {
      var root = versionRoot();
      loading = getJSON(new URL("../ids.json", root)).then(function (d) {
        if (d && d.ids) return d;
        return getJSON(new URL("data/sok.json", root)).then(function (y) { return fromYearKeys(y, thisYear()); });
      });
    }
    return loading;
  }

  /* The keys the generator writes: "tb2025-12", "740", "740.21", "2022-2023-1", alias "vedtak-831". */
  function keysFor(query) {
    var q = query.toLowerCase().replace(/[\u2010-\u2015]/g, "-").replace(/\s+/g, " ").trim();
    var keys = [];
    var m = q.match(/^(t?tb)\s*(\d{4})\s*-?\s*(\w+)$/);
    if (m) keys.push(m[1] + m[2] + "-" + m[3]);
    m = q.match(/^(?:kap(?:ittel)?\.?\s*)?(\d{3,4})(?:\s*[.,]?\s*(?:post\s*)?(\d{2}))?$/);
    if (m) keys.push(m[2] ? m[1] + "." + m[2] : m[1]);
    m = q.match(/^(?:(?:anmodnings)?vedtak\s*(?:nr\.?)?\s*)(\d{1,4})(?:\s*\(?(\d{4})\s*[-–]\s*(\d{4})\)?)?$/);
    if (m) keys.push(m[2] ? m[2] + "-" + m[3] + "-" + m[1] : "vedtak-" + m[1]);
    return keys;
  }

  var SUFFIXES = ["heten", "elser", "ende", "ene", "ane", "ere", "het", "ers", "ens", "er", "en", "et", "ar", "a", "e", "s"];
  function stem(word) {
    for (var i = 0; i < SUFFIXES.length; i++) {
      var s = SUFFIXES[i];
      if (word.length - s.length >= 4 && word.slice(-s.length) === s) return word.slice(0, -s.length);
    }
    return word;
  }

  function words(text) {
    return text.toLowerCase().split(/[^0-9a-zæøåéü]+/).filter(function (w) { return w.length > 0; });
  }

  function rank(entry) {
    return entry.type in TYPE_ORDER ? TYPE_ORDER[entry.type] : 9;
  }

  function wordEntries(index, query) {
    var terms = words(query).filter(function (w) { return w.length >= 3; }).map(stem);
    if (!terms.length) return [];
    var found = [];
    Object.keys(index.ids).forEach(function (key) {
      var entry = index.ids[key];
      var title = words(entry.title);
      var all = terms.every(function (t) {
        return title.some(function (w) { return w.indexOf(t) === 0 || stem(w) === t; });
      });
      if (all) found.push(entry);
    });
    found.sort(function (a, b) {
      return rank(a) - rank(b) || b["in"][0][0] - a["in"][0][0]
        || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0);
    });
    return found.slice(0, MAX_WORD_HITS);
  }

  function exactEntry(index, query) {
    var keys = keysFor(query);
    for (var i = 0; i < keys.length; i++) {
      var key = index.aliases && index.aliases[keys[i]] ? index.aliases[keys[i]] : keys[i];
      if (index.ids[key]) return index.ids[key];
    }
    return null;
  }

  /* One list item per page: [year] title, a note under it. */
  function item(year, url, title, note, kind) {
    var li = document.createElement("li");
    li.className = "md-search-result__item id-treff id-treff--" + kind;
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var h1 = document.createElement("h1");
    var badge = document.createElement("span");
    badge.className = "hb-ar";
    badge.textContent = String(year);
    h1.appendChild(badge);
    h1.appendChild(document.createTextNode(" " + title));
    var p = document.createElement("p");
    p.textContent = note;
    article.appendChild(h1);
    article.appendChild(p);
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  /* What a page about the same thing shows: "tb2025-12", "kap. 740", "740.21", a decision's number. */
  function needle(entry) {
    var m = entry.type === "vedtak" && entry.id.match(/nr\.\s*(\d+)/);
    return (m ? m[1] : entry.id).toLowerCase();
  }

  function hitsFor(index, query) {
    var siteRoot = new URL("../", versionRoot());
    var out = [];
    var exact = exactEntry(index, query);
    var entries = exact ? [exact] : wordEntries(index, query);
    entries.forEach(function (entry) {
      var years = entry["in"].map(function (pair) { return pair[0]; });
      /* an ID: its page in every year; words: each thing once, at its newest page */
      var pages = exact ? entry["in"] : entry["in"].slice(0, 1);
      pages.forEach(function (pair) {
        var note = exact
          ? "Direkte treff på " + query.trim() + " i " + pair[0] + (years.length > 1 ? " (finnes i " + years.join(", ") + ")" : "")
          : "Tittel i " + years.join(", ");
        out.push({ year: pair[0], url: new URL(pair[1], siteRoot).href, title: pair[2] || entry.title, note: note,
                   kind: exact ? "id" : "ord", post: entry.type === "post", needle: needle(entry), label: entry.id });
      });
    });
    return out;
  }

  function samePage(href, hit) {
    var a = new URL(href, location.href), b = new URL(hit.url);
    if (a.pathname !== b.pathname) return false;
    return hit.post ? a.hash === b.hash : true;
  }

  /* An item's text without Material's "Mangler: ..." line (the query terms the page lacks). */
  function shownText(li) {
    var text = li.textContent;
    Array.prototype.forEach.call(li.querySelectorAll(".md-search-result__terms"), function (p) {
      text = text.replace(p.textContent, "");
    });
    return text.toLowerCase();
  }

  /* Material's own items: mark them with this year, hide the ones we list
     already and, after an exact ID hit, the ones that do not show the ID
     (lunr finds "tb2025" and "12" on every page of 2025). */
  function decorate(list, hits) {
    var id = hits.length && hits[0].kind === "id" ? hits[0].needle : null;
    var year = thisYear();
    var others = 0;
    Array.prototype.forEach.call(list.children, function (li) {
      if (li.classList.contains("id-treff")) return;
      var link = li.querySelector("a.md-search-result__link");
      var dup = link && hits.some(function (h) { return samePage(link.href, h); });
      var noise = id && shownText(li).indexOf(id) < 0;
      li.hidden = !!(dup || noise);
      if (!li.hidden) others += 1;
      var h1 = li.querySelector("h1");
      if (year && h1 && !h1.querySelector(".hb-ar")) {
        var badge = document.createElement("span");
        badge.className = "hb-ar";
        badge.textContent = String(year);
        h1.insertBefore(badge, h1.firstChild);
        h1.insertBefore(document.createTextNode(" "), badge.nextSibling);
      }
    });
    /* Material's count ("94 treff") counts what was hidden: say what is shown. */
    var meta = id && document.querySelector(".md-search-result__meta");
    if (meta) {
      meta.textContent = hits.length + (hits.length === 1 ? " side" : " sider") + " for " + hits[0].label
        + (others ? ", og " + others + " til som nevner den" : "");
    }
  }

  var shown = { query: null, hits: [] };

  function place(list) {
    var own = Array.prototype.filter.call(list.children, function (li) { return li.classList.contains("id-treff"); });
    var have = own.map(function (li) { return li.getAttribute("data-url"); }).join(" ");
    var wanted = shown.hits.map(function (h) { return h.url; }).join(" ");
    var onTop = own.every(function (li, i) { return list.children[i] === li; });
    if (have !== wanted || !onTop) {
      own.forEach(function (li) { li.remove(); });
      var before = list.firstElementChild;
      shown.hits.forEach(function (h) {
        var li = item(h.year, h.url, h.title, h.note, h.kind);
        li.setAttribute("data-url", h.url);
        list.insertBefore(li, before);
      });
    }
    decorate(list, shown.hits);
  }

  function update() {
    var input = document.querySelector(".md-search__input");
    var list = document.querySelector(".md-search-result__list");
    if (!input || !list) return;
    var query = input.value;
    loadIndex().then(function (index) {
      if (input.value !== query) return;  /* a newer keystroke is on its way */
      shown = { query: query, hits: index && query.trim() ? hitsFor(index, query) : [] };
      place(list);
    });
  }

  function init() {
    var input = document.querySelector(".md-search__input");
    var list = document.querySelector(".md-search-result__list");
    if (!input || !list || input.getAttribute("data-id-sok")) return;
    input.setAttribute("data-id-sok", "1");
    input.addEventListener("input", update);
    /* Material redraws the list on every keystroke and adds items as one
       scrolls: put our items back on top and mark the new ones. */
    new MutationObserver(function () { place(list); }).observe(list, { childList: true });
  }

  /* Shared with versjon.js (the version switch and the "finnes ikke" page). */
  window.helsebudsjett = { loadIndex: loadIndex, versionRoot: versionRoot, thisYear: thisYear };

  window.helsebudsjettOnEveryPage(init);
})();
