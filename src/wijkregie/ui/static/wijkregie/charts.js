// Render every [data-chart] element with ECharts (SVG renderer), from a JSON block that the
// server wrote with json_script: no inline code, so the strict CSP holds.
// Numbers on value axes and in tooltips are formatted the way the page's language writes them
// (Dutch: 500.000 and 12,5), not ECharts' default "500,000".
(() => {
  const language = document.documentElement.lang === "en" ? "en-GB" : "nl-NL";
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  const format = (value) => (typeof value === "number" ? number.format(value) : value);

  function localiseAxes(axes) {
    [].concat(axes || []).forEach((axis) => {
      if (!axis || axis.type !== "value") return;
      const label = axis.axisLabel || {};
      if (typeof label.formatter === "function") return;
      const template = typeof label.formatter === "string" ? label.formatter : null;
      axis.axisLabel = Object.assign({}, label, {
        formatter: (value) => (template ? template.replace("{value}", format(value)) : format(value)),
      });
    });
  }

  window.wijkregieLocaliseChart = (option) => {
    localiseAxes(option.xAxis);
    localiseAxes(option.yAxis);
    if (option.tooltip && !option.tooltip.valueFormatter && !option.tooltip.formatter) {
      option.tooltip.valueFormatter = format;
    }
    return option;
  };

  document.addEventListener("DOMContentLoaded", () => {
    if (!window.echarts) return;
    document.querySelectorAll("[data-chart]").forEach((element) => {
      const source = document.getElementById(element.dataset.chart);
      if (!source) return;
      const chart = window.echarts.init(element, null, { renderer: "svg" });
      chart.setOption(window.wijkregieLocaliseChart(JSON.parse(source.textContent)));
      window.addEventListener("resize", () => chart.resize());
    });
  });
})();
