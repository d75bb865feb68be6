/* search.js: the search engine and the search box's results, loaded by cramdown.js with search-index.js (format 2,
   docs/TEMPLATES.md) when the box first gets focus or a page needs the question list.
   Every query word must match (AND): in the title as a substring, or through the sorted `terms` and their
   `postings`; the last word also matches as a prefix of terms. Title matches rank first. */
(function () {
  "use strict";
  var d = document, ROOT = d.documentElement.getAttribute("data-root") || "";
  function $(sel, el) { return (el || d).querySelector(sel); }
  function $$(sel, el) { return Array.prototype.slice.call((el || d).querySelectorAll(sel)); }
  function el(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function setStatus(msg) { var s = $("#cd-search-status"); if (s) s.textContent = msg; }
  // Same list as STOP_WORDS in src/search.rs: never in `terms`, so ignored in queries.
  var STOP = {};
  ("a an and are as at be but by can do does for from has have how if in into is it its not of on or so than that " +
    "the their then there these they this to was what when which while who why will with you your").split(" ").forEach(function (w) { STOP[w] = 1; });
  var index = null, terms = [], postings = [], decoded = [];
  // The index's vocabulary and postings, and the docs as cramdown.js decoded them.
  function init(data, docs) {
    if (data.stop) data.stop.forEach(function (w) { STOP[w] = 1; });
    terms = data.terms || [];
    postings = data.postings || [];
    decoded = new Array(terms.length);
    index = docs;
  }
  // The docs of term k, ascending: "d" + base-36 gaps joined by ".", or "b" + a base64 bitset.
  function docsOf(k) {
    if (decoded[k]) return decoded[k];
    var p = postings[k] || "d", out = [], i, n;
    if (p.charAt(0) === "b") {
      var bin = atob(p.slice(1));
      for (i = 0; i < bin.length; i++) {
        var byte = bin.charCodeAt(i);
        for (n = 0; byte; n++, byte >>= 1) if (byte & 1) out.push(i * 8 + n);
      }
    } else if (p.length > 1) {
      var gaps = p.slice(1).split("."), at = 0;
      for (i = 0; i < gaps.length; i++) out.push(at += parseInt(gaps[i], 36));
    }
    return (decoded[k] = out);
  }
  // First term >= w (binary search over the sorted vocabulary).
  function lowerBound(w) {
    var lo = 0, hi = terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < w) lo = mid + 1; else hi = mid; }
    return lo;
  }
  // Marks in `flags` the docs containing w (or, as a prefix, any term starting with w).
  function markDocs(w, prefix, flags) {
    for (var k = lowerBound(w); k < terms.length; k++) {
      var t = terms[k];
      if (prefix ? t.lastIndexOf(w, 0) !== 0 : t !== w) break;
      var ds = docsOf(k);
      for (var j = 0; j < ds.length; j++) flags[ds[j]] = 1;
    }
  }
  function queryWords(q) {
    var all = q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    return all.filter(function (w) { return w.length > 1 && !STOP[w]; });
  }
  function isWordStart(s, i) { return i === 0 || !/[\p{L}\p{N}]/u.test(s.charAt(i - 1)); }
  function search(q, limit) {
    var words = queryWords(q).slice(0, 32), n = index ? index.length : 0, hits = [], k, i, p;
    if (!index || !q.trim()) return { total: 0, hits: [], terms: [] };
    if (!words.length) {
      // Only stop words or single letters: the query as typed, in titles.
      var whole = q.trim().toLowerCase();
      for (i = 0; i < n; i++) {
        p = index[i].lt.indexOf(whole);
        if (p >= 0) hits.push([isWordStart(index[i].lt, p) ? 2 : 1, index[i]]);
      }
      words = [whole];
    } else {
      var matched = new Uint8Array(n), score = new Uint32Array(n), flags = new Uint8Array(n);
      for (k = 0; k < words.length; k++) {
        var w = words[k];
        flags.fill(0);
        markDocs(w, k === words.length - 1, flags);
        for (i = 0; i < n; i++) {
          if (matched[i] !== k) continue; // an earlier word did not match
          p = index[i].lt.indexOf(w);
          if (p >= 0) { matched[i]++; score[i] += isWordStart(index[i].lt, p) ? 1500 : 1000; }
          else if (flags[i]) { matched[i]++; score[i] += 1; }
        }
      }
      for (i = 0; i < n; i++) if (matched[i] === words.length) hits.push([score[i], index[i]]);
    }
    hits.sort(function (a, b) { return b[0] - a[0] || a[1].i - b[1].i; });
    return { total: hits.length, hits: hits.slice(0, limit || 20).map(function (h) { return h[1]; }), terms: words };
  }
  // Append text to node with every term wrapped in <mark>.
  function marked(node, text, terms) {
    var low = text.toLowerCase(), pos = 0;
    while (pos < text.length) {
      var best = -1, len = 0;
      terms.forEach(function (t) {
        var i = low.indexOf(t, pos);
        if (i >= 0 && (best < 0 || i < best || (i === best && t.length > len))) { best = i; len = t.length; }
      });
      if (best < 0) break;
      if (best > pos) node.appendChild(d.createTextNode(text.slice(pos, best)));
      node.appendChild(el("mark", null, text.slice(best, best + len)));
      pos = best + len;
    }
    if (pos < text.length) node.appendChild(d.createTextNode(text.slice(pos)));
    return node;
  }

  // Wires the search box (once): results as you type, arrows and Enter, Escape closes.
  var attached = false;
  function attach() {
    var input = $("#cd-search"), box = $("#cd-search-results"), form = $("#cd-search-form");
    if (attached || !input || !box) return;
    attached = true;
    function close() { box.hidden = true; }
    function run() {
      var q = input.value.trim();
      if (!q) { close(); setStatus(""); return; }
      var r = search(q, 20);
      box.textContent = "";
      if (!r.total) {
        box.appendChild(el("p", "r-empty", "No question matches “" + q + "”."));
      } else {
        var ul = el("ul");
        r.hits.forEach(function (x) {
          var li = el("li"), a = el("a");
          a.href = ROOT + encodeURI(x.id) + ".html";
          a.appendChild(marked(el("span", "r-title"), x.title, r.terms));
          a.appendChild(el("span", "r-topics", x.names.join(" · ") + (x.diff ? " · " + x.diff : "")));
          if (x.text) a.appendChild(marked(el("span", "r-snippet"), /[.!?:]$/.test(x.text) ? x.text : x.text + "…", r.terms));
          li.appendChild(a);
          ul.appendChild(li);
        });
        box.appendChild(ul);
        if (r.total > r.hits.length) box.appendChild(el("p", "r-empty", "Showing " + r.hits.length + " of " + r.total + " results."));
      }
      box.hidden = false;
      setStatus(r.total ? r.total + (r.total === 1 ? " result" : " results") + ". Press down arrow to choose." : "No results.");
    }
    function links() { return $$("a", box); }
    input.addEventListener("focus", function () { if (input.value.trim()) run(); });
    input.addEventListener("input", run);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var a = links()[0];
      if (a) window.location.href = a.href;
    });
    form.addEventListener("keydown", function (e) {
      var ls = links(), i = ls.indexOf(d.activeElement);
      if (e.key === "ArrowDown" && ls.length) {
        e.preventDefault();
        ls[Math.min(i + 1, ls.length - 1)].focus();
      } else if (e.key === "ArrowUp" && i >= 0) {
        e.preventDefault();
        if (i === 0) input.focus(); else ls[i - 1].focus();
      } else if (e.key === "Escape" && !box.hidden) {
        e.preventDefault();
        close();
        input.focus();
      }
    });
    form.addEventListener("focusout", function () {
      setTimeout(function () { if (!form.contains(d.activeElement)) close(); }, 0);
    });
    d.addEventListener("click", function (e) { if (!form.contains(e.target)) close(); });
    if (input.value.trim()) run();
  }


  window.cramdownSearch = { init: init, search: search, attach: attach };
})();
