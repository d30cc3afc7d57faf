import type { CliContext } from '@mlops/cli-kit';
import {
  type DriftColumnChart,
  type DriftFileSummary,
  type DriftReport,
  type OutputInput,
  writeOutputFile,
} from '@mlops/core';
import { renderDriftHtml } from './render.js';

/**
 * When the report was made: `SOURCE_DATE_EPOCH` (seconds, the reproducible-builds convention) when
 * set, so that a report can be made byte for byte again; else now.
 */
export function reportTime(env: NodeJS.ProcessEnv): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch.trim()) * 1000);
  return new Date();
}

/**
 * Renders the HTML report and writes it to `file` (relative to the context's folder) by core's output
 * rule (writeOutputFile): a regular file or a new path replaced atomically, `-` and `/dev/stdout` to
 * stdout, a FIFO or a device written to, a link followed, an input refused.
 */
export async function writeDriftHtmlReport(
  context: CliContext,
  input: {
    file: string;
    /** The files the check reads: the report may not overwrite them. */
    inputs: readonly OutputInput[];
    report: DriftReport;
    charts: readonly DriftColumnChart[];
    reference: DriftFileSummary;
    current: DriftFileSummary;
    tool: string;
    version: string;
  },
): Promise<void> {
  const html = renderDriftHtml({
    report: input.report,
    charts: input.charts,
    reference: { ...input.reference, name: input.report.reference },
    current: { ...input.current, name: input.report.current },
    generatedAt: reportTime(context.env),
    tool: input.tool,
    version: input.version,
  });
  await writeOutputFile(input.file, html, {
    what: 'HTML report',
    label: '--html',
    display: input.file,
    cwd: context.cwd,
    inputs: input.inputs,
    stdout: (text) => context.stdout.write(text),
    hint: 'give --html a file path in a folder that exists and is writable',
  });
}
