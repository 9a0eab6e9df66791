// briefgen default theme: small progressive enhancements; every page works without them.
(function () {
  "use strict";
  // Escape hides an open citation popover (hover or focus) until the pointer or focus leaves it.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    document.querySelectorAll(".cite:hover, .cite:focus-within").forEach(function (c) { c.classList.add("dismissed"); });
  });
  document.querySelectorAll(".cite").forEach(function (c) {
    var reset = function () { c.classList.remove("dismissed"); };
    c.addEventListener("mouseleave", reset);
    c.addEventListener("focusout", reset);
  });
  // On a source page opened at a sentence (#sN), the link to the original lands on that sentence (text fragment).
  var original = document.getElementById("original");
  var sync = function () {
    var sent = location.hash.match(/^#s\d+$/) && document.getElementById(location.hash.slice(1));
    if (!original || !sent) return;
    var words = sent.textContent.trim().split(/\s+/).slice(0, 8).join(" ");
    var enc = encodeURIComponent(words).replace(/-/g, "%2D");
    original.href = original.href.split("#")[0] + "#:~:text=" + enc;
  };
  sync();
  window.addEventListener("hashchange", sync);
})();
