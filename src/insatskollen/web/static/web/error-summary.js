// The error summary, as GOV.UK's: focus moves to it when the page shows it (so a screen reader reads it first),
// and a link in it moves focus to the field's input with the field's label or legend in view.
(function () {
  "use strict";
  function labelFor(input) {
    var fieldset = input.closest("fieldset");
    var legend = fieldset && fieldset.querySelector("legend");
    if (legend && input.type && (input.type === "radio" || input.type === "checkbox")) {
      return legend;
    }
    return document.querySelector("label[for='" + input.id + "']") || input;
  }
  function start() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    if (!summary.contains(document.activeElement)) {
      summary.focus();
    }
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var target = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!target) {
        return;
      }
      event.preventDefault();
      labelFor(target).scrollIntoView();
      target.focus({ preventScroll: true });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
