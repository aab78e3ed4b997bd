/* A version switch that keeps your place.

   Material's version selector opens the same path in the other year when
   that year's sitemap has it, else the other year's front page. This
   script takes the click first (capture phase) and decides with the site's
   ID index (ids.json, see idsearch.js): an assignment, chapter, post anchor
   or decision opens the same thing in the other year; where that year does
   not have it, its "finnes ikke" page says so ("TB2025-12 finnes ikke i
   2022") and links the nearest index. Any other page (a letter section, the
   calendar, ...) opens the same path when the other year's sider.json
   lists it, else the "finnes ikke" page too. It also fills in that page. */
(function () {
  "use strict";
  var hb = window.helsebudsjett;
  if (!hb) return;

  /* Where the reader is: an entity key from the path, or a plain page. */
  function place() {
    var root = hb.versionRoot();
    var rel = decodeURIComponent(location.pathname.slice(root.pathname.length));
    var m = rel.match(/^oppdrag\/([^/]+)\/$/);
    if (m && /\d/.test(m[1])) return { type: "oppdrag", key: m[1] };
    m = rel.match(/^kapittel\/(\d{3,4})\/$/);
    if (m) {
      var post = location.hash.match(/^#post-(\w+)$/);
      return { type: "kapittel", key: m[1], post: post ? m[1] + "." + post[1] : null };
    }
    m = rel.match(/^vedtak\/([^/]*\d[^/]*)\/$/);
    if (m) return { type: "vedtak", key: m[1] };
    return { type: "side", rel: rel };
  }

  function pageTitle() {
    var h1 = document.querySelector(".md-content h1");
    return h1 ? h1.textContent.replace(/¶/g, "").trim() : document.title;
  }

  function missing(targetRoot, label, type, key) {
    var url = new URL("finnes-ikke/", targetRoot);
    url.searchParams.set("id", label);
    url.searchParams.set("type", type);
    if (key) url.searchParams.set("nokkel", key);
    url.searchParams.set("fra", String(hb.thisYear()));
    return url.href;
  }

  /* The other year's pages as paths from its root: sider.json, written by
     the generator for every year. */
  function pagesOf(targetRoot) {
    return fetch(new URL("sider.json", targetRoot))
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (list) {
        if (!list) return null;
        var paths = {};
        list.forEach(function (p) { paths[p] = true; });
        return paths;
      })
      .catch(function () { return null; });
  }

  function samePath(targetRoot, rel) {
    if (!rel) return Promise.resolve(targetRoot.href);
    var url = new URL(rel, targetRoot);
    return pagesOf(targetRoot).then(function (paths) {
      if (!paths || paths[rel]) return url.href + location.hash;  /* no list: try the page */
      return missing(targetRoot, pageTitle(), "side");
    });
  }

  function resolve(targetRoot, year) {
    var here = place();
    if (here.type === "side") return samePath(targetRoot, here.rel);
    return hb.loadIndex().then(function (index) {
      if (!index || !index.ids) return samePath(targetRoot, location.pathname.slice(hb.versionRoot().pathname.length));
      var siteRoot = new URL("../", targetRoot);
      var inYear = function (key) {
        var entry = index.ids[key];
        var pair = entry && entry["in"].filter(function (p) { return p[0] === year; })[0];
        return pair ? new URL(pair[1], siteRoot).href : null;
      };
      if (here.post && !inYear(here.post)) {  /* the chapter may be there, the post is not */
        var post = index.ids[here.post];
        return missing(targetRoot, post ? "Kap. " + post.id.replace(".", " post ") : here.post, "post", here.post);
      }
      var url = (here.post && inYear(here.post)) || inYear(here.key);
      if (url) return url;
      var entry = index.ids[here.key];
      return missing(targetRoot, entry ? entry.id : here.key.toUpperCase(), here.type, here.key);
    });
  }

  window.addEventListener("click", function (ev) {
    var a = ev.target instanceof Element ? ev.target.closest(".md-version a.md-version__link") : null;
    if (!a || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    var target = new URL(a.href, location.href);
    var m = target.pathname.match(/(\d{4})\/$/);
    if (!m) return;  /* not a budget year: leave it to Material */
    ev.preventDefault();
    ev.stopPropagation();
    resolve(target, parseInt(m[1], 10)).then(function (url) { location.assign(url); });
  }, true);

  /* The "finnes ikke" page: say what is missing, put the nearest index first,
     and link the years that do have it. */
  function fillMissingPage() {
    var message = document.getElementById("finnes-ikke-melding");
    if (!message || message.getAttribute("data-fylt")) return;
    message.setAttribute("data-fylt", "1");
    var params = new URLSearchParams(location.search);
    var label = params.get("id"), type = params.get("type") || "side", key = params.get("nokkel");
    var year = hb.thisYear();
    if (label) message.textContent = label + " finnes ikke i " + year + ".";
    var links = Array.prototype.slice.call(document.querySelectorAll(".finnes-ikke a[data-type]"));
    var byType = function (t) {
      return links.filter(function (a) { return a.getAttribute("data-type").split(" ").indexOf(t) >= 0; })[0];
    };
    var nearest = byType(type) || byType("side");  /* no index of that kind this year: the front page */
    if (nearest) {
      var li = nearest.closest("li");
      li.classList.add("naermest");
      li.parentNode.insertBefore(li, li.parentNode.firstElementChild);
    }
    if (!key) return;
    hb.loadIndex().then(function (index) {
      var entry = index && index.ids && index.ids[key];
      var other = document.getElementById("finnes-andre-ar");
      var siteRoot = new URL("../", hb.versionRoot());
      var chapter = type === "post" && index && index.ids && index.ids[key.split(".")[0]];
      var here = chapter && chapter["in"].filter(function (p) { return p[0] === year; })[0];
      if (here) {  /* a missing post: its chapter in this year is the nearest page */
        var list = document.querySelector(".finnes-ikke ul");
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = new URL(here[1], siteRoot).href;
        a.textContent = chapter.title + " i " + year;
        li.appendChild(a);
        li.className = "naermest";
        Array.prototype.forEach.call(list.querySelectorAll("li.naermest"), function (x) { x.classList.remove("naermest"); });
        list.insertBefore(li, list.firstElementChild);
      }
      if (!entry || !other) return;
      other.textContent = (label || entry.id) + " finnes i ";
      entry["in"].forEach(function (pair, i) {
        if (i) other.appendChild(document.createTextNode(", "));
        var a = document.createElement("a");
        a.href = new URL(pair[1], siteRoot).href;
        a.textContent = String(pair[0]);
        other.appendChild(a);
      });
      other.appendChild(document.createTextNode("."));
      other.hidden = false;
    });
  }

  window.helsebudsjettOnEveryPage(fillMissingPage);
})();
