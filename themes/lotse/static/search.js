/* lotse search: loads the sharded index built at build time (suche/*.json,
   same host only) and searches it in the browser. `fold` must stay the same
   as `fold_in` in src/text/terms.rs and src/text/lang.rs, language by
   language (a test runs both). No framework, no third party. */
(function () {
  "use strict";

  var MAP = {
    "ß": "ss", "ä": "a", "à": "a", "á": "a", "â": "a", "ã": "a", "å": "a", "ā": "a", "ą": "a",
    "ö": "o", "ò": "o", "ó": "o", "ô": "o", "õ": "o", "ø": "o", "ō": "o",
    "ü": "u", "ù": "u", "ú": "u", "û": "u", "ū": "u",
    "é": "e", "è": "e", "ê": "e", "ë": "e", "ę": "e", "ē": "e",
    "í": "i", "ì": "i", "î": "i", "ï": "i", "ı": "i",
    "ç": "c", "č": "c", "ć": "c", "ñ": "n", "ń": "n",
    "š": "s", "ś": "s", "ş": "s", "ž": "z", "ź": "z", "ż": "z",
    "ý": "y", "ÿ": "y", "ğ": "g", "ł": "l"
  };

  /* What a language does with a lower-case character before MAP ("" drops
     it), as `extra` in src/text/lang.rs. */
  var EXTRA = {
    de: {}, latin: {},
    tr: { "\u0307": "" },
    uk: { "ґ": "г" },
    ar: { "\u0670": "", "\u0640": "", "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي" }
  };
  for (var c = 0x64b; c <= 0x65f; c++) EXTRA.ar[String.fromCharCode(c)] = "";

  /* The folding of a language by its BCP 47 tag (index.json's "lang"), as
     Folding::from_tag: the primary subtag; none is German; a language
     without rules of its own folds as English. */
  function folding(lang) {
    var p = String(lang || "").split(/[-_]/)[0].toLowerCase();
    return p === "" || p === "de" ? "de" : p === "tr" || p === "az" ? "tr"
      : p === "uk" ? "uk" : p === "ar" ? "ar" : "latin";
  }

  /* Lower case and common accents removed; in German (the default)
     umlauts and ß spelled out and reduced: ä, ae and a all become a; in
     Turkish İ, I, ı and i are one; in Ukrainian apostrophes inside words
     are dropped and ґ is г; in Arabic diacritics and tatweel are dropped
     and letter variants joined (see src/text/lang.rs). */
  function fold(s, lang) {
    var f = folding(lang);
    if (f === "uk") s = s.replace(/(?<=[\p{Alphabetic}\p{N}])['\u2019\u02bc](?=[\p{Alphabetic}\p{N}])/gu, "");
    var lower = s.toLowerCase(), out = "", extra = EXTRA[f];
    for (var ch of lower) {
      out += extra[ch] !== undefined ? extra[ch] : MAP[ch] !== undefined ? MAP[ch] : ch;
    }
    return f === "de" ? out.replace(/ae/g, "a").replace(/oe/g, "o").replace(/ue/g, "u") : out;
  }

  /* Query terms: folded words of two or more letters; stop words are
     dropped except the last word, which may still be being typed. */
  function queryTerms(q, m) {
    var words = fold(q, m.lang).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return Array.from(w).length >= 2; });
    var stop = new Set(m.stop);
    return words.filter(function (w, i) {
      return i === words.length - 1 || !stop.has(w);
    }).map(function (w) { return Array.from(w).slice(0, m.max_term).join(""); });
  }

  /* Code point order, like the sort of terms in Rust. */
  function cmp(a, b) {
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }

  /* The term shards hold contiguous ranges of the sorted terms; m.shards
     has the first term of each. A prefix needs the shard its position falls
     in and every later shard that starts with it. */
  function shardsFor(prefix, m) {
    var first = 0, out = [];
    for (var i = 0; i < m.shards.length; i++) {
      if (m.shards[i] && cmp(m.shards[i], prefix) <= 0) first = i;
    }
    out.push(first);
    for (var j = first + 1; j < m.shards.length; j++) {
      if (m.shards[j] && m.shards[j].lastIndexOf(prefix, 0) === 0) out.push(j);
      else break;
    }
    return out;
  }

  function undelta(list) {
    var acc = 0, out = [];
    for (var i = 0; i < list.length; i++) { acc += list[i]; out.push(acc); }
    return out;
  }

  /* Scores of one query term over the loaded terms: title hits above body
     hits, whole words above prefixes. Returns a Map doc → score. */
  function scoreTerm(term, terms) {
    var scores = new Map();
    Object.keys(terms).forEach(function (t) {
      if (t.lastIndexOf(term, 0) !== 0) return;
      var exact = t === term;
      var add = function (docs, s) {
        docs.forEach(function (d) { if ((scores.get(d) || 0) < s) scores.set(d, s); });
      };
      add(undelta(terms[t][1]), exact ? 3 : 2);
      add(undelta(terms[t][0]), exact ? 12 : 8);
    });
    return scores;
  }

  /* The hits of a query, best first: [[doc, score]]. Every term must
     match. `loadShard(n)` returns a promise of shard n. */
  function find(q, m, loadShard) {
    var terms = queryTerms(q, m);
    if (!terms.length) return Promise.resolve([]);
    return Promise.all(terms.map(function (t) {
      return Promise.all(shardsFor(t, m).map(loadShard)).then(function (parts) {
        var all = {};
        parts.forEach(function (p) { Object.keys(p).forEach(function (k) { all[k] = p[k]; }); });
        return scoreTerm(t, all);
      });
    })).then(function (per) {
      var total = per[0];
      per.slice(1).forEach(function (s) {
        var next = new Map();
        total.forEach(function (v, d) { if (s.has(d)) next.set(d, v + s.get(d)); });
        total = next;
      });
      return Array.from(total.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    });
  }

  if (typeof document === "undefined") {
    if (typeof module !== "undefined") module.exports = { fold: fold, folding: folding, queryTerms: queryTerms, shardsFor: shardsFor, find: find };
    return;
  }

  // ───────────────────────── the page ─────────────────────────
  var form = document.querySelector("form.search-form[data-index]");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var status = document.getElementById("suche-status");
  var list = document.getElementById("suche-ergebnisse");
  var indexUrl = form.getAttribute("data-index");
  var dir = indexUrl.replace(/[^\/]*$/, "");
  var msg = function (name) { return form.getAttribute("data-msg-" + name) || ""; };
  var PAGE = 20;

  var cache = {};
  function getJSON(url) {
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.json();
      });
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }
  function loadShard(n) { return getJSON(dir + "t-" + n + ".json"); }
  function loadChunk(n) { return getJSON(dir + "d-" + n + ".json"); }

  function render(m, doc) {
    var kind = m.kinds[doc[0]];
    var li = document.createElement("li");
    li.className = "search-result";
    var a = document.createElement("a");
    a.href = m.base + (kind[0] ? kind[0] + "/" : "") + doc[1] + "/";
    a.textContent = doc[2];
    var type = document.createElement("span");
    type.className = "search-kind";
    type.textContent = kind[1];
    li.appendChild(a);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(type);
    if (doc[3]) {
      var p = document.createElement("p");
      p.textContent = doc[3];
      li.appendChild(p);
    }
    list.appendChild(li);
  }

  function clearMore() {
    var old = document.getElementById("suche-mehr");
    if (old) old.remove();
  }

  var seq = 0;
  /* Shows hits from..from+PAGE, loading only the document chunks they are
     in, and a button for more. */
  function showPage(m, hits, from, mine) {
    var shown = hits.slice(from, from + PAGE);
    var need = Array.from(new Set(shown.map(function (h) { return Math.floor(h[0] / m.chunk); })));
    return Promise.all(need.map(loadChunk)).then(function (cs) {
      if (mine !== seq) return;
      var byChunk = {};
      need.forEach(function (n, i) { byChunk[n] = cs[i]; });
      clearMore();
      shown.forEach(function (h) { render(m, byChunk[Math.floor(h[0] / m.chunk)][h[0] % m.chunk]); });
      if (from + PAGE < hits.length) {
        var more = document.createElement("button");
        more.type = "button";
        more.id = "suche-mehr";
        more.className = "search-more";
        more.textContent = msg("more");
        more.addEventListener("click", function () {
          more.disabled = true;
          showPage(m, hits, from + PAGE, mine);
        });
        list.insertAdjacentElement("afterend", more);
      }
    });
  }

  function run(q) {
    var mine = ++seq;
    list.innerHTML = "";
    clearMore();
    if (fold(q).replace(/[^\p{L}\p{N}]/gu, "").length < 2) {
      status.textContent = q.trim() ? msg("short") : "";
      return;
    }
    status.textContent = msg("loading");
    getJSON(indexUrl).then(function (m) {
      return find(q, m, loadShard).then(function (hits) {
        if (mine !== seq) return;
        status.textContent = hits.length === 0 ? msg("none")
          : hits.length === 1 ? msg("one") : msg("many").replace("{n}", hits.length);
        return showPage(m, hits, 0, mine);
      });
    }).catch(function () {
      if (mine === seq) status.textContent = msg("error");
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value;
      var url = new URL(window.location.href);
      if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
      history.replaceState(null, "", url);
      run(q);
    }, 150);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    run(input.value);
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
