import { isVersionRequest, VERSION } from '@mlops/cli-kit/version';
import { startEarlyDriftReads } from '@mlops/drift-detector/early-read';

// The CSV worker script, bundled next to this module (dist/cli.js) by scripts/build.mjs.
const workerScript = new URL('./csv-worker.js', import.meta.url);
const argv = process.argv.slice(2);
// `mlops --version` answers before the rest of the program loads (see isVersionRequest).
if (isVersionRequest(argv)) process.stdout.write(`${VERSION}\n`);
else {
  // `mlops drift …` starts reading its files before the rest of the program loads, as drift-detector
  // does (see early-read.ts there): this module's static imports are light, the rest is one dynamic
  // import of a module with one export (so the bundler still drops what no command uses).
  const started =
    argv[0] === 'drift'
      ? startEarlyDriftReads(
          argv.slice(1),
          process.env,
          process.cwd(),
          workerScript,
          process.stdout.isTTY === true,
        )
      : [];
  await (await import('./run-bin.js')).runBin({ workerScript, started });
  // A read the program never took over (a usage error, --help) would otherwise hold the exit until done.
  await Promise.all(started.map((read) => read.stop()));
}
