/**
 * The report's only style sheet and script, inlined in the page. Both are constants (no data inside):
 * the page's Content-Security-Policy allows exactly these two by their SHA-256 hashes, so nothing else
 * (an injected tag, an external file) could run or load even if escaping ever failed.
 */

export const REPORT_CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1a202c;--muted:#5a6474;--line:#d8dde6;--panel:#f6f8fa;
--ref:#2563eb;--cur:#e0590b;--drift:#c81e1e;--drift-bg:#fdeeee;--ok:#13795b;--ok-bg:#e8f6ef;--na:#8a6d00;--na-bg:#fbf3d5;--tag:#9d174d}
@media (prefers-color-scheme:dark){:root{--bg:#12151b;--fg:#e6e9ef;--muted:#9aa4b2;--line:#2c333e;--panel:#1a1f27;
--ref:#6ea8ff;--cur:#ff9a4d;--drift:#ff7b7b;--drift-bg:#3a1e22;--ok:#5fd3a5;--ok-bg:#163027;--na:#e9c75a;--na-bg:#332b10;--tag:#f58fb8}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1240px;margin:0 auto;padding:24px 28px 40px}
h1{font-size:22px;margin:0 0 12px}h2{font-size:17px;margin:28px 0 10px}
.verdict{display:flex;gap:12px;align-items:baseline;padding:12px 16px;border-radius:8px;font-size:16px;border-left:6px solid}
.verdict.alert{background:var(--drift-bg);border-color:var(--drift)}.verdict.ok{background:var(--ok-bg);border-color:var(--ok)}
.verdict strong{font-size:18px}.verdict.alert strong{color:var(--drift)}.verdict.ok strong{color:var(--ok)}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:14px 0 0;font-size:13px}
.meta dt{color:var(--muted)}.meta dd{margin:0;overflow-wrap:anywhere}
.controls{display:flex;gap:16px;align-items:center;margin:0 0 8px;flex-wrap:wrap}
.controls input[type=search]{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:5px 9px;min-width:240px}
.count{color:var(--muted);font-size:13px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
th{position:sticky;top:0;background:var(--panel);z-index:1}
th button{all:unset;cursor:pointer;font-weight:600;white-space:nowrap}th button:focus-visible{outline:2px solid var(--ref)}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
tr.drifted td{background:var(--drift-bg)}tr.drifted td:first-child{box-shadow:inset 4px 0 var(--drift)}
td.name{font-weight:600;overflow-wrap:anywhere;max-width:260px}td.name a{color:inherit}
.badge{display:inline-block;padding:1px 7px;border-radius:10px;font-size:11px;font-weight:700;letter-spacing:.03em}
.badge.drift{background:var(--drift);color:var(--bg)}.badge.ok{background:var(--ok-bg);color:var(--ok)}.badge.na{background:var(--na-bg);color:var(--na)}
.legend{display:flex;gap:18px;font-size:13px;color:var(--muted);margin:0 0 10px}
.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:-1px;margin-right:5px}
.swatch.ref{background:var(--ref)}.swatch.cur{background:var(--cur)}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(540px,1fr));gap:16px}
figure.chart{margin:0;padding:12px 14px;border:1px solid var(--line);border-radius:8px;background:var(--panel);break-inside:avoid}
figure.chart.drifted{border-color:var(--drift)}
figcaption{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:baseline;margin-bottom:6px}
figcaption .title{font-weight:700;font-size:15px;overflow-wrap:anywhere}figcaption .stats{color:var(--muted);font-size:12px;width:100%}
.warning{color:var(--na);font-size:12px;width:100%}
.chart-svg{width:100%;height:auto;display:block}
.chart-svg text{font-size:11px;fill:var(--muted)}.chart-svg .cat{fill:var(--fg);font-size:12px}
.grid{stroke:var(--line);stroke-width:1}.axis{stroke:var(--muted);stroke-width:1}
.area{stroke-width:1.5;fill-opacity:.28}.area.ref{fill:var(--ref);stroke:var(--ref)}.area.cur{fill:var(--cur);stroke:var(--cur)}
.mean{stroke-width:1.5;stroke-dasharray:4 3}.mean.ref{stroke:var(--ref)}.mean.cur{stroke:var(--cur)}
.chart-svg .mean-label{font-weight:700;font-size:11px}.chart-svg .mean-label.ref{fill:var(--ref)}.chart-svg .mean-label.cur{fill:var(--cur)}
.bar.ref{fill:var(--ref)}.bar.cur{fill:var(--cur)}
.chart-svg .tag{fill:var(--tag);font-weight:700;font-size:10px}.other .cat{font-style:italic}
.hit{fill:transparent}.hit:hover{fill:var(--fg);fill-opacity:.06}
.spark{width:120px;height:26px;display:block}.spark-line{fill:none;stroke-width:1.3}.spark-line.ref{stroke:var(--ref)}.spark-line.cur{stroke:var(--cur)}
.note{fill:var(--muted)}
footer{margin-top:28px;color:var(--muted);font-size:12px}
@media print{:root{--bg:#fff;--fg:#000;--muted:#444;--line:#bbb;--panel:#fff;--ref:#1d4ed8;--cur:#c2410c;--drift:#b91c1c;--drift-bg:#fde8e8;--ok:#166534;--ok-bg:#eaf7ee}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}main{max-width:none;padding:0}.controls{display:none}
th{position:static}thead{display:table-header-group}tr{break-inside:avoid}td.name a{text-decoration:none}
.charts{display:block}figure.chart{margin:0 0 12px}h2{break-after:avoid}}
`.trim();

/**
 * Sorting (click a column header; again to reverse) and filtering (by name, or drifted columns only).
 * Rows carry their sort keys in `data-v`; numbers sort as numbers, empty keys last.
 */
export const REPORT_SCRIPT = `
(function () {
  var table = document.getElementById('columns');
  if (!table) return;
  var body = table.tBodies[0];
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var sorted = { column: -1, direction: 1 };
  function key(row, column) {
    var cell = row.cells[column];
    return cell ? cell.getAttribute('data-v') || '' : '';
  }
  heads.forEach(function (head, column) {
    var button = head.querySelector('button');
    if (!button) return;
    var numeric = head.classList.contains('num');
    button.addEventListener('click', function () {
      var direction = sorted.column === column ? -sorted.direction : 1;
      sorted = { column: column, direction: direction };
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a, column);
        var y = key(b, column);
        if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
        var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return order * direction || Number(a.getAttribute('data-i')) - Number(b.getAttribute('data-i'));
      });
      rows.forEach(function (row) { body.appendChild(row); });
      heads.forEach(function (other) { other.removeAttribute('aria-sort'); });
      head.setAttribute('aria-sort', direction === 1 ? 'ascending' : 'descending');
    });
  });
  var search = document.getElementById('filter');
  var driftedOnly = document.getElementById('drifted-only');
  var count = document.getElementById('shown');
  function filter() {
    var words = search.value.trim().toLowerCase();
    var shown = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var visible = key(row, 0).toLowerCase().indexOf(words) !== -1 &&
        (!driftedOnly.checked || row.classList.contains('drifted'));
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    count.textContent = shown + ' of ' + body.rows.length + ' columns shown';
  }
  search.addEventListener('input', filter);
  driftedOnly.addEventListener('change', filter);
})();
`.trim();
