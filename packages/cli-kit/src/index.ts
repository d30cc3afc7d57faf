export { type ColorTarget, colorLevel, colorsFor } from './color.js';
export {
  type CommandLineRequest,
  checkCommandLine,
  closestMatches,
  commandPath,
  editDistance,
} from './command-line.js';
export {
  BufferStream,
  type CliContext,
  type ContextOptions,
  createContext,
  type OutputStream,
} from './context.js';
export { type CommandExample, examplesOf, withExamples } from './examples.js';
export {
  type DecimalNumberOptions,
  decimalNumber,
  type NonNegativeIntegerOptions,
  nonNegativeInteger,
  parseDecimalFlag,
  parseDecimalInteger,
  parseDecimalNumber,
  parseNonNegativeIntegerFlag,
  quoteArgument,
} from './numbers.js';
export { parsedBy, parseOptions } from './options.js';
export { writeJson, writeLines } from './output.js';
export {
  addOutputOptions,
  checkReportOutputs,
  type OtherOutput,
  type OutputFlags,
  type OutputWord,
  outputWordsOf,
  type PlannedOutput,
  planOutputs,
  reportName,
  writeReportOutputs,
} from './report-outputs.js';
export { type CommandBuilder, fieldLabel, main, type RunOptions, runCli } from './run.js';
export { VERSION } from './version.js';
export {
  cutToWidth,
  displayWidth,
  layoutTable,
  padDisplay,
  type TableLayout,
  type TableLayoutOptions,
  tableColumns,
  wrapToWidth,
} from './width.js';
