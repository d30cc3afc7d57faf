/** How much larger than the observed table's probability another table's may be and still count as "as extreme". */
const RELATIVE_TIE = 1e-7;

/**
 * Fisher's exact test on a 2×2 table, two-sided, as `scipy.stats.fisher_exact(table)`: the probability,
 * under the hypergeometric distribution of the top-left cell given the margins, of every table no more
 * likely than the observed one. A table with an empty row or column gives 1, as scipy.
 *
 * The probabilities are computed relative to the mode by the ratio of consecutive hypergeometric
 * terms, so no factorial or ln Γ enters and a p-value keeps about 1e-11 relative accuracy with
 * margins up to 10⁵. A table counts as "no more likely" when its probability is at most the observed
 * one × (1 + 1e-7), R's tolerance (scipy: 1 + 1e-14): exact ties between mirror-image tables then
 * stay ties whatever the rounding; the two differ only when a table's probability lies within 1e-7
 * of the observed one without being equal.
 *
 * Definition: https://en.wikipedia.org/wiki/Fisher%27s_exact_test
 *
 * Cost: O(min(row total, column total)) for the terms of the distribution.
 *
 * @param table - [[a, b], [c, d]]: non-negative integer counts (Evidently: [[current with one category,
 *   current with the other], [reference with one, reference with the other]]).
 * @throws Error when a count is not a non-negative safe integer.
 * @example
 * fisherExactTwoSided([[6, 0], [3, 3]]) // => 0.1818181818181818 (scipy: 0.1818181818181818)
 */
export function fisherExactTwoSided(
  table: readonly [readonly [number, number], readonly [number, number]],
): number {
  const [[a, b], [c, d]] = table;
  for (const count of [a, b, c, d]) {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new Error(`fisherExactTwoSided needs non-negative integer counts, got ${count}`);
    }
  }
  const firstRow = a + b;
  const secondRow = c + d;
  const firstColumn = a + c;
  if (firstRow === 0 || secondRow === 0 || firstColumn === 0 || b + d === 0) return 1;
  // a ~ hypergeometric: population firstRow + secondRow, firstRow successes, firstColumn draws.
  const low = Math.max(0, firstColumn - secondRow);
  const high = Math.min(firstColumn, firstRow);
  const mode = Math.floor(((firstColumn + 1) * (firstRow + 1)) / (firstRow + secondRow + 2));
  const terms = new Float64Array(high - low + 1);
  terms[mode - low] = 1;
  // P(x + 1) / P(x) = (firstRow − x)(firstColumn − x) / ((x + 1)(secondRow − firstColumn + x + 1))
  for (let x = mode; x < high; x++) {
    terms[x + 1 - low] =
      terms[x - low]! *
      (((firstRow - x) * (firstColumn - x)) / ((x + 1) * (secondRow - firstColumn + x + 1)));
  }
  for (let x = mode; x > low; x--) {
    terms[x - 1 - low] =
      terms[x - low]! * ((x * (secondRow - firstColumn + x)) / ((firstRow - x + 1) * (firstColumn - x + 1)));
  }
  const observed = terms[a - low]!;
  const bound = observed * (1 + RELATIVE_TIE);
  if (bound >= 1) return 1;
  let extreme = 0;
  let total = 0;
  // Smallest terms first (from both ends inwards), for the accuracy of the sums.
  for (let left = 0, right = terms.length - 1; left <= right; ) {
    let term: number;
    if (terms[left]! <= terms[right]!) term = terms[left++]!;
    else term = terms[right--]!;
    total += term;
    if (term <= bound) extreme += term;
  }
  return Math.min(1, extreme / total);
}
