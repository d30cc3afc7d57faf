import { resolve } from 'node:path';
import type { CliContext } from '@mlops/cli-kit';
import type { CsvColumnTable, DriftColumnChart, DriftReport } from '@mlops/core';
import { renderDriftHtml } from './render.js';
import { writeFileAtomic } from './write.js';

/**
 * When the report was made: `SOURCE_DATE_EPOCH` (seconds, the reproducible-builds convention) when
 * set, so that a report can be made byte for byte again; else now.
 */
export function reportTime(env: NodeJS.ProcessEnv): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch.trim()) * 1000);
  return new Date();
}

/** Renders the HTML report and writes it atomically to `file` (relative to the context's folder). */
export function writeDriftHtmlReport(
  context: CliContext,
  input: {
    file: string;
    report: DriftReport;
    charts: readonly DriftColumnChart[];
    reference: CsvColumnTable;
    current: CsvColumnTable;
    tool: string;
    version: string;
  },
): void {
  const html = renderDriftHtml({
    report: input.report,
    charts: input.charts,
    reference: {
      name: input.report.reference,
      rows: input.reference.rowCount,
      columns: input.reference.header.length,
    },
    current: {
      name: input.report.current,
      rows: input.current.rowCount,
      columns: input.current.header.length,
    },
    generatedAt: reportTime(context.env),
    tool: input.tool,
    version: input.version,
  });
  writeFileAtomic(resolve(context.cwd, input.file), html, input.file);
}
