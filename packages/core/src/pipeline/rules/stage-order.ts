import { definePipelineRule } from '../rule.js';

/** The order stage types must run in; STAGE_ORDER compares the last stage of each type. */
export const PIPELINE_STAGE_ORDER = ['data', 'transform', 'train', 'evaluate', 'deploy', 'monitor'] as const;

export const stageOrder = definePipelineRule<{ earlier: string; later: string }>({
  meta: {
    id: 'STAGE_ORDER',
    severity: 'error',
    description: `The last stage of a type comes after the last stage of the type that should follow it (${PIPELINE_STAGE_ORDER.join(' -> ')}).`,
    legacy: true,
    requires: 'stages',
    section: 'summary',
    examples: {
      bad: '[ { "type": "data" }, { "type": "train" }, { "type": "transform" }, … ]',
      good: '[ { "type": "data" }, { "type": "transform" }, { "type": "train" }, … ]',
    },
  },
  message: ({ earlier, later }) =>
    `Stage type '${earlier}' appears after '${later}'; expected order: ${PIPELINE_STAGE_ORDER.join(' -> ')}.`,
  check(context, report) {
    const last = new Map<string, number>();
    for (const stage of context.stages) if (stage.type !== undefined) last.set(stage.type, stage.index);
    for (let index = 0; index + 1 < PIPELINE_STAGE_ORDER.length; index++) {
      const earlier = PIPELINE_STAGE_ORDER[index]!;
      const later = PIPELINE_STAGE_ORDER[index + 1]!;
      const earlierAt = last.get(earlier);
      const laterAt = last.get(later);
      if (earlierAt !== undefined && laterAt !== undefined && earlierAt > laterAt)
        report({ path: `/stages/${earlierAt}/type`, data: { earlier, later } });
    }
  },
});
