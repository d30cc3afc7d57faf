import { main } from '@mlops/cli-kit';
import { buildRegistryCommand } from './index.js';

await main(buildRegistryCommand);
