import { main } from '@mlops/cli-kit';
import { buildDriftCommand } from './index.js';

await main(buildDriftCommand);
