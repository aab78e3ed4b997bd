/* Direct hits for IDs in the search box. Lunr splits a query at "-" and adds
   a wildcard to every term, so "TB2025-1" ranks TB2025-17 above TB2025-1. When
   the query is an assignment ID, a kap/post number or a decision number, put
   the page it names first in the results, from this year's data/sok.json
   (written by the generator). */
(function () {
  "use strict";
  var index = null;

  function base() {
    var el = document.getElementById("__config");
    var cfg = el ? JSON.parse(el.textContent) : { base: "." };
    return new URL(cfg.base.replace(/\/?$/, "/"), location.href);
  }

  function load() {
    if (index) return Promise.resolve(index);
    return fetch(new URL("data/sok.json", base()))
      .then(function (r) { return r.ok ? r.json() : {}; })
      .catch(function () { return {}; })
      .then(function (data) { index = data; return data; });
  }

  /* The keys the generator writes: "tb2025-12", "740", "740.21", "2022-2023-1", "vedtak-831". */
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

  function render(list, hit) {
    var old = list.querySelector(".id-treff");
    if (old && old.getAttribute("data-key") === hit.key) {
      if (list.firstElementChild !== old) list.insertBefore(old, list.firstElementChild);
      return;
    }
    if (old) old.remove();
    var li = document.createElement("li");
    li.className = "md-search-result__item id-treff";
    li.setAttribute("data-key", hit.key);
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = new URL(hit.url, base()).href;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var h1 = document.createElement("h1");
    h1.textContent = hit.title;
    var p = document.createElement("p");
    p.textContent = "Direkte treff på " + hit.label;
    article.appendChild(h1);
    article.appendChild(p);
    a.appendChild(article);
    li.appendChild(a);
    list.insertBefore(li, list.firstElementChild);
  }

  function update() {
    var input = document.querySelector(".md-search__input");
    var list = document.querySelector(".md-search-result__list");
    if (!input || !list) return;
    var keys = keysFor(input.value);
    load().then(function (data) {
      var hit = null;
      keys.some(function (k) {
        if (data[k]) { hit = { key: k, url: data[k][0], title: data[k][1], label: input.value.trim() }; return true; }
        return false;
      });
      if (hit) render(list, hit);
      else {
        var old = list.querySelector(".id-treff");
        if (old) old.remove();
      }
    });
  }

  function init() {
    var input = document.querySelector(".md-search__input");
    var list = document.querySelector(".md-search-result__list");
    if (!input || !list || input.getAttribute("data-id-sok")) return;
    input.setAttribute("data-id-sok", "1");
    input.addEventListener("input", update);
    /* Material redraws the list on every keystroke: put the hit back on top. */
    new MutationObserver(function () {
      var own = list.querySelector(".id-treff");
      if (!own || list.firstElementChild !== own) update();
    }).observe(list, { childList: true });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
