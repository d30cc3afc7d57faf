import { main } from '@mlops/cli-kit';
import { buildMlopsCommand } from './index.js';

await main(buildMlopsCommand);
