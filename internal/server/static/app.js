// sift page behaviour. Loaded from /static (the CSP allows no inline
// script). Event delegation, so it also works on content htmx swaps in.
(function () {
  "use strict";
  // A button with data-ref="s0" (a speaker chip), "r1" (a score reason),
  // "c2" (a claim) or "e3" (an event) lights up the pieces of the article
  // whose data-refs hold that ref; a speaker chip also opens the panel of
  // what that source is credited with. Clicking it again clears it.
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest ? ev.target.closest("button[data-ref]") : null;
    if (!btn) return;
    var report = btn.closest(".report") || document;
    var ref = btn.getAttribute("data-ref");
    var wasOn = btn.getAttribute("aria-pressed") === "true";
    report.querySelectorAll("button[data-ref]").forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
    report.querySelectorAll(".speaker-panel").forEach(function (p) { p.hidden = true; });
    report.querySelectorAll("[data-refs].active").forEach(function (s) { s.classList.remove("active"); });
    if (wasOn) return;
    btn.setAttribute("aria-pressed", "true");
    var panel = report.querySelector("#panel-" + CSS.escape(ref));
    if (panel) panel.hidden = false;
    var first = null;
    report.querySelectorAll("[data-refs]").forEach(function (s) {
      if (s.getAttribute("data-refs").split(" ").indexOf(ref) >= 0) {
        s.classList.add("active");
        if (!first) first = s;
      }
    });
    if (first && first.scrollIntoView) first.scrollIntoView({ block: "nearest" });
  });
})();
