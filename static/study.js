/* study.js: study sessions (docs/TEMPLATES.md, "Study sessions"). Runs in two places:
   - study.html: filters (topic, difficulty, only due, shuffle) over the docs of the search index, keeps the session in
     sessionStorage (cramdown:<site>:session) and opens its first card; study.html#summary shows how it went.
   - a question page opened with ?study (cramdown.js loads this file there): the session bar (card 3 of 12, previous,
     skip, end), Space reveals, 1-4 grade (grading.js) and move on; Again puts the card back at the end.
   Scheduling and progress live in progress.js (window.cramdownProgress). */
(function () {
  "use strict";
  var d = document, cd = window.cramdown, progress = window.cramdownProgress;
  if (!cd || !progress) return;
  var SKEY = "cramdown:" + cd.SITE + ":session";
  function $(id) { return d.getElementById(id); }
  function el(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function button(text, cls) {
    var b = el("button", "btn" + (cls ? " " + cls : ""), text);
    b.type = "button";
    return b;
  }

  /* ---------- The session: { v: 2, queue: [ids], pos, results: { id: rating 1-4 (the last given) }, done } ---------- */
  function loadSession() {
    try {
      var s = JSON.parse(sessionStorage.getItem(SKEY) || "null");
      return s && s.v === 2 && Array.isArray(s.queue) && s.queue.length && typeof s.pos === "number" && s.results ? s : null;
    } catch (e) { return null; }
  }
  function saveSession(s) {
    try { sessionStorage.setItem(SKEY, JSON.stringify(s)); return true; } catch (e) { return false; }
  }
  function cardUrl(id) { return cd.ROOT + encodeURI(id) + ".html?study"; }
  // Opens card `pos` of the session, or the summary once past the last card.
  function go(s, pos) {
    if (pos < 0) return;
    if (pos >= s.queue.length) {
      s.done = true;
      saveSession(s);
      window.location.href = cd.ROOT + "study.html#summary";
    } else {
      s.pos = pos;
      saveSession(s);
      window.location.href = cardUrl(s.queue[pos]);
    }
  }
  // Where this card sits in the queue: the current position, else its nearest occurrence (back button).
  function locate(s, id) {
    if (s.queue[s.pos] === id) return s.pos;
    for (var k = 1; k < s.queue.length; k++) {
      if (s.queue[s.pos - k] === id) return s.pos - k;
      if (s.queue[s.pos + k] === id) return s.pos + k;
    }
    return -1;
  }
  function unique(list) { return list.filter(function (id, i) { return list.indexOf(id) === i; }); }

  /* ---------- A question page opened with ?study ---------- */
  function cardPage(art) {
    var id = art.getAttribute("data-id"), det = $("cd-answer"), html = d.documentElement, bar = null, session = null;
    function sync() {
      var s = loadSession(), pos = s && !s.done ? locate(s, id) : -1;
      if (bar) bar.remove();
      session = pos >= 0 ? s : null;
      html.classList.toggle("in-session", !!session);
      bar = el("section", "study-bar");
      bar.setAttribute("aria-label", "Study session");
      if (!session) {
        var p = el("p", null, "No study session is running in this tab. ");
        var a = el("a", null, "Start a study session");
        a.href = cd.ROOT + "study.html";
        p.appendChild(a);
        bar.appendChild(p);
      } else {
        if (s.pos !== pos) { s.pos = pos; saveSession(s); }
        var prog = el("p", "study-progress", "Card " + (pos + 1) + " of " + s.queue.length);
        prog.id = "cd-study-progress";
        bar.appendChild(prog);
        var nav = el("p", "card-nav"), prev = button("← Previous card"), skip = button("Skip →"), end = button("End session");
        prev.disabled = pos === 0;
        prev.addEventListener("click", function () { go(session, session.pos - 1); });
        skip.addEventListener("click", function () { go(session, session.pos + 1); });
        end.addEventListener("click", function () { go(session, session.queue.length); });
        nav.appendChild(prev);
        nav.appendChild(skip);
        nav.appendChild(end);
        bar.appendChild(nav);
        if (pos === 0) {
          var hint = el("p", "hint");
          hint.innerHTML = "Keys: <kbd>Space</kbd> show answer · <kbd>1</kbd>–<kbd>4</kbd> Again, Hard, Good, Easy · " +
            "<kbd>←</kbd> <kbd>→</kbd> move between cards.";
          bar.appendChild(hint);
        }
      }
      art.parentNode.insertBefore(bar, art);
    }
    sync();
    window.addEventListener("pageshow", function (e) { if (e.persisted) sync(); });
    d.addEventListener("cramdown:graded", function (e) {
      if (!session || e.detail.id !== id) return;
      var s = session, rating = e.detail.rating;
      s.results[id] = rating;
      if (rating === 1 && s.queue.indexOf(id, s.pos + 1) < 0) s.queue.push(id);
      go(s, s.pos + 1);
    });
    // Capture phase: runs before cramdown.js, whose arrows and j/k follow the site order instead.
    window.addEventListener("keydown", function (e) {
      if (!session || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || d.querySelector("dialog[open]")) return;
      var t = e.target, tag = t && t.tagName, k = e.key;
      if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || (t && t.isContentEditable)) return;
      if (k === " " || k === "Spacebar") {
        // On a focused button, link or the answer's own summary, Space keeps its usual meaning.
        if (det && !det.open && tag !== "BUTTON" && tag !== "A" && tag !== "SUMMARY") { e.preventDefault(); det.open = true; }
      } else if (k === "ArrowRight" || k === "ArrowLeft" || k === "j" || k === "k") {
        if (t && t.closest && t.closest("pre, table")) return;
        e.preventDefault();
        go(session, session.pos + (k === "ArrowRight" || k === "j" ? 1 : -1));
      }
    }, true);
  }

  /* ---------- study.html: setup and summary ---------- */
  function studyPage(form) {
    var fTopic = $("cd-study-topic"), fDomain = $("cd-study-domain"), fDiff = $("cd-study-diff"), fDue = $("cd-study-due"), fShuffle = $("cd-study-shuffle"),
      count = $("cd-study-count"), summary = $("cd-study-summary"), resume = $("cd-study-resume"), docs = null, review = [];

    // Prefill the filters from ?topic=&domain=&difficulty=&due=1; ?due=today&start=1 (the home page's button) starts a
    // session over the graded cards due today at once.
    var params = new URLSearchParams(window.location.search);
    if (params.get("topic")) fTopic.value = params.get("topic");
    if (params.get("domain") && fDomain) fDomain.value = params.get("domain");
    if (params.get("difficulty")) fDiff.value = params.get("difficulty");
    if (params.get("due") === "1") fDue.checked = true;
    var dueToday = params.get("due") === "today" && params.get("start") === "1";
    // ?domain=<id>&start=1 (the exam result's "Study <weakest domain>") starts a session of that domain at once.
    var domainNow = !!(fDomain && fDomain.value) && params.get("start") === "1";

    function matching() {
      var cards = progress.cards(), now = Date.now(), t = fTopic.value, df = fDiff.value, dm = fDomain ? fDomain.value : "";
      return docs.filter(function (x) {
        var card = cards[x.id];
        return (!t || x.topics.indexOf(t) >= 0) && (!dm || x.domain === dm) && (!df || x.diff === df) && (!fDue.checked || !card || Date.parse(card.due) <= now);
      });
    }
    function updateCount() {
      if (!docs) return;
      var n = matching().length;
      count.textContent = n === 1 ? "1 card matches." : n + " cards match.";
    }
    [fTopic, fDomain, fDiff, fDue].forEach(function (x) { if (x) x.addEventListener("change", updateCount); });

    function start(ids) {
      var s = { v: 2, queue: ids, pos: 0, results: {}, done: false };
      if (!saveSession(s)) { count.textContent = "This browser does not let the page keep a session (session storage is off)."; return; }
      window.location.href = cardUrl(ids[0]);
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (!docs) { count.textContent = "The questions are still loading."; return; }
      var list = matching().map(function (x) { return x.id; });
      if (!list.length) { count.textContent = "No cards match these filters. Try another topic, or untick “only due”."; return; }
      if (fShuffle.checked) {
        for (var i = list.length - 1; i > 0; i--) { var j = Math.floor(Math.random() * (i + 1)), t = list[i]; list[i] = list[j]; list[j] = t; }
      }
      start(list);
    });

    function showSetup() {
      summary.hidden = true;
      form.hidden = false;
      var s = loadSession();
      resume.hidden = !(s && !s.done);
      if (!resume.hidden) {
        resume.textContent = "A session is running in this tab (card " + (s.pos + 1) + " of " + s.queue.length + "). ";
        var a = el("a", null, "Continue it");
        a.href = cardUrl(s.queue[s.pos]);
        resume.appendChild(a);
      }
    }
    // Counts and the next due date come from the session and the progress store; titles from the index.
    function showSummary(s) {
      var cards = progress.cards(), now = Date.now(), known = 0, next = null, seen = unique(s.queue);
      review = [];
      seen.forEach(function (id) {
        if (s.results[id] > 1) known++;
        else if (s.results[id] === 1) review.push(id);
        var due = cards[id] ? Date.parse(cards[id].due) : null;
        if (due !== null && due > now && (next === null || due < next)) next = due;
      });
      var skipped = seen.length - known - review.length;
      var text = "Known: " + known + ". To review: " + review.length + "." + (skipped ? " Skipped: " + skipped + "." : "");
      if (next !== null) text += " Next card due " + progress.until(next) + ".";
      $("cd-summary-text").textContent = text;
      var box = $("cd-summary-review");
      box.textContent = "";
      if (review.length) {
        box.appendChild(el("h3", null, "To review"));
        var ul = el("ul");
        review.forEach(function (id) {
          var li = el("li"), a = el("a", null, id);
          a.href = cd.ROOT + encodeURI(id) + ".html";
          a.setAttribute("data-id", id);
          li.appendChild(a);
          ul.appendChild(li);
        });
        box.appendChild(ul);
        fillTitles();
      }
      var again = $("cd-study-review");
      again.hidden = !review.length;
      again.textContent = review.length === 1 ? "Study the card to review" : "Study the " + review.length + " cards to review";
      form.hidden = true;
      resume.hidden = true;
      summary.hidden = false;
      summary.focus();
    }
    function fillTitles() {
      if (!docs) return;
      var title = {};
      docs.forEach(function (x) { title[x.id] = x.title; });
      Array.prototype.forEach.call(d.querySelectorAll("#cd-summary-review a[data-id]"), function (a) {
        var t = title[a.getAttribute("data-id")];
        if (t) a.textContent = t;
      });
    }
    $("cd-study-again").addEventListener("click", function () {
      if (window.history.replaceState) window.history.replaceState(null, "", window.location.pathname + window.location.search);
      showSetup();
      updateCount();
      fTopic.focus();
    });
    $("cd-study-review").addEventListener("click", function () { if (review.length) start(review.slice()); });

    var s = loadSession();
    if (window.location.hash === "#summary" && s) showSummary(s); else showSetup();
    count.textContent = "Loading the questions…";
    cd.loadIndex(function (ix) {
      docs = ix;
      updateCount();
      fillTitles();
      if (dueToday) {
        if (window.history.replaceState) window.history.replaceState(null, "", window.location.pathname);
        var ids = progress.dueIds(docs.map(function (x) { return x.id; }));
        if (ids.length) start(ids); else count.textContent = "Nothing is due today.";
      }
      if (domainNow) {
        if (window.history.replaceState) window.history.replaceState(null, "", window.location.pathname + "?domain=" + encodeURIComponent(fDomain.value));
        var inDomain = matching().map(function (x) { return x.id; });
        if (inDomain.length) start(inDomain); else count.textContent = "No question of this domain matches.";
      }
    }, function () { count.textContent = "The questions could not be loaded (search-index.js is missing)."; });
  }

  function init() {
    var form = $("cd-study-setup"), art = d.querySelector("article.question[data-id]");
    if (form) studyPage(form);
    else if (art) cardPage(art);
  }
  if (d.readyState === "loading") d.addEventListener("DOMContentLoaded", init); else init();
})();
