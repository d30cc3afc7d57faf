export {
  type JsonParseFailure,
  type JsonParseOptions,
  type JsonParseResult,
  JsonPositionMap,
  type JsonSourcePosition,
  jsonPointer,
  parseJsonWithPositions,
} from './positions.js';
