/* cramdown.js: every page: badges and topic counts, export/import/reset and what is due (home), print expansion,
   copy buttons, theme toggle, keyboard shortcuts, help dialog. Search and the catalog are search.js, loaded on first use.
   The progress store and scheduler are progress.js (window.cramdownProgress); grading is grading.js (question pages).
   study.js (study.html, and question pages opened with ?study) builds on window.cramdown.
   No framework; all times come from Date.now() so tests can drive the clock. */
(function () {
  "use strict";
  var d = document, html = d.documentElement;
  var SITE = html.getAttribute("data-site") || "";
  var ROOT = html.getAttribute("data-root") || "";
  var THEME_KEY = "cramdown:" + SITE + ":theme";
  var DAY = 86400000;

  function $(sel, el) { return (el || d).querySelector(sel); }
  function $$(sel, el) { return Array.prototype.slice.call((el || d).querySelectorAll(sel)); }
  function el(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  var progress = window.cramdownProgress;
  function fmtDate(ms) {
    return new Date(ms).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
  }
  function days(n) { return n === 1 ? "1 day" : n + " days"; }

  /* ---------- Badges and per-topic counts ---------- */
  var STATE_TEXT = { "new": "New", known: "Known", due: "Due", learning: "Learning" };
  function renderProgress() {
    if (!progress) return;
    var now = Date.now();
    $$("[data-progress-for]").forEach(function (b) {
      var id = b.getAttribute("data-progress-for"), card = progress.card(id), st = progress.status(id, now);
      b.setAttribute("data-state", st);
      b.textContent = "";
      b.appendChild(el("span", "sr-only", "Progress: "));
      b.appendChild(d.createTextNode(STATE_TEXT[st]));
      b.title = card ? (st === "due" ? "Due now" : "Due " + fmtDate(Date.parse(card.due))) : "Not studied yet";
    });
    var counters = $$("[data-topic-known]");
    if (!counters.length) return;
    var items = $$(".qlist li[data-id]");
    if ($("[data-needs-index]")) { // the page lists only some of the questions it counts
      loadIndex(function (docs) {
        fillCounts(counters, docs.map(function (x) { return [x.id, x.topics]; }));
      });
    } else if (items.length) {
      fillCounts(counters, items.map(function (li) {
        return [li.getAttribute("data-id"), (li.getAttribute("data-topics") || "").split(" ")];
      }));
    }
  }
  // Known: in review (FSRS state 2), due or not.
  function fillCounts(counters, pairs) {
    var known = {}, cards = progress.cards();
    pairs.forEach(function (pair) {
      var card = cards[pair[0]];
      if (card && card.state === progress.STATE.Review) pair[1].forEach(function (t) { known[t] = (known[t] || 0) + 1; });
    });
    counters.forEach(function (c) {
      c.textContent = (known[c.getAttribute("data-topic-known")] || 0) + " of " + c.getAttribute("data-total") + " known";
    });
  }

  /* ---------- Print: every answer open while printing ---------- */
  var opened = [];
  window.addEventListener("beforeprint", function () {
    $$("details:not([open])").forEach(function (x) { x.open = true; opened.push(x); });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (x) { x.open = false; });
    opened = [];
  });

  /* ---------- Home: export / import (transfer.js) / reset, when progress was last exported, what is due today ---------- */
  var NUDGE_DAYS = 14;
  function setupTools() {
    var exportButton = $("#cd-export"), importButton = $("#cd-import"), file = $("#cd-import-file"),
      resetButton = $("#cd-reset"), status = $("#cd-tools-status");
    if (!exportButton || !progress) return;
    exportButton.addEventListener("click", function () {
      var data = window.cramdownTransfer.exportData();
      var url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
      var a = el("a");
      a.href = url;
      a.download = "cramdown-" + (SITE || "site") + "-progress-" + data.exported.slice(0, 10) + ".json";
      d.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      status.textContent = "Exported progress for " + Object.keys(data.cards).length + " questions.";
      showLastExport();
    });
    importButton.addEventListener("click", function () { file.click(); });
    file.addEventListener("change", function () {
      var f = file.files && file.files[0];
      if (!f) return;
      f.text().then(function (text) {
        var data = JSON.parse(text);
        if (data && data.site && data.site !== SITE && !window.confirm("This file comes from another site (" + data.site + "). Import it anyway?")) return;
        var counts = window.cramdownTransfer.importData(data);
        renderProgress();
        showDue();
        status.textContent = "Imported progress for " + counts.cards + " questions (" + counts.log + " reviews), merged with this browser's: the later review of each card is kept.";
      }).catch(function (e) {
        status.textContent = "Could not import this file: " + (e && e.message ? e.message : "not a cramdown progress file") + ".";
      }).then(function () { file.value = ""; });
    });
    resetButton.addEventListener("click", function () {
      if (!window.confirm("Reset your progress on every question of this site? This cannot be undone. Export it first to keep a copy.")) return;
      progress.reset();
      renderProgress();
      showDue();
      showLastExport();
      status.textContent = "Progress reset.";
    });
    showLastExport();
    showDue();
    progress.askPersistence();
  }
  function showLastExport() {
    var line = $("#cd-last-export");
    if (!line) return;
    var at = progress.lastExport(), graded = Object.keys(progress.cards()).length;
    var age = at === null ? null : Math.floor((Date.now() - at) / DAY);
    line.textContent = at === null ? (graded ? "Never exported: export now and then to keep a copy." : "") :
      "Last exported " + fmtDate(at) + (age >= NUDGE_DAYS ? ", " + days(age) + " ago: export again to keep a fresh copy." : ".");
    line.classList.toggle("nudge", graded > 0 && (at === null || age >= NUDGE_DAYS));
  }
  // "3 cards due today" and a link that starts a session over them.
  function showDue() {
    var text = $("#cd-due-text"), start = $("#cd-due-start");
    if (!text || !start) return;
    var ids = $$(".qlist li[data-id]").map(function (li) { return li.getAttribute("data-id"); });
    var due = progress.dueCount(ids.length ? ids : null);
    text.textContent = due === 0 ? "Nothing is due today." : (due === 1 ? "1 card is due today." : due + " cards are due today.");
    start.hidden = due === 0;
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
    loadScript("search.js", settle, settle);
  }
  function loadScript(src, done, failed) {
    var script = el("script");
    script.src = ROOT + src;
    script.onload = done;
    script.onerror = failed;
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
  // A table wider than the text scrolls sideways (cramdown.css): like a code block, keyboard users reach it with Tab
  // and scroll it with the arrows. Checked when shown: an answer's tables only once it is revealed.
  function focusWideTables(scope) {
    $$(".prose table", scope).forEach(function (table) {
      if (table.scrollWidth > table.clientWidth + 1) table.tabIndex = 0;
    });
  }
  d.addEventListener("toggle", function (e) { if (e.target.open) focusWideTables(e.target); }, true);
  window.addEventListener("resize", function () { focusWideTables(); });

  function setupCopy(scope) {
    focusWideTables(scope);
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
    if (study) return; // study.js owns arrows, space and digits there; grading.js owns 1-4 on question pages
    if (t && t.closest && t.closest("pre, table, summary")) return;
    var fwd = k === "j" || k === "ArrowRight", back = k === "k" || k === "ArrowLeft";
    if (!fwd && !back) return;
    var link = $(fwd ? "a[rel=next]" : "a[rel=prev]");
    if (link) { e.preventDefault(); window.location.href = link.href; }
    else if ((k === "j" || k === "k") && moveInList(fwd ? 1 : -1)) e.preventDefault();
  }

  /* ---------- Start ---------- */
  window.cramdown = {
    SITE: SITE, ROOT: ROOT, DAY: DAY,
    fmtDate: fmtDate, days: days, renderProgress: renderProgress,
    loadIndex: function (cb, fail) { loadIndex(cb, fail, true); }, loadSearch: loadSearch,
    enhance: setupCopy
  };
  function init() {
    renderProgress();
    setupTools();
    setupSearch();
    setupCopy();
    syncThemeButton();
    // A question page inside a study session or a mock interview loads the script that runs it.
    var session = $("article.question[data-id]") && /[?&](study|interview)(&|=|$)/.exec(window.location.search);
    if (session) loadScript(session[1] + ".js");
    var tb = $("#cd-theme"), hb = $("#cd-help-open");
    if (tb) tb.addEventListener("click", toggleTheme);
    if (hb) hb.addEventListener("click", openHelp);
    if (mq && mq.addEventListener) mq.addEventListener("change", syncThemeButton);
    d.addEventListener("keydown", onKey);
    window.addEventListener("storage", function (e) { if (progress && e.key === progress.KEY) renderProgress(); });
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
