/**
 * How deep JSON values in the registry may nest: arrays and objects inside `parameters` (or inside a
 * key this tool does not know). Far beyond any real parameters, and far below the depth at which
 * `JSON.stringify` overflows the stack (about 4,000 levels in the CLI), so that whatever the registry
 * accepts it can also write and print. The legacy Python tool could not write deeper either (its
 * `json.dumps` stops at Python's recursion limit, 1,000).
 */
export const REGISTRY_MAX_NESTING = 1000;

/**
 * Whether a JSON value holds arrays or objects nested more than `limit` levels deep (the value itself
 * being level 1 when it is an array or object). Iterative, so that it cannot itself overflow the
 * stack, and stops as soon as it knows.
 *
 * Cost: O(size of the value) at worst; O(1) for a scalar.
 *
 * @example nestedDeeperThan({ a: [[1]] }, 2) // => true
 * @example nestedDeeperThan({ a: [1] }, 2) // => false
 */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit >= 1 && isFlat(value)) return false; // most values (a model's parameters): no stack
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (depth > limit) return true;
    for (const inner of Array.isArray(current) ? current : Object.values(current as object)) {
      if (typeof inner === 'object' && inner !== null) pending.push([inner, depth + 1]);
    }
  }
  return false;
}

/** Whether no value inside `value` (an object or array) is itself an object or array. */
function isFlat(value: object): boolean {
  if (Array.isArray(value)) {
    for (const inner of value) if (typeof inner === 'object' && inner !== null) return false;
    return true;
  }
  for (const key in value) {
    const inner = (value as Record<string, unknown>)[key];
    if (typeof inner === 'object' && inner !== null) return false;
  }
  return true;
}
