// Detente live preview. `detente serve` adds this script to the HTML pages it serves (never
// to the built site): it reloads the page after each good build, and shows the problems of
// a failed build in an overlay. Text is only ever set with textContent.
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script ? script.getAttribute("data-build") || "" : "";
  var host = null;
  var CSS = [
    ":host { all: initial; }",
    ".box { position: fixed; inset: 1rem 1rem auto 1rem; z-index: 2147483647;",
    "  max-height: 70vh; overflow: auto; margin: 0 auto; max-width: 56rem;",
    "  font: 15px/1.45 system-ui, sans-serif; color: #1b1b1b; background: #fff;",
    "  border: 3px solid #b3261e; border-radius: 6px; padding: 1rem 1.25rem;",
    "  box-shadow: 0 6px 24px rgba(0,0,0,.3); }",
    ".box.warn { border-color: #8a5a00; }",
    "h2 { font-size: 1.05rem; margin: 0 0 .5rem; }",
    "ol { margin: 0; padding-left: 1.25rem; }",
    "li { margin: .5rem 0; }",
    "code { font: 13px/1.4 ui-monospace, monospace; background: #f3f3f3; padding: 0 .25rem; }",
    ".severity { font-weight: 600; text-transform: uppercase; font-size: .75rem; }",
    ".error { color: #b3261e; } .warning { color: #8a5a00; }",
    ".hint { color: #444; }",
    "button { float: right; font: inherit; cursor: pointer; }"
  ].join("\n");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function hide() {
    if (host) host.remove();
    host = null;
  }

  function show(state) {
    hide();
    var problems = state.problems || [];
    if (!problems.length) return;
    host = el("div");
    host.id = "detente-overlay";
    var root = host.attachShadow({ mode: "open" });
    root.appendChild(el("style", "", CSS));
    var box = el("section", state.ok ? "box warn" : "box");
    box.setAttribute("role", "alert");
    var close = el("button", "", "Dismiss");
    close.type = "button";
    close.addEventListener("click", hide);
    box.appendChild(close);
    var errors = problems.filter(function (p) { return p.severity === "error"; }).length;
    box.appendChild(el("h2", "", state.ok
      ? problems.length + (problems.length === 1 ? " warning" : " warnings")
      : (state.build ? "The last change did not build. This page shows the last good version."
                     : "The site could not be built.") +
        " " + errors + (errors === 1 ? " error:" : " errors:")));
    var list = el("ol");
    problems.forEach(function (p) {
      var item = el("li", "problem");
      item.appendChild(el("code", "where", p.where));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("span", "severity " + p.severity, p.severity));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("span", "message", p.message));
      if (p.hint) item.appendChild(el("div", "hint", "hint: " + p.hint));
      list.appendChild(item);
    });
    box.appendChild(list);
    root.appendChild(box);
    (document.body || document.documentElement).appendChild(host);
  }

  var events = new EventSource("/__detente/events");
  events.addEventListener("state", function (event) {
    var state = JSON.parse(event.data);
    if (state.build && state.build !== build) {
      events.close();
      location.reload();
      return;
    }
    show(state);
  });
})();
