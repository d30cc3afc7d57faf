import {
  type CsvColumnTable,
  type CsvTableReader,
  type DriftColumnChart,
  DriftFeature,
  type DriftReport,
  driftColumnChart,
} from '@mlops/core';

/**
 * Wraps a table reader to keep the tables the drift check reads, for the charts: the last table read
 * from each path is the one the check compared (a second read, keeping text, comes after the first).
 * It asks for sorted numbers, which the check then uses as they are, so nothing is sorted twice.
 */
export function capturingReader(reader: CsvTableReader): {
  reader: CsvTableReader;
  table(path: string): CsvColumnTable | undefined;
} {
  const tables = new Map<string, CsvColumnTable>();
  return {
    reader: {
      async read(path, request) {
        const table = await reader.read(path, { ...request, sortNumbers: true });
        tables.set(path, table);
        return table;
      },
      close: () => reader.close(),
    },
    table: (path) => tables.get(path),
  };
}

function columnOf(table: CsvColumnTable, name: string) {
  return table.columns[table.header.indexOf(name)];
}

/**
 * The chart data of every column of a report that both tables hold, from the two tables it was
 * computed on (a column missing from the current file has no chart).
 */
export function reportCharts(
  report: DriftReport,
  reference: CsvColumnTable,
  current: CsvColumnTable,
): DriftColumnChart[] {
  return report.features.flatMap((feature) => {
    const referenceColumn = columnOf(reference, feature.feature);
    const currentColumn = columnOf(current, feature.feature);
    if (referenceColumn === undefined || currentColumn === undefined) return [];
    return [
      driftColumnChart(new DriftFeature(feature.feature, feature.data_type, referenceColumn, currentColumn)),
    ];
  });
}
