// briefgen serve: reload on rebuild, swap stylesheets on CSS-only changes, show build errors.
// Served as an external same-origin script so that a CSP of script-src 'self' allows it.
// Error text is only ever set through textContent; styles only through element.style.
(function () {
  "use strict";
  var params = new URL(document.currentScript.src).searchParams;
  var server = params.get("server");
  var epoch = Number(params.get("epoch") || 0);
  var OVERLAY_ID = "__briefgen-overlay";

  function swapStylesheets() {
    document.querySelectorAll('link[rel~="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin) return;
      url.searchParams.set("__briefgen", String(Date.now()));
      var fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.addEventListener("load", function () { link.remove(); });
      fresh.addEventListener("error", function () { fresh.remove(); });
      link.after(fresh);
    });
  }

  function el(tag, text, style) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(style || {}).forEach(function (key) { node.style[key] = style[key]; });
    return node;
  }

  function hideOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  function showOverlay(state) {
    hideOverlay();
    var box = el("div", "", {
      position: "fixed", inset: "0", zIndex: "2147483647", overflow: "auto", padding: "2rem",
      background: "rgba(30, 0, 0, 0.92)", color: "#fff", font: "15px/1.5 ui-monospace, monospace",
    });
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    var title = state.failed ? "Build failed: showing the last good site" : "Built with errors: some files were skipped";
    box.appendChild(el("h2", title, { margin: "0 0 1rem", color: "#ff9b9b", font: "bold 18px sans-serif" }));
    state.problems.forEach(function (p) {
      var item = el("div", "", { margin: "0 0 1rem", borderLeft: "3px solid #ff6b6b", paddingLeft: "0.8rem" });
      var where = el("div", p.line ? p.file + ":" + p.line : p.file, { color: "#ffd479" });
      where.className = "__briefgen-where";
      var message = el("pre", p.message, { margin: "0.2rem 0 0", whiteSpace: "pre-wrap" });
      message.className = "__briefgen-message";
      item.appendChild(where);
      item.appendChild(message);
      box.appendChild(item);
    });
    var close = el("button", "Dismiss", { font: "inherit", padding: "0.2rem 0.8rem" });
    close.addEventListener("click", hideOverlay);
    box.appendChild(close);
    document.body.appendChild(box);
  }

  function onState(state) {
    if (server && state.server !== server) { location.reload(); return; }
    if (state.epoch > epoch) {
      if (state.full_epoch > epoch) { location.reload(); return; }
      epoch = state.epoch;
      swapStylesheets();
    }
    if (state.problems.length) showOverlay(state); else hideOverlay();
  }

  // The page shown is reported so that a template edit renders and reloads it first.
  var events = new EventSource("/__briefgen/events?page=" + encodeURIComponent(location.pathname));
  events.addEventListener("state", function (e) { onState(JSON.parse(e.data)); });
})();
