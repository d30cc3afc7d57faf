import { type CliContext, layoutTable, tableColumns, writeJson, writeLines } from '@mlops/cli-kit';
import {
  findPipelineRule,
  PIPELINE_RULE_IDS,
  type PipelineRule,
  pipelineRules,
  UsageError,
} from '@mlops/core';
import { Command } from 'commander';

/** `error`, `warning (error with --strict)`, `info (--strict only)`. */
export function describeSeverity(rule: PipelineRule): string {
  const { severity, strictSeverity, strictOnly } = rule.meta;
  if (strictOnly) return `${severity} (--strict only)`;
  if (strictSeverity) return `${severity} (${strictSeverity} with --strict)`;
  return severity;
}

/** The anchor of a rule's section in docs/pipeline-validator.md. */
export function ruleDocsAnchor(id: string): string {
  return `docs/pipeline-validator.md#${id.toLowerCase()}`;
}

/** `rules [ID] [--json]`: lists every rule, or explains one with a bad and a good example. */
export function buildRulesCommand(context: CliContext): Command {
  return new Command('rules')
    .description('list the rules, or explain one (with a bad and a good example)')
    .argument('[id]', 'a rule id, e.g. INVALID_GATE')
    .option('--json', 'print the rules as JSON')
    .action((id: string | undefined, options: { json?: boolean }) => {
      const rules = id === undefined ? pipelineRules : [lookUp(id)];
      if (options.json) {
        const data = rules.map((rule) => ({ ...rule.meta, docs: ruleDocsAnchor(rule.meta.id) }));
        writeJson(context, id === undefined ? data : data[0]);
        return;
      }
      if (id === undefined) {
        // On a terminal, the descriptions are cut to its width (see layoutTable); whole in a pipe.
        const table = layoutTable(
          rules.map((rule) => [rule.meta.id, describeSeverity(rule), rule.meta.description]),
          { gap: '  ', columns: tableColumns(context.stdout) },
        );
        writeLines(context, table.rows);
        return;
      }
      const rule = rules[0]!;
      writeLines(context, [
        `${rule.meta.id}: ${describeSeverity(rule)}${rule.meta.legacy ? ', from the legacy validator' : ''}`,
        rule.meta.description,
        '',
        'Bad:',
        `  ${rule.meta.examples.bad}`,
        'Good:',
        `  ${rule.meta.examples.good}`,
        '',
        `Docs: ${ruleDocsAnchor(rule.meta.id)}`,
      ]);
    });
}

function lookUp(id: string): PipelineRule {
  const rule = findPipelineRule(id.toUpperCase().replace(/-/g, '_'));
  if (!rule)
    throw new UsageError(`unknown rule ${JSON.stringify(id)}`, {
      hint: `valid ids: ${PIPELINE_RULE_IDS.join(', ')}`,
    });
  return rule;
}
