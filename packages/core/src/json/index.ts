export {
  type JsonInputOptions,
  type JsonSchemaIssueText,
  type JsonWithSchema,
  jsonSchemaIssueError,
  jsonSyntaxError,
  parseJsonWithSchema,
} from './parse-with-schema.js';
export {
  type JsonParseFailure,
  type JsonParseOptions,
  type JsonParseResult,
  JsonPositionMap,
  type JsonSourcePosition,
  jsonPointer,
  type PointerPositions,
  parseJsonWithPositions,
  positionsOf,
} from './positions.js';
