/*
 * Bildungsnetz: the page's own JavaScript (loaded with defer from templates/base.html).
 *
 * Pages work without it; it only enhances: the collapsible main navigation on small screens,
 * the CSRF header for htmx requests, focus on a form's error summary, and Vega-Lite charts.
 * There is no inline script anywhere (strict Content-Security-Policy), so behaviour hangs on
 * data- attributes and classes.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.add("bn-js");

  var SMALL_SCREEN = "(max-width: 991.98px)";

  /* ---- Main navigation: a disclosure button on small screens ------------------------------ */

  // Delegated, so it keeps working when htmx (e.g. hx-boost) replaces the header.
  function showNavToggles(scope) {
    Array.prototype.forEach.call((scope || document).querySelectorAll(".bn-nav-toggle"), function (toggle) {
      toggle.hidden = false;
    });
  }

  function setNavOpen(toggle, open) {
    var nav = document.getElementById(toggle.getAttribute("aria-controls"));
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (nav) {
      nav.classList.toggle("bn-nav--open", open);
    }
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest && event.target.closest(".bn-nav-toggle");
    if (toggle) {
      setNavOpen(toggle, toggle.getAttribute("aria-expanded") !== "true");
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !window.matchMedia(SMALL_SCREEN).matches) {
      return;
    }
    var toggle = document.querySelector(".bn-nav-toggle[aria-expanded='true']");
    if (toggle) {
      setNavOpen(toggle, false);
      toggle.focus();
    }
  });

  /* ---- htmx: CSRF token for unsafe requests ------------------------------------------------ */

  // The CSRF cookie is HttpOnly, so the token comes from the page: a hidden form field of the
  // request's own form, any such field on the page, or <meta name="csrf-token"> (base.html
  // renders it for signed-in users).
  function csrfToken(element) {
    var form = element && element.closest ? element.closest("form") : null;
    var field =
      (form && form.querySelector("input[name=csrfmiddlewaretoken]")) ||
      document.querySelector("input[name=csrfmiddlewaretoken]");
    if (field) {
      return field.value;
    }
    var meta = document.querySelector("meta[name=csrf-token]");
    return meta ? meta.getAttribute("content") : "";
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var detail = event.detail;
    if (/^(GET|HEAD|OPTIONS|TRACE)$/i.test(detail.verb)) {
      return;
    }
    var token = csrfToken(detail.elt);
    if (token) {
      detail.headers["X-CSRFToken"] = token;
    }
  });

  /* ---- Forms: move focus to the error summary --------------------------------------------- */

  function focusErrorSummary(scope) {
    var summary = (scope || document).querySelector(".bn-error-summary");
    if (summary) {
      summary.focus();
    }
  }

  /* ---- Charts: Vega-Lite specs rendered by vega-embed -------------------------------------- */

  // Markup (templates/includes/chart.html): a container with data-vega-spec="<id>" and the spec
  // in <script type="application/json" id="<id>"> (Django's json_script). The page loads
  // templates/includes/vega_scripts.html in its extra_js block.
  function renderCharts(scope) {
    if (typeof window.vegaEmbed !== "function") {
      return;
    }
    var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    var containers = (scope || document).querySelectorAll("[data-vega-spec]:not([data-bn-rendered])");
    Array.prototype.forEach.call(containers, function (container) {
      var source = document.getElementById(container.getAttribute("data-vega-spec"));
      if (!source) {
        return;
      }
      var spec;
      try {
        spec = JSON.parse(source.textContent);
      } catch (error) {
        container.classList.add("bn-chart--failed");
        return;
      }
      container.setAttribute("data-bn-rendered", "");
      var options = {
        ast: true, // expression interpreter: no eval, no 'unsafe-eval' in the CSP
        defaultStyle: false, // no injected <style>: styles are in site.css
        actions: false,
        renderer: "svg",
        tooltip: { disableDefaultStyle: true, theme: dark ? "dark" : "light" },
        // Readable defaults (Vega's are 10-11 px); a spec's own config still wins.
        config: {
          font: "Fira Sans, Arial, sans-serif",
          axis: { labelFontSize: 14, titleFontSize: 14 },
          legend: { labelFontSize: 14, titleFontSize: 14 },
          header: { labelFontSize: 14, titleFontSize: 14 },
          title: { fontSize: 18 },
        },
      };
      if (dark) {
        options.theme = "dark";
      }
      window.vegaEmbed(container, spec, options).catch(function (error) {
        container.classList.add("bn-chart--failed");
        if (window.console) {
          window.console.error(error);
        }
      });
    });
  }

  /* ---- Start ------------------------------------------------------------------------------- */

  function init() {
    showNavToggles(document);
    focusErrorSummary(document);
    renderCharts(document);
  }

  // site.js is deferred, so it runs while readyState is already "interactive" but before the
  // deferred chart libraries in extra_js; they have all run by DOMContentLoaded. The load event
  // covers a late (dynamic) inclusion.
  var started = false;
  function start() {
    if (!started) {
      started = true;
      init();
    }
  }
  if (document.readyState === "complete") {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
    window.addEventListener("load", start);
  }

  // Content swapped in by htmx
  document.addEventListener("htmx:load", function (event) {
    if (event.target === document.body) {
      return; // the initial load is handled by init()
    }
    showNavToggles(event.target);
    focusErrorSummary(event.target);
    renderCharts(event.target);
  });
})();
