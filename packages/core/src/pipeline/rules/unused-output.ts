import { definePipelineRule } from '../rule.js';

export const unusedOutput = definePipelineRule<{ stage: string; output: string }>({
  meta: {
    id: 'UNUSED_OUTPUT',
    severity: 'info',
    description:
      'An output that no stage reads, except the outputs of the last stage of each branch (a stage nothing depends on).',
    legacy: false,
    requires: 'stages',
    section: 'stage',
    examples: {
      bad: '{ "name": "featurize", "outputs": ["features", "debug_dump"] }, { "name": "fit", "inputs": ["features"] }',
      good: '{ "name": "featurize", "outputs": ["features"] }, { "name": "fit", "inputs": ["features"] }',
    },
  },
  message: ({ stage, output }) => `Output '${output}' of stage '${stage}' is not used by any other stage.`,
  check(context, report) {
    const graph = context.graph();
    const { offsets, edges } = graph.outgoing;
    const consumed: string[] = [];
    for (const stage of context.stages) {
      const first = offsets[stage.index]!;
      const end = offsets[stage.index + 1]!;
      if (first === end) continue; // the end of a branch
      const outputs = stage.outputs ?? [];
      if (outputs.length === 0) continue;
      // The outputs that some other stage's input resolved to (a Set only when there are many).
      consumed.length = 0;
      for (let at = first; at < end; at++) {
        const artifact = graph.edgeArtifact[edges[at]!];
        if (artifact !== undefined) consumed.push(artifact);
      }
      const isConsumed = smallSet(consumed);
      const isSeen = smallSet(outputs.length > 1 ? [] : undefined);
      for (const output of outputs) {
        if (isSeen(output.value, true)) continue;
        if (!isConsumed(output.value, false))
          report({
            path: `${stage.pointer}/outputs/${output.index}`,
            stage: stage.index,
            data: { stage: stage.label, output: output.value },
          });
      }
    }
  },
});

/**
 * Membership in a list of names without a Set for the usual one or two (a Set per stage of 100,000
 * would be most of the rule's cost): `has(name, add)` says whether `name` is in, and adds it when
 * `add`. No list at all: nothing is ever in (one output cannot repeat).
 */
function smallSet(names: string[] | undefined): (name: string, add: boolean) => boolean {
  if (names === undefined) return () => false;
  let set: Set<string> | undefined;
  return (name, add) => {
    if (set === undefined && names.length > 16) set = new Set(names);
    const found = set ? set.has(name) : names.includes(name);
    if (add && !found) {
      names.push(name);
      set?.add(name);
    }
    return found;
  };
}
