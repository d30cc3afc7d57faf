import { definePipelineRule } from '../rule.js';

export const invalidYaml = definePipelineRule<{ problem: string }>({
  meta: {
    id: 'INVALID_YAML',
    severity: 'error',
    configurable: false,
    description:
      'A .yaml/.yml file is not valid YAML, or uses what a pipeline file may not (tags, alias bombs, deep nesting, duplicate keys, several documents); no other rule can run.',
    legacy: false,
    requires: 'text',
    section: 'document',
    examples: { bad: '{ name: p, name: q, stages: [ … ] }', good: '{ name: p, stages: [ … ] }' },
  },
  message: ({ problem }) => `The file is not valid YAML: ${problem}.`,
  check(context, report) {
    const error = context.syntaxError;
    if (error && context.syntax === 'yaml')
      report({
        path: '',
        data: { problem: error.message },
        position: { line: error.line, column: error.column },
      });
  },
});
