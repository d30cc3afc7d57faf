export { type CsvColumn, CsvColumnBuilder, type CsvColumnTable, csvPresentCount } from './columns.js';
export { isBlankCell, parsePythonFloat, pythonStrip } from './python-float.js';
export {
  type CsvReadOptions,
  type CsvSource,
  csvDelimiterForName,
  csvSourceFromText,
  loadCsvSource,
  parseCsvColumns,
  readCsvColumns,
} from './read.js';
