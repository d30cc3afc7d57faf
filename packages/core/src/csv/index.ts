export {
  type CsvCellKind,
  type CsvColumn,
  CsvColumnBuilder,
  type CsvColumnTable,
  csvPresentCount,
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
  tableHeldBytes,
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
  type CsvProgress,
  type CsvReadPlace,
  type CsvTableReader,
  type CsvTableRequest,
  inProcessTableReader,
  readCsvTable,
  runCsvWorker,
  sortTableNumbers,
  threadedTableReader,
} from './table-reader.js';
export {
  type CsvWorkerRead,
  sameCsvRequest,
  startCsvWorkerRead,
} from './worker-read.js';
