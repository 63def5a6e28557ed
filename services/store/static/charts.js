// Draws the page's Vega-Lite specifications; vega-embed's menu exports each chart as PNG or SVG.
(function () {
  "use strict";
  var specs = JSON.parse(document.getElementById("chart-specs").textContent);
  var options = { actions: { export: true, source: false, compiled: false, editor: false }, renderer: "svg" };
  vegaEmbed("#line-chart", specs.line, options);
  vegaEmbed("#bar-chart", specs.bar, options);
})();
