/* cramdown.js: every page: Leitner progress store, reveal + grading, badges and topic counts, export/import/reset,
   copy buttons, theme toggle, keyboard shortcuts, help dialog, print expansion. Search is search.js, loaded on first use.
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
    if ($("[data-needs-index]")) { // the page lists only some of the questions it counts
      loadIndex(function (docs) {
        fillCounts(counters, docs.map(function (x) { return [x.id, x.topics]; }), load());
      });
    } else if (items.length) {
      fillCounts(counters, items.map(function (li) {
        return [li.getAttribute("data-id"), (li.getAttribute("data-topics") || "").split(" ")];
      }), p);
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

  /* ---------- Search and the catalog are search.js, loaded on first use (question pages stay light) ---------- */
  var searchWaiters = null;
  // Calls cb(window.cramdownSearch) once search.js is loaded, or fail() when it cannot be.
  function loadSearch(cb, fail) {
    if (window.cramdownSearch) return cb(window.cramdownSearch);
    if (searchWaiters) return searchWaiters.push([cb, fail]);
    searchWaiters = [[cb, fail]];
    function settle() {
      var waiters = searchWaiters;
      searchWaiters = null;
      if (!window.cramdownSearch) { var st = $("#cd-search-status"); if (st) st.textContent = "Search could not be loaded."; }
      waiters.forEach(function (w) { if (window.cramdownSearch) w[0](window.cramdownSearch); else if (w[1]) w[1](); });
    }
    var script = el("script");
    script.src = ROOT + "search.js";
    script.onload = script.onerror = settle;
    d.head.appendChild(script);
  }
  // Calls cb(docs) once every question's id, topics and difficulty (withTitles: and title) are loaded, or fail().
  function loadIndex(cb, fail, withTitles) {
    loadSearch(function (search) { search.loadCatalog(cb, fail, withTitles); }, fail);
  }
  function setupSearch() {
    var input = $("#cd-search");
    if (!input) return;
    function start() { loadSearch(function () {}); }
    input.addEventListener("focus", start);
    input.addEventListener("input", start);
    if (/[?&]q=/.test(window.location.search) && $("body.page-index")) start();
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
    fmtDate: fmtDate, days: days, renderProgress: renderProgress,
    loadIndex: function (cb, fail) { loadIndex(cb, fail, true); }, loadSearch: loadSearch,
    enhance: setupCopy
  };
  function init() {
    renderProgress();
    setupQuestion();
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
