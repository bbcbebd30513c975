/* Detente's enhancements. Every page is complete without this file: it shows the theme
   toggle and the header search box, and filters the timeline. */
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

  function setUpSearchBox(form) {
    var input = form.querySelector("input");
    var params = new URLSearchParams(location.search);
    if (input && params.get("q") && location.pathname === new URL(form.action).pathname) {
      input.value = params.get("q");
    }
    form.hidden = false;
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

  var toggle = document.querySelector(".theme-toggle");
  if (toggle) setUpThemeToggle(toggle);
  var search = document.querySelector(".header-search");
  if (search) setUpSearchBox(search);
  Array.prototype.forEach.call(document.querySelectorAll(".tl-filters"), setUpFilters);
})();
