// Render every [data-chart] element with ECharts (SVG renderer), from a JSON block that the
// server wrote with json_script: no inline code, so the strict CSP holds.
document.addEventListener("DOMContentLoaded", () => {
  if (!window.echarts) return;
  document.querySelectorAll("[data-chart]").forEach((element) => {
    const source = document.getElementById(element.dataset.chart);
    if (!source) return;
    const chart = window.echarts.init(element, null, { renderer: "svg" });
    chart.setOption(JSON.parse(source.textContent));
    window.addEventListener("resize", () => chart.resize());
  });
});
