/** A score for people: 4 decimals, or 3 significant digits in exponent form for tiny p-values. */
export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined) return '-';
  if (value !== 0 && Math.abs(value) < 1e-4) return value.toExponential(2);
  return String(Number(value.toFixed(4)));
}
