/* cramdown.js: every page: Leitner progress store, reveal + grading, badges and topic counts, export/import/reset,
   search (lazy search-index.js, format 2), copy buttons, theme toggle, keyboard shortcuts, help dialog, print expansion.
   study.js (study.html, and question pages opened with ?study) builds on window.cramdown.
   No framework; all times come from Date.now() so tests can drive the clock. */
(function () {
  "use strict";
  var d = document, html = d.documentElement;
  var SITE = html.getAttribute("data-site") || "";
  var ROOT = html.getAttribute("data-root") || "";
  var KEY = "cramdown:" + SITE + ":progress";
  var THEME_KEY = "cramdown:" + SITE + ":theme";
  var DAY = 86400000;
  var INTERVALS = [1, 3, 7, 14, 30]; // days, for boxes 1..5

  function $(sel, el) { return (el || d).querySelector(sel); }
  function $$(sel, el) { return Array.prototype.slice.call((el || d).querySelectorAll(sel)); }
  function el(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  /* ---------- Progress store: { id: { box: 1-5, due: ms, last: "knew"|"again", at: ms } } ---------- */
  function load() {
    try {
      var o = JSON.parse(localStorage.getItem(KEY) || "{}");
      return o && typeof o === "object" && !Array.isArray(o) ? o : {};
    } catch (e) { return {}; }
  }
  function save(p) {
    try { localStorage.setItem(KEY, JSON.stringify(p)); return true; } catch (e) { return false; }
  }
  function validRecord(r) {
    return r && typeof r === "object" && r.box >= 1 && r.box <= 5 && Math.floor(r.box) === r.box &&
      typeof r.due === "number" && isFinite(r.due) && (r.last === "knew" || r.last === "again");
  }
  // The box a card lands in when graded "knew" now.
  function nextBox(rec) { return Math.min((rec ? rec.box : 0) + 1, 5); }
  function grade(id, g, now) {
    now = now == null ? Date.now() : now;
    var p = load(), rec = p[id];
    var box = g === "knew" ? nextBox(rec) : 1;
    var r = { box: box, due: g === "knew" ? now + INTERVALS[box - 1] * DAY : now, last: g, at: now };
    p[id] = r;
    save(p);
    renderProgress();
    return r;
  }
  // "new" (never graded), "review" (last: again), "due" (known, due date passed), "known".
  function state(rec, now) {
    if (!rec) return "new";
    if (rec.last !== "knew") return "review";
    return rec.due <= (now == null ? Date.now() : now) ? "due" : "known";
  }
  var STATE_TEXT = { "new": "New", known: "Known", due: "Due", review: "Review" };
  function days(n) { return n === 1 ? "1 day" : n + " days"; }
  // Label for a grade button: when the card comes back.
  function whenLabel(id, g) {
    if (g !== "knew") return "today";
    return "in " + days(INTERVALS[nextBox(load()[id]) - 1]);
  }
  function fmtDate(ms) {
    return new Date(ms).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
  }

  /* ---------- Badges and per-topic counts ---------- */
  function renderProgress() {
    var p = load(), now = Date.now();
    $$("[data-progress-for]").forEach(function (b) {
      var rec = p[b.getAttribute("data-progress-for")], st = state(rec, now);
      b.setAttribute("data-state", st);
      b.textContent = "";
      b.appendChild(el("span", "sr-only", "Progress: "));
      b.appendChild(d.createTextNode(STATE_TEXT[st]));
      b.title = rec ? (st === "review" ? "Marked for review" : "Due " + fmtDate(rec.due)) : "Not studied yet";
    });
    var counters = $$("[data-topic-known]");
    if (!counters.length) return;
    var items = $$(".qlist li[data-id]");
    if (items.length) {
      fillCounts(counters, items.map(function (li) {
        return [li.getAttribute("data-id"), (li.getAttribute("data-topics") || "").split(" ")];
      }), p);
    } else if ($("[data-needs-index]")) {
      loadIndex(function (docs) {
        fillCounts(counters, docs.map(function (x) { return [x.id, x.topics]; }), load());
      });
    }
  }
  function fillCounts(counters, pairs, p) {
    var known = {};
    pairs.forEach(function (pair) {
      var r = p[pair[0]];
      if (r && r.last === "knew") pair[1].forEach(function (t) { known[t] = (known[t] || 0) + 1; });
    });
    counters.forEach(function (c) {
      c.textContent = (known[c.getAttribute("data-topic-known")] || 0) + " of " + c.getAttribute("data-total") + " known";
    });
  }

  /* ---------- Question page: reveal, grade, print; ?study loads the session bar (study.js) ---------- */
  var printing = false;
  function setupQuestion() {
    var art = $("article.question[data-id]"), det = $("#cd-answer");
    if (!art || !det) return;
    var id = art.getAttribute("data-id"), status = $(".grade-status", det);
    var buttons = $$(".grade [data-grade]", det);
    function labels() {
      buttons.forEach(function (b) {
        var g = b.getAttribute("data-grade");
        b.textContent = g === "knew" ? "Knew it" : "Review again";
        b.appendChild(el("span", "when", "· " + whenLabel(id, g)));
      });
    }
    labels();
    det.addEventListener("toggle", function () {
      if (det.open && !printing) { labels(); $("#cd-answer-body").focus(); }
    });
    buttons.forEach(function (b) {
      b.addEventListener("click", function () {
        var g = b.getAttribute("data-grade"), r = grade(id, g);
        status.textContent = g === "knew" ? "Saved as known. It comes back " + fmtDate(r.due) + "." : "Saved for review: it stays due today.";
        labels();
        d.dispatchEvent(new CustomEvent("cramdown:graded", { detail: { id: id, grade: g, record: r } }));
      });
    });
  }
  var opened = [];
  window.addEventListener("beforeprint", function () {
    printing = true;
    $$("details:not([open])").forEach(function (x) { x.open = true; opened.push(x); });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (x) { x.open = false; });
    opened = [];
    setTimeout(function () { printing = false; }, 0);
  });

  /* ---------- Index filters ---------- */
  function setupFilters() {
    var ft = $("#cd-filter-topic"), fd = $("#cd-filter-diff"), st = $("#cd-filter-status");
    if (!ft || !fd) return;
    var items = $$("#cd-qlist li");
    function apply() {
      var t = ft.value, df = fd.value, shown = 0;
      items.forEach(function (li) {
        var ok = (!t || (" " + li.getAttribute("data-topics") + " ").indexOf(" " + t + " ") >= 0) &&
          (!df || li.getAttribute("data-difficulty") === df);
        li.hidden = !ok;
        if (ok) shown++;
      });
      st.textContent = t || df ? "Showing " + shown + " of " + items.length + " questions" : "";
    }
    ft.addEventListener("change", apply);
    fd.addEventListener("change", apply);
  }

  /* ---------- Export / import / reset ---------- */
  function setupTools() {
    var ex = $("#cd-export"), im = $("#cd-import"), file = $("#cd-import-file"), rs = $("#cd-reset"), st = $("#cd-tools-status");
    if (!ex) return;
    ex.addEventListener("click", function () {
      var data = { format: "cramdown-progress", version: 1, site: SITE, exported: new Date(Date.now()).toISOString(), progress: load() };
      var url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
      var a = el("a");
      a.href = url;
      a.download = "cramdown-" + (SITE || "site") + "-progress-" + data.exported.slice(0, 10) + ".json";
      d.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      st.textContent = "Exported progress for " + Object.keys(data.progress).length + " questions.";
    });
    im.addEventListener("click", function () { file.click(); });
    file.addEventListener("change", function () {
      var f = file.files && file.files[0];
      if (!f) return;
      f.text().then(function (txt) {
        var data = JSON.parse(txt), src = data && data.progress, n = 0;
        if (!src || typeof src !== "object") throw new Error("no progress in this file");
        if (data.site && data.site !== SITE && !window.confirm("This file comes from another site (" + data.site + "). Import it anyway?")) return;
        var p = load();
        Object.keys(src).forEach(function (id) { if (validRecord(src[id])) { p[id] = src[id]; n++; } });
        save(p);
        renderProgress();
        st.textContent = "Imported progress for " + n + " questions.";
      }).catch(function (e) {
        st.textContent = "Could not import this file: " + (e && e.message ? e.message : "not a cramdown progress file") + ".";
      }).then(function () { file.value = ""; });
    });
    rs.addEventListener("click", function () {
      if (!window.confirm("Reset your progress on every question of this site? This cannot be undone. Export it first to keep a copy.")) return;
      try { localStorage.removeItem(KEY); } catch (e) { /* nothing stored */ }
      renderProgress();
      st.textContent = "Progress reset.";
    });
  }

  /* ---------- Search (index format 2, docs/TEMPLATES.md) ----------
     Every query word must match (AND): in the title as a substring, or through the sorted `terms`
     and their `postings`; the last word also matches as a prefix of terms. Title matches rank first. */
  // Same list as STOP_WORDS in src/search.rs: never in `terms`, so ignored in queries.
  var STOP = {};
  ("a an and are as at be but by can do does for from has have how if in into is it its not of on or so than that " +
    "the their then there these they this to was what when which while who why will with you your").split(" ").forEach(function (w) { STOP[w] = 1; });
  var DIFF = ["", "beginner", "intermediate", "advanced"];
  var index = null, indexWaiters = null, indexFailed = null, terms = [], postings = [], decoded = [];
  // Calls cb(docs) once search-index.js is loaded, or fail() when it cannot be.
  function loadIndex(cb, fail) {
    if (index) return cb(index);
    if (indexWaiters) return indexWaiters.push(cb), indexFailed.push(fail);
    indexWaiters = [cb];
    indexFailed = [fail];
    function ready() {
      var data = window.CRAMDOWN_SEARCH || {}, tn = data.topics || [];
      if (data.v !== 2) { data = {}; setStatus("The search index is from another cramdown version: rebuild the site."); }
      if (data.stop) data.stop.forEach(function (w) { STOP[w] = 1; });
      terms = data.terms || [];
      postings = data.postings || [];
      decoded = new Array(terms.length);
      index = (data.docs || []).map(function (x, i) {
        var t = x[2] || [];
        return { i: i, id: x[0], title: x[1], lt: String(x[1]).toLowerCase(), diff: DIFF[x[3]] || "", text: x[4] || "",
          topics: t.map(function (k) { return tn[k] ? tn[k][0] : ""; }),
          names: t.map(function (k) { return tn[k] ? tn[k][1] : ""; }) };
      });
      var w = indexWaiters;
      indexWaiters = null;
      w.forEach(function (f) { f(index); });
    }
    if (window.CRAMDOWN_SEARCH) return ready();
    var s = el("script");
    s.src = ROOT + "search-index.js";
    s.onload = ready;
    s.onerror = function () {
      var f = indexFailed;
      indexWaiters = indexFailed = null;
      setStatus("The search index could not be loaded.");
      f.forEach(function (g) { if (g) g(); });
    };
    d.head.appendChild(s);
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
  function setStatus(msg) { var s = $("#cd-search-status"); if (s) s.textContent = msg; }

  function setupSearch() {
    var input = $("#cd-search"), box = $("#cd-search-results"), form = $("#cd-search-form");
    if (!input || !box) return;
    var pending = null;
    function close() { box.hidden = true; }
    function run() {
      var q = input.value.trim();
      if (!q) { close(); setStatus(""); return; }
      if (!index) { pending = q; loadIndex(function () { if (pending !== null) { pending = null; run(); } }); return; }
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
    input.addEventListener("focus", function () { loadIndex(function () {}); if (input.value.trim()) run(); });
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
    var m = /[?&]q=([^&]*)/.exec(window.location.search);
    if (m && $("body.page-index")) { input.value = decodeURIComponent(m[1].replace(/\+/g, " ")); input.focus(); run(); }
  }

  /* ---------- Copy buttons on highlighted code ---------- */
  function setupCopy(scope) {
    $$("pre.code", scope).forEach(function (pre) {
      if (pre.parentNode.classList.contains("codeblock")) return;
      var wrap = el("div", "codeblock"), btn = el("button", "btn copy", "Copy");
      btn.type = "button";
      btn.setAttribute("aria-label", "Copy code");
      pre.parentNode.insertBefore(wrap, pre);
      wrap.appendChild(pre);
      if (pre.getAttribute("data-lang")) wrap.appendChild(el("span", "lang", pre.getAttribute("data-lang")));
      wrap.appendChild(btn);
      btn.addEventListener("click", function () {
        var text = pre.textContent;
        function done(ok) {
          btn.textContent = ok ? "Copied" : "Copy failed";
          setTimeout(function () { btn.textContent = "Copy"; }, 1500);
        }
        function fallback() {
          var ta = el("textarea");
          ta.value = text;
          ta.setAttribute("readonly", "");
          ta.style.position = "fixed"; ta.style.opacity = "0";
          d.body.appendChild(ta);
          ta.select();
          var ok = false;
          try { ok = d.execCommand("copy"); } catch (e) { ok = false; }
          ta.remove();
          btn.focus();
          done(ok);
        }
        if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
        else fallback();
      });
    });
  }

  /* ---------- Theme toggle ---------- */
  var mq = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function effectiveTheme() {
    return html.getAttribute("data-theme") || (mq && mq.matches ? "dark" : "light");
  }
  function syncThemeButton() {
    var b = $("#cd-theme");
    if (b) b.setAttribute("aria-pressed", effectiveTheme() === "dark" ? "true" : "false");
  }
  function toggleTheme() {
    var t = effectiveTheme() === "dark" ? "light" : "dark";
    html.setAttribute("data-theme", t);
    try { localStorage.setItem(THEME_KEY, t); } catch (e) { /* not remembered */ }
    syncThemeButton();
  }

  /* ---------- Keyboard shortcuts and help ---------- */
  function openHelp() {
    var dlg = $("#cd-help");
    if (dlg && !dlg.open && dlg.showModal) dlg.showModal();
  }
  function moveInList(step) {
    var ls = $$(".qlist li:not([hidden]) a.qtitle");
    if (!ls.length) return false;
    var i = ls.indexOf(d.activeElement);
    ls[i < 0 ? (step > 0 ? 0 : ls.length - 1) : Math.max(0, Math.min(ls.length - 1, i + step))].focus();
    return true;
  }
  function onKey(e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target, tag = t && t.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    if ($("dialog[open]")) return;
    var k = e.key, study = !!$("body.page-study");
    if (k === "/" || k === "s") { e.preventDefault(); $("#cd-search").focus(); return; }
    if (k === "?") { e.preventDefault(); openHelp(); return; }
    if (k === "t") { toggleTheme(); return; }
    if (study) return; // study.js owns arrows, space and digits there
    var det = $("#cd-answer");
    if (det && det.open && (k === "1" || k === "2")) {
      var b = $('.grade [data-grade="' + (k === "1" ? "knew" : "again") + '"]', det);
      if (b) { e.preventDefault(); b.click(); }
      return;
    }
    if (t && t.closest && t.closest("pre, table, summary")) return;
    var fwd = k === "j" || k === "ArrowRight", back = k === "k" || k === "ArrowLeft";
    if (!fwd && !back) return;
    var link = $(fwd ? "a[rel=next]" : "a[rel=prev]");
    if (link) { e.preventDefault(); window.location.href = link.href; }
    else if ((k === "j" || k === "k") && moveInList(fwd ? 1 : -1)) e.preventDefault();
  }

  /* ---------- Start ---------- */
  window.cramdown = {
    SITE: SITE, ROOT: ROOT, KEY: KEY, DAY: DAY, INTERVALS: INTERVALS,
    load: load, save: save, grade: grade, state: state, nextBox: nextBox, whenLabel: whenLabel,
    fmtDate: fmtDate, days: days, renderProgress: renderProgress, loadIndex: loadIndex, search: search, DIFF: DIFF,
    enhance: setupCopy
  };
  function init() {
    renderProgress();
    setupQuestion();
    setupFilters();
    setupTools();
    setupSearch();
    setupCopy();
    syncThemeButton();
    if ($("article.question[data-id]") && /[?&]study(&|=|$)/.test(window.location.search)) {
      var sj = el("script");
      sj.src = ROOT + "study.js";
      d.head.appendChild(sj);
    }
    var tb = $("#cd-theme"), hb = $("#cd-help-open");
    if (tb) tb.addEventListener("click", toggleTheme);
    if (hb) hb.addEventListener("click", openHelp);
    if (mq && mq.addEventListener) mq.addEventListener("change", syncThemeButton);
    d.addEventListener("keydown", onKey);
    window.addEventListener("storage", function (e) { if (e.key === KEY) renderProgress(); });
  }
  /* ---------- Offline: sites with a base_url carry data-offline and a service worker (sw.js).
     Registered over http(s) only: a page opened from file:// has no worker and needs none. ---------- */
  function registerWorker() {
    if (!html.hasAttribute("data-offline") || !("serviceWorker" in navigator)) return;
    if (location.protocol !== "http:" && location.protocol !== "https:") return;
    navigator.serviceWorker.register(ROOT + "sw.js").catch(function () { /* stays online-only */ });
  }

  if (d.readyState === "loading") d.addEventListener("DOMContentLoaded", init); else init();
  registerWorker();
})();
