/*
 * Survey answer pages: show a conditional question only while its condition (on the same
 * page) holds, and copy the resume link. The server decides again on every submit
 * (surveys/conditions.py); this mirrors its rules so the page follows the respondent's answers.
 * Markup (surveys/answer_question.html): a question wrapper [data-answer-question=CODE] with
 * data-condition-question, data-condition-operator and data-condition-values (JSON list).
 */
(function () {
  "use strict";

  function asNumber(value) {
    var text = String(value).trim().replace(",", ".");
    if (text === "" || isNaN(Number(text))) {
      return null;
    }
    return Number(text);
  }

  function same(a, b) {
    var x = asNumber(a);
    var y = asNumber(b);
    if (x !== null && y !== null) {
      return x === y;
    }
    return String(a).trim() === String(b).trim();
  }

  function holds(operator, wanted, given) {
    var first = wanted.length ? wanted[0] : null;
    if (operator === "answered") {
      return given.length > 0;
    }
    if (operator === "any_of") {
      return given.some(function (g) { return wanted.some(function (w) { return same(g, w); }); });
    }
    if (first === null) {
      return false;
    }
    if (operator === "equals") {
      return given.some(function (g) { return same(g, first); });
    }
    if (operator === "not_equals") {
      return given.length > 0 && !given.some(function (g) { return same(g, first); });
    }
    var limit = asNumber(first);
    if (limit === null) {
      return false;
    }
    var numbers = given.map(asNumber).filter(function (n) { return n !== null; });
    if (operator === "greater") {
      return numbers.some(function (n) { return n > limit; });
    }
    if (operator === "less") {
      return numbers.some(function (n) { return n < limit; });
    }
    return false;
  }

  function valuesOf(form, wrapper) {
    var values = [];
    var controls = wrapper.querySelectorAll("input, textarea, select");
    Array.prototype.forEach.call(controls, function (control) {
      if (control.type === "radio" || control.type === "checkbox") {
        if (control.checked) {
          values.push(control.value);
        }
      } else if (String(control.value).trim() !== "") {
        values.push(control.value);
      }
    });
    return values;
  }

  function update(form) {
    var wrappers = form.querySelectorAll("[data-answer-question]");
    var byCode = {};
    Array.prototype.forEach.call(wrappers, function (wrapper) {
      byCode[wrapper.getAttribute("data-answer-question")] = wrapper;
    });
    // In page order: a condition question comes before its follow-ups, so a hidden parent
    // is already hidden when its follow-up is decided (chains).
    Array.prototype.forEach.call(wrappers, function (wrapper) {
      var parentCode = wrapper.getAttribute("data-condition-question");
      if (!parentCode) {
        return;
      }
      var parent = byCode[parentCode];
      var wanted = [];
      try {
        wanted = JSON.parse(wrapper.getAttribute("data-condition-values") || "[]").map(String);
      } catch (error) {
        wanted = [];
      }
      var shown = !!parent && !parent.hidden &&
        holds(wrapper.getAttribute("data-condition-operator"), wanted, valuesOf(form, parent));
      wrapper.hidden = !shown;
    });
  }

  function setUp(form) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-answer-hint]"), function (hint) {
      hint.hidden = true; // the page itself now shows the question only when it applies
    });
    update(form);
    form.addEventListener("change", function () { update(form); });
    form.addEventListener("input", function () { update(form); });
  }

  function setUpCopy(button) {
    var paragraph = button.closest(".answer-copy");
    if (!navigator.clipboard || !paragraph) {
      return;
    }
    paragraph.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-answer-copy"));
      var status = paragraph.querySelector("[data-answer-copy-status]");
      navigator.clipboard.writeText(source.value).then(function () {
        status.textContent = button.getAttribute("data-answer-copied");
      }, function () {
        source.select();
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-answer-form]"), setUp);
  Array.prototype.forEach.call(document.querySelectorAll("[data-answer-copy]"), setUpCopy);
})();
