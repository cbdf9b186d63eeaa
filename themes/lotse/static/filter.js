/* lotse offer filter: progressive enhancement of the offers list. Without
   JavaScript the filter links lead to the pages per target group, field and
   grade. With it, a form filters the cards on this page by target group,
   field, grade and region at once, using the cards' data attributes
   (data-target-groups, data-fields, data-grades, data-regions). The form
   is built from the filter links, so it needs no extra markup. */
(function () {
  "use strict";
  var nav = document.querySelector("nav.facets");
  var listEl = document.getElementById("offer-list");
  if (!nav || !listEl) return;
  var cards = Array.prototype.slice.call(listEl.querySelectorAll("li.offer-card"));
  if (!cards.length) return;

  /* Filter dimensions: path segment of a filter link → card attribute. */
  var DIMS = [
    { seg: "zielgruppe", attr: "data-target-groups", param: "zielgruppe" },
    { seg: "handlungsfeld", attr: "data-fields", param: "handlungsfeld" },
    { seg: "klasse", attr: "data-grades", param: "klasse" },
    { seg: "regionen", attr: "data-regions", param: "region" }
  ];

  function optionsFor(dim) {
    var out = [];
    nav.querySelectorAll("a[href]").forEach(function (a) {
      var parts = new URL(a.href, window.location.href).pathname.split("/").filter(Boolean);
      var i = parts.lastIndexOf(dim.seg);
      if (i < 0 || i !== parts.length - 2) return;
      var label = a.cloneNode(true);
      var count = label.querySelector(".count");
      if (count) count.remove();
      out.push({ key: parts[i + 1], label: label.textContent.trim(), list: a.closest("ul") });
    });
    return out;
  }

  var form = document.createElement("form");
  form.className = "offer-filter";
  form.setAttribute("role", "search");
  form.setAttribute("aria-label", "Angebote filtern");
  var selects = [];
  var params = new URLSearchParams(window.location.search);
  DIMS.forEach(function (dim) {
    var opts = optionsFor(dim);
    if (opts.length < 2) return;
    var heading = opts[0].list && opts[0].list.previousElementSibling;
    var id = "filter-" + dim.param;
    var wrap = document.createElement("div");
    wrap.className = "offer-filter-field";
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.textContent = heading ? heading.textContent.trim() : dim.param;
    var select = document.createElement("select");
    select.id = id;
    select.name = dim.param;
    var all = document.createElement("option");
    all.value = "";
    all.textContent = "alle";
    select.appendChild(all);
    opts.forEach(function (o) {
      var opt = document.createElement("option");
      opt.value = o.key;
      opt.textContent = o.label;
      select.appendChild(opt);
    });
    var wanted = params.get(dim.param);
    if (wanted && opts.some(function (o) { return o.key === wanted; })) select.value = wanted;
    wrap.appendChild(label);
    wrap.appendChild(select);
    form.appendChild(wrap);
    selects.push({ dim: dim, select: select });
  });
  if (!selects.length) return;

  var reset = document.createElement("button");
  reset.type = "reset";
  reset.textContent = "Filter zurücksetzen";
  form.appendChild(reset);
  var status = document.createElement("p");
  status.className = "offer-filter-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  form.appendChild(status);
  var title = nav.querySelector("h2");
  nav.insertBefore(form, title ? title.nextSibling : nav.firstChild);

  var countHeading = document.getElementById("ergebnis-titel");
  function apply() {
    var shown = 0;
    cards.forEach(function (card) {
      var ok = selects.every(function (s) {
        var v = s.select.value;
        if (!v) return true;
        return (card.getAttribute(s.dim.attr) || "").split(" ").indexOf(v) >= 0;
      });
      card.hidden = !ok;
      if (ok) shown++;
    });
    var text = shown === 1 ? "1 Angebot" : shown + " Angebote";
    if (countHeading) countHeading.textContent = text;
    status.textContent = shown === cards.length ? "" : text + " passen zu den gewählten Filtern.";
    var url = new URL(window.location.href);
    selects.forEach(function (s) {
      if (s.select.value) url.searchParams.set(s.dim.param, s.select.value);
      else url.searchParams.delete(s.dim.param);
    });
    history.replaceState(null, "", url);
  }
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  apply();
})();
