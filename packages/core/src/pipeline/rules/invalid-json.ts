import { definePipelineRule } from '../rule.js';

export const invalidJson = definePipelineRule<{ problem: string }>({
  meta: {
    id: 'INVALID_JSON',
    severity: 'error',
    configurable: false,
    description:
      'The file is not valid JSON (empty, truncated, trailing comma, comment…); no other rule can run.',
    legacy: false,
    requires: 'text',
    section: 'document',
    examples: { bad: '{ "name": "p", "stages": [ … ], }', good: '{ "name": "p", "stages": [ … ] }' },
  },
  message: ({ problem }) => `The file is not valid JSON: ${problem}.`,
  check(context, report) {
    const error = context.syntaxError;
    if (error && context.syntax === 'json')
      report({
        path: '',
        data: { problem: error.message },
        position: { line: error.line, column: error.column },
      });
  },
});
