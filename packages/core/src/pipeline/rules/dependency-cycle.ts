import { findPipelineCycles } from '../graph.js';
import { definePipelineRule } from '../rule.js';

export const dependencyCycle = definePipelineRule<{ cycle: string[]; others: string[] }>({
  meta: {
    id: 'DEPENDENCY_CYCLE',
    severity: 'error',
    description:
      "Stages that depend on each other in a circle, through 'depends_on' or inputs and outputs (one issue per group of stages).",
    legacy: false,
    requires: 'stages',
    section: 'summary',
    examples: {
      bad: '{ "name": "a", "depends_on": ["b"] }, { "name": "b", "depends_on": ["a"] }',
      good: '{ "name": "a" }, { "name": "b", "depends_on": ["a"] }',
    },
  },
  message: ({ cycle, others }) =>
    `Stages depend on each other in a cycle: ${cycle.join(' -> ')}.${others.length > 0 ? ` Also in the same loop: ${others.join(', ')}.` : ''}`,
  check(context, report) {
    const label = (index: number) => context.document.stages[index]!.label;
    for (const { cycle, members } of findPipelineCycles(context.graph())) {
      const inCycle = new Set(cycle);
      report({
        path: `/stages/${cycle[0]}`,
        data: {
          cycle: cycle.map(label),
          others: members.filter((member) => !inCycle.has(member)).map(label),
        },
      });
    }
  },
});
