/* Two things the theme's search does not do for Norwegian, done before its
   bundle loads.

   1. Word forms. The theme adds "*" to every query term and matches it as a
      prefix, which lunr never stems; its Norwegian stemmer, switched on,
      stems the index but not such a term, and nothing is found (checked in
      Chromium with Material 9.7). So the query is shortened to its stem
      here instead: a term of six letters or more loses one inflection ending
      ("fastlegene" -> "fastleg", "legemidlene" -> "legemidl") before it goes
      to the search worker, whose prefix match then finds "fastlegen",
      "fastleger" and "legemidler" alike.

   2. The year's search index (search/search_index.json, 0,5-3,4 MB) is fetched
   only when the reader opens search: the theme's bundle asks for it as soon
   as a page loads, through XMLHttpRequest; this script, loaded in the page's
   head before the bundle, holds that one request back until the search field
   gets focus, the search toggle opens, or the address carries a query (?q=).
   Every other request passes untouched. */
(function () {
  "use strict";
  var proto = XMLHttpRequest.prototype;
  var open = proto.open;
  var send = proto.send;
  var waiting = [];
  var released = false;
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;

  function release() {
    if (released) return;
    released = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }

  proto.open = function (method, url) {
    this.hbSearchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  proto.send = function () {
    var xhr = this;
    var args = arguments;
    if (xhr.hbSearchIndex && !released) {
      waiting.push(function () { send.apply(xhr, args); });
      return undefined;
    }
    return send.apply(xhr, args);
  };

  document.addEventListener("focusin", function (event) {
    var t = event.target;
    if (t && t.matches && t.matches("[data-md-component=search-query], .md-search__input")) release();
  }, true);
  document.addEventListener("change", function (event) {
    var t = event.target;
    if (t && t.id === "__search" && t.checked) release();
  }, true);
  if (/[?&]q=/.test(location.search)) release();
  // Longest first; the stem keeps at least five letters.
  var ENDINGS = ["hetene", "heten", "ende", "ene", "ane", "ens", "ers", "ets", "het", "er", "en", "et", "ar", "a", "e"];

  function stem(term) {
    if (!/^[a-zæøå]{6,}$/i.test(term)) return term;
    for (var i = 0; i < ENDINGS.length; i++) {
      var end = ENDINGS[i];
      if (term.length - end.length >= 5 && term.toLowerCase().slice(-end.length) === end) {
        return term.slice(0, -end.length);
      }
    }
    return term;
  }

  function wordForms(query) {
    return query.split(/(\s+)/).map(stem).join("");
  }

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    // {type: 2, data: "..."}: the theme's query message to its search worker.
    if (message && message.type === 2 && typeof message.data === "string") {
      arguments[0] = { type: 2, data: wordForms(message.data) };
    }
    return post.apply(this, arguments);
  };

  // Its own name: idsearch.js sets window.helsebudsjett afresh.
  window.helsebudsjettSok = { loadIndex: release, wordForms: wordForms };
}());
