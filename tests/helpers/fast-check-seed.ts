// Every fast-check property in the suite runs from one fixed seed (FUZZ_SEED), so `npm test` is
// deterministic; a property that passes its own seed keeps it. Other seeds: `npm run fuzz -- --seed 7`.
import fc from 'fast-check';
import { FUZZ_SEED } from './random.js';

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: FUZZ_SEED });
