import { MAX_JSON_DEPTH } from '../io/json-depth.js';
import { type PointerPositions, parseJsonWithPositions } from '../json/positions.js';
import { parseYamlWithPositions } from '../yaml/parse-with-positions.js';
import {
  isPlainObject,
  type PipelineDocumentView,
  type PipelineStageView,
  pipelineDocumentView,
} from './document-view.js';
import { buildPipelineGraph, type PipelineGraph } from './graph.js';
import { type PipelineIssue, type PipelineReport, pipelineReport } from './report.js';
import type {
  PipelineRule,
  PipelineRuleContext,
  PipelineRuleReport,
  PipelineRuleRequirement,
  PipelineRuleSection,
  PipelineRuleSetting,
  PipelineSeverity,
  PipelineSyntax,
} from './rule.js';
import { PIPELINE_RULE_REPORT_ORDER, pipelineRules } from './rules/index.js';

export interface ValidatePipelineOptions {
  /** The file's syntax (default `json`); see pipelineSyntaxOf for the one a file name implies. */
  syntax?: PipelineSyntax;
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
  const { rules } = options;
  // Own keys only: an id inherited from a prototype is not a setting.
  const configured =
    rule.meta.configurable === false || rules === undefined || !Object.hasOwn(rules, rule.meta.id)
      ? undefined
      : rules[rule.meta.id];
  if (configured !== undefined) return configured;
  if (options.strict) return rule.meta.strictSeverity ?? rule.meta.severity;
  return rule.meta.strictOnly ? 'off' : rule.meta.severity;
}

/**
 * Validates the text of a pipeline file: parses it as JSON (INVALID_JSON when it is not JSON, or
 * nests arrays and objects more than MAX_JSON_DEPTH (1000) levels deep) or, with `syntax: 'yaml'`, as
 * YAML (INVALID_YAML: see parseYamlWithPositions for what is refused), checks it against the schema
 * (SCHEMA), then runs every rule on what can be checked. Never throws on bad input. Linear in the size
 * of the file (the dependency checks are linear in stages and edges).
 */
export function validatePipelineText(text: string, options: ValidatePipelineOptions = {}): PipelineReport {
  const syntax = options.syntax ?? 'json';
  const parsed =
    syntax === 'yaml'
      ? parseYamlWithPositions(text)
      : parseJsonWithPositions(text, { maxDepth: MAX_JSON_DEPTH });
  const value = parsed.ok ? parsed.value : undefined;
  const positions: PointerPositions | undefined = parsed.ok ? parsed.positions : undefined;
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
    syntax,
    syntaxError: parsed.ok ? undefined : parsed.error,
    value,
    document: document ?? { raw: {}, stagesState: 'missing-or-empty', stages: [] },
    stages,
    graph: () => {
      graph ??= buildPipelineGraph(document?.stages ?? []);
      return graph;
    },
  };

  const findings: PipelineRuleReport<unknown>[] = [];
  const findingRules: PipelineRule[] = [];
  const severities: PipelineSeverity[] = [];
  for (const rule of pipelineRules) {
    const setting = pipelineRuleSetting(rule, options);
    if (setting === 'off' || REQUIREMENT_RANK[rule.meta.requires] > REQUIREMENT_RANK[reached]) continue;
    const severity: PipelineSeverity = setting;
    rule.check(context, (finding) => {
      findings.push(finding);
      findingRules.push(rule);
      severities.push(severity);
    });
  }
  // One scan of the text places every finding (a lookup per finding would scan it once each).
  const unplaced: string[] = [];
  for (const finding of findings) if (finding.position === undefined) unplaced.push(finding.path);
  const located = positions?.locateAll(unplaced) ?? [];
  let nextLocated = 0;
  const issues: PipelineIssue[] = findings.map((finding, index) => {
    const rule = findingRules[index]!;
    const place = finding.position ?? located[nextLocated++]?.position ?? { line: 1, column: 1 };
    return {
      severity: severities[index]!,
      rule: rule.meta.id,
      message: rule.message(finding.data),
      path: finding.path,
      line: place.line,
      column: place.column,
    };
  });
  // The report's order: by section, then stage, then the rule's place in the legacy order, then as found.
  const section = findingRules.map((rule) => SECTION_RANK[rule.meta.section]);
  const stage = findings.map((finding) => finding.stage ?? -1);
  const ruleRank = findingRules.map((rule) => REPORT_RANK.get(rule.meta.id) ?? Number.MAX_SAFE_INTEGER);
  const order = issues.map((_, index) => index);
  order.sort(
    (a, b) => section[a]! - section[b]! || stage[a]! - stage[b]! || ruleRank[a]! - ruleRank[b]! || a - b,
  );

  const name = document?.raw.name;
  const stagesValue = document?.raw.stages;
  return pipelineReport(
    typeof name === 'string' ? name : '(unnamed)',
    Array.isArray(stagesValue) ? stagesValue.length : 0,
    order.map((index) => issues[index]!),
  );
}
