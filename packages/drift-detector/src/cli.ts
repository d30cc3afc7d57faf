import { startEarlyDriftReads } from './early-read.js';

// The CSV worker script, bundled next to this module (dist/cli.js) by scripts/build.mjs.
const workerScript = new URL('./csv-worker.js', import.meta.url);
// The files start to be read before the rest of the program loads (see early-read.ts): this module's
// static imports are light, the rest comes by dynamic import.
const started = startEarlyDriftReads(process.argv.slice(2), process.env, process.cwd(), workerScript);
const [{ main }, { buildDriftCommand }] = await Promise.all([import('@mlops/cli-kit'), import('./index.js')]);
await main((context) => buildDriftCommand(context, { workerScript, started }));
// A read the program never took over (a usage error, --help) would otherwise hold the exit until done.
await Promise.all(started.map((read) => read.stop()));
