/*
 * Agreement form: "Add another signatory" appends an empty row from the formset's template
 * (Django's empty_form) and counts it in the management form. Without JavaScript the form
 * still offers empty rows, and after saving one more.
 */
(function () {
  "use strict";

  function setUp(section) {
    var button = section.querySelector("[data-signatory-add]");
    var template = section.querySelector("template[data-signatory-template]");
    var rows = section.querySelector("[data-signatory-rows]");
    var total = section.querySelector('input[name$="-TOTAL_FORMS"]');
    var max = section.querySelector('input[name$="-MAX_NUM_FORMS"]');
    if (!button || !template || !rows || !total) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10) || 0;
      if (max && index >= parseInt(max.value, 10)) {
        return;
      }
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var row = holder.firstElementChild;
      while (holder.firstElementChild) {
        rows.appendChild(holder.firstElementChild);
      }
      total.value = String(index + 1);
      var first = row && row.querySelector("input:not([type=hidden]), select");
      if (first) {
        first.focus();
      }
    });
  }

  document.querySelectorAll("[data-signatories]").forEach(setUp);
})();
