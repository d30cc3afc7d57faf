import type { PipelineFileReport } from './report.js';
import type { PipelineRule, PipelineSeverity } from './rule.js';

const LEVELS: Record<PipelineSeverity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/**
 * Where a result's file is, as SARIF says it: a relative URI reference resolved against the base
 * `uriBaseId` names (`%SRCROOT%`, the root of the checkout), or an absolute `file:` URI and no base.
 * The URI is percent-encoded: `uri` is read as a URI, not as a path.
 */
export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

export interface PipelineSarifOptions {
  /** The rules to list in tool.driver (all of them, in id order). */
  rules: readonly PipelineRule[];
  /** The tool's version. */
  version: string;
  /** Turns a report's file into its artifact location (the caller knows where the files are). */
  locationOf: (file: string) => SarifArtifactLocation;
}

/**
 * A SARIF 2.1.0 log of the reports, in the shape GitHub code scanning accepts: one run, the tool's
 * driver listing every rule (id, description, default level), one result per issue with its rule,
 * level, message and the file's path and start line and column (UTF-16 code units).
 */
export function pipelineSarifLog(
  reports: readonly PipelineFileReport[],
  options: PipelineSarifOptions,
): object {
  const ruleIndex = new Map(options.rules.map((rule, index) => [rule.meta.id, index]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pipeline-validator',
            version: options.version,
            rules: options.rules.map((rule) => ({
              id: rule.meta.id,
              name: rule.meta.id
                .toLowerCase()
                .split('_')
                .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
                .join(''),
              shortDescription: { text: rule.meta.description },
              defaultConfiguration: { level: LEVELS[rule.meta.severity] },
              properties: { legacy: rule.meta.legacy },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: reports.flatMap((report) => {
          const artifactLocation = options.locationOf(report.file);
          return report.issues.map((issue) => ({
            ruleId: issue.rule,
            ...(ruleIndex.has(issue.rule) ? { ruleIndex: ruleIndex.get(issue.rule) } : {}),
            level: LEVELS[issue.severity],
            message: { text: issue.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { ...artifactLocation },
                  region: { startLine: issue.line, startColumn: issue.column },
                },
              },
            ],
            properties: { path: issue.path },
          }));
        }),
      },
    ],
  };
}
