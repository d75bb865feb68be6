/* grading.js: question pages: the four grade buttons (Again, Hard, Good, Easy; keys 1-4), each saying when the card
   comes back, and the key points checklist: after the reveal the answer's <ul class="key-points"> becomes checkboxes
   whose ticks suggest a grade (all: Good; at least half: Hard; fewer: Again) that the learner confirms or changes.
   Grades go to window.cramdownProgress (progress.js); a "cramdown:graded" event on document tells study.js.
   Exposes window.cramdownGrading.suggest(rating) for other question kinds (multiple choice). */
(function () {
  "use strict";
  var d = document, progress = window.cramdownProgress;
  var NAMES = { 1: "Again", 2: "Hard", 3: "Good", 4: "Easy" };
  var article = d.querySelector("article.question[data-id]"), details = d.getElementById("cd-answer");
  if (!article || !details || !progress) return;
  var id = article.getAttribute("data-id");
  var buttons = Array.prototype.slice.call(details.querySelectorAll(".grade [data-rating]"));
  var status = details.querySelector(".grade-status"), hint = d.getElementById("cd-grade-suggestion");
  var printing = false;

  var until = progress.until;
  // The scheduler (ts-fsrs) loads when the answer is first revealed: the buttons are disabled until it is there
  // and say when the card would come back; a key pressed before that waits for it.
  buttons.forEach(function (b) { b.disabled = true; });
  function labels() {
    progress.withScheduler(function () {
      var due = progress.preview(id);
      buttons.forEach(function (b) {
        b.disabled = false;
        var r = b.getAttribute("data-rating"), when = b.querySelector(".when");
        if (!when) { when = d.createElement("span"); when.className = "when"; b.appendChild(when); }
        when.textContent = due ? "· " + until(due[r]) : "";
      });
    });
  }
  function suggest(rating, reason) {
    buttons.forEach(function (b) {
      var on = Number(b.getAttribute("data-rating")) === rating;
      b.classList.toggle("suggested", on);
      if (on) b.setAttribute("aria-describedby", "cd-grade-suggestion"); else b.removeAttribute("aria-describedby");
    });
    if (hint) hint.textContent = rating ? "Suggested grade: " + NAMES[rating] + (reason ? " (" + reason + ")" : "") + ". Press it to confirm, or choose another." : "";
  }
  function grade(rating) { progress.withScheduler(function () { saveGrade(rating); }); }
  function saveGrade(rating) {
    var card = progress.grade(id, rating);
    var when = new Date(Date.parse(card.due)).toLocaleString(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
    status.textContent = "Saved as " + NAMES[rating] + ". It comes back " + until(Date.parse(card.due)) + " (" + when + ").";
    labels();
    suggest(0);
    d.dispatchEvent(new CustomEvent("cramdown:graded", { detail: { id: id, rating: rating, card: card } }));
  }

  /* ---------- Key points: the list becomes a checklist after the reveal ---------- */
  var list = details.querySelector(".key-points"), boxes = [];
  function checklist() {
    if (!list || boxes.length) return;
    list.classList.add("checklist");
    Array.prototype.forEach.call(list.children, function (item, i) {
      var box = d.createElement("input"), label = d.createElement("label");
      box.type = "checkbox";
      box.id = "cd-key-point-" + (i + 1);
      label.htmlFor = box.id;
      while (item.firstChild) label.appendChild(item.firstChild);
      item.appendChild(box);
      item.appendChild(label);
      box.addEventListener("change", fromTicks);
      boxes.push(box);
    });
    var intro = d.createElement("p");
    intro.className = "key-points-hint";
    intro.textContent = "Tick the points your answer made; the ticks suggest a grade.";
    list.parentNode.insertBefore(intro, list);
  }
  function fromTicks() {
    var ticked = boxes.filter(function (b) { return b.checked; }).length, total = boxes.length;
    var rating = ticked === total ? 3 : ticked * 2 >= total ? 2 : 1;
    suggest(rating, ticked + " of " + total + " key points");
  }

  buttons.forEach(function (b) {
    b.addEventListener("click", function () { grade(Number(b.getAttribute("data-rating"))); });
  });
  details.addEventListener("toggle", function () {
    if (!details.open || printing) return;
    checklist();
    labels();
    var body = d.getElementById("cd-answer-body");
    if (body) body.focus();
  });
  window.addEventListener("beforeprint", function () { printing = true; });
  window.addEventListener("afterprint", function () { setTimeout(function () { printing = false; }, 0); });
  d.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || !details.open || d.querySelector("dialog[open]")) return;
    var tag = e.target && e.target.tagName;
    if (tag === "INPUT" && e.target.type !== "checkbox") return;
    if (tag === "TEXTAREA" || tag === "SELECT" || (e.target && e.target.isContentEditable)) return;
    if (!/^[1-4]$/.test(e.key)) return;
    e.preventDefault();
    grade(Number(e.key));
  });
  if (details.open) { checklist(); labels(); }

  window.cramdownGrading = { suggest: function (rating, reason) { suggest(Number(rating) || 0, reason); }, grade: grade };
})();
