// sift page behaviour. Loaded from /static (the CSP allows no inline
// script). Event delegation, so it also works on content htmx swaps in.
(function () {
  "use strict";
  // Clicking a speaker chip shows what that source is credited with and
  // marks its words in the text; clicking it again clears the selection.
  document.addEventListener("click", function (ev) {
    var chip = ev.target.closest ? ev.target.closest(".chip[data-speaker]") : null;
    if (!chip) return;
    var report = chip.closest(".report") || document;
    var id = chip.getAttribute("data-speaker");
    var wasOn = chip.getAttribute("aria-pressed") === "true";
    report.querySelectorAll(".chip[data-speaker]").forEach(function (c) { c.setAttribute("aria-pressed", "false"); });
    report.querySelectorAll(".speaker-panel").forEach(function (p) { p.hidden = true; });
    report.querySelectorAll("[data-speakers].active").forEach(function (s) { s.classList.remove("active"); });
    if (wasOn) return;
    chip.setAttribute("aria-pressed", "true");
    var panel = report.querySelector("#speaker-" + CSS.escape(id));
    if (panel) panel.hidden = false;
    var first = null;
    report.querySelectorAll("[data-speakers]").forEach(function (s) {
      if (s.getAttribute("data-speakers").split(" ").indexOf(id) >= 0) {
        s.classList.add("active");
        if (!first) first = s;
      }
    });
    if (first && first.scrollIntoView) first.scrollIntoView({ block: "nearest" });
  });
})();
