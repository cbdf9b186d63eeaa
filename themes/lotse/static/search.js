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
     longest key it begins with (at most 4 letters shorter). */
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
        // A word the site never uses: the longest word or stem of the
        // site it begins with, at most 4 letters shorter (Bewerbungen →
        // Bewerbung); a word of the site counts as its stem.
        var best = "";
        Object.keys(all).forEach(function (k) {
          if (k.length > best.length && k.length >= 4 &&
              term.length - k.length <= 4 && term.lastIndexOf(k, 0) === 0) best = k;
        });
        if (best) matches.push({ stem: typeof all[best] === "string" ? all[best] : best, whole: false });
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
     part); the longest form at a place wins, and an ending of up to 3
     letters after it is marked with it. */
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
          // An ending of up to 3 letters after it is marked too
          // (Orientierung·en, Praktikum·s).
          var end = t.length - p - hit.length <= 3 ? t.length : p + hit.length;
          out.push([at + map.from[p], at + map.to[end - 1]]);
          p = end;
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
  var filterBox = document.getElementById("suche-filter");
  var moreFilters = document.getElementById("suche-filter-mehr");
  var indexUrl = form.getAttribute("data-index");
  var dir = indexUrl.replace(/[^\/]*$/, "");
  var msg = function (name) { return form.getAttribute("data-msg-" + name) || ""; };
  var PAGE = 20;
  var FACETS = ["art", "zielgruppe", "klasse", "region"];

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

  /* The chosen filter values, from the URL first and then the boxes. */
  var chosen = {};
  var params = new URLSearchParams(window.location.search);
  FACETS.forEach(function (f) { chosen[f] = new Set(params.getAll(f)); });

  /* The documents of each filter value: { facet: { key: Set } }; "art"
     from index.json's runs, the rest from f.json once loaded. */
  var sets = null;
  function kindKey(m, k) { return m.kinds[k][0] || "seiten"; }
  function kindSets(m) {
    var out = {};
    m.kinds.forEach(function (k, i) { out[kindKey(m, i)] = { label: k[1], docs: null, kind: i }; });
    return out;
  }
  function facetSets(f) {
    var out = {};
    ["zielgruppe", "klasse", "region"].forEach(function (name) {
      out[name] = {};
      (f[name] || []).forEach(function (v) { out[name][v[0]] = { label: v[1], docs: new Set(undelta(v[2])) }; });
    });
    return out;
  }
  function has(m, facet, key, d) {
    var v = sets[facet] && sets[facet][key];
    if (!v) return false;
    return facet === "art" ? kindOf(d, m) === v.kind : v.docs.has(d);
  }
  /* Whether a document passes every chosen filter but `skip`'s: values
     of one filter are alternatives, filters all apply. */
  function passes(m, d, skip) {
    return FACETS.every(function (f) {
      if (f === skip || !chosen[f].size || !sets[f]) return true;
      return Array.from(chosen[f]).some(function (k) { return has(m, f, k, d); });
    });
  }

  function wantFacets() {
    return moreFilters.open || ["zielgruppe", "klasse", "region"].some(function (f) { return chosen[f].size; });
  }

  /* Builds the boxes of one filter once (values in the site's order) and
     later only updates counts and hides values no hit has, so a box
     keeps its focus while the results change. */
  function fillFacet(m, facet, hits) {
    var box = filterBox.querySelector('fieldset[data-facet="' + facet + '"]');
    var ul = box.querySelector("ul");
    if (!ul.children.length) {
      Object.keys(sets[facet]).forEach(function (key) {
        var li = document.createElement("li");
        var label = document.createElement("label");
        var cb = document.createElement("input");
        cb.type = "checkbox";
        cb.name = facet;
        cb.value = key;
        cb.checked = chosen[facet].has(key);
        cb.addEventListener("change", function () {
          if (cb.checked) chosen[facet].add(key); else chosen[facet].delete(key);
          updateUrl();
          showHits(m, current.hits, ++seq);
        });
        var count = document.createElement("span");
        count.className = "count";
        label.appendChild(cb);
        label.appendChild(document.createTextNode(" " + sets[facet][key].label + " "));
        label.appendChild(count);
        li.appendChild(label);
        ul.appendChild(li);
      });
    }
    var any = false;
    Array.from(ul.children).forEach(function (li) {
      var cb = li.querySelector("input");
      var n = hits.filter(function (h) { return passes(m, h[0], facet) && has(m, facet, cb.value, h[0]); }).length;
      li.querySelector(".count").textContent = "(" + n + ")";
      li.hidden = n === 0 && !cb.checked;
      any = any || !li.hidden;
    });
    box.hidden = !any;
  }

  function showFilters(m, hits) {
    if (!sets) sets = { art: kindSets(m) };
    filterBox.hidden = hits.length === 0;
    if (!hits.length) return Promise.resolve();
    fillFacet(m, "art", hits);
    if (!wantFacets()) return Promise.resolve();
    return getJSON(dir + "f.json").then(function (f) {
      if (!sets.zielgruppe) {
        var more = facetSets(f);
        Object.keys(more).forEach(function (k) { sets[k] = more[k]; });
      }
      ["zielgruppe", "klasse", "region"].forEach(function (facet) { fillFacet(m, facet, hits); });
    });
  }

  /* Text with the places `marks` ([[start, end]]) in <mark>. */
  function marked(el, text, marks) {
    var at = 0;
    marks.forEach(function (r) {
      if (r[0] < at) return;
      el.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mk = document.createElement("mark");
      mk.textContent = text.slice(r[0], r[1]);
      el.appendChild(mk);
      at = r[1];
    });
    el.appendChild(document.createTextNode(text.slice(at)));
  }

  function render(m, doc, forms) {
    var kind = m.kinds[doc[0]];
    var li = document.createElement("li");
    li.className = "search-result";
    var a = document.createElement("a");
    a.href = m.base + (kind[0] ? kind[0] + "/" : "") + doc[1] + "/";
    marked(a, doc[2], highlights(doc[2], forms, m.lang));
    var type = document.createElement("span");
    type.className = "search-kind";
    type.textContent = kind[1];
    li.appendChild(a);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(type);
    if (doc[3]) {
      var p = document.createElement("p");
      marked(p, doc[3], highlights(doc[3], forms, m.lang));
      li.appendChild(p);
    }
    list.appendChild(li);
  }

  function clearMore() {
    var old = document.getElementById("suche-mehr");
    if (old) old.remove();
  }

  function chunksOf(m, hits) {
    var need = Array.from(new Set(hits.map(function (h) { return Math.floor(h[0] / m.chunk); })));
    return Promise.all(need.map(loadChunk)).then(function (cs) {
      var byChunk = {};
      need.forEach(function (n, i) { byChunk[n] = cs[i]; });
      return function (h) { return byChunk[Math.floor(h[0] / m.chunk)][h[0] % m.chunk]; };
    });
  }

  var seq = 0;
  /* Shows hits from..from+PAGE, loading only the document chunks they are
     in, and a button for more. */
  function showPage(m, hits, from, mine, forms) {
    var shown = hits.slice(from, from + PAGE);
    return chunksOf(m, shown).then(function (doc) {
      if (mine !== seq) return;
      clearMore();
      shown.forEach(function (h) { render(m, doc(h), forms); });
      if (from + PAGE < hits.length) {
        var more = document.createElement("button");
        more.type = "button";
        more.id = "suche-mehr";
        more.className = "search-more";
        more.textContent = msg("more");
        more.addEventListener("click", function () {
          more.disabled = true;
          showPage(m, hits, from + PAGE, mine, forms);
        });
        list.insertAdjacentElement("afterend", more);
      }
    });
  }

  /* The current query's hits (unfiltered) and the query. */
  var current = { hits: [], q: "" };

  /* Shows the current hits through the chosen filters: the count in the
     status region, the filters with their counts, the first page with
     the documents whose title is the query first. */
  function showHits(m, all, mine) {
    return showFilters(m, all).then(function () {
      if (mine !== seq) return;
      var hits = all.filter(function (h) { return passes(m, h[0], null); });
      list.innerHTML = "";
      clearMore();
      status.textContent = hits.length === 0 ? msg("none")
        : hits.length === 1 ? msg("one") : msg("many").replace("{n}", hits.length);
      return chunksOf(m, hits.slice(0, PAGE)).then(function (doc) {
        if (mine !== seq) return;
        var ordered = exactTitleFirst(current.q, hits.slice(0, PAGE), doc, m.lang).concat(hits.slice(PAGE));
        return showPage(m, ordered, 0, mine, all.forms);
      });
    });
  }

  function run(q) {
    var mine = ++seq;
    list.innerHTML = "";
    clearMore();
    if (fold(q).replace(/[^\p{L}\p{N}]/gu, "").length < 2) {
      status.textContent = q.trim() ? msg("short") : "";
      filterBox.hidden = true;
      return;
    }
    status.textContent = msg("loading");
    getJSON(indexUrl).then(function (m) {
      return find(q, m, loadShard).then(function (hits) {
        if (mine !== seq) return;
        current = { hits: hits, q: q, m: m };
        return showHits(m, hits, mine);
      });
    }).catch(function () {
      if (mine === seq) status.textContent = msg("error");
    });
  }

  /* The query and the chosen filters in the address, for a link or a
     bookmark: /suche/?q=…&zielgruppe=eltern. */
  function updateUrl() {
    var url = new URL(window.location.href);
    var q = input.value;
    if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
    FACETS.forEach(function (f) {
      url.searchParams.delete(f);
      chosen[f].forEach(function (v) { url.searchParams.append(f, v); });
    });
    history.replaceState(null, "", url);
  }

  moreFilters.addEventListener("toggle", function () {
    if (moreFilters.open && current.m) showHits(current.m, current.hits, ++seq);
  });

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      updateUrl();
      run(input.value);
    }, 150);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    updateUrl();
    run(input.value);
  });
  var initial = params.get("q");
  if (["zielgruppe", "klasse", "region"].some(function (f) { return chosen[f].size; })) moreFilters.open = true;
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
