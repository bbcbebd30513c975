/* Detente's enhancements. Every page is complete without this file: it shows the theme
   toggle and the header search box, filters the timeline (and its chart), shows a source
   beside its [n], runs the search page and turns the list of dates on the positions page
   into a select. */
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

  /* The page's words for what the script writes: data-words on the part it writes into, a
     message per name, or per CLDR plural category where a number decides (words.py). */
  var LANG = document.documentElement.lang || "en";
  function wordsOf(node) {
    try { return JSON.parse((node && node.getAttribute("data-words")) || "{}"); } catch (e) { return {}; }
  }
  function number(n) {
    try { return new Intl.NumberFormat(LANG, { numberingSystem: "latn" }).format(n); } catch (e) { return String(n); }
  }
  function say(words, name, n, values, fallback) {
    var entry = words[name];
    if (!entry) return fallback;
    if (typeof entry !== "string") {
      var category = "other";
      try { category = new Intl.PluralRules(LANG).select(n); } catch (e) { /* an unknown tag */ }
      entry = entry[category] || entry.other;
    }
    return entry.replace(/%\((\w+)\)s/g, function (all, key) {
      return key === "num" ? number(n) : key in values ? values[key] : all;
    });
  }

  function hasValue(item, name, value) {
    var values = (item.getAttribute("data-" + name) || "").split(" ");
    return values.indexOf(value) !== -1;
  }

  /* The chart above the timeline counts only the events the filters show. */
  function updateChart(chart, items, words) {
    if (!chart) return;
    var bars = Array.prototype.slice.call(chart.querySelectorAll("a[data-key]"));
    var counts = {};
    items.forEach(function (item) {
      if (item.hidden) return;
      var month = item.closest(".tl-month");
      var y = month.getAttribute("data-year");
      [y, y + "-" + month.getAttribute("data-month")].forEach(function (key) {
        counts[key] = (counts[key] || 0) + 1;
      });
    });
    counts = bars.map(function (bar) { return counts[bar.getAttribute("data-key")] || 0; });
    var peak = Math.max.apply(null, counts.concat([1]));
    bars.forEach(function (bar, i) {
      var fill = bar.querySelector(".tl-bar");
      var label = bar.querySelector(".vh");
      if (!fill) return;
      fill.style.setProperty("--n", Math.round(100 * counts[i] / peak) + "%");
      fill.classList.toggle("tl-bar-none", counts[i] === 0);
      fill.querySelector(".tl-n").textContent = counts[i];
      if (label) {
        var events = say(words, "events", counts[i], {}, counts[i] + (counts[i] === 1 ? " event" : " events"));
        label.textContent = say(words, "bar", 0, { period: bar.getAttribute("data-period"), events: events },
          bar.getAttribute("data-period") + ": " + events);
      }
    });
  }

  function setUpFilters(form) {
    var timeline = form.nextElementSibling;
    if (!timeline || !timeline.classList.contains("tl")) return;
    var items = Array.prototype.slice.call(timeline.querySelectorAll(".tl-item"));
    var months = Array.prototype.slice.call(timeline.querySelectorAll(".tl-month"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var status = form.querySelector(".tl-count");
    var words = wordsOf(form);
    var chart = form.previousElementSibling;
    if (chart && !chart.classList.contains("tl-overview")) chart = null;

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
      updateChart(chart, items, words);
      var noun = items.length === 1 ? " event" : " events";
      status.textContent = shown === items.length
        ? say(words, "all", items.length, {}, "Showing all " + items.length + noun + ".")
        : say(words, "some", items.length, { shown: number(shown) },
          "Showing " + shown + " of " + items.length + noun + ".");
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

  function resultCount(box, query, shown, total) {
    var words = wordsOf(box);
    var noun = total === 1 ? " result" : " results";
    var text = shown < total
      ? say(words, "best", total, { query: query, shown: number(shown) },
        total + noun + " for “" + query + "”; the best " + shown + " shown.")
      : say(words, "found", total, { query: query }, total + noun + " for “" + query + "”.");
    var count = box.querySelector(".search-count");
    if (!count) { count = element("p", "search-count"); box.appendChild(count); }
    count.textContent = text;
  }

  /* The language a result is in: the one whose pages' address it starts with (the default
     language's pages sit at the root, so the longest match wins). */
  function languageOf(languages, url) {
    var best = null;
    languages.forEach(function (l) {
      if (url.indexOf(l.root) === 0 && (!best || l.root.length > best.root.length)) best = l;
    });
    return best;
  }

  function renderResults(box, query, pages, total, languages) {
    var groups = [];
    var byKind = {};
    pages.forEach(function (page) {
      var label = (page.meta && page.meta.kind_label) || say(wordsOf(box), "pages", 0, {}, "Pages");
      if (!byKind[label]) { byKind[label] = []; groups.push(label); }
      byKind[label].push(page);
    });
    groups.forEach(function (label) {
      var section = box.querySelector('.search-group[data-kind="' + label.replace(/"/g, "") + '"]');
      var list = section && section.querySelector(".search-list");
      if (!section) {
        section = element("section", "search-group");
        section.setAttribute("data-kind", label.replace(/"/g, ""));
        section.appendChild(element("h2", "search-group-h", label));
        list = element("ol", "search-list");
        section.appendChild(list);
        box.insertBefore(section, box.querySelector(".search-more"));
      }
      byKind[label].forEach(function (page) {
        var item = element("li", "search-hit");
        var heading = element("h3", "search-hit-h");
        var link = element("a", "", (page.meta && page.meta.title) || page.url);
        link.href = page.url;
        heading.appendChild(link);
        var language = languages && languageOf(languages, page.url);
        if (language) {
          item.setAttribute("lang", language.lang);
          link.hreflang = language.lang;
          var name = element("span", "search-hit-lang", language.name);
          heading.appendChild(document.createTextNode(" "));
          heading.appendChild(name);
        }
        item.appendChild(heading);
        var excerpt = element("p", "search-excerpt");
        excerpt.appendChild(excerptNodes(page.excerpt || ""));
        item.appendChild(excerpt);
        list.appendChild(item);
      });
    });
  }

  var PAGE = 20;  // results shown at a time

  function setUpSearchPage(form, box) {
    var input = form.querySelector("input[name=q]");
    var all = form.querySelector("input[name=all]");
    var languages = JSON.parse(box.getAttribute("data-languages") || "[]");
    var loading = {};
    var latest = 0;
    /* Pagefind searches the language of <html lang>; for every language, a second copy of
       its module (another address, so another instance) merges the other languages' indexes
       from the same bundle, named by its full address: Pagefind skips merging a bundle
       under its own path. */
    function pagefind(everyLanguage) {
      var key = everyLanguage ? "all" : "one";
      if (!loading[key]) {
        var bundle = box.getAttribute("data-pagefind-bundle");
        var baseUrl = box.getAttribute("data-base-url");
        var own = document.documentElement.lang.toLowerCase();
        loading[key] = import(bundle + "pagefind.js" + (everyLanguage ? "?all" : "")).then(function (pf) {
          return pf.options({ baseUrl: baseUrl }).then(function () {
            if (!everyLanguage) return pf;
            var others = languages.filter(function (l) { return l.lang.toLowerCase() !== own; });
            var url = new URL(bundle, location.href).href;
            return Promise.all(others.map(function (l) {
              return pf.mergeIndex(url, { language: l.lang, baseUrl: baseUrl });
            })).then(function () { return pf; });
          });
        });
      }
      return loading[key];
    }
    function run(updateUrl) {
      var query = input.value.trim();
      var ticket = ++latest;
      var everyLanguage = !!(all && all.checked);
      if (updateUrl) {
        var params = (query ? "?q=" + encodeURIComponent(query) : "") + (everyLanguage ? (query ? "&" : "?") + "all=1" : "");
        history.replaceState(null, "", location.pathname + params);
      }
      if (!query) { box.textContent = ""; return; }
      box.setAttribute("aria-busy", "true");
      var results = [];
      var shown = 0;
      function more() {
        var next = results.slice(shown, shown + PAGE);
        return Promise.all(next.map(function (r) { return r.data(); })).then(function (pages) {
          if (ticket !== latest) return;
          shown += pages.length;
          renderResults(box, query, pages, results.length, everyLanguage && languages);
          resultCount(box, query, shown, results.length);
          var button = box.querySelector(".search-more");
          if (shown < results.length) {
            if (!button) {
              button = element("button", "search-more", "");
              button.type = "button";
              button.addEventListener("click", function () { button.disabled = true; more().then(function () { button.disabled = false; }); });
              box.appendChild(button);
            }
            var rest = Math.min(PAGE, results.length - shown);
            button.textContent = say(wordsOf(box), "more", rest, {}, "Show " + rest + " more");
          } else if (button) {
            button.remove();
          }
        });
      }
      pagefind(everyLanguage).then(function (pf) { return pf.search(query); }).then(function (found) {
        if (ticket !== latest) return;
        results = found.results;
        box.textContent = "";
        resultCount(box, query, 0, results.length);
        return more();
      }).catch(function () {
        if (ticket === latest) {
          box.textContent = say(wordsOf(box), "failed", 0, {}, "Search is not available here (its index did not load).");
        }
      }).then(function () { box.removeAttribute("aria-busy"); });
    }
    var timer = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(true); }, 200);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(true); });
    if (all) {
      all.checked = new URLSearchParams(location.search).get("all") === "1";
      all.addEventListener("change", function () { run(true); });
      all.parentNode.hidden = false;
    }
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

  /* [n]: the source it stands for, beside it, on hover, focus and tap; without this the
     link still leads to the source in the page's list. */
  function setUpCitations() {
    var pop = null;
    var current = null;
    var touched = false;
    function target(node) {
      return node && node.closest ? node.closest('a[href^="#cite-"]') : null;
    }
    function hide() {
      if (!pop || !current) return;
      pop.hidden = true;
      current.removeAttribute("aria-describedby");
      current = null;
    }
    function show(link) {
      var entry = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (!entry || current === link) return;
      hide();
      if (!pop) {
        pop = element("div", "cite-pop");
        pop.id = "cite-pop";
        pop.setAttribute("role", "tooltip");
        document.body.appendChild(pop);
      }
      pop.textContent = "";
      Array.prototype.forEach.call(entry.childNodes, function (n) { pop.appendChild(n.cloneNode(true)); });
      pop.hidden = false;
      var rect = link.getBoundingClientRect();
      var width = pop.offsetWidth;
      // Under the reference, from the side a line of its text starts on.
      var start = document.documentElement.dir === "rtl" ? rect.right - width : rect.left;
      var left = Math.max(8, Math.min(start, document.documentElement.clientWidth - width - 8));
      pop.style.left = (left + window.scrollX) + "px";
      pop.style.top = (rect.bottom + window.scrollY + 6) + "px";
      link.setAttribute("aria-describedby", "cite-pop");
      current = link;
    }
    document.addEventListener("mouseover", function (event) {
      if (touched) return;  // a tap's emulated mouse: the click decides
      var link = target(event.target);
      if (link) show(link);
      else if (current && !(pop && pop.contains(event.target))) hide();
    });
    document.addEventListener("focusin", function (event) {
      if (touched) return;
      var link = target(event.target);
      if (link) show(link); else if (!(pop && pop.contains(event.target))) hide();
    });
    document.addEventListener("pointerdown", function (event) { touched = event.pointerType === "touch"; });
    document.addEventListener("click", function (event) {
      var link = target(event.target);
      if (link && touched && current !== link) { event.preventDefault(); show(link); }
      else if (!link && !(pop && pop.contains(event.target))) hide();
    });
    document.addEventListener("keydown", function (event) {
      touched = false;
      if (event.key === "Escape") hide();
    });
  }

  if (document.querySelector('a[href^="#cite-"]')) setUpCitations();
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
