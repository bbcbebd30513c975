/* Detente's enhancements. Every page is complete without this file: it shows the theme
   toggle and the header search box, filters the timeline, runs the search page and turns
   the list of dates on the positions page into a select. */
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "detente-theme";
  var darkQuery = window.matchMedia("(prefers-color-scheme: dark)");

  function isDark() {
    var chosen = root.dataset.theme;
    return chosen ? chosen === "dark" : darkQuery.matches;
  }

  function setUpThemeToggle(button) {
    function sync() { button.setAttribute("aria-pressed", String(isDark())); }
    button.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      root.dataset.theme = next;
      try { localStorage.setItem(KEY, next); } catch (e) { /* private mode: this page only */ }
      sync();
    });
    darkQuery.addEventListener("change", sync);
    sync();
    button.hidden = false;
  }

  function hasValue(item, name, value) {
    var values = (item.getAttribute("data-" + name) || "").split(" ");
    return values.indexOf(value) !== -1;
  }

  function setUpFilters(form) {
    var timeline = form.nextElementSibling;
    if (!timeline || !timeline.classList.contains("tl")) return;
    var items = Array.prototype.slice.call(timeline.querySelectorAll(".tl-item"));
    var months = Array.prototype.slice.call(timeline.querySelectorAll(".tl-month"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var status = form.querySelector(".tl-count");

    function apply(updateUrl) {
      var shown = 0;
      items.forEach(function (item) {
        var match = selects.every(function (s) { return !s.value || hasValue(item, s.name, s.value); });
        item.hidden = !match;
        if (match) shown += 1;
      });
      months.forEach(function (month) {
        month.hidden = !month.querySelector(".tl-item:not([hidden])");
      });
      var noun = items.length === 1 ? " event" : " events";
      status.textContent = shown === items.length
        ? "Showing all " + items.length + noun + "."
        : "Showing " + shown + " of " + items.length + noun + ".";
      if (updateUrl) {
        var params = new URLSearchParams(location.search);
        selects.forEach(function (s) {
          if (s.value) params.set(s.name, s.value); else params.delete(s.name);
        });
        var query = params.toString();
        history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
      }
    }

    var params = new URLSearchParams(location.search);
    selects.forEach(function (s) {
      var wanted = params.get(s.name);
      var known = Array.prototype.some.call(s.options, function (o) { return o.value === wanted; });
      if (wanted && known) s.value = wanted;
      s.addEventListener("change", function () { apply(true); });
    });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(false);
  }

  /* Search: Pagefind's own index and API (pagefind/pagefind.js), results grouped by kind. */
  function excerptNodes(html) {
    var parsed = new DOMParser().parseFromString(html, "text/html").body;
    var out = document.createDocumentFragment();
    Array.prototype.forEach.call(parsed.childNodes, function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function renderResults(box, query, pages, total) {
    box.textContent = "";
    var noun = total === 1 ? " result" : " results";
    var shown = pages.length < total ? "The best " + pages.length + " of " + total : String(total);
    box.appendChild(element("p", "search-count", shown + noun + " for “" + query + "”."));
    var groups = [];
    var byKind = {};
    pages.forEach(function (page) {
      var label = (page.meta && page.meta.kind_label) || "Pages";
      if (!byKind[label]) { byKind[label] = []; groups.push(label); }
      byKind[label].push(page);
    });
    groups.forEach(function (label) {
      var section = element("section", "search-group");
      section.appendChild(element("h2", "search-group-h", label));
      var list = element("ol", "search-list");
      byKind[label].forEach(function (page) {
        var item = element("li", "search-hit");
        var heading = element("h3", "search-hit-h");
        var link = element("a", "", (page.meta && page.meta.title) || page.url);
        link.href = page.url;
        heading.appendChild(link);
        item.appendChild(heading);
        var excerpt = element("p", "search-excerpt");
        excerpt.appendChild(excerptNodes(page.excerpt || ""));
        item.appendChild(excerpt);
        list.appendChild(item);
      });
      section.appendChild(list);
      box.appendChild(section);
    });
  }

  function setUpSearchPage(form, box) {
    var input = form.querySelector("input[name=q]");
    var loading = null;
    var latest = 0;
    function pagefind() {
      if (!loading) {
        loading = import(box.getAttribute("data-pagefind-bundle") + "pagefind.js").then(function (pf) {
          return pf.options({ baseUrl: box.getAttribute("data-base-url") }).then(function () { return pf; });
        });
      }
      return loading;
    }
    function run(updateUrl) {
      var query = input.value.trim();
      var ticket = ++latest;
      if (updateUrl) {
        history.replaceState(null, "", location.pathname + (query ? "?q=" + encodeURIComponent(query) : ""));
      }
      if (!query) { box.textContent = ""; return; }
      box.setAttribute("aria-busy", "true");
      var total = 0;
      pagefind().then(function (pf) { return pf.search(query); }).then(function (found) {
        total = found.results.length;
        return Promise.all(found.results.slice(0, 40).map(function (r) { return r.data(); }));
      }).then(function (pages) {
        if (ticket === latest) renderResults(box, query, pages, total);
      }).catch(function () {
        if (ticket === latest) box.textContent = "Search is not available here (its index did not load).";
      }).then(function () { box.removeAttribute("aria-busy"); });
    }
    var timer = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(true); }, 200);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(true); });
    var query = new URLSearchParams(location.search).get("q");
    if (query) { input.value = query; run(false); }
  }

  // The positions matrix on an earlier date: a select instead of the list of links.
  function setUpDayPicker(form) {
    var list = form.nextElementSibling;
    var select = form.querySelector("select");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      location.href = select.value;
    });
    form.hidden = false;
    if (list && list.classList.contains("asof-days")) list.hidden = true;
  }

  var toggle = document.querySelector(".theme-toggle");
  if (toggle) setUpThemeToggle(toggle);
  var dayPicker = document.querySelector(".asof-form");
  if (dayPicker) setUpDayPicker(dayPicker);
  var results = document.getElementById("search-results");
  var searchForm = document.querySelector(".search-form");
  if (results && searchForm) setUpSearchPage(searchForm, results);
  var search = document.querySelector(".header-search");
  var searchLink = document.querySelector(".search-link");
  if (!results) {  // the search page has its own box
    if (search) search.hidden = false;
    if (searchLink) searchLink.hidden = false;
  }
  Array.prototype.forEach.call(document.querySelectorAll(".tl-filters"), setUpFilters);
})();
