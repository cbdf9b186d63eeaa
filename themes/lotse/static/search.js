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

  /* How much a match in each list of a stem ([title, body, title part,
     body part], see src/outputs/search/stems.rs) weighs: title far above
     body; a whole word (the query word, or a word of the same stem) above
     a compound part above the beginning of a longer word. */
  var FIELD = [4, 1, 4, 1];
  var WHOLE = [1, 1, 0.6, 0.6];
  var PREFIX = 0.3;
  /* BM25's saturation: a second strong match adds less than the first. */
  var K1 = 1.2;

  function merge(into, parts) {
    parts.forEach(function (p) { Object.keys(p).forEach(function (k) { into[k] = p[k]; }); });
    return into;
  }

  /* One query term: loads the shards it needs and returns
     { scores: Map doc → weight, forms: folded words that count as it }.
     Keys are stems (with document lists) or words of the site (with their
     stem): the term as a key is a whole-word match, keys that begin with
     it are prefix matches; a word the site never uses falls back to the
     longest stem it begins with (at most 4 letters shorter). */
  function lookupTerm(term, m, loadShard) {
    return Promise.all(shardsFor(term, m).map(loadShard)).then(function (parts) {
      var all = merge({}, parts);
      var matches = [];
      Object.keys(all).forEach(function (k) {
        if (k.lastIndexOf(term, 0) !== 0) return;
        var v = all[k];
        matches.push({ stem: typeof v === "string" ? v : k, whole: k === term });
      });
      if (!matches.length) {
        var best = "";
        Object.keys(all).forEach(function (k) {
          if (typeof all[k] !== "string" && k.length > best.length && k.length >= 4 &&
              term.length - k.length <= 4 && term.lastIndexOf(k, 0) === 0) best = k;
        });
        if (best) matches.push({ stem: best, whole: false });
      }
      var missing = matches.map(function (x) { return x.stem; }).filter(function (s) { return !(s in all); });
      var more = Array.from(new Set(missing.map(function (s) { return shardsFor(s, m)[0]; })));
      return Promise.all(more.map(loadShard)).then(function (extra) {
        merge(all, extra);
        var scores = new Map(), forms = new Set([term]), wholeStems = new Set();
        matches.forEach(function (x) {
          var lists = all[x.stem];
          if (!Array.isArray(lists)) return;
          if (x.whole) { wholeStems.add(x.stem); forms.add(x.stem); }
          lists.forEach(function (list, i) {
            var w = FIELD[i] * (x.whole ? WHOLE[i] : PREFIX);
            undelta(list).forEach(function (d) { if ((scores.get(d) || 0) < w) scores.set(d, w); });
          });
        });
        Object.keys(all).forEach(function (k) {
          if (wholeStems.has(all[k])) forms.add(k);
        });
        return { scores: scores, forms: forms };
      });
    });
  }

  /* The kind number of a document, from index.json's runs. */
  function kindOf(d, m) {
    var runs = m.runs || [[0, 0]], lo = 0, hi = runs.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (runs[mid][0] <= d) lo = mid; else hi = mid - 1;
    }
    return runs[lo][1];
  }

  /* The hits of a query, best first: [[doc, score]], with `forms` (the
     folded words to highlight) as a property. Every term must match.
     Ranking is BM25 over the documents' weights per term (idf from how
     many documents a term finds), ties by kind (index.json's "tie") and
     then by document order. `loadShard(n)` returns a promise of shard n. */
  function find(q, m, loadShard) {
    var terms = queryTerms(q, m);
    if (!terms.length) { var none = []; none.forms = []; return Promise.resolve(none); }
    return Promise.all(terms.map(function (t) { return lookupTerm(t, m, loadShard); })).then(function (per) {
      var n = m.docs || 1, total = null, forms = new Set();
      per.forEach(function (r) {
        r.forms.forEach(function (f) { forms.add(f); });
        var df = r.scores.size;
        var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        var next = new Map();
        r.scores.forEach(function (w, d) {
          if (total && !total.has(d)) return;
          next.set(d, (total ? total.get(d) : 0) + idf * w * (K1 + 1) / (w + K1));
        });
        total = next;
      });
      var tie = m.tie || [];
      var hits = Array.from(total.entries()).sort(function (a, b) {
        return b[1] - a[1] || (tie[kindOf(a[0], m)] || 0) - (tie[kindOf(b[0], m)] || 0) || a[0] - b[0];
      });
      hits.forms = Array.from(forms);
      return hits;
    });
  }

  /* Puts the documents whose title is the query (folded, word by word)
     first, keeping the order otherwise; `docs(h)` gives a hit's document. */
  function exactTitleFirst(q, hits, docs, lang) {
    var words = function (s) { return fold(s, lang).split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(" "); };
    var want = words(q);
    var exact = hits.filter(function (h) { var d = docs(h); return d && words(d[2]) === want; });
    if (!exact.length) return hits;
    return exact.concat(hits.filter(function (h) { return exact.indexOf(h) < 0; }));
  }

  /* The folded text of `s` with, for each folded character, the range of
     original characters (UTF-16 offsets) it came from, as `fold` folds:
     highlights are placed on the original text, right after an umlaut
     too. Returns null where folding one character at a time differs from
     folding the text (then whole words are marked). */
  function foldMap(s, lang) {
    var f = folding(lang), extra = EXTRA[f], out = "", from = [], to = [], vowel = false;
    for (var i = 0; i < s.length;) {
      var ch = String.fromCodePoint(s.codePointAt(i)), end = i + ch.length;
      var lower = ch.toLowerCase(), folded = "";
      for (var l of lower) folded += extra[l] !== undefined ? extra[l] : MAP[l] !== undefined ? MAP[l] : l;
      for (var c of folded) {
        if (f === "de" && c === "e" && vowel) { to[to.length - 1] = end; vowel = false; continue; }
        out += c;
        for (var k = 0; k < c.length; k++) { from.push(i); to.push(end); }
        vowel = f === "de" && (c === "a" || c === "o" || c === "u");
      }
      i = end;
    }
    return out === fold(s, lang) ? { text: out, from: from, to: to } : null;
  }

  /* Where to mark `forms` (folded) in `text`: [[start, end]] in original
     UTF-16 offsets. A word is marked where a form begins it or, for a
     form of 4 or more letters, where it stands inside it (a compound
     part); the longest form at a place wins. */
  function highlights(text, forms, lang) {
    var out = [], re = /[\p{L}\p{N}]+/gu, mt;
    var sorted = forms.filter(function (f) { return f.length >= 2; }).sort(function (a, b) { return b.length - a.length; });
    while ((mt = re.exec(text))) {
      var word = mt[0], at = mt.index, map = foldMap(word, lang);
      if (!map) {
        var fw = fold(word, lang);
        if (sorted.some(function (f) { return fw.indexOf(f) === 0; })) out.push([at, at + word.length]);
        continue;
      }
      var t = map.text, p = 0;
      while (p < t.length) {
        var hit = null;
        for (var j = 0; j < sorted.length; j++) {
          var f = sorted[j];
          if ((p === 0 || f.length >= 4) && t.lastIndexOf(f, p) === p) { hit = f; break; }
        }
        if (hit) {
          out.push([at + map.from[p], at + map.to[p + hit.length - 1]]);
          p += hit.length;
        } else p++;
      }
    }
    return out;
  }

  if (typeof document === "undefined") {
    if (typeof module !== "undefined") module.exports = { fold: fold, folding: folding, queryTerms: queryTerms, shardsFor: shardsFor, find: find, kindOf: kindOf, highlights: highlights, foldMap: foldMap, exactTitleFirst: exactTitleFirst };
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
