/* choices.js: multiple-choice questions. On a question page with a `## Choices` section (#cd-choices): shuffles the
   choices per attempt (unless the author wrote shuffle = false), then Check marks each choice right or wrong in words,
   opens its explanation and the answer, and suggests a grade to the scheduler (3 Good when every choice is right,
   1 Again otherwise) through window.cramdownGrading.suggest when the page offers it. The first check of a page load
   sets the suggestion; "Try again" is practice. The helpers are shared with exam.js as window.cramdownChoices. */
(function () {
  "use strict";
  var d = document;

  // A random order of 0..n-1 (Fisher-Yates).
  function randomOrder(n) {
    var order = [], i;
    for (i = 0; i < n; i++) order.push(i);
    for (i = n - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1)), t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
  // What a checked choice says about itself, in words (colour only repeats it).
  function markText(correct, picked) {
    if (correct) return picked ? "✓ Correct, your choice" : "✓ Correct, missed";
    return picked ? "✗ Wrong, your choice" : "✗ Wrong";
  }
  // The legend of a choice list: one correct choice gives radio buttons, several checkboxes.
  function legend(correctCount) { return correctCount > 1 ? "Choose " + correctCount : "Choose one"; }
  // Whether exactly the correct choices are picked: [correct flags], [picked flags].
  function allRight(correct, picked) {
    for (var i = 0; i < correct.length; i++) if (!!correct[i] !== !!picked[i]) return false;
    return true;
  }
  window.cramdownChoices = { randomOrder: randomOrder, markText: markText, legend: legend, allRight: allRight };

  /* ---------- A question page ---------- */
  var box = d.getElementById("cd-choices");
  if (!box) return;
  var list = box.querySelector(".choice-list");
  var items = Array.prototype.slice.call(list.querySelectorAll("li.choice"));
  var check = d.getElementById("cd-check"), retry = d.getElementById("cd-retry");
  var result = d.getElementById("cd-choice-result"), answer = d.getElementById("cd-answer");
  var wanted = Number(box.getAttribute("data-correct-count")) || 1;
  var suggested = null;

  if (box.getAttribute("data-shuffle") === "true") {
    randomOrder(items.length).forEach(function (i) { list.appendChild(items[i]); });
  }
  function input(li) { return li.querySelector("input"); }
  function isCorrect(li) { return li.getAttribute("data-correct") === "true"; }

  function suggest(rating) {
    if (window.cramdownGrading && typeof window.cramdownGrading.suggest === "function") {
      window.cramdownGrading.suggest(rating);
      return;
    }
    // Until the page has a grading API: point at the matching self-grading button, in words.
    var grade = d.querySelector('.grade [data-grade="' + (rating >= 3 ? "knew" : "again") + '"]');
    var status = d.querySelector(".grade .grade-status");
    if (grade && status) status.textContent = "Suggested from your choice: " + grade.firstChild.textContent + ".";
  }

  function onCheck() {
    var picked = items.map(function (li) { return input(li).checked; });
    var count = picked.filter(Boolean).length;
    if (!count) {
      result.textContent = wanted > 1 ? "Pick " + wanted + " choices, then Check." : "Pick a choice, then Check.";
      return;
    }
    var correct = items.map(isCorrect), right = allRight(correct, picked);
    items.forEach(function (li, i) {
      li.classList.add(correct[i] ? "is-correct" : "is-wrong");
      if (picked[i]) li.classList.add("is-picked");
      li.querySelector(".choice-mark").textContent = markText(correct[i], picked[i]);
      var why = li.querySelector(".choice-explanation");
      if (why) why.hidden = false;
      input(li).disabled = true;
    });
    var first = suggested === null;
    if (first) suggested = right ? 3 : 1;
    var rightPicks = items.filter(function (li, i) { return picked[i] && correct[i]; }).length;
    result.textContent = (right ? "Right: every choice is correct." :
      "Not quite: " + rightPicks + " of " + wanted + " correct " + (wanted > 1 ? "choices" : "choice") + " picked" +
      (count > rightPicks ? ", " + (count - rightPicks) + " wrong." : ".")) +
      (first ? "" : " Your first try sets the suggested grade.");
    check.hidden = true;
    retry.hidden = false;
    retry.focus();
    if (answer) answer.open = true;
    if (first) suggest(suggested);
  }

  function onRetry() {
    items.forEach(function (li) {
      li.classList.remove("is-correct", "is-wrong", "is-picked");
      li.querySelector(".choice-mark").textContent = "";
      var why = li.querySelector(".choice-explanation");
      if (why) why.hidden = true;
      input(li).disabled = false;
      input(li).checked = false;
    });
    result.textContent = "";
    retry.hidden = true;
    check.hidden = false;
    if (answer) answer.open = false;
    input(items[0].parentNode.firstElementChild).focus();
  }

  check.addEventListener("click", onCheck);
  retry.addEventListener("click", onRetry);
})();
