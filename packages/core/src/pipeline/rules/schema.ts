import { definePipelineRule } from '../rule.js';
import { checkPipelineSchema } from '../schema.js';

/** Gates have their own rule, INVALID_GATE, with more specific messages. */
const GATE_PATH = /^\/stages\/\d+\/gate(\/|$)/;

export const schema = definePipelineRule<{ path: string; problem: string }>({
  meta: {
    id: 'SCHEMA',
    severity: 'error',
    configurable: false,
    description:
      'A value of the wrong type: the document is not an object, stages not an array, a stage not an object, inputs/outputs/depends_on not lists of strings, timeout_minutes not a positive number, name/type/schedule not strings…',
    legacy: false,
    requires: 'json',
    section: 'document',
    examples: {
      bad: '{ "name": "fit", "type": "train", "inputs": "features", "timeout_minutes": "2h" }',
      good: '{ "name": "fit", "type": "train", "inputs": ["features"], "timeout_minutes": 120 }',
    },
  },
  message: ({ path, problem }) => `${path === '' ? '(root)' : path}: ${problem}`,
  check(context, report) {
    for (const problem of checkPipelineSchema(context.value))
      if (!GATE_PATH.test(problem.path))
        report({ path: problem.path, data: { path: problem.path, problem: problem.message } });
  },
});
