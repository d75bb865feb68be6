/* transfer.js: the home page's export and import of progress (docs/PROGRESS.md): export writes version 2; import
   reads versions 1 and 2 and merges: per card the latest review wins, review logs and attempts are united.
   Builds on progress.js (window.cramdownProgress); exposes window.cramdownTransfer. */
(function () {
  "use strict";
  var progress = window.cramdownProgress;
  if (!progress) return;
  var newer = progress.newer;
  function time(value) { var t = Date.parse(value); return isFinite(t) ? t : null; }
  function isObject(x) { return !!x && typeof x === "object" && !Array.isArray(x); }

  // Merges `from` into `into` (both version 2); returns how many cards changed.
  function merge(into, from) {
    var changed = 0;
    Object.keys(from.cards).forEach(function (id) {
      var kept = newer(into.cards[id], from.cards[id]);
      if (kept !== into.cards[id]) { into.cards[id] = kept; changed++; }
    });
    var seen = {};
    into.log.forEach(function (e) { seen[logKey(e)] = 1; });
    from.log.forEach(function (e) { if (!seen[logKey(e)]) { seen[logKey(e)] = 1; into.log.push(e); } });
    into.log.sort(function (a, b) { return time(a.review) - time(b.review); });
    Object.keys(from.attempts).forEach(function (kind) {
      var list = into.attempts[kind] || (into.attempts[kind] = []), ids = {};
      list.forEach(function (a) { ids[a.id] = 1; });
      from.attempts[kind].forEach(function (a) { if (!ids[a.id]) { ids[a.id] = 1; list.push(a); } });
    });
    return changed;
  }
  function logKey(e) { return e.card + "|" + time(e.review) + "|" + e.rating; }

  function exportData() {
    var store = progress.store(), now = new Date(Date.now()).toISOString();
    store.last_export = now;
    progress.save(store);
    return { format: "cramdown-progress", version: 2, site: progress.SITE, exported: now,
      cards: store.cards, log: store.log, attempts: store.attempts };
  }
  // Merges a parsed export (version 1 or 2) into the store; returns { cards, log, attempts } counts of the file.
  function importData(data) {
    if (!isObject(data) || (data.format && data.format !== "cramdown-progress") || !(data.version === 1 || data.version === 2)) {
      throw new Error("not a cramdown progress file (version 1 or 2)");
    }
    var incoming = progress.normalise(data), store = progress.store();
    progress.applyAliases(incoming);
    merge(store, incoming);
    if (!progress.save(store)) throw new Error("the browser refused to store it (storage full or blocked)");
    return { cards: Object.keys(incoming.cards).length, log: incoming.log.length };
  }

  window.cramdownTransfer = {
    exportData: exportData, importData: importData,
    merge: function (a, b) { var x = progress.normalise(a); merge(x, progress.normalise(b)); return x; }
  };
})();
