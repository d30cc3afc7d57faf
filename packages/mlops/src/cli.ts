import { startEarlyDriftReads } from '@mlops/drift-detector/early-read';

// The CSV worker script, bundled next to this module (dist/cli.js) by scripts/build.mjs.
const workerScript = new URL('./csv-worker.js', import.meta.url);
// `mlops drift …` starts reading its files before the rest of the program loads, as drift-detector
// does (see early-read.ts there): this module's static imports are light.
const argv = process.argv.slice(2);
const started =
  argv[0] === 'drift' ? startEarlyDriftReads(argv.slice(1), process.env, process.cwd(), workerScript) : [];
const [{ main }, { buildMlopsCommand }] = await Promise.all([import('@mlops/cli-kit'), import('./index.js')]);
await main((context) => buildMlopsCommand(context, { drift: { workerScript, started } }));
// A read the program never took over (a usage error, --help) would otherwise hold the exit until done.
await Promise.all(started.map((read) => read.stop()));
