/*
 * Number and date formats of the charts in the page's language (<html lang>): German pages
 * get the de-DE definitions of d3-format and d3-time-format (1.234,5; 31.12.2024; März),
 * English pages keep Vega's en-US default. Vega's locale is global, so setting it once before
 * site.js embeds the charts (at DOMContentLoaded) covers every chart of the page.
 *
 * Load after the vendored vega scripts, deferred:
 *   {% include "includes/vega_scripts.html" %}
 *   <script src="{% static 'monitoring/vega_locale.js' %}" defer></script>
 */
(function () {
  "use strict";

  var LOCALES = {
    de: {
      number: {
        decimal: ",",
        thousands: ".",
        grouping: [3],
        currency: ["", "\u00a0€"],
      },
      time: {
        dateTime: "%A, der %e. %B %Y, %X",
        date: "%d.%m.%Y",
        time: "%H:%M:%S",
        periods: ["AM", "PM"],
        days: ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
        shortDays: ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
        months: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
          "September", "Oktober", "November", "Dezember"],
        shortMonths: ["Jan", "Feb", "Mrz", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt",
          "Nov", "Dez"],
      },
    },
  };

  var vega = window.vega;
  if (!vega || typeof vega.formatLocale !== "function") {
    return;
  }
  var language = (document.documentElement.getAttribute("lang") || "de").slice(0, 2).toLowerCase();
  var locale = LOCALES[language];
  if (locale) {
    vega.formatLocale(locale.number);
    vega.timeFormatLocale(locale.time);
  } else if (typeof vega.resetDefaultLocale === "function") {
    vega.resetDefaultLocale();
  }
})();
