export {
  type CsvCellKind,
  type CsvColumn,
  CsvColumnBuilder,
  type CsvColumnTable,
  csvPresentCount,
  tableHeldBytes,
} from './columns.js';
export {
  DELIMITER_CANDIDATES,
  type DelimiterChoice,
  delimiterMismatch,
  delimiterName,
  detectDelimiter,
  firstLineOf,
} from './delimiter.js';
export { type FastCsvOptions, parseCsvBytesFast, readCsvFileFast } from './fast-columns.js';
export {
  CSV_MEMORY_COSTS,
  formatDecimalBytes,
  type MemoryBudgetDetails,
  MemoryBudgetError,
  memoryShare,
  ReadMemory,
} from './memory.js';
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
  readMemoryFor,
} from './read.js';
export {
  type CsvReadPlace,
  type CsvTableReader,
  inProcessTableReader,
  readCsvTable,
  runCsvWorker,
  sortTableNumbers,
  threadedTableReader,
} from './table-reader.js';
export type { CsvProgress, CsvTableRequest } from './table-request.js';
export {
  type CsvWorkerRead,
  sameCsvRequest,
  startCsvWorkerRead,
} from './worker-read.js';
