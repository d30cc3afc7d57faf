// The self-contained HTML drift report (the CLI loads it only when --html is given).
export { escapeHtml, shortLabel } from './escape.js';
export { type DriftHtmlFile, type DriftHtmlInput, REPORT_CSP, renderDriftHtml } from './render.js';
export { reportTime, writeDriftHtmlReport } from './report-file.js';
export { axisTicks, categoricalChartSvg, columnChartSvg, numericChartSvg, sparklineSvg } from './svg.js';
