const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content and quoted attribute values: `& < > " '` become entities, so
 * nothing from the data (a column name, a category, a file name) can open a tag, close an attribute or
 * end a `<script>`.
 *
 * @example escapeHtml('<img src=x onerror=alert(1)>') // => '&lt;img src=x onerror=alert(1)&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}

/**
 * Text cut to `limit` code points (with an ellipsis), for labels that must fit a space; the full text
 * goes in a tooltip.
 *
 * @example shortLabel('monthly_spend_in_euros', 10) // => 'monthly_s…'
 */
export function shortLabel(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const points = Array.from(text.slice(0, limit * 2 + 2));
  return points.length <= limit && text.length <= limit * 2 + 2
    ? text
    : `${points.slice(0, limit - 1).join('')}…`;
}
