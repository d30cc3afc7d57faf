export {
  type CsvCellKind,
  type CsvColumn,
  CsvColumnBuilder,
  type CsvColumnTable,
  csvPresentCount,
} from './columns.js';
export { type FastCsvOptions, parseCsvBytesFast, readCsvFileFast } from './fast-columns.js';
export { isBlankCell, parsePythonFloat, pythonStrip } from './python-float.js';
export {
  type CsvReadOptions,
  type CsvSource,
  csvDelimiterForName,
  csvSourceFromText,
  loadCsvSource,
  parseCsvColumns,
  parseCsvColumnsGeneral,
  readCsvColumns,
} from './read.js';
export {
  type CsvProgress,
  type CsvTableReader,
  type CsvTableRequest,
  csvWorkerCount,
  inProcessTableReader,
  readCsvTable,
  runCsvWorker,
  sortTableNumbers,
  workerTableReader,
} from './table-reader.js';
