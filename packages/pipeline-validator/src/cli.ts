import { main } from '@mlops/cli-kit';
import { buildPipelineCommand } from './index.js';

await main(buildPipelineCommand);
