/**
 * A typed view of a parsed pipeline document that the rules share: what could be read is read, what
 * has the wrong type is left out (the SCHEMA rule reports it), so every rule can check the rest.
 */

/** A string item of an array, with its index in the file (non-strings are skipped, not renumbered). */
export interface PipelineListItem {
  value: string;
  index: number;
}

export interface PipelineStageView {
  index: number;
  /** JSON pointer of the stage: `/stages/<index>`. */
  pointer: string;
  raw: Record<string, unknown>;
  /** The name when it is a non-empty string. */
  name: string | undefined;
  /** How messages refer to the stage: its name, or `stage_<index>` (zero-based) when it has none. */
  label: string;
  /** The type when it is a string; `unknown` when the key is absent (as in the legacy tool). */
  type: string | undefined;
  inputs: readonly PipelineListItem[];
  /** The string outputs; `undefined` when `outputs` is present but not an array (nothing can be said). */
  outputs: readonly PipelineListItem[] | undefined;
  dependsOn: readonly PipelineListItem[];
}

export type PipelineStagesState = 'missing-or-empty' | 'invalid' | 'ok';

export interface PipelineDocumentView {
  raw: Record<string, unknown>;
  stagesState: PipelineStagesState;
  /** One entry per element of `stages`; `undefined` where the element is not an object. */
  stages: (PipelineStageView | undefined)[];
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Python's truthiness, which the legacy conditions used: false for a missing value, null, false, 0,
 * "", [] and {}.
 */
export function isTruthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}

const NO_ITEMS: readonly PipelineListItem[] = Object.freeze([]);

/** The string items of a list, in an array of exactly their number (100,000 stages: every byte counts). */
function stringItems(value: unknown): readonly PipelineListItem[] {
  if (!Array.isArray(value) || value.length === 0) return NO_ITEMS;
  let strings = 0;
  for (const item of value) if (typeof item === 'string') strings++;
  if (strings === 0) return NO_ITEMS;
  const items = new Array<PipelineListItem>(strings);
  let at = 0;
  value.forEach((item, index) => {
    if (typeof item === 'string') items[at++] = { value: item, index };
  });
  return items;
}

function stageView(raw: Record<string, unknown>, index: number): PipelineStageView {
  const name = typeof raw.name === 'string' && raw.name !== '' ? raw.name : undefined;
  const type = raw.type === undefined ? 'unknown' : typeof raw.type === 'string' ? raw.type : undefined;
  return {
    index,
    pointer: `/stages/${index}`,
    raw,
    name,
    label: name ?? `stage_${index}`,
    type,
    inputs: stringItems(raw.inputs),
    outputs: raw.outputs === undefined || Array.isArray(raw.outputs) ? stringItems(raw.outputs) : undefined,
    dependsOn: stringItems(raw.depends_on),
  };
}

/** Builds the view of a document whose root is an object. O(stages). */
export function pipelineDocumentView(raw: Record<string, unknown>): PipelineDocumentView {
  const stages = raw.stages;
  if (!isTruthy(stages)) return { raw, stagesState: 'missing-or-empty', stages: [] };
  if (!Array.isArray(stages)) return { raw, stagesState: 'invalid', stages: [] };
  return {
    raw,
    stagesState: 'ok',
    stages: stages.map((stage, index) => (isPlainObject(stage) ? stageView(stage, index) : undefined)),
  };
}
