/* lotse search: loads the sharded index built at build time (suche/*.json,
   same host only) and searches it in the browser. Folding must stay the
   same as `fold` in src/outputs/search.rs. No framework, no third party. */
(function () {
  "use strict";
  var form = document.querySelector("form.search-form[data-index]");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var status = document.getElementById("suche-status");
  var list = document.getElementById("suche-ergebnisse");
  var indexUrl = form.getAttribute("data-index");
  var dir = indexUrl.replace(/[^\/]*$/, "");
  var msg = function (name) { return form.getAttribute("data-msg-" + name) || ""; };
  var MAX_RESULTS = 50;

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
  function fold(s) {
    var lower = s.toLowerCase(), out = "";
    for (var ch of lower) out += (MAP[ch] !== undefined ? MAP[ch] : ch);
    return out.replace(/ae/g, "a").replace(/oe/g, "o").replace(/ue/g, "u");
  }

  var meta = null, shards = {}, chunks = {};
  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    });
  }
  function loadMeta() {
    if (!meta) meta = getJSON(indexUrl);
    return meta;
  }
  function shardKey(term) {
    var c = term.charAt(0);
    return /[a-z0-9]/.test(c) ? c : "_";
  }
  function loadShard(key) {
    if (!shards[key]) shards[key] = getJSON(dir + "t-" + key + ".json");
    return shards[key];
  }
  function loadChunk(n) {
    if (!chunks[n]) chunks[n] = getJSON(dir + "d-" + n + ".json");
    return chunks[n];
  }
  function undelta(list) {
    var acc = 0, out = [];
    for (var i = 0; i < list.length; i++) { acc += list[i]; out.push(acc); }
    return out;
  }

  /* Query terms: folded words of two or more letters; stop words are
     dropped except the last word, which is still being typed. */
  function queryTerms(q, m) {
    var words = fold(q).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length >= 2; });
    var stop = new Set(m.stop);
    return words.filter(function (w, i) {
      return i === words.length - 1 || !stop.has(w);
    }).map(function (w) { return w.slice(0, m.max_term); });
  }

  /* Scores for one query term: title hits above body hits, whole words
     above prefixes. Returns a Map doc → score. */
  function scoreTerm(term, shard) {
    var scores = new Map();
    Object.keys(shard).forEach(function (t) {
      if (t.lastIndexOf(term, 0) !== 0) return;
      var exact = t === term;
      var lists = shard[t];
      var add = function (docs, s) {
        docs.forEach(function (d) { if ((scores.get(d) || 0) < s) scores.set(d, s); });
      };
      add(undelta(lists[1]), exact ? 3 : 2);
      add(undelta(lists[0]), exact ? 12 : 8);
    });
    return scores;
  }

  var seq = 0;
  function run(q) {
    var mine = ++seq;
    list.innerHTML = "";
    if (fold(q).replace(/[^\p{L}\p{N}]/gu, "").length < 2) {
      status.textContent = q.trim() ? msg("short") : "";
      return;
    }
    status.textContent = msg("loading");
    loadMeta().then(function (m) {
      var terms = queryTerms(q, m);
      if (!terms.length) { status.textContent = msg("none"); return null; }
      return Promise.all(terms.map(function (t) { return loadShard(shardKey(t)); })).then(function (loaded) {
        var total = null;
        terms.forEach(function (t, i) {
          var s = scoreTerm(t, loaded[i]);
          if (total === null) { total = s; return; }
          var next = new Map();
          total.forEach(function (v, d) { if (s.has(d)) next.set(d, v + s.get(d)); });
          total = next;
        });
        var hits = Array.from(total.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
        var shown = hits.slice(0, MAX_RESULTS);
        var need = Array.from(new Set(shown.map(function (h) { return Math.floor(h[0] / m.chunk); })));
        return Promise.all(need.map(loadChunk)).then(function (cs) {
          if (mine !== seq) return;
          var byChunk = {};
          need.forEach(function (n, i) { byChunk[n] = cs[i]; });
          status.textContent = hits.length === 0 ? msg("none")
            : hits.length === 1 ? msg("one") : msg("many").replace("{n}", hits.length);
          shown.forEach(function (h) {
            var doc = byChunk[Math.floor(h[0] / m.chunk)][h[0] % m.chunk];
            render(m, doc);
          });
        });
      });
    }).catch(function () {
      if (mine === seq) status.textContent = msg("error");
    });
  }

  function render(m, doc) {
    var kind = m.kinds[doc[0]];
    var url = m.base + (kind[0] ? kind[0] + "/" : "") + doc[1] + "/";
    var li = document.createElement("li");
    li.className = "search-result";
    var a = document.createElement("a");
    a.href = url;
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
