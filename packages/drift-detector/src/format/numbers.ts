/**
 * A score or p-value for people (text, Markdown and the HTML table): 4 decimals, or 3 significant
 * digits in exponent form below 1e-4; `missing` (`-` by default) when there is none.
 */
export function formatScore(value: number | null | undefined, missing = '-'): string {
  if (value === null || value === undefined) return missing;
  if (value !== 0 && Math.abs(value) < 1e-4) return value.toExponential(2);
  return String(Number(value.toFixed(4)));
}
