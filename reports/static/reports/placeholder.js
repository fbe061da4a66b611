// The live-figure builder of the section form: the placeholder follows the chosen indicator,
// territory and period, and is inserted at the cursor of the German or English text.
(function () {
  "use strict";
  const builder = document.querySelector("[data-placeholder-builder]");
  if (!builder) return;
  const result = builder.querySelector("[data-builder-result]");
  const status = builder.querySelector("[data-builder-status]");
  const part = (name) => builder.querySelector(`[data-builder-part="${name}"]`).value.trim();

  function placeholder() {
    return `{{ indicator:${part("indicator")} territory:${part("territory")} period:${part("period")} }}`;
  }

  function update() {
    result.value = placeholder();
  }

  builder.querySelectorAll("[data-builder-part]").forEach((input) => {
    input.addEventListener("input", update);
    input.addEventListener("change", update);
  });
  builder.querySelectorAll("[data-builder-insert]").forEach((button) => {
    const target = document.getElementById(button.dataset.builderInsert);
    if (!target) {
      button.hidden = true;
      return;
    }
    button.addEventListener("click", () => {
      const text = placeholder();
      const start = target.selectionStart ?? target.value.length;
      const end = target.selectionEnd ?? start;
      target.value = target.value.slice(0, start) + text + target.value.slice(end);
      target.focus();
      target.setSelectionRange(start + text.length, start + text.length);
      status.textContent = status.dataset.inserted;
    });
  });
  builder.querySelector("[data-builder-actions]").hidden = false;
  update();
})();
