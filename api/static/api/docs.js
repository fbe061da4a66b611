// Starts Swagger UI on the API docs page; the document URL comes from a data attribute.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: root.getAttribute("data-openapi-url"),
    domNode: root,
    deepLinking: true,
    layout: "BaseLayout",
    // No calls to validator.swagger.io: every request stays on this server.
    validatorUrl: null,
  });
})();
