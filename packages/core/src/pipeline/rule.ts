import type { JsonParseFailure } from '../json/positions.js';
import type { PipelineDocumentView, PipelineStageView } from './document-view.js';
import type { PipelineGraph } from './graph.js';

export type PipelineSeverity = 'error' | 'warning' | 'info';
/** A severity or `off`, as a config file may set it. */
export type PipelineRuleSetting = PipelineSeverity | 'off';

/** The syntax of a pipeline file: JSON, or YAML (`.yaml`, `.yml`). */
export type PipelineSyntax = 'json' | 'yaml';

/**
 * What a rule needs before it can run, from least to most:
 * - `text`: always runs (INVALID_JSON, INVALID_YAML);
 * - `json`: the file parsed (valid JSON, or valid YAML within this tool's bounds);
 * - `object`: the document is a JSON object;
 * - `pipeline`: an object whose `stages` are not missing or empty (the legacy tool stopped there);
 * - `stages`: `stages` is a non-empty array.
 */
export type PipelineRuleRequirement = 'text' | 'json' | 'object' | 'pipeline' | 'stages';

/**
 * Where a rule's issues sit in the report. The legacy tool emitted issues in this order: pipeline-level
 * checks, then per stage (stage by stage), then whole-pipeline checks. Issues are sorted by section,
 * then stage, then the rule's place in PIPELINE_RULE_REPORT_ORDER.
 */
export type PipelineRuleSection = 'document' | 'pipeline' | 'stage' | 'summary';

export interface PipelineRuleMeta {
  /** Stable identifier, SCREAMING_SNAKE_CASE (the legacy ids are kept). */
  id: string;
  /** Severity in plain mode. */
  severity: PipelineSeverity;
  /** Severity under --strict, when it differs. */
  strictSeverity?: PipelineSeverity;
  /** Runs only under --strict (unless a config file sets its severity). */
  strictOnly?: boolean;
  /** False for rules whose severity a config file cannot change (INVALID_JSON, INVALID_YAML, SCHEMA). */
  configurable?: boolean;
  /** One line, for `rules` and SARIF. */
  description: string;
  /** True for the rules of the legacy Python tool (same id, severity, condition and message). */
  legacy: boolean;
  requires: PipelineRuleRequirement;
  section: PipelineRuleSection;
  /** Short JSON fragments for `rules ID`. */
  examples: { bad: string; good: string };
}

/** What a rule sees: the parsed document (when there is one), the mode and the shared graph. */
export interface PipelineRuleContext {
  readonly strict: boolean;
  /** The file's syntax. */
  readonly syntax: PipelineSyntax;
  /** The syntax error, when the text does not parse (only rules that require `text` see this). */
  readonly syntaxError: JsonParseFailure | undefined;
  /** The parsed value (rules that require `json` or more). */
  readonly value: unknown;
  /** The document view (rules that require `object` or more). */
  readonly document: PipelineDocumentView;
  /** The stages that are objects. */
  readonly stages: readonly PipelineStageView[];
  /** The dependency graph, built on first use and shared by the rules. */
  graph(): PipelineGraph;
}

/** One finding of a rule, before its severity and position are filled in. */
export interface PipelineRuleReport<Data> {
  /** JSON pointer of the offending key or value. */
  path: string;
  /** Index of the stage the issue is about, for stage-section rules (orders the report). */
  stage?: number;
  /** The values the message is built from. */
  data: Data;
  /** A position to use instead of the path's (INVALID_JSON, INVALID_YAML: the syntax error). */
  position?: { line: number; column: number };
}

export interface PipelineRule<Data = unknown> {
  readonly meta: PipelineRuleMeta;
  /** The message of an issue, from its data. */
  message(data: Data): string;
  check(context: PipelineRuleContext, report: (finding: PipelineRuleReport<Data>) => void): void;
}

/** Declares a rule with its data type checked. */
export function definePipelineRule<Data>(rule: PipelineRule<Data>): PipelineRule<Data> {
  return rule;
}

/** `stage` data shared by many messages. */
export interface StageData {
  stage: string;
}
