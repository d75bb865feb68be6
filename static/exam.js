/* exam.js: the mock exam on exam.html (docs/TEMPLATES.md, "Mock exams"). Questions come from exam-data.js
   (window.CRAMDOWN_EXAM). Setup (topics, number of questions, minutes), then one question at a time with a grid,
   flags, back and forward and a countdown that submits at zero; then the result (pass or fail, score per topic,
   time used) and a review of every question. The running exam lives in sessionStorage (cramdown:<site>:exam), so a
   reload resumes it; finished attempts go to window.cramdownProgress.addAttempt("exam", ...) when the page has it,
   else to localStorage (cramdown:<site>:attempts). All times come from Date.now() so tests can drive the clock. */
(function () {
  "use strict";
  var d = document, choices = window.cramdownChoices, data = window.CRAMDOWN_EXAM;
  var setup = $("cd-exam-setup");
  if (!setup || !choices) return;
  var SITE = d.documentElement.getAttribute("data-site") || "";
  var ROOT = d.documentElement.getAttribute("data-root") || "";
  var EXAM_KEY = "cramdown:" + SITE + ":exam", ATTEMPTS_KEY = "cramdown:" + SITE + ":attempts";
  var PASS_MARK = Number(setup.getAttribute("data-pass-mark"));
  var questions = data && data.v === 1 ? data.questions : [], topics = data && data.v === 1 ? data.topics : [];
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

  /* ---------- Attempts: the progress store's when the page has one, else our own ---------- */
  function progress() {
    var p = window.cramdownProgress;
    return p && typeof p.addAttempt === "function" && typeof p.attempts === "function" ? p : null;
  }
  function ownAttempts() {
    try {
      var all = JSON.parse(localStorage.getItem(ATTEMPTS_KEY) || "{}");
      return all && Array.isArray(all.exam) ? all : { exam: [] };
    } catch (e) { return { exam: [] }; }
  }
  function attempts() { return progress() ? progress().attempts("exam") || [] : ownAttempts().exam; }
  function addAttempt(attempt) {
    if (progress()) return progress().addAttempt("exam", attempt);
    var all = ownAttempts();
    all.exam.push(attempt);
    try { localStorage.setItem(ATTEMPTS_KEY, JSON.stringify(all)); } catch (e) { /* kept for this page only */ }
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
    var n = pool().length, count = $("cd-exam-count");
    $("cd-exam-available").textContent = n + (n === 1 ? " question" : " questions") + " to draw from" +
      (Number(count.value) > n ? ": the exam will have " + n + "." : ".");
  }
  function renderSetup() {
    if (!questions.length) {
      $("cd-exam-empty").hidden = false;
      setup.hidden = true;
      return;
    }
    var box = $("cd-exam-topics");
    topics.forEach(function (t, k) {
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
      start(pool(), Number(count.value), Number($("cd-exam-minutes").value));
    });
    updateAvailable();
    renderHistory();
    show("cd-exam-setup");
  }

  /* ---------- The running exam: { v, started, deadline, pos, items: [{ id, order, picked, flagged }] } ---------- */
  function save() {
    try { sessionStorage.setItem(EXAM_KEY, JSON.stringify(exam)); } catch (e) { /* not resumable */ }
  }
  function start(from, count, minutes) {
    var order = choices.randomOrder(from.length).slice(0, Math.max(1, Math.min(count || 1, from.length)));
    var now = Date.now();
    exam = { v: 1, started: now, deadline: now + Math.max(1, minutes || 1) * 60000, pos: 0,
      items: order.map(function (i) {
        var q = from[i];
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
    var now = Math.min(Date.now(), exam.deadline), perTopic = {}, right = 0;
    var results = exam.items.map(function (item) {
      var ok = score(item);
      if (ok) right++;
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
    addAttempt(attempt);
    var shown = exam;
    exam = null;
    try { sessionStorage.removeItem(EXAM_KEY); } catch (e) { /* nothing stored */ }
    renderResult(attempt, shown);
  }
  function renderResult(attempt, shown) {
    show("cd-exam-result");
    $("cd-exam-verdict").textContent = (attempt.passed ? "Passed" : "Not passed") + ": " + attempt.score + "%";
    $("cd-exam-score").textContent = attempt.right + " of " + attempt.total + " questions right (pass mark " + attempt.passMark +
      "%). Time used " + clock(attempt.used) + " of " + clock(attempt.limit) + ".";
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
