import { resolve } from 'node:path';
import {
  addOutputOptions,
  type CliContext,
  type CommandExample,
  checkReportOutputs,
  outputWordsOf,
  parseOptions,
  planOutputs,
  tableColumns,
  VERSION,
  withExamples,
  writeJson,
  writeLines,
  writeReportOutputs,
} from '@mlops/cli-kit';
import {
  type CsvWorkerRead,
  DEFAULT_DRIFT_METHOD,
  DEFAULT_DRIFT_SHARE,
  DRIFT_CORRECTIONS,
  DRIFT_METHOD_CHOICES,
  DRIFT_METHODS,
  type DriftCheck,
  type DriftReport,
  type DriftRequest,
  escapeText,
  formatDecimalBytes,
  INPUT_FORMATS,
  MemoryBudgetError,
  type OutputInput,
  readDriftConfig,
  runDriftCheck,
  runSqlDriftCheck,
  TEST_COMBINATIONS,
} from '@mlops/core';
import { Command, Option } from 'commander';
import { DRIFT_ENGINES, openDuckdb } from './engine.js';
import { formatDriftJunit } from './format/junit.js';
import { formatDriftMarkdown } from './format/markdown.js';
import { formatDriftText } from './format/text.js';
import { defaultMemoryBudget, releasePassMemory } from './memory-budget.js';
import { memoryBudgetHint } from './memory-flag.js';
import { driftOptionsSchema } from './options.js';
import { chooseTableReader, delimiterDebugLine, scoringThread } from './reader.js';
import { sparklineLines } from './sparkline.js';

/** The check on DuckDB: the same report, its statistics computed in SQL (see docs/scaling.md). */
async function runOnDuckdb(request: DriftRequest & { maxMemoryBytes?: number }): Promise<DriftReport> {
  const duckdb = await openDuckdb(request.maxMemoryBytes);
  try {
    return (await runSqlDriftCheck(request, duckdb)).report;
  } finally {
    duckdb.close();
  }
}

export { formatDriftJunit } from './format/junit.js';
export { formatDriftMarkdown } from './format/markdown.js';
export { formatDriftText } from './format/text.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The report formats, the first the default. */
export const DRIFT_FORMATS = ['text', 'json', 'markdown', 'junit'] as const;
export type DriftFormat = (typeof DRIFT_FORMATS)[number];

/** What a bin hands the program beyond its context. */
export interface DriftCommandOptions {
  /** The CSV worker script next to the bin (dist/csv-worker.js); without it, files are read in this thread. */
  workerScript?: URL;
  /** Reads the bin started before the program loaded (see startEarlyDriftReads). */
  started?: readonly CsvWorkerRead[];
}

/** The examples at the end of the help. */
const DRIFT_EXAMPLES: readonly CommandExample[] = [
  {
    args: '--reference train.csv --current today.csv',
    does: 'every column, the default method; exit 1 on an alert',
  },
  {
    args: '--reference train.parquet --current "day=2026-11-30/*.parquet" --test psi:0.2 --test ks_stat:0.15',
    does: 'Parquet parts against a file, two tests per column',
  },
  {
    args: '--reference ref.csv --current cur.csv --format markdown -o summary.md --format json -o drift.json',
    does: 'one run, two reports: Markdown for the job summary, JSON for a script',
  },
  {
    args: '--reference ref.csv --current cur.csv --html drift.html',
    does: 'also an HTML report with a chart per column',
  },
];

