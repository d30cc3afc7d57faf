import { buildPipelineGraph, type PipelineGraph } from './graph.js';
import { type JsonPositionMap, parseJsonWithPositions } from './json-positions.js';
import {
  isPlainObject,
  type PipelineDocumentView,
  type PipelineStageView,
  pipelineDocumentView,
} from './model.js';
import { type PipelineIssue, type PipelineReport, pipelineReport } from './report.js';
import type {
  PipelineRule,
  PipelineRuleContext,
  PipelineRuleRequirement,
  PipelineRuleSection,
  PipelineRuleSetting,
  PipelineSeverity,
} from './rule.js';
import { PIPELINE_RULE_REPORT_ORDER, pipelineRules } from './rules/index.js';

export interface ValidatePipelineOptions {
  /** The legacy --strict mode: strict-only rules run, some severities rise. */
  strict?: boolean;
  /** Severity overrides from a config file, by rule id (`off` turns a rule off). */
  rules?: Readonly<Record<string, PipelineRuleSetting>>;
}

const SECTION_RANK: Record<PipelineRuleSection, number> = { document: 0, pipeline: 1, stage: 2, summary: 3 };
const REPORT_RANK = new Map(PIPELINE_RULE_REPORT_ORDER.map((id, index) => [id, index]));
const REQUIREMENT_RANK: Record<PipelineRuleRequirement, number> = {
  text: 0,
  json: 1,
  object: 2,
  pipeline: 3,
  stages: 4,
};

/** The severity a rule reports with, or `off`: the config wins, then --strict, then the default. */
export function pipelineRuleSetting(
  rule: PipelineRule,
  options: ValidatePipelineOptions = {},
): PipelineRuleSetting {
  const configured = rule.meta.configurable === false ? undefined : options.rules?.[rule.meta.id];
  if (configured !== undefined) return configured;
  if (options.strict) return rule.meta.strictSeverity ?? rule.meta.severity;
  return rule.meta.strictOnly ? 'off' : rule.meta.severity;
}

interface Ranked {
  issue: PipelineIssue;
  key: [number, number, number, number];
}

/**
 * Validates the text of a pipeline file: parses it (INVALID_JSON when it is not JSON), checks it
 * against the schema (SCHEMA), then runs every rule on what can be checked. Never throws on bad
 * input. Linear in the size of the file (the dependency checks are linear in stages and edges).
 */
export function validatePipelineText(text: string, options: ValidatePipelineOptions = {}): PipelineReport {
  const parsed = parseJsonWithPositions(text);
  const value = parsed.ok ? parsed.value : undefined;
  const positions: JsonPositionMap | undefined = parsed.ok ? parsed.positions : undefined;
  const document: PipelineDocumentView | undefined = isPlainObject(value)
    ? pipelineDocumentView(value)
    : undefined;

  let reached: PipelineRuleRequirement = 'text';
  if (parsed.ok) reached = 'json';
  if (document) reached = 'object';
  if (document && document.stagesState !== 'missing-or-empty') reached = 'pipeline';
  if (document?.stagesState === 'ok') reached = 'stages';

  let graph: PipelineGraph | undefined;
  const stages = (document?.stages.filter((stage) => stage !== undefined) ?? []) as PipelineStageView[];
  const context: PipelineRuleContext = {
    strict: options.strict === true,
    syntaxError: parsed.ok ? undefined : parsed.error,
    value,
    document: document ?? { raw: {}, stagesState: 'missing-or-empty', stages: [] },
    stages,
    graph: () => {
      graph ??= buildPipelineGraph(document?.stages ?? []);
      return graph;
    },
  };

  const ranked: Ranked[] = [];
  for (const rule of pipelineRules) {
    const setting = pipelineRuleSetting(rule, options);
    if (setting === 'off' || REQUIREMENT_RANK[rule.meta.requires] > REQUIREMENT_RANK[reached]) continue;
    const severity: PipelineSeverity = setting;
    const sectionRank = SECTION_RANK[rule.meta.section];
    const ruleRank = REPORT_RANK.get(rule.meta.id) ?? Number.MAX_SAFE_INTEGER;
    rule.check(context, (finding) => {
      const place = finding.position ?? positions?.locate(finding.path).position ?? { line: 1, column: 1 };
      ranked.push({
        issue: {
          severity,
          rule: rule.meta.id,
          message: rule.message(finding.data),
          path: finding.path,
          line: place.line,
          column: place.column,
        },
        key: [sectionRank, finding.stage ?? -1, ruleRank, ranked.length],
      });
    });
  }
  ranked.sort(
    (a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2] || a.key[3] - b.key[3],
  );

  const name = document?.raw.name;
  const stagesValue = document?.raw.stages;
  return pipelineReport(
    typeof name === 'string' ? name : '(unnamed)',
    Array.isArray(stagesValue) ? stagesValue.length : 0,
    ranked.map((entry) => entry.issue),
  );
}
