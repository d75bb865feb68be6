/* study.js: study.html only: a Leitner flashcard session over the cards in <template class="cd-card">.
   Filters (topic, difficulty, only due), one card at a time, Space reveals, 1/2 grade, arrows move,
   "Review again" re-queues the card, summary at the end. Scheduling lives in cramdown.js (window.cramdown). */
(function () {
  "use strict";
  var d = document, cd = window.cramdown;
  function $(id) { return d.getElementById(id); }
  function el(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function start() {
    if (!cd) return;
    var cards = Array.prototype.map.call(d.querySelectorAll("template.cd-card"), function (t) {
      return {
        id: t.getAttribute("data-id"), url: t.getAttribute("data-url"), tpl: t,
        topics: (t.getAttribute("data-topics") || "").split(" "),
        names: t.getAttribute("data-topic-names") || "", diff: t.getAttribute("data-difficulty") || ""
      };
    });
    var byId = {};
    cards.forEach(function (c) { byId[c.id] = c; });

    var setup = $("cd-study-setup"), fTopic = $("cd-study-topic"), fDiff = $("cd-study-diff"),
      fDue = $("cd-study-due"), fShuffle = $("cd-study-shuffle"), count = $("cd-study-count"),
      view = $("cd-study-card"), progress = $("cd-study-progress"), meta = $("cd-card-meta"),
      title = $("cd-card-title"), prompt = $("cd-card-prompt"), answer = $("cd-card-answer"), answerBody = $("cd-card-answer-body"),
      reveal = $("cd-card-reveal"), gradeBox = $("cd-card-grade"), summary = $("cd-study-summary");
    var session = null;

    // Prefill the filters from ?topic=&difficulty=&due=1
    var params = new URLSearchParams(window.location.search);
    if (params.get("topic")) fTopic.value = params.get("topic");
    if (params.get("difficulty")) fDiff.value = params.get("difficulty");
    if (params.get("due") === "1") fDue.checked = true;

    function matching() {
      var p = cd.load(), now = Date.now(), t = fTopic.value, df = fDiff.value;
      return cards.filter(function (c) {
        var r = p[c.id];
        return (!t || c.topics.indexOf(t) >= 0) && (!df || c.diff === df) && (!fDue.checked || !r || r.due <= now);
      });
    }
    function updateCount() {
      var n = matching().length;
      count.textContent = n === 1 ? "1 card matches." : n + " cards match.";
    }
    [fTopic, fDiff, fDue].forEach(function (x) { x.addEventListener("change", updateCount); });
    updateCount();

    function part(c, name) {
      var src = c.tpl.content.querySelector('[data-part="' + name + '"]');
      var frag = d.createDocumentFragment();
      if (src) Array.prototype.forEach.call(src.childNodes, function (n) { frag.appendChild(d.importNode(n, true)); });
      return frag;
    }
    function show(pos) {
      session.pos = pos;
      session.revealed = false;
      var c = byId[session.queue[pos]];
      progress.textContent = "Card " + (pos + 1) + " of " + session.queue.length;
      meta.textContent = "";
      var st = cd.state(cd.load()[c.id]);
      meta.appendChild(el("span", "pbadge", { "new": "New", known: "Known", due: "Due", review: "Review" }[st])).setAttribute("data-state", st);
      if (c.names) meta.appendChild(el("span", null, c.names));
      if (c.diff) meta.appendChild(el("span", "diff diff-" + c.diff, c.diff.charAt(0).toUpperCase() + c.diff.slice(1)));
      var link = el("a", null, "Open page");
      link.href = cd.ROOT + c.url;
      meta.appendChild(link);
      title.textContent = c.tpl.content.querySelector('[data-part="title"]').textContent;
      prompt.textContent = "";
      prompt.appendChild(part(c, "prompt"));
      answerBody.textContent = "";
      answerBody.appendChild(part(c, "answer"));
      cd.enhance(prompt);
      answer.hidden = true;
      gradeBox.hidden = true;
      reveal.hidden = false;
      $("cd-card-prev").disabled = pos === 0;
      reveal.focus();
    }
    function doReveal() {
      if (!session || session.revealed) return;
      session.revealed = true;
      var c = byId[session.queue[session.pos]];
      answer.hidden = false;
      cd.enhance(answer);
      reveal.hidden = true;
      Array.prototype.forEach.call(gradeBox.querySelectorAll("[data-grade]"), function (b) {
        var g = b.getAttribute("data-grade");
        b.textContent = g === "knew" ? "Knew it" : "Review again";
        b.appendChild(el("span", "when", "· " + cd.whenLabel(c.id, g)));
      });
      gradeBox.hidden = false;
      answer.focus();
    }
    function grade(g) {
      if (!session || !session.revealed) return;
      var id = session.queue[session.pos];
      cd.grade(id, g);
      session.results[id] = g;
      if (g === "again" && session.queue.indexOf(id, session.pos + 1) < 0) session.queue.push(id);
      move(1);
    }
    function move(step) {
      var pos = session.pos + step;
      if (pos < 0) return;
      if (pos >= session.queue.length) finish(); else show(pos);
    }
    function begin(e) {
      if (e) e.preventDefault();
      var list = matching().map(function (c) { return c.id; });
      if (!list.length) { count.textContent = "No cards match these filters. Try another topic, or untick “only due”."; return; }
      if (fShuffle.checked) {
        for (var i = list.length - 1; i > 0; i--) { var j = Math.floor(Math.random() * (i + 1)), t = list[i]; list[i] = list[j]; list[j] = t; }
      }
      session = { queue: list, pos: 0, results: {}, revealed: false };
      setup.hidden = true;
      summary.hidden = true;
      view.hidden = false;
      show(0);
    }
    function finish() {
      var p = cd.load(), now = Date.now(), known = 0, review = [], next = null, dueNow = 0;
      var seen = session.queue.filter(function (id, i, a) { return a.indexOf(id) === i; });
      seen.forEach(function (id) {
        if (session.results[id] === "knew") known++;
        else if (session.results[id] === "again") review.push(id);
      });
      Object.keys(p).forEach(function (id) {
        if (p[id].due > now) { if (next === null || p[id].due < next) next = p[id].due; } else dueNow++;
      });
      var skipped = seen.length - known - review.length;
      var text = "Known: " + known + ". To review: " + review.length + "." + (skipped ? " Skipped: " + skipped + "." : "");
      text += next !== null ? " Next card due " + cd.fmtDate(next) + " (in " + cd.days(Math.max(1, Math.ceil((next - now) / cd.DAY))) + ")." : "";
      if (dueNow) text += " " + dueNow + (dueNow === 1 ? " card is" : " cards are") + " due now.";
      $("cd-summary-text").textContent = text;
      var box = $("cd-summary-review");
      box.textContent = "";
      if (review.length) {
        box.appendChild(el("h3", null, "To review"));
        var ul = el("ul");
        review.forEach(function (id) {
          var li = el("li"), a = el("a", null, byId[id].tpl.content.querySelector('[data-part="title"]').textContent);
          a.href = cd.ROOT + byId[id].url;
          li.appendChild(a);
          ul.appendChild(li);
        });
        box.appendChild(ul);
      }
      view.hidden = true;
      summary.hidden = false;
      session = null;
      summary.focus();
    }

    setup.addEventListener("submit", begin);
    reveal.addEventListener("click", doReveal);
    Array.prototype.forEach.call(gradeBox.querySelectorAll("[data-grade]"), function (b) {
      b.addEventListener("click", function () { grade(b.getAttribute("data-grade")); });
    });
    $("cd-card-prev").addEventListener("click", function () { if (session) move(-1); });
    $("cd-card-next").addEventListener("click", function () { if (session) move(1); });
    $("cd-card-end").addEventListener("click", function () { if (session) finish(); });
    $("cd-study-again").addEventListener("click", function () {
      summary.hidden = true;
      setup.hidden = false;
      updateCount();
      fTopic.focus();
    });
    d.addEventListener("keydown", function (e) {
      if (!session || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || d.querySelector("dialog[open]")) return;
      var t = e.target, tag = t && t.tagName, k = e.key;
      if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return;
      var control = tag === "BUTTON" || tag === "A" || tag === "SUMMARY";
      if (k === " " || k === "Spacebar") {
        if (!session.revealed && (!control || t === reveal)) { e.preventDefault(); doReveal(); }
      } else if (k === "1" || k === "2") {
        if (session.revealed) { e.preventDefault(); grade(k === "1" ? "knew" : "again"); }
      } else if (k === "ArrowRight" || k === "ArrowLeft") {
        if (t && t.closest && t.closest("pre, table")) return;
        e.preventDefault();
        move(k === "ArrowRight" ? 1 : -1);
      }
    });
  }
  if (d.readyState === "loading") d.addEventListener("DOMContentLoaded", start); else start();
})();
