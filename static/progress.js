/* progress.js: the progress store (docs/PROGRESS.md, version 2) and FSRS scheduling through the vendored ts-fsrs
   (window.FSRS, static/vendor/ts-fsrs.min.js: loaded by the statistics and interview pages, and on question pages only
   when the answer is revealed, through withScheduler, to keep the first paint light). It owns localStorage cramdown:<site>:progress:
   migration of Leitner (version 1) progress on first load, the review log, attempts (mock exams and interviews),
   aliases (progress under a renamed question's old id moves to its new id), reset. Export and import with merge
   are transfer.js (home page).
   Exposes window.cramdownProgress for the other scripts. Every time comes from Date.now() so tests drive the clock. */
(function () {
  "use strict";
  var html = document.documentElement;
  var SITE = html.getAttribute("data-site") || "";
  var KEY = "cramdown:" + SITE + ":progress";
  var BACKUP_KEY = "cramdown:" + SITE + ":progress-v1";
  var DAY = 86400000;
  var LEITNER_DAYS = [1, 3, 7, 14, 30]; // version 1: the interval of boxes 1..5
  var STATE = { New: 0, Learning: 1, Review: 2, Relearning: 3 };
  var retention = parseFloat(html.getAttribute("data-retention")) || 0.9;
  var maxInterval = parseInt(html.getAttribute("data-max-interval"), 10) || 36500;
  var lib = null, scheduler = null, waiting = null;
  // The scheduler once ts-fsrs has run (null before).
  function ready() {
    if (!scheduler && window.FSRS) {
      lib = window.FSRS;
      scheduler = lib.fsrs(lib.generatorParameters({
        request_retention: retention, maximum_interval: maxInterval, enable_fuzz: false, enable_short_term: true
      }));
    }
    return scheduler;
  }
  // Calls back once the scheduler is there, loading vendor/ts-fsrs.min.js the first time it is needed.
  function withScheduler(callback) {
    if (ready()) { callback(); return; }
    if (waiting) { waiting.push(callback); return; }
    waiting = [callback];
    var script = document.createElement("script");
    script.src = (html.getAttribute("data-root") || "") + "vendor/ts-fsrs.min.js";
    script.onload = function () { var calls = waiting; waiting = null; if (ready()) calls.forEach(function (f) { f(); }); };
    script.onerror = function () { waiting = null; };
    document.head.appendChild(script);
  }

  function iso(ms) { return new Date(ms).toISOString(); }
  function time(value) { var t = Date.parse(value); return isFinite(t) ? t : null; }
  function empty() { return { format: "cramdown-progress", version: 2, cards: {}, log: [], attempts: {}, last_export: null }; }
  function isObject(x) { return !!x && typeof x === "object" && !Array.isArray(x); }

  /* ---------- Version 1 (Leitner) -> version 2 ---------- */
  function validV1(r) {
    return isObject(r) && r.box >= 1 && r.box <= 5 && Math.floor(r.box) === r.box &&
      typeof r.due === "number" && isFinite(r.due) && (r.last === "knew" || r.last === "again");
  }
  // A known card becomes a Review card due when it was, with the box's interval as its stability (at 90 %
  // retention FSRS schedules about one stability ahead); "review again" becomes a card graded Again once: due.
  function cardFromV1(r) {
    var knew = r.last === "knew", days = LEITNER_DAYS[r.box - 1];
    var at = typeof r.at === "number" && isFinite(r.at) ? r.at : (knew ? r.due - days * DAY : r.due);
    var rating = knew ? 3 : 1;
    return {
      due: iso(r.due), stability: knew ? days : initialStability(1), difficulty: initialDifficulty(rating),
      elapsed_days: 0, scheduled_days: knew ? days : 0, learning_steps: 0, reps: knew ? r.box : 1, lapses: 0,
      state: knew ? STATE.Review : STATE.Learning, last_review: iso(at)
    };
  }
  function migrateV1(records, into) {
    Object.keys(records).forEach(function (id) {
      var r = records[id];
      if (!validV1(r)) return;
      var card = cardFromV1(r);
      into.cards[id] = newer(into.cards[id], card);
      into.log.push({ card: id, review: card.last_review, rating: r.last === "knew" ? 3 : 1, state: null });
    });
    return into;
  }
  function initialStability(rating) { return ready() ? scheduler.parameters.w[rating - 1] : [0.212, 1.2931, 2.3065, 8.2956][rating - 1]; }
  function initialDifficulty(rating) {
    var w = ready() ? scheduler.parameters.w : [0, 0, 0, 0, 6.4133, 0.8334];
    return Math.min(10, Math.max(1, w[4] - Math.exp(w[5] * (rating - 1)) + 1));
  }

  /* ---------- Reading and writing ---------- */
  function validCard(c) {
    return isObject(c) && time(c.due) !== null && typeof c.stability === "number" && typeof c.difficulty === "number" &&
      c.state >= 0 && c.state <= 3 && (c.last_review == null || time(c.last_review) !== null);
  }
  // Any parsed file or stored value -> a clean version 2 object (version 1 is migrated; invalid records are left out).
  function normalise(data) {
    var out = empty();
    if (!isObject(data)) return out;
    if (data.version === 2 || isObject(data.cards)) {
      var cards = isObject(data.cards) ? data.cards : {};
      Object.keys(cards).forEach(function (id) { if (validCard(cards[id])) out.cards[id] = cards[id]; });
      out.log = (Array.isArray(data.log) ? data.log : []).filter(function (e) {
        return isObject(e) && typeof e.card === "string" && time(e.review) !== null && e.rating >= 1 && e.rating <= 4;
      });
      var attempts = isObject(data.attempts) ? data.attempts : {};
      Object.keys(attempts).forEach(function (kind) {
        if (Array.isArray(attempts[kind])) out.attempts[kind] = attempts[kind].filter(function (a) { return isObject(a) && a.id != null; });
      });
      out.last_export = time(data.last_export) !== null ? data.last_export : null;
      return out;
    }
    return migrateV1(isObject(data.progress) ? data.progress : data, out);
  }
  var cache = null, cacheText = null;
  function load() {
    var text = null;
    try { text = localStorage.getItem(KEY); } catch (e) { /* storage blocked: nothing stored */ }
    if (cache && text === cacheText) return cache;
    var data = null;
    try { data = JSON.parse(text || "null"); } catch (e) { data = null; }
    var store = normalise(data);
    if (data && !(data.version === 2 || isObject(data.cards))) {
      // First load after the Leitner version: keep the old value beside the new one, then write version 2.
      try { if (!localStorage.getItem(BACKUP_KEY)) localStorage.setItem(BACKUP_KEY, text); } catch (e) { /* full */ }
      save(store);
    }
    if (applyAliases(store)) save(store);
    cache = store;
    try { cacheText = localStorage.getItem(KEY); } catch (e) { cacheText = null; }
    return store;
  }
  function save(store) {
    try {
      var text = JSON.stringify(store);
      localStorage.setItem(KEY, text);
      cache = store;
      cacheText = text;
      return true;
    } catch (e) { return false; }
  }

  /* ---------- Aliases: window.CRAMDOWN_ALIASES = { "old/id": "new/id" } (aliases.js) ---------- */
  function applyAliases(store) {
    var aliases = window.CRAMDOWN_ALIASES, moved = false;
    if (!isObject(aliases)) return false;
    Object.keys(store.cards).forEach(function (old) {
      var now = aliases[old];
      if (typeof now !== "string" || now === old) return;
      store.cards[now] = newer(store.cards[now], store.cards[old]);
      delete store.cards[old];
      moved = true;
    });
    store.log.forEach(function (e) {
      if (typeof aliases[e.card] === "string") { e.card = aliases[e.card]; moved = true; }
    });
    return moved;
  }

  // Of two stored cards, the one reviewed last (merging keeps it).
  function newer(a, b) {
    if (!a) return b;
    if (!b) return a;
    return (time(b.last_review) || 0) > (time(a.last_review) || 0) ? b : a;
  }

  /* ---------- FSRS ---------- */
  function toLib(c) {
    var card = {};
    Object.keys(c).forEach(function (k) { card[k] = c[k]; });
    card.due = new Date(time(c.due));
    card.last_review = c.last_review ? new Date(time(c.last_review)) : undefined;
    return card;
  }
  function fromLib(card) {
    return {
      due: card.due.toISOString(), stability: card.stability, difficulty: card.difficulty, elapsed_days: card.elapsed_days,
      scheduled_days: card.scheduled_days, learning_steps: card.learning_steps, reps: card.reps, lapses: card.lapses,
      state: card.state, last_review: card.last_review ? card.last_review.toISOString() : null
    };
  }
  function current(id) {
    var c = load().cards[id];
    return c ? toLib(c) : lib.createEmptyCard(new Date(Date.now()));
  }
  // { 1: due ms, 2: ..., 3: ..., 4: ... }: when the card would come back after each grade now.
  function preview(id) {
    if (!ready()) return null;
    var now = new Date(Date.now()), out = {}, all = scheduler.repeat(current(id), now);
    [1, 2, 3, 4].forEach(function (r) { out[r] = all[r].card.due.getTime(); });
    return out;
  }
  function grade(id, rating) {
    if (!ready()) throw new Error("the scheduler (vendor/ts-fsrs.min.js) is not loaded: call withScheduler first");
    rating = Number(rating);
    if (!(rating >= 1 && rating <= 4)) throw new Error("a rating is 1 (Again) to 4 (Easy)");
    var store = load(), before = current(id), now = new Date(Date.now());
    var card = fromLib(scheduler.next(before, now, rating).card);
    store.cards[id] = card;
    store.log.push({ card: id, review: now.toISOString(), rating: rating, state: before.state });
    save(store);
    askPersistence();
    return card;
  }
  function retrievability(id) {
    var c = load().cards[id];
    if (!c || !ready() || c.state === STATE.New) return null;
    return scheduler.get_retrievability(toLib(c), new Date(Date.now()), false);
  }
  // "new" (never graded), "due" (its time has come), "learning" (in learning steps), "known" (in review, not due).
  function status(id, now) {
    var c = load().cards[id];
    if (!c) return "new";
    if (time(c.due) <= (now == null ? Date.now() : now)) return "due";
    return c.state === STATE.Review ? "known" : "learning";
  }
  function endOfToday() {
    var d = new Date(Date.now());
    d.setHours(23, 59, 59, 999);
    return d.getTime();
  }
  // Ids of the graded cards due by the end of today (local time), soonest first.
  function dueIds(ids) {
    var cards = load().cards, end = endOfToday();
    return (ids || Object.keys(cards)).filter(function (id) {
      return cards[id] && time(cards[id].due) <= end;
    }).sort(function (a, b) { return time(cards[a].due) - time(cards[b].due); });
  }

  // "in 10 min", "in 3 days", "in 2.5 months": how far `due` (ms) is from now.
  function until(due) {
    var minutes = Math.max(1, Math.round((due - Date.now()) / 60000));
    if (minutes < 60) return "in " + minutes + " min";
    var hours = Math.round(minutes / 60);
    if (hours < 24) return "in " + hours + " h";
    var days = Math.round(minutes / 1440);
    if (days < 60) return days === 1 ? "in 1 day" : "in " + days + " days";
    if (days < 365) return "in " + (days / 30).toFixed(1).replace(/\.0$/, "") + " months";
    return "in " + (days / 365).toFixed(1).replace(/\.0$/, "") + " years";
  }

  /* ---------- Reset and persistence (export and import: transfer.js) ---------- */
  function reset() {
    try { localStorage.removeItem(KEY); } catch (e) { /* nothing stored */ }
    cache = null;
  }
  var askedPersistence = false;
  function askPersistence() {
    if (askedPersistence) return;
    askedPersistence = true;
    try {
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () { /* refused */ });
    } catch (e) { /* not offered */ }
  }

  function addAttempt(kind, attempt) {
    if (!isObject(attempt) || attempt.id == null) throw new Error("an attempt needs an id");
    var store = load(), list = store.attempts[kind] || (store.attempts[kind] = []);
    list.push(attempt);
    return save(store);
  }

  var api = window.cramdownProgress = {
    KEY: KEY, STATE: STATE, DAY: DAY, retention: retention, withScheduler: withScheduler,
    grade: grade, preview: preview, retrievability: retrievability, status: status, until: until,
    card: function (id) { return load().cards[id] || null; },
    cards: function () { return load().cards; },
    log: function () { return load().log; },
    dueIds: dueIds, dueCount: function (ids) { return dueIds(ids).length; },
    addAttempt: addAttempt,
    attempts: function (kind) { return (load().attempts[kind] || []).slice(); },
    lastExport: function () { var t = load().last_export; return t ? time(t) : null; },
    reset: reset, askPersistence: askPersistence,
    // For transfer.js: the store as stored, writing it back, reading any file into version 2, aliases, newer.
    store: load, save: save, normalise: normalise, applyAliases: applyAliases, newer: newer, SITE: SITE
  };
  Object.defineProperty(api, "scheduler", { get: ready }); // null until withScheduler has loaded ts-fsrs
  load();
})();
