import { isVersionRequest, VERSION } from '@mlops/cli-kit/version';

// `model-registry --version` answers before the rest of the program loads (see isVersionRequest); the
// rest is one dynamic import of a module with one export, so the bundler still drops what no
// command uses.
if (isVersionRequest(process.argv.slice(2))) process.stdout.write(`${VERSION}\n`);
else await (await import('./run-bin.js')).runBin();
