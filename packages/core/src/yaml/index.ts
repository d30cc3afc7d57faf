export {
  MAX_YAML_ALIAS_COUNT,
  MAX_YAML_DEPTH,
  parseYamlWithPositions,
  type YamlParseOptions,
  type YamlParseResult,
} from './parse-with-positions.js';
