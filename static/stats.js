/* stats.js: stats.html: statistics from the progress store (progress.js) and the question list (search-index.js),
   drawn as SVG bar charts with a <title>, a <desc> and a data table each, so they read without sight:
   reviews per day (last 90 days), cards by state, true retention, the due forecast (30 days), mock interviews. */
(function () {
  "use strict";
  var d = document, progress = window.cramdownProgress, cd = window.cramdown;
  var SVG = "http://www.w3.org/2000/svg", DAY = 86400000;
  var root = d.getElementById("cd-stats");
  if (!root || !progress || !cd) return;

  function el(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function svgEl(tag, attrs) {
    var e = d.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  // Local midnight of the day `offset` days from today.
  function dayStart(offset) {
    var t = new Date(Date.now());
    t.setHours(0, 0, 0, 0);
    t.setDate(t.getDate() + offset);
    return t.getTime();
  }
  function dayIndex(ms, from) { return Math.floor((ms - from) / DAY + 1e-9); }
  function shortDate(ms) { return new Date(ms).toLocaleDateString(undefined, { month: "short", day: "numeric" }); }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  var chartCount = 0;
  // A bar chart: bars [{ label, value }], its title and a one-sentence summary; with a table of the same numbers,
  // whose columns are `column` (what the bars are) and `unit`.
  function barChart(box, bars, title, summary, unit, column) {
    var id = "cd-chart-" + (++chartCount), max = Math.max(1, Math.max.apply(null, bars.map(function (b) { return b.value; })));
    var width = 640, height = 180, pad = 24, gap = bars.length > 40 ? 1 : 4, bw = (width - 2 * pad) / bars.length;
    var svg = svgEl("svg", { viewBox: "0 0 " + width + " " + (height + pad * 2), role: "img", "aria-labelledby": id + "-t " + id + "-d", "class": "bars" });
    var t = svgEl("title", { id: id + "-t" }), desc = svgEl("desc", { id: id + "-d" });
    t.textContent = title;
    desc.textContent = summary;
    svg.appendChild(t);
    svg.appendChild(desc);
    svg.appendChild(svgEl("line", { x1: pad, x2: width - pad, y1: height + pad, y2: height + pad, "class": "axis" }));
    bars.forEach(function (b, i) {
      var h = Math.round((b.value / max) * height);
      if (b.value > 0) svg.appendChild(svgEl("rect", { x: (pad + i * bw + gap / 2).toFixed(1), y: height + pad - h, width: Math.max(1, bw - gap).toFixed(1), height: h, "class": "bar" }));
    });
    var top = svgEl("text", { x: pad, y: pad - 8, "class": "label" });
    top.textContent = max + " " + unit;
    svg.appendChild(top);
    // A few bars: each labelled, with its value; many: the first and last day only.
    var few = bars.length <= 12;
    (few ? bars.map(function (b, i) { return i; }) : [0, bars.length - 1]).forEach(function (i, k) {
      var middle = (pad + (i + 0.5) * bw).toFixed(1);
      var x = svgEl("text", few ? { x: middle, y: height + pad * 2 - 4, "class": "label", "text-anchor": "middle" } :
        { x: k ? width - pad : pad, y: height + pad * 2 - 4, "class": "label", "text-anchor": k ? "end" : "start" });
      x.textContent = bars[i].label + (few ? ": " + bars[i].value : "");
      svg.appendChild(x);
    });
    box.textContent = "";
    box.appendChild(svg);
    var details = el("details", "chart-data"), table = el("table"), head = el("tr");
    details.appendChild(el("summary", null, "Show the numbers"));
    head.appendChild(el("th", null, column || "Day"));
    head.appendChild(el("th", null, unit.charAt(0).toUpperCase() + unit.slice(1)));
    table.appendChild(el("caption", null, title));
    var thead = el("thead"), tbody = el("tbody");
    thead.appendChild(head);
    head.firstChild.scope = "col";
    head.lastChild.scope = "col";
    bars.forEach(function (b) {
      var row = el("tr"), th = el("th", null, b.label);
      th.scope = "row";
      row.appendChild(th);
      row.appendChild(el("td", null, String(b.value)));
      tbody.appendChild(row);
    });
    table.appendChild(thead);
    table.appendChild(tbody);
    details.appendChild(table);
    box.appendChild(details);
  }

  function draw(docs) {
    var cards = progress.cards(), log = progress.log(), ids = {};
    docs.forEach(function (x) { ids[x.id] = 1; });

    // Reviews per day, the last 90 days (today last).
    var from = dayStart(-89), perDay = [], total = 0;
    for (var i = 0; i < 90; i++) perDay.push({ label: shortDate(dayStart(i - 89)), value: 0 });
    log.forEach(function (e) {
      var k = dayIndex(Date.parse(e.review), from);
      if (k >= 0 && k < 90) { perDay[k].value++; total++; }
    });
    var active = perDay.filter(function (b) { return b.value > 0; }).length;
    barChart(d.getElementById("cd-chart-reviews"), perDay, "Reviews per day, last 90 days",
      plural(total, "review") + " on " + plural(active, "day") + " of the last 90; the most in one day: " +
      Math.max.apply(null, perDay.map(function (b) { return b.value; })) + ".", "reviews");

    // Cards by state: never reviewed, learning, review, relearning.
    var counts = { 0: 0, 1: 0, 2: 0, 3: 0 };
    docs.forEach(function (x) { var c = cards[x.id]; counts[c ? c.state : 0]++; });
    var states = [{ label: "New", value: counts[0] }, { label: "Learning", value: counts[1] },
      { label: "Review", value: counts[2] }, { label: "Relearning", value: counts[3] }];
    barChart(d.getElementById("cd-chart-states"), states, "Cards by state",
      states.map(function (b) { return b.label + ": " + b.value; }).join(", ") + ".", "cards", "State");

    // True retention: reviews of cards in review (FSRS state 2 before the review) not graded Again.
    var inReview = log.filter(function (e) { return e.state === 2; });
    var passed = inReview.filter(function (e) { return e.rating > 1; }).length;
    d.getElementById("cd-retention").textContent = inReview.length ?
      Math.round((passed / inReview.length) * 100) + " %: " + passed + " of " + plural(inReview.length, "review") +
      " of cards in review were not graded Again (the scheduler aims at " + Math.round(progress.retention * 100) + " %)." :
      "No review of a card in review yet: retention shows once cards come back after their first interval.";

    // Due in the next 30 days (today includes what is overdue).
    var start = dayStart(0), forecast = [];
    for (var j = 0; j < 30; j++) forecast.push({ label: j === 0 ? "Today" : shortDate(dayStart(j)), value: 0 });
    Object.keys(cards).forEach(function (id) {
      if (!ids[id]) return;
      var k = Math.max(0, dayIndex(Date.parse(cards[id].due), start));
      if (k < 30) forecast[k].value++;
    });
    var dueSoon = forecast.reduce(function (a, b) { return a + b.value; }, 0);
    barChart(d.getElementById("cd-chart-forecast"), forecast, "Cards due in the next 30 days",
      plural(forecast[0].value, "card") + " due today, " + dueSoon + " in the next 30 days.", "cards");

    exams();
    attempts();
    d.getElementById("cd-stats-summary").textContent = plural(Object.keys(cards).filter(function (id) { return ids[id]; }).length, "question") +
      " of " + docs.length + " studied, " + plural(log.length, "review") + " in all.";
  }

  // Mock exams (exam.js), oldest first: a chart of the last 12 scores, one a blueprint domain, and every attempt in words.
  function exams() {
    var chart = d.getElementById("cd-chart-exams"), box = d.getElementById("cd-exams");
    var list = progress.attempts("exam").slice().sort(function (a, b) { return a.finished - b.finished; });
    box.textContent = "";
    chart.textContent = "";
    if (!list.length) { box.appendChild(el("p", null, "No mock exam yet.")); return; }
    var recent = list.slice(-12);
    barChart(chart, recent.map(function (a) { return { label: shortDate(a.finished), value: a.score }; }),
      "Mock exam scores, oldest first", "Scores of the last " + plural(recent.length, "exam") + ": " +
      recent.map(function (a) { return a.score + "%"; }).join(", ") + ".", "percent", "Exam");
    domainCharts(list);
    var ol = el("ol", "exam-attempts");
    list.forEach(function (a) {
      var li = el("li", null, new Date(a.finished).toLocaleString() + ": " + a.score + "%, " +
        (a.passed ? "passed" : "not passed") + " (" + a.right + " of " + a.total + " right, pass mark " + a.passMark + "%)" +
        (a.scaled != null ? ", estimated scaled score " + a.scaled : ""));
      var verdicts = domainResults(a).map(function (r) {
        return r.name + ": " + (r.pct >= a.passMark ? "Meets" : "Needs work") + " (" + r.right + " of " + r.total + ")";
      });
      if (verdicts.length) li.appendChild(el("span", "exam-attempt-domains", ". " + verdicts.join("; ")));
      ol.appendChild(li);
    });
    box.appendChild(ol);
  }
  // An attempt's result in each exam domain, in blueprint order (attempts before blueprints have none).
  function domainResults(a) {
    var out = [];
    // domainNames lists the domains in blueprint order.
    Object.keys(a.domainNames || a.domains || {}).forEach(function (id) {
      var s = (a.domains || {})[id];
      if (!Array.isArray(s) || !s[1]) return;
      out.push({ id: id, name: (a.domainNames && a.domainNames[id]) || id, right: s[0], total: s[1], pct: Math.round((s[0] / s[1]) * 100) });
    });
    return out;
  }
  // One chart a domain: its score in each of the last 12 attempts that asked it.
  function domainCharts(list) {
    var box = d.getElementById("cd-chart-domains");
    if (!box) return;
    box.textContent = "";
    var names = {}, order = [];
    list.forEach(function (a) {
      domainResults(a).forEach(function (r) { if (!names[r.id]) { names[r.id] = r.name; order.push(r.id); } });
    });
    order.forEach(function (id) {
      var bars = [];
      list.forEach(function (a) {
        domainResults(a).forEach(function (r) { if (r.id === id) bars.push({ label: shortDate(a.finished), value: r.pct }); });
      });
      bars = bars.slice(-12);
      var chart = el("div", "chart");
      chart.setAttribute("data-domain", id);
      box.appendChild(chart);
      barChart(chart, bars, names[id] + ": score per exam, oldest first", names[id] + ", the last " + plural(bars.length, "exam") +
        ": " + bars.map(function (b) { return b.value + "%"; }).join(", ") + ".", "percent", "Exam");
    });
  }

  function attempts() {
    var box = d.getElementById("cd-attempts"), list = progress.attempts("interview");
    box.textContent = "";
    if (!list.length) { box.appendChild(el("p", null, "No mock interview yet.")); return; }
    var ul = el("ul");
    list.slice().reverse().forEach(function (a) {
      ul.appendChild(el("li", null, new Date(a.finished).toLocaleString() + ": " + plural(a.questions.length, "question") +
        ", " + a.questions.filter(function (q) { return q.rating > 1; }).length + " recalled"));
    });
    box.appendChild(ul);
  }

  d.getElementById("cd-stats-summary").textContent = "Loading the questions…";
  cd.loadIndex(draw, function () {
    d.getElementById("cd-stats-summary").textContent = "The questions could not be loaded (search-index.js is missing).";
  });
})();
