/* interview.js: mock interviews. Runs in two places:
   - interview.html: the setup (topics, number of questions) and, with ?topics=&count=&seed= in the URL, the
     session's start and its summary (#summary): time per question, key points missed, questions to review.
   - a question page opened with ?interview&topics=&count=&seed=&n= (cramdown.js loads this file there): a countdown
     (site.toml [study] interview_seconds) while the learner answers aloud, then the answer and its key points open
     for grading (grading.js); the grade moves on to the next question.
   The session lives in the URL: its questions (open ones only, not multiple choice) are the weakest first (lowest recall predicted by the scheduler, then
   never seen, in an order drawn from the seed), so it can be resumed, repeated, and opened in another tab. What was
   answered is kept in localStorage (cramdown:<site>:interview:<seed>) and, once done, as an "interview" attempt. */
(function () {
  "use strict";
  var d = document, cd = window.cramdown, progress = window.cramdownProgress, html = d.documentElement;
  if (!cd || !progress) return;
  var SECONDS = parseInt(html.getAttribute("data-interview-seconds"), 10) || 180;
  function $(id) { return d.getElementById(id); }
  function el(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  /* ---------- The session from its URL ---------- */
  function fromUrl() {
    var p = new URLSearchParams(window.location.search), seed = parseInt(p.get("seed"), 10);
    if (!isFinite(seed)) return null;
    return { topics: (p.get("topics") || "").split(",").filter(Boolean), count: Math.max(1, parseInt(p.get("count"), 10) || 5),
      seed: seed, n: Math.max(0, parseInt(p.get("n"), 10) || 0) };
  }
  function query(s, extra) {
    return "topics=" + encodeURIComponent(s.topics.join(",")) + "&count=" + s.count + "&seed=" + s.seed + (extra || "");
  }
  function questionUrl(s, order, n) { return cd.ROOT + encodeURI(order[n]) + ".html?interview&" + query(s, "&n=" + n); }
  function summaryUrl(s) { return cd.ROOT + "interview.html?" + query(s) + "#summary"; }
  var KEY_PREFIX = "cramdown:" + cd.SITE + ":interview:";
  function loadRun(seed) {
    try { return JSON.parse(localStorage.getItem(KEY_PREFIX + seed) || "null"); } catch (e) { return null; }
  }
  function saveRun(run) {
    try { localStorage.setItem(KEY_PREFIX + run.seed, JSON.stringify(run)); } catch (e) { /* not kept */ }
  }
  // mulberry32: the same seed gives the same order in every tab.
  function random(seed) {
    return function () {
      seed = (seed + 0x6d2b79f5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  // Multiple-choice questions belong to the exam: an interview asks open questions only. exam-data.js (loaded by
  // interview.html) lists them.
  function choiceIds() {
    var data = window.CRAMDOWN_EXAM, ids = {};
    ((data && data.questions) || []).forEach(function (q) { ids[q.id] = true; });
    return ids;
  }
  // Weakest first: lowest predicted recall, then never seen; ties in an order drawn from the seed.
  function pick(docs, s) {
    var next = random(s.seed), choices = choiceIds(), list = docs.filter(function (x) {
      return !choices[x.id] && (!s.topics.length || x.topics.some(function (t) { return s.topics.indexOf(t) >= 0; }));
    }).map(function (x) {
      var r = progress.retrievability(x.id);
      return { id: x.id, recall: r === null ? 2 : r, tie: next() };
    });
    list.sort(function (a, b) { return a.recall - b.recall || a.tie - b.tie; });
    return list.slice(0, s.count).map(function (x) { return x.id; });
  }

  /* ---------- A question page opened with ?interview ---------- */
  function questionPage(article, s) {
    var id = article.getAttribute("data-id"), details = $("cd-answer"), run = loadRun(s.seed);
    if (!run || run.order[s.n] !== id) return;
    html.classList.add("in-session");
    var bar = el("section", "study-bar interview-bar"), left = SECONDS, started = Date.now(), timer = null;
    bar.setAttribute("aria-label", "Mock interview");
    bar.appendChild(el("p", "study-progress", "Question " + (s.n + 1) + " of " + run.order.length + ": answer aloud, as you would to an interviewer."));
    var clock = el("p", "countdown");
    clock.id = "cd-countdown";
    clock.setAttribute("role", "timer");
    var done = el("button", "btn", "I have answered: show the answer");
    done.type = "button";
    bar.appendChild(clock);
    bar.appendChild(done);
    article.parentNode.insertBefore(bar, article);
    function show() {
      var m = Math.floor(left / 60), sec = left % 60;
      clock.textContent = m + ":" + (sec < 10 ? "0" : "") + sec + " left";
    }
    function reveal() {
      if (timer) clearInterval(timer);
      timer = null;
      clock.textContent = left > 0 ? "Answered in " + Math.round((Date.now() - started) / 1000) + " s." : "Time is up.";
      done.hidden = true;
      details.open = true;
    }
    show();
    timer = setInterval(function () {
      left = Math.max(0, SECONDS - Math.floor((Date.now() - started) / 1000));
      show();
      if (left === 0) reveal();
    }, 250);
    done.addEventListener("click", reveal);
    details.addEventListener("toggle", function () { if (details.open && timer) reveal(); });
    d.addEventListener("cramdown:graded", function (e) {
      if (e.detail.id !== id) return;
      var missed = Array.prototype.filter.call(d.querySelectorAll(".key-points.checklist li"), function (li) {
        var box = li.querySelector("input");
        return box && !box.checked;
      }).map(function (li) { return li.textContent.trim(); });
      var latest = loadRun(s.seed) || run;
      latest.results[id] = { rating: e.detail.rating, seconds: Math.round((Date.now() - started) / 1000), missed: missed };
      saveRun(latest);
      window.location.href = s.n + 1 < latest.order.length ? questionUrl(s, latest.order, s.n + 1) : summaryUrl(s);
    });
  }

  /* ---------- interview.html: setup, start, summary ---------- */
  function interviewPage(form, s) {
    var status = $("cd-interview-status"), summary = $("cd-interview-summary");
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var topics = Array.prototype.filter.call(form.querySelectorAll("input[name=topic]"), function (b) { return b.checked; })
        .map(function (b) { return b.value; });
      var count = parseInt($("cd-interview-count").value, 10) || 5;
      var seed = Math.floor(Math.random() * 2147483647);
      window.location.href = "interview.html?" + query({ topics: topics, count: count, seed: seed });
    });
    if (!s) return;
    form.hidden = true;
    status.textContent = "Loading the questions…";
    cd.loadIndex(function (docs) {
      var run = loadRun(s.seed);
      if (window.location.hash === "#summary" && run) return showSummary(run, docs);
      if (!run || run.done) {
        run = { seed: s.seed, order: pick(docs, s), results: {}, started: Date.now() };
        if (!run.order.length) { status.textContent = "No question matches these topics."; form.hidden = false; return; }
        saveRun(run);
      }
      var n = 0;
      while (n < run.order.length - 1 && run.results[run.order[n]]) n++;
      window.location.href = questionUrl(s, run.order, n);
    }, function () { status.textContent = "The questions could not be loaded (search-index.js is missing)."; });

    function showSummary(run, docs) {
      var titles = {};
      docs.forEach(function (x) { titles[x.id] = x.title; });
      if (!run.done) {
        run.done = true;
        saveRun(run);
        progress.addAttempt("interview", { id: "interview-" + run.seed + "-" + run.started, started: run.started, finished: Date.now(),
          questions: run.order.map(function (id) { var r = run.results[id] || {}; return { id: id, rating: r.rating || null, seconds: r.seconds || null, missed: r.missed || [] }; }) });
      }
      status.textContent = "";
      summary.hidden = false;
      var table = $("cd-interview-results");
      table.textContent = "";
      var review = [];
      run.order.forEach(function (id) {
        var r = run.results[id], row = el("tr"), cell = el("th"), link = el("a", null, titles[id] || id);
        link.href = cd.ROOT + encodeURI(id) + ".html";
        cell.scope = "row";
        cell.appendChild(link);
        row.appendChild(cell);
        row.appendChild(el("td", null, r ? r.seconds + " s" : "skipped"));
        row.appendChild(el("td", null, r ? ["", "Again", "Hard", "Good", "Easy"][r.rating] : "–"));
        row.appendChild(el("td", null, r && r.missed.length ? r.missed.join("; ") : (r ? "none" : "–")));
        table.appendChild(row);
        if (!r || r.rating <= 2) review.push(id);
      });
      var answered = run.order.filter(function (id) { return run.results[id]; }).length;
      $("cd-interview-summary-text").textContent = answered + " of " + run.order.length + " questions answered; " +
        (review.length ? review.length + " to review (graded Again or Hard, or skipped)." : "none to review.");
      var list = $("cd-interview-review");
      list.textContent = "";
      review.forEach(function (id) {
        var li = el("li"), a = el("a", null, titles[id] || id);
        a.href = cd.ROOT + encodeURI(id) + ".html";
        li.appendChild(a);
        list.appendChild(li);
      });
      $("cd-interview-repeat").href = "interview.html?" + query(s);
      summary.focus();
    }
  }

  function init() {
    var form = $("cd-interview-setup"), article = d.querySelector("article.question[data-id]"), s = fromUrl();
    if (form) interviewPage(form, s);
    else if (article && s) questionPage(article, s);
  }
  if (d.readyState === "loading") d.addEventListener("DOMContentLoaded", init); else init();
})();
