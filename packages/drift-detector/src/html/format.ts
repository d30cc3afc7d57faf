/**
 * A number for a chart label or a table cell: 4 significant digits, thousands apart, exponent form for
 * very large or very small magnitudes.
 *
 * @example formatNumber(40.99234) // => '40.99'
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (value !== 0 && (magnitude >= 1e9 || magnitude < 1e-3)) return value.toExponential(2);
  const rounded = Number(value.toPrecision(4));
  if (Math.abs(rounded) >= 1e4) return rounded.toLocaleString('en-US', { maximumFractionDigits: 0 });
  return String(rounded);
}

/** A share as a percentage for labels: `12.5%`, `0.3%`, `<0.1%`, `0%`. */
export function formatShare(share: number): string {
  if (share === 0) return '0%';
  const percent = share * 100;
  if (percent < 0.1) return '<0.1%';
  return `${Number(percent.toFixed(percent >= 10 ? 0 : 1))}%`;
}

/** A count with thousands separators. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** SVG coordinates: one decimal is plenty and keeps the file small. */
export function coordinate(value: number): string {
  return String(Math.round(value * 10) / 10);
}
