/* search.js: search on every page (cramdown.js loads it on first use), over the split index (format 3, docs/TEMPLATES.md). A first query loads
   search-index.js (titles and the first term of each shard), then only the term shards its words need and the
   detail chunks of the results it shows; every file is a classic script that assigns a global, so it works
   from file://. Also loads the catalog (every question's id, topics and difficulty) for progress counts and
   study sessions. Exposes window.cramdownSearch: search(query, limit) -> Promise, loadCatalog(done, fail, withTitles). */
(function () {
  "use strict";
  var doc = document;
  var ROOT = doc.documentElement.getAttribute("data-root") || "";
  var DIFFICULTIES = ["", "beginner", "intermediate", "advanced"];
  // Same list as STOP_WORDS in src/search/mod.rs: never indexed, so ignored in queries.
  var stopWords = {};
  ("a an and are as at be but by can do does for from has have how if in into is it its not of on or so than that " +
    "the their then there these they this to was what when which while who why will with you your").split(" ")
    .forEach(function (word) { stopWords[word] = 1; });

  function byId(id) { return doc.getElementById(id); }
  function element(tag, className, text) {
    var node = doc.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }
  function setStatus(message) { var status = byId("cd-search-status"); if (status) status.textContent = message; }

  /* ---------- Loading the index: scripts that assign globals, each loaded once ---------- */
  var scripts = {};
  function loadScript(src) {
    if (!scripts[src]) {
      scripts[src] = new Promise(function (resolve, reject) {
        var script = element("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = function () { reject(new Error("cannot load " + src)); };
        doc.head.appendChild(script);
      });
    }
    return scripts[src];
  }
  function parts() { return window.CRAMDOWN_SEARCH_PARTS || (window.CRAMDOWN_SEARCH_PARTS = {}); }
  // One part of the index (search-index/<name>.js), unless already there (a test may inject them).
  function loadPart(name) {
    if (parts()[name]) return Promise.resolve(parts()[name]);
    return loadScript(ROOT + "search-index/" + name + ".js").then(function () {
      if (!parts()[name]) throw new Error("search-index/" + name + ".js holds no index part");
      return parts()[name];
    });
  }
  var head = null, headPromise = null;
  // search-index.js: { v: 3, stop, topics: [[slug, title]], chunk, titles, shards: [first term of each] }.
  function loadHead() {
    if (!headPromise) {
      var ready = window.CRAMDOWN_SEARCH ? Promise.resolve() : loadScript(ROOT + "search-index.js");
      headPromise = ready.then(function () {
        var data = window.CRAMDOWN_SEARCH || {};
        if (data.v !== 3) throw new Error("The search index is from another cramdown version: rebuild the site.");
        (data.stop || []).forEach(function (word) { stopWords[word] = 1; });
        head = {
          topics: data.topics || [], chunk: data.chunk || 1, titles: data.titles || [], shards: data.shards || [],
          lowerTitles: (data.titles || []).map(function (title) { return String(title).toLowerCase(); })
        };
        return head;
      });
      headPromise.catch(function (error) {
        setStatus(/rebuild/.test(error.message) ? error.message : "The search index could not be loaded.");
      });
    }
    return headPromise;
  }

  /* ---------- Term shards: a run of the sorted vocabulary and the docs of each term ---------- */
  var shards = [];
  function lowerBound(list, word) {
    var low = 0, high = list.length;
    while (low < high) { var middle = (low + high) >> 1; if (list[middle] < word) low = middle + 1; else high = middle; }
    return low;
  }
  // The shards that may hold `word` (or, as a prefix, any term starting with it), in order.
  function shardsFor(word, prefix) {
    var first = Math.max(0, lowerBound(head.shards, word) - (head.shards[lowerBound(head.shards, word)] === word ? 0 : 1));
    var list = first < head.shards.length ? [first] : [];
    if (prefix) {
      for (var k = first + 1; k < head.shards.length && head.shards[k].lastIndexOf(word, 0) === 0; k++) list.push(k);
    }
    return list;
  }
  function loadShard(k) {
    return loadPart("terms-" + k).then(function (part) {
      if (!shards[k]) shards[k] = { terms: part.terms || [], postings: part.postings || [], decoded: [] };
    });
  }
  // The docs of term `at` of a shard, decoded once into typed arrays (no garbage for later queries): "d" + base-36
  // gaps joined by "." gives { list: Int32Array of docs, ascending }, "b" + base64 gives { bits: Uint8Array }.
  function docsOf(shard, at) {
    if (shard.decoded[at]) return shard.decoded[at];
    var posting = shard.postings[at] || "d", i, decoded;
    if (posting.charAt(0) === "b") {
      var bytes = atob(posting.slice(1)), bits = new Uint8Array(bytes.length);
      for (i = 0; i < bytes.length; i++) bits[i] = bytes.charCodeAt(i);
      decoded = { bits: bits };
    } else {
      var gaps = posting.length > 1 ? posting.slice(1).split(".") : [], list = new Int32Array(gaps.length), position = 0;
      for (i = 0; i < gaps.length; i++) list[i] = position += parseInt(gaps[i], 36);
      decoded = { list: list };
    }
    return (shard.decoded[at] = decoded);
  }
  // Marks in `flags` the docs containing `word` (or, as a prefix, any term starting with it).
  function markDocs(word, prefix, flags) {
    shardsFor(word, prefix).forEach(function (k) {
      var shard = shards[k], i, j;
      for (var at = lowerBound(shard.terms, word); at < shard.terms.length; at++) {
        var term = shard.terms[at];
        if (prefix ? term.lastIndexOf(word, 0) !== 0 : term !== word) break;
        var docs = docsOf(shard, at);
        if (docs.bits) {
          for (i = 0; i < docs.bits.length; i++) {
            for (var byte = docs.bits[i], bit = 0; byte; bit++, byte >>= 1) if (byte & 1) flags[i * 8 + bit] = 1;
          }
        } else {
          for (j = 0; j < docs.list.length; j++) flags[docs.list[j]] = 1;
        }
      }
    });
  }

  /* ---------- Queries ----------
     Every query word must match (AND): in the title as a substring, or as an indexed word; the last word also
     matches as a prefix of indexed words. Title matches rank first, then site order. */
  function queryWords(query) {
    var all = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    return all.filter(function (word) { return word.length > 1 && !stopWords[word]; }).slice(0, 32);
  }
  var WORD_CHAR = /[\p{L}\p{N}]/u;
  function isWordStart(text, at) {
    if (at === 0) return true;
    var code = text.charCodeAt(at - 1);
    if (code < 128) return !((code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90));
    return !WORD_CHAR.test(text.charAt(at - 1));
  }
  // Ranks every doc once the shards of `words` are loaded: the docs that match, best first, then in site order.
  function rank(query, words) {
    var titles = head.lowerTitles, count = titles.length, score = new Uint32Array(count), i, k, at;
    if (!words.length) {
      // Only stop words or single letters: the query as typed, in titles.
      for (i = 0; i < count; i++) {
        at = titles[i].indexOf(query);
        if (at >= 0) score[i] = isWordStart(titles[i], at) ? 2 : 1;
      }
    } else {
      var matched = new Uint8Array(count), flags = new Uint8Array(count);
      for (k = 0; k < words.length; k++) {
        flags.fill(0);
        markDocs(words[k], k === words.length - 1, flags);
        for (i = 0; i < count; i++) {
          if (matched[i] !== k) continue; // an earlier word did not match
          at = titles[i].indexOf(words[k]);
          if (at >= 0) { matched[i]++; score[i] += isWordStart(titles[i], at) ? 1500 : 1000; }
          else if (flags[i]) { matched[i]++; score[i] += 1; }
        }
      }
      for (i = 0; i < count; i++) if (matched[i] !== words.length) score[i] = 0;
    }
    // Scores take few values: group the docs by score (each group in site order), best group first.
    var groups = {}, values = [], ranked = [];
    for (i = 0; i < count; i++) {
      var value = score[i];
      if (!value) continue;
      if (!groups[value]) { groups[value] = []; values.push(value); }
      groups[value].push(i);
    }
    values.sort(function (a, b) { return b - a; });
    for (k = 0; k < values.length; k++) for (i = 0, at = groups[values[k]]; i < at.length; i++) ranked.push(at[i]);
    return ranked;
  }
  // The result shown for doc i, from its detail chunk (loaded).
  function result(i) {
    var detail = parts()["docs-" + Math.floor(i / head.chunk)][i % head.chunk], codes = detail[1] || [];
    return {
      i: i, id: detail[0], title: head.titles[i], diff: DIFFICULTIES[detail[2]] || "", text: detail[3] || "",
      topics: codes.map(function (c) { return head.topics[c] ? head.topics[c][0] : ""; }),
      names: codes.map(function (c) { return head.topics[c] ? head.topics[c][1] : ""; })
    };
  }
  // Resolves to { total, hits: [the first `limit` results], terms: [the words to mark] }.
  function search(query, limit) {
    query = query.trim().toLowerCase();
    if (!query) return Promise.resolve({ total: 0, hits: [], terms: [] });
    return loadHead().then(function () {
      var words = queryWords(query), needed = {};
      words.forEach(function (word, k) {
        shardsFor(word, k === words.length - 1).forEach(function (shard) { needed[shard] = 1; });
      });
      return Promise.all(Object.keys(needed).map(function (k) { return loadShard(+k); })).then(function () {
        var ranked = rank(query, words), top = ranked.slice(0, limit || 20), chunks = {};
        top.forEach(function (doc) { chunks[Math.floor(doc / head.chunk)] = 1; });
        return Promise.all(Object.keys(chunks).map(function (c) { return loadPart("docs-" + c); })).then(function () {
          return { total: ranked.length, hits: top.map(result), terms: words.length ? words : [query] };
        });
      });
    });
  }

  /* ---------- The catalog: every question's id, topics, difficulty, exam domain (and title, from search-index.js) ---------- */
  var catalog = null;
  function readCatalog(data) {
    var previous = "", topics = data.topics || [], domains = data.domains || [], domainCodes = data.domain || "";
    return (data.ids || []).map(function (entry, i) {
      var id = previous.slice(0, parseInt(entry.charAt(0), 36)) + entry.slice(1), codes = data.doc_topics[i] || [];
      var domain = parseInt(domainCodes.charAt(i) || "0", 36);
      previous = id;
      return { i: i, id: id, diff: DIFFICULTIES[+data.difficulty.charAt(i)] || "", domain: domain ? domains[domain - 1] || "" : "",
        topics: codes.map(function (c) { return topics[c] ? topics[c][0] : ""; }) };
    });
  }
  // Calls done(docs) with every question in site order, or fail(); `withTitles` also loads search-index.js.
  function loadCatalog(done, fail, withTitles) {
    var ready = catalog ? Promise.resolve(catalog) : loadPart("catalog").then(function (data) {
      return (catalog = readCatalog(data));
    });
    if (withTitles) {
      ready = Promise.all([ready, loadHead()]).then(function () {
        catalog.forEach(function (entry) { entry.title = head.titles[entry.i]; });
        return catalog;
      });
    }
    ready.then(done, function () { if (fail) fail(); });
  }

  /* ---------- The search box: results as you type, arrows and Enter, Escape closes ---------- */
  // Appends text to node with every term wrapped in <mark>.
  function marked(node, text, terms) {
    var lower = text.toLowerCase(), position = 0;
    while (position < text.length) {
      var best = -1, length = 0;
      terms.forEach(function (term) {
        var at = lower.indexOf(term, position);
        if (at >= 0 && (best < 0 || at < best || (at === best && term.length > length))) { best = at; length = term.length; }
      });
      if (best < 0) break;
      if (best > position) node.appendChild(doc.createTextNode(text.slice(position, best)));
      node.appendChild(element("mark", null, text.slice(best, best + length)));
      position = best + length;
    }
    if (position < text.length) node.appendChild(doc.createTextNode(text.slice(position)));
    return node;
  }
  function showResults(box, query, found) {
    box.textContent = "";
    if (!found.total) {
      box.appendChild(element("p", "r-empty", "No question matches “" + query + "”."));
    } else {
      var list = element("ul");
      found.hits.forEach(function (hit) {
        var item = element("li"), link = element("a");
        link.href = ROOT + encodeURI(hit.id) + ".html";
        link.appendChild(marked(element("span", "r-title"), hit.title, found.terms));
        link.appendChild(element("span", "r-topics", hit.names.join(" · ") + (hit.diff ? " · " + hit.diff : "")));
        if (hit.text) {
          var snippet = /[.!?:]$/.test(hit.text) ? hit.text : hit.text + "…";
          link.appendChild(marked(element("span", "r-snippet"), snippet, found.terms));
        }
        item.appendChild(link);
        list.appendChild(item);
      });
      box.appendChild(list);
      if (found.total > found.hits.length) {
        box.appendChild(element("p", "r-empty", "Showing " + found.hits.length + " of " + found.total + " results."));
      }
    }
    box.hidden = false;
    setStatus(found.total ? found.total + (found.total === 1 ? " result" : " results") + ". Press down arrow to choose." : "No results.");
  }
  function setupSearchBox() {
    var input = byId("cd-search"), box = byId("cd-search-results"), form = byId("cd-search-form");
    if (!input || !box || !form) return;
    var latest = 0;
    function close() { box.hidden = true; }
    function run() {
      var query = input.value.trim(), ticket = ++latest;
      if (!query) { close(); setStatus(""); return; }
      search(query, 20).then(function (found) {
        if (ticket === latest) showResults(box, query, found); // a later keystroke wins
      }, function () { /* the status says why */ });
    }
    function links() { return Array.prototype.slice.call(box.querySelectorAll("a")); }
    input.addEventListener("focus", function () { loadHead().catch(function () {}); if (input.value.trim()) run(); });
    input.addEventListener("input", run);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = links()[0];
      if (first) window.location.href = first.href;
    });
    form.addEventListener("keydown", function (event) {
      var all = links(), at = all.indexOf(doc.activeElement);
      if (event.key === "ArrowDown" && all.length) {
        event.preventDefault();
        all[Math.min(at + 1, all.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at >= 0) {
        event.preventDefault();
        if (at === 0) input.focus(); else all[at - 1].focus();
      } else if (event.key === "Escape" && !box.hidden) {
        event.preventDefault();
        close();
        input.focus();
      }
    });
    form.addEventListener("focusout", function () {
      setTimeout(function () { if (!form.contains(doc.activeElement)) close(); }, 0);
    });
    doc.addEventListener("click", function (event) { if (!form.contains(event.target)) close(); });
    var asked = /[?&]q=([^&]*)/.exec(window.location.search);
    if (asked && doc.querySelector("body.page-index")) {
      input.value = decodeURIComponent(asked[1].replace(/\+/g, " "));
      input.focus();
    }
    // Loaded by cramdown.js when the reader first focused or typed in the box: catch up.
    if (doc.activeElement === input) {
      loadHead().catch(function () {});
      if (input.value.trim()) run();
    }
  }

  window.cramdownSearch = { search: search, loadCatalog: loadCatalog };
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", setupSearchBox); else setupSearchBox();
})();