/** Builds the `drift-detector` program; `mlops` mounts the same program as a sub-command. */
export function buildDriftCommand(context: CliContext, bin: DriftCommandOptions = {}): Command {
  const command = new Command('drift-detector')
    .description(
      'Per-column data drift between a reference and a current dataset (CSV, Parquet, Arrow IPC, JSON Lines). Exit 0 no alert, 1 alert, 2 usage or input error.',
    )
    .version(VERSION)
    .option(
      '--reference <path>',
      'reference data, required: a file (.csv, .tsv, .gz, .parquet, .arrow, .feather, .jsonl, .ndjson), or a folder or quoted pattern of Parquet, Arrow or JSON Lines parts',
    )
    .option('--current <path>', 'current data, required, the same columns')
    .option('--columns <names...>', 'compare only these columns (default: every reference column)')
    .option(
      '--threshold <number>',
      `drift threshold for every column (default: the method's own; ${DEFAULT_DRIFT_METHOD} ${DRIFT_METHODS[DEFAULT_DRIFT_METHOD].defaultThreshold})`,
    );
  withExamples(command, DRIFT_EXAMPLES);
  return addOutputOptions(command, {
    formats: DRIFT_FORMATS,
    defaultFormat: 'text',
    formatHelp: 'report format (default: text); junit: JUnit XML for CI test reports',
    jsonHelp: 'print the report as JSON (same as --format json)',
  })
    .addOption(
      new Option(
        '--method <name>',
        `drift method for every column (default: ${DEFAULT_DRIFT_METHOD})`,
      ).choices([...DRIFT_METHOD_CHOICES]),
    )
    .option(
      '--test <method[:threshold]>',
      'one of several tests for every column, with its threshold (repeatable; instead of --method and --threshold)',
      collect,
    )
    .addOption(
      new Option(
        '--combine <how>',
        'a column with several tests drifted when any says so, or all (default: any)',
      ).choices([...TEST_COMBINATIONS]),
    )
    .option('--config <file>', 'JSON config: per-column method, threshold, tests, kind, ignore')
    .option('--categorical <names>', 'treat these columns as categorical (comma-separated)', collect)
    .option('--numeric <names>', 'treat these columns as numeric (comma-separated)', collect)
    .addOption(
      new Option('--correction <name>', 'adjust p-values across columns (default: none)').choices([
        ...DRIFT_CORRECTIONS,
      ]),
    )
    .option(
      '--drift-share <share>',
      `alert when more than this share of the columns drifted (default ${DEFAULT_DRIFT_SHARE})`,
    )
    .option('--delimiter <char>', 'field delimiter (default: tab for .tsv, else comma)')
    .option('--na-values <markers>', 'extra markers of a missing cell, comma-separated', collect)
    .addOption(
      new Option(
        '--input-format <format>',
        'read both inputs as this format (default: by file name)',
      ).choices([...INPUT_FORMATS]),
    )
    .option('--hive-partitioning', "a dataset folder's key=value folders become columns (default: ignored)")
    .option('--html <file>', 'also write a self-contained HTML report (charts per column) to this file')
    .addOption(
      new Option(
        '--engine <name>',
        'what computes the statistics: js, built in; duckdb, SQL run by DuckDB reading the files itself (legacy method, CSV and Parquet; needs @duckdb/node-api)',
      ).choices([...DRIFT_ENGINES]),
    )
    .option(
      '--max-memory <size>',
      "memory the data read may hold, e.g. 2GB or 512MB (decimal units; default: half of the machine's memory)",
    )
    .action(async (raw: Record<string, unknown>, self: Command) => {
      const options = parseOptions(driftOptionsSchema, raw);
      const outputs = planOutputs<DriftFormat>(outputWordsOf(self), 'text');
      // The files read; --html may not name one of them, which is refused before any is read.
      const inputs: OutputInput[] = [
        { path: options.reference, label: `--reference ${options.reference}` },
        { path: options.current, label: `--current ${options.current}` },
        ...(options.config === undefined
          ? []
          : [{ path: options.config, label: `--config ${options.config}` }]),
      ];
      checkReportOutputs(outputs, {
        inputs,
        cwd: context.cwd,
        others:
          options.html === undefined ? [] : [{ path: options.html, label: '--html', what: 'HTML report' }],
      });
      const config =
        options.config === undefined
          ? undefined
          : readDriftConfig(resolve(context.cwd, options.config), options.config);
      const stdoutFormat = outputs.find((output) => output.path === undefined)?.format;
      const referencePath = resolve(context.cwd, options.reference);
      const currentPath = resolve(context.cwd, options.current);
      const request = {
        referencePath,
        currentPath,
        referenceName: options.reference,
        currentName: options.current,
        columns: options.columns,
        threshold: options.threshold,
        method: options.method,
        tests: options.test,
        combine: options.combine,
        correction: options.correction,
        driftShare: options.driftShare,
        categorical: options.categorical,
        numeric: options.numeric,
        config,
        delimiter: options.delimiter,
        naValues: options.naValues,
        format: options.inputFormat,
        hivePartitioning: options.hivePartitioning,
        parser: context.env.MLOPS_CSV_PARSER === 'csv-parse' ? ('csv-parse' as const) : ('auto' as const),
        maxMemoryBytes: options.maxMemory ?? defaultMemoryBudget(),
      };
      let check: DriftCheck | undefined;
      let report: DriftReport;
      // Charts for --html, and for the sparklines of the text report on a terminal: drawn from the
      // scored columns by the built-in engine's check (the SQL engine returns aggregates only).
      const shapes = stdoutFormat === 'text' && context.stdout.isTTY === true;
      if (options.engine === 'duckdb') report = await runOnDuckdb(request);
      else {
        const { reader, progress } = chooseTableReader(
          context,
          [
            { path: referencePath, name: options.reference, format: options.inputFormat },
            { path: currentPath, name: options.current, format: options.inputFormat },
          ],
          stdoutFormat === 'json' && context.stdout.isTTY !== true,
          bin,
        );
        try {
          check = await runDriftCheck(request, {
            reader,
            charts: options.html !== undefined || shapes,
            betweenPasses: releasePassMemory,
            scoring: scoringThread(context, bin.workerScript),
            onColumn: progress?.analysing,
            onTable: context.debug
              ? (table) =>
                  context.stderr.write(
                    `debug: ${delimiterDebugLine(table, request.delimiter !== undefined)}\n`,
                  )
              : undefined,
          });
          report = check.report;
        } catch (error) {
          // The core says the budget ran out; how to raise it is this program's flag.
          if (error instanceof MemoryBudgetError)
            throw error.withHint(
              memoryBudgetHint(request.maxMemoryBytes, undefined, error.details.column !== undefined),
            );
          throw error;
        } finally {
          progress?.done();
          await reader.close();
        }
        if (context.debug && check.passes > 1)
          context.stderr.write(
            `debug: the columns were read in ${check.passes} passes, as the memory budget of ${formatDecimalBytes(request.maxMemoryBytes)} cannot hold them all at once\n`,
          );
        if (context.debug)
          for (const spill of check.spills)
            context.stderr.write(
              `debug: ${escapeText(spill.file)} was parsed once: ${spill.columns} column${spill.columns === 1 ? '' : 's'} of the later passes (${formatDecimalBytes(spill.bytes)}) spilled to ${escapeText(spill.folder)} (an unlinked file, freed when the check ends) and loaded from there${spill.inMemory ? '; that folder is on a tmpfs, so the spill took memory, not disk' : ''}\n`,
            );
      }
      const charts = check?.charts ?? [];
      if (options.html !== undefined && check !== undefined) {
        const { writeDriftHtmlReport } = await import('./html/report-file.js');
        await writeDriftHtmlReport(context, {
          file: options.html,
          inputs,
          report,
          charts,
          reference: check.reference,
          current: check.current,
          tool: 'drift-detector',
          version: VERSION,
        });
      }
      // Every report, written once the check has its result: on an alert too (exit 1), which is
      // what they are for; a check that fails (exit 2) has thrown before this point.
      await writeReportOutputs(
        context,
        outputs,
        (format, target) => {
          if (format === 'json') writeJson(target, report);
          else if (format === 'markdown') writeLines(target, formatDriftMarkdown(report));
          else if (format === 'junit') writeLines(target, formatDriftJunit(report));
          else
            writeLines(
              target,
              formatDriftText(report, target.color.stdout, {
                shapes:
                  shapes && target.stdout.isTTY === true
                    ? sparklineLines(charts, target.color.stdout, tableColumns(target.stdout))
                    : [],
                columns: tableColumns(target.stdout),
              }),
            );
        },
        { inputs },
      );
      if (report.alert) context.fail();
    });
}
