/* exam.js: the mock exam on exam.html (docs/TEMPLATES.md, "Mock exams"). Questions come from exam-data.js
   (window.CRAMDOWN_EXAM). Setup (topics, or with a blueprint its weighted domains; number of questions, minutes),
   then one question at a time with a grid, flags, back and forward and a countdown that submits at zero; then the
   result (pass or fail, score per topic, with a blueprint per domain with a verdict, an estimated scaled score and a
   link to study the weakest domain; time used) and a review of every question. The running exam lives in sessionStorage (cramdown:<site>:exam), so a
   reload resumes it; finished attempts go to the progress store (progress.js, attempts "exam"), so export and import
   carry them and stats.html charts them. All times come from Date.now() so tests can drive the clock. */
(function () {
  "use strict";
  var d = document, choices = window.cramdownChoices, data = window.CRAMDOWN_EXAM;
  var setup = $("cd-exam-setup");
  if (!setup || !choices) return;
  var SITE = d.documentElement.getAttribute("data-site") || "";
  var ROOT = d.documentElement.getAttribute("data-root") || "";
  var EXAM_KEY = "cramdown:" + SITE + ":exam", ATTEMPTS_KEY = "cramdown:" + SITE + ":attempts";
  var PASS_MARK = Number(setup.getAttribute("data-pass-mark"));
  var SCALE = (setup.getAttribute("data-score-scale") || "").split(",").map(Number), PASS_SCORE = Number(setup.getAttribute("data-pass-score"));
  var RECENT_ATTEMPTS = 3; // "not seen in my last attempts": the attempts looked at
  var questions = data && data.v === 1 ? data.questions : [], topics = data && data.v === 1 ? data.topics : [];
  var domains = (data && data.v === 1 && data.domains) || [], blueprint = domains.length > 0;
  var byId = {};
  questions.forEach(function (q) { byId[q.id] = q; });
  var exam = null, timer = null;

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
  function show(section) {
    ["cd-exam-setup", "cd-exam-history", "cd-exam-run", "cd-exam-result"].forEach(function (id) {
      $(id).hidden = id !== section && !(section === "cd-exam-setup" && id === "cd-exam-history" && hasHistory());
    });
  }
  function clock(ms) {
    var s = Math.max(0, Math.round(ms / 1000)), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return (h ? h + ":" + two(m) : String(m)) + ":" + two(s % 60);
  }
  function percent(right, total) { return total ? Math.round((right / total) * 100) : 0; }
  function topicTitle(k) { return topics[k] ? topics[k][1] : ""; }

  /* ---------- Question HTML, placed on this page: links resolve from the question's own page ---------- */
  function placeHtml(target, html, id) {
    var t = d.createElement("template"), base = new URL(ROOT + encodeURI(id) + ".html", window.location.href);
    t.innerHTML = html;
    Array.prototype.forEach.call(t.content.querySelectorAll("a.anchor"), function (a) { a.remove(); });
    Array.prototype.forEach.call(t.content.querySelectorAll("[id]"), function (x) { x.removeAttribute("id"); });
    Array.prototype.forEach.call(t.content.querySelectorAll("[href], [src]"), function (x) {
      var name = x.hasAttribute("href") ? "href" : "src";
      x.setAttribute(name, new URL(x.getAttribute(name), base).href);
    });
    target.textContent = "";
    target.appendChild(t.content);
    if (window.cramdown && window.cramdown.enhance) window.cramdown.enhance(target);
  }

  /* ---------- Attempts: kept in the progress store (progress.js, loaded on every page) ---------- */
  var progress = window.cramdownProgress, unsaved = [];
  function attemptId(attempt) { return "exam-" + attempt.started + "-" + attempt.finished; }
  // Attempts an earlier version kept under their own key (cramdown:<site>:attempts) move into the store once; the
  // old key goes only when the store has them all.
  function migrateOwnAttempts() {
    var old;
    try { old = JSON.parse(localStorage.getItem(ATTEMPTS_KEY) || "null"); } catch (e) { return; }
    if (!old || !progress) return;
    var have = {}, saved = true;
    progress.attempts("exam").forEach(function (a) { have[a.id] = true; });
    (Array.isArray(old.exam) ? old.exam : []).forEach(function (a) {
      if (!a || typeof a !== "object") return;
      if (a.id == null) a.id = attemptId(a);
      if (!have[a.id]) { have[a.id] = true; saved = progress.addAttempt("exam", a) && saved; }
    });
    try { if (saved) localStorage.removeItem(ATTEMPTS_KEY); } catch (e) { /* the old key stays for the next visit */ }
  }
  migrateOwnAttempts();
  function attempts() { return (progress ? progress.attempts("exam") : []).concat(unsaved); }
  function addAttempt(attempt) {
    if (progress && progress.addAttempt("exam", attempt)) return;
    unsaved.push(attempt); // storage full or refused: shown for this page only
  }
  function hasHistory() { return attempts().length > 0; }
  function renderHistory() {
    var rows = $("cd-exam-history-rows"), list = attempts().slice().reverse();
    rows.textContent = "";
    list.forEach(function (a) {
      var tr = el("tr");
      [new Date(a.finished).toLocaleString(), a.score + "%", a.passed ? "Passed" : "Not passed",
        a.right + " of " + a.total, clock(a.used)].forEach(function (text) { tr.appendChild(el("td", null, text)); });
      rows.appendChild(tr);
    });
  }

  /* ---------- Setup ---------- */
  function chosenTopics() {
    return Array.prototype.slice.call(setup.querySelectorAll("input[name=topic]:checked")).map(function (x) { return x.value; });
  }
  function pool() {
    var wanted = chosenTopics();
    return questions.filter(function (q) {
      return !wanted.length || q.topics.some(function (k) { return topics[k] && wanted.indexOf(topics[k][0]) >= 0; });
    });
  }
  function updateAvailable() {
    var count = $("cd-exam-count");
    if (blueprint) return updateBlueprint(Number(count.value));
    var n = pool().length;
    $("cd-exam-available").textContent = n + (n === 1 ? " question" : " questions") + " to draw from" +
      (Number(count.value) > n ? ": the exam will have " + n + "." : ".");
  }

  /* ---------- The blueprint: each domain's share of an exam, and the questions drawn for it ---------- */
  function inDomain(k) { return questions.filter(function (q) { return q.domain === k; }); }
  // Largest-remainder shares of `total` by weight (ties to the earlier domain): the same rounding as the build's check.
  function shares(total) {
    var sum = domains.reduce(function (a, dm) { return a + dm.weight; }, 0) || 1;
    var out = domains.map(function (dm) { return Math.floor((total * dm.weight) / sum); });
    var left = total - out.reduce(function (a, b) { return a + b; }, 0);
    domains.map(function (dm, k) { return k; })
      .sort(function (a, b) { return ((total * domains[b].weight) % sum) - ((total * domains[a].weight) % sum) || a - b; })
      .slice(0, left).forEach(function (k) { out[k]++; });
    return out;
  }
  // What each domain gives an exam of `total`: its share, or all it has when that is fewer.
  function drawCounts(total) {
    return shares(total).map(function (n, k) { return Math.min(n, inDomain(k).length); });
  }
  function updateBlueprint(total) {
    var counts = drawCounts(total), want = shares(total), sum = counts.reduce(function (a, b) { return a + b; }, 0);
    domains.forEach(function (dm, k) {
      var cell = setup.querySelector('[data-domain="' + dm.id + '"] .exam-share');
      if (cell) cell.textContent = String(counts[k]);
    });
    var short = want.some(function (n, k) { return counts[k] < n; });
    $("cd-exam-available").textContent = sum + (sum === 1 ? " question" : " questions") + " in the proportions of the blueprint" +
      (short ? ": some domains have fewer questions than their share of " + total + "." : ".");
  }
  // Question id -> how the learner's last attempts met it: 1 answered wrongly the last time, 2 answered right.
  function recentlySeen() {
    var seen = {};
    attempts().slice().sort(function (a, b) { return a.finished - b.finished; }).slice(-RECENT_ATTEMPTS).forEach(function (a) {
      (a.questions || []).forEach(function (r) { seen[r.id] = r.right ? 2 : 1; });
    });
    return seen;
  }
  // The exam's questions: each domain's count, unseen ones first (then the ones answered wrongly) when `fresh`.
  function drawByBlueprint(total, fresh) {
    var seen = fresh ? recentlySeen() : {}, counts = drawCounts(total), drawn = [];
    domains.forEach(function (dm, k) {
      var list = inDomain(k), order = choices.randomOrder(list.length).map(function (i) { return list[i]; });
      if (fresh) order.sort(function (a, b) { return (seen[a.id] || 0) - (seen[b.id] || 0); }); // stable: random within a rank
      drawn = drawn.concat(order.slice(0, counts[k]));
    });
    return choices.randomOrder(drawn.length).map(function (i) { return drawn[i]; });
  }
  function drawByTopics(total) {
    var from = pool();
    return choices.randomOrder(from.length).slice(0, Math.max(1, Math.min(total || 1, from.length))).map(function (i) { return from[i]; });
  }
  function renderSetup() {
    if (!questions.length) {
      $("cd-exam-empty").hidden = false;
      setup.hidden = true;
      return;
    }
    var box = $("cd-exam-topics");
    box.hidden = blueprint;
    if (blueprint) $("cd-exam-blueprint").hidden = false;
    else topics.forEach(function (t, k) {
      var count = questions.filter(function (q) { return q.topics.indexOf(k) >= 0; }).length;
      var label = el("label", "check"), input = el("input");
      input.type = "checkbox";
      input.name = "topic";
      input.value = t[0];
      label.appendChild(input);
      label.appendChild(d.createTextNode(" " + t[1] + " (" + count + ")"));
      box.appendChild(label);
    });
    var count = $("cd-exam-count");
    count.value = String(Math.min(Number(setup.getAttribute("data-questions")), questions.length));
    setup.addEventListener("change", updateAvailable);
    setup.addEventListener("input", updateAvailable);
    setup.addEventListener("submit", function (e) {
      e.preventDefault();
      var total = Number(count.value), fresh = $("cd-exam-fresh");
      var drawn = blueprint ? drawByBlueprint(total, !fresh || fresh.checked) : drawByTopics(total);
      if (drawn.length) start(drawn, Number($("cd-exam-minutes").value));
    });
    updateAvailable();
    renderHistory();
    show("cd-exam-setup");
  }

  /* ---------- The running exam: { v, started, deadline, pos, items: [{ id, order, picked, flagged }] } ---------- */
  function save() {
    try { sessionStorage.setItem(EXAM_KEY, JSON.stringify(exam)); } catch (e) { /* not resumable */ }
  }
  function start(drawn, minutes) {
    var now = Date.now();
    exam = { v: 1, started: now, deadline: now + Math.max(1, minutes || 1) * 60000, pos: 0,
      items: drawn.map(function (q) {
        return { id: q.id, order: q.shuffle ? choices.randomOrder(q.choices.length) : q.choices.map(function (c, k) { return k; }),
          picked: [], flagged: false };
      }) };
    save();
    run();
    $("cd-exam-question").focus();
  }
  function resume() {
    try {
      var s = JSON.parse(sessionStorage.getItem(EXAM_KEY) || "null");
      if (s && s.v === 1 && Array.isArray(s.items) && s.items.every(function (it) { return byId[it.id]; })) exam = s;
    } catch (e) { exam = null; }
    return !!exam;
  }
  function run() {
    show("cd-exam-run");
    renderQuestion(exam.pos);
    timer = setInterval(tick, 1000);
    tick();
  }
  function tick() {
    if (!exam) return;
    var left = exam.deadline - Date.now();
    if (left <= 0) return finish();
    // Rounded up: the countdown shows 0:00 only when the exam is submitted.
    $("cd-exam-timer").textContent = "Time left " + clock(Math.ceil(left / 1000) * 1000);
  }
  function renderQuestion(pos) {
    exam.pos = pos;
    save();
    var item = exam.items[pos], q = byId[item.id];
    var multiple = q.choices.filter(function (c) { return c.correct; }).length;
    $("cd-exam-position").textContent = "Question " + (pos + 1) + " of " + exam.items.length;
    $("cd-exam-question").setAttribute("data-id", q.id);
    $("cd-exam-question-title").textContent = q.title;
    $("cd-exam-question-topics").textContent = q.topics.map(topicTitle).join(" · ");
    placeHtml($("cd-exam-prompt"), q.prompt, q.id);
    $("cd-exam-legend").textContent = choices.legend(multiple);
    var list = $("cd-exam-choices");
    list.textContent = "";
    item.order.forEach(function (k) {
      var li = el("li", "choice"), label = el("label", "choice-label"), input = el("input"), text = el("span", "choice-text");
      li.setAttribute("data-choice", String(k));
      input.type = multiple > 1 ? "checkbox" : "radio";
      input.name = "cd-exam-choice";
      input.value = String(k);
      input.checked = item.picked.indexOf(k) >= 0;
      input.addEventListener("change", function () { pick(item, k, input.checked, multiple > 1); });
      placeHtml(text, q.choices[k].html, q.id);
      label.appendChild(input);
      label.appendChild(text);
      li.appendChild(label);
      list.appendChild(li);
    });
    $("cd-exam-prev").disabled = pos === 0;
    $("cd-exam-next").disabled = pos === exam.items.length - 1;
    $("cd-exam-flag").setAttribute("aria-pressed", item.flagged ? "true" : "false");
    $("cd-exam-flag").textContent = item.flagged ? "⚑ Flagged for review" : "Flag for review";
    $("cd-exam-confirm").hidden = true;
    renderGrid();
  }
  function pick(item, k, on, multiple) {
    if (!multiple) item.picked = [];
    item.picked = item.picked.filter(function (x) { return x !== k; });
    if (on) item.picked.push(k);
    save();
    renderGrid();
  }
  function renderGrid() {
    var grid = $("cd-exam-grid");
    grid.textContent = "";
    exam.items.forEach(function (item, i) {
      var li = el("li"), b = button(String(i + 1), "grid-cell");
      if (item.picked.length) b.classList.add("is-answered");
      if (item.flagged) b.appendChild(el("span", "grid-flag", "⚑"));
      b.appendChild(el("span", "sr-only", (item.picked.length ? ", answered" : ", not answered") + (item.flagged ? ", flagged" : "")));
      if (i === exam.pos) b.setAttribute("aria-current", "step");
      b.addEventListener("click", function () { go(i); });
      li.appendChild(b);
      grid.appendChild(li);
    });
  }
  function go(pos) {
    if (pos < 0 || pos >= exam.items.length) return;
    renderQuestion(pos);
    $("cd-exam-question").focus();
  }
  function unanswered() { return exam.items.filter(function (it) { return !it.picked.length; }).length; }
  function askSubmit() {
    var n = unanswered(), flagged = exam.items.filter(function (it) { return it.flagged; }).length;
    $("cd-exam-confirm-text").textContent = (n ? n + (n === 1 ? " question is" : " questions are") + " not answered. " : "Every question is answered. ") +
      (flagged ? flagged + " flagged for review. " : "") + "Submit the exam?";
    $("cd-exam-confirm").hidden = false;
    $("cd-exam-confirm-yes").focus();
  }

  /* ---------- Result ---------- */
  function score(item) {
    var q = byId[item.id];
    var correct = q.choices.map(function (c) { return c.correct; });
    var picked = q.choices.map(function (c, k) { return item.picked.indexOf(k) >= 0; });
    return choices.allRight(correct, picked);
  }
  function finish() {
    if (!exam) return;
    clearInterval(timer);
    var now = Math.min(Date.now(), exam.deadline), perTopic = {}, perDomain = {}, right = 0;
    var results = exam.items.map(function (item) {
      var ok = score(item), dm = domains[byId[item.id].domain];
      if (ok) right++;
      if (dm) {
        var sd = perDomain[dm.id] || (perDomain[dm.id] = [0, 0]);
        sd[1]++;
        if (ok) sd[0]++;
      }
      byId[item.id].topics.forEach(function (k) {
        var t = topics[k][0], s = perTopic[t] || (perTopic[t] = [0, 0]);
        s[1]++;
        if (ok) s[0]++;
      });
      return { id: item.id, picked: item.picked.slice().sort(function (a, b) { return a - b; }), right: ok, flagged: item.flagged };
    });
    var total = exam.items.length, pct = percent(right, total);
    var attempt = { v: 1, started: exam.started, finished: now, used: now - exam.started, limit: exam.deadline - exam.started,
      total: total, right: right, score: pct, passMark: PASS_MARK, passed: pct >= PASS_MARK, topics: perTopic, questions: results };
    if (blueprint) {
      attempt.domains = {};
      attempt.domainNames = {};
      domains.forEach(function (dm) {
        if (!perDomain[dm.id]) return;
        attempt.domains[dm.id] = perDomain[dm.id];
        attempt.domainNames[dm.id] = dm.name;
      });
    }
    if (SCALE.length === 2 && SCALE[1] > SCALE[0]) attempt.scaled = scaled(pct);
    attempt.id = attemptId(attempt);
    addAttempt(attempt);
    var shown = exam;
    exam = null;
    try { sessionStorage.removeItem(EXAM_KEY); } catch (e) { /* nothing stored */ }
    renderResult(attempt, shown);
  }
  // An estimate of the scaled score: the pass mark maps to the passing score, 0 % and 100 % to the scale's ends, linear
  // in between (the certification's real scaling is not public).
  function scaled(pct) {
    var low = SCALE[0], high = SCALE[1], pass = PASS_SCORE, mark = PASS_MARK;
    if (mark <= 0) return Math.round(pass + ((high - pass) * pct) / 100);
    if (pct <= mark) return Math.round(low + ((pass - low) * pct) / mark);
    return Math.round(pass + ((high - pass) * (pct - mark)) / Math.max(1, 100 - mark));
  }
  function renderDomains(attempt) {
    var rows = $("cd-exam-domain-rows"), weakest = null;
    $("cd-exam-domains").hidden = !attempt.domains;
    $("cd-exam-weakest").hidden = true;
    if (!attempt.domains) return;
    rows.textContent = "";
    domains.forEach(function (dm) {
      var s = attempt.domains[dm.id];
      if (!s) return;
      var pct = percent(s[0], s[1]), meets = pct >= attempt.passMark, tr = el("tr");
      tr.setAttribute("data-domain", dm.id);
      tr.appendChild(el("th", null, dm.name)).setAttribute("scope", "row");
      tr.appendChild(el("td", null, s[0] + " of " + s[1]));
      tr.appendChild(el("td", null, pct + "%"));
      tr.appendChild(el("td", meets ? "verdict-meets" : "verdict-needs-work", meets ? "Meets" : "Needs work"));
      rows.appendChild(tr);
      if (!weakest || pct < weakest.pct) weakest = { dm: dm, pct: pct };
    });
    if (weakest) {
      var link = $("cd-exam-weakest-link");
      link.textContent = "Study " + weakest.dm.name;
      link.href = ROOT + "study.html?domain=" + encodeURIComponent(weakest.dm.id) + "&start=1";
      $("cd-exam-weakest").hidden = false;
    }
  }
  function renderResult(attempt, shown) {
    show("cd-exam-result");
    $("cd-exam-verdict").textContent = (attempt.passed ? "Passed" : "Not passed") + ": " + attempt.score + "%";
    $("cd-exam-score").textContent = attempt.right + " of " + attempt.total + " questions right (pass mark " + attempt.passMark +
      "%). Time used " + clock(attempt.used) + " of " + clock(attempt.limit) + ".";
    var estimate = $("cd-exam-scaled");
    estimate.hidden = attempt.scaled == null;
    if (attempt.scaled != null) {
      estimate.textContent = "Estimated scaled score: " + attempt.scaled + " of " + SCALE[1] + " (passing score " + PASS_SCORE +
        "). An estimate only: the certification's real scaling is not public.";
    }
    renderDomains(attempt);
    var rows = $("cd-exam-topic-rows");
    rows.textContent = "";
    topics.forEach(function (t) {
      var s = attempt.topics[t[0]];
      if (!s) return;
      var tr = el("tr");
      tr.setAttribute("data-topic", t[0]);
      tr.appendChild(el("th", null, t[1])).setAttribute("scope", "row");
      tr.appendChild(el("td", null, s[0] + " of " + s[1]));
      tr.appendChild(el("td", null, percent(s[0], s[1]) + "%"));
      rows.appendChild(tr);
    });
    var review = $("cd-exam-review");
    review.textContent = "";
    shown.items.forEach(function (item, i) { review.appendChild(reviewItem(item, attempt.questions[i].right)); });
    $("cd-exam-result").focus();
  }
  function reviewItem(item, right) {
    var q = byId[item.id], li = el("li", "exam-review-item " + (right ? "is-right" : "is-wrong"));
    li.setAttribute("data-id", q.id);
    var h = el("h3");
    var link = el("a", null, q.title);
    link.href = ROOT + encodeURI(q.id) + ".html";
    h.appendChild(link);
    h.appendChild(d.createTextNode(" · " + (right ? "Right" : item.picked.length ? "Wrong" : "Not answered")));
    li.appendChild(h);
    var prompt = el("div", "prose");
    placeHtml(prompt, q.prompt, q.id);
    li.appendChild(prompt);
    var list = el("ul", "choice-key");
    item.order.forEach(function (k) {
      var c = q.choices[k], picked = item.picked.indexOf(k) >= 0, row = el("li", c.correct ? "is-correct" : "is-wrong");
      if (picked) row.classList.add("is-picked");
      row.appendChild(el("span", "key-mark", choices.markText(c.correct, picked) + ":"));
      var text = el("span", "choice-text");
      placeHtml(text, c.html, q.id);
      row.appendChild(d.createTextNode(" "));
      row.appendChild(text);
      if (c.explanation) {
        var why = el("div", "choice-explanation");
        placeHtml(why, c.explanation, q.id);
        row.appendChild(why);
      }
      list.appendChild(row);
    });
    li.appendChild(list);
    if (q.answer) {
      var details = el("details", "exam-answer"), summary = el("summary", null, "The answer");
      var body = el("div", "prose");
      placeHtml(body, q.answer, q.id);
      details.appendChild(summary);
      details.appendChild(body);
      li.appendChild(details);
    }
    return li;
  }

  /* ---------- Start ---------- */
  $("cd-exam-prev").addEventListener("click", function () { go(exam.pos - 1); });
  $("cd-exam-next").addEventListener("click", function () { go(exam.pos + 1); });
  $("cd-exam-flag").addEventListener("click", function () {
    var item = exam.items[exam.pos];
    item.flagged = !item.flagged;
    save();
    $("cd-exam-flag").setAttribute("aria-pressed", item.flagged ? "true" : "false");
    $("cd-exam-flag").textContent = item.flagged ? "⚑ Flagged for review" : "Flag for review";
    renderGrid();
  });
  $("cd-exam-submit").addEventListener("click", askSubmit);
  $("cd-exam-confirm-yes").addEventListener("click", finish);
  $("cd-exam-confirm-no").addEventListener("click", function () {
    $("cd-exam-confirm").hidden = true;
    $("cd-exam-submit").focus();
  });
  $("cd-exam-again").addEventListener("click", function () {
    renderHistory();
    show("cd-exam-setup");
    $("cd-exam-start").focus();
  });
  renderSetup();
  if (questions.length && resume()) run();
})();
