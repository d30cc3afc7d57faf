#!/usr/bin/env node
// A local npm registry for tests: serves the packages of some `npm pack` tarballs, and nothing else.
//   node tests/helpers/npm-registry-server.mjs LOG TARBALL...
// Listens on 127.0.0.1 at a free port and prints its URL, http://127.0.0.1:PORT/TOKEN/, as the one
// line of its stdout once it listens; TOKEN is new at each start, so that no two starts share a URL
// (npm keys its cache by URL, should it keep anything: see no-store below). It ends when its stdin closes (when the test that started it ends,
// however it ends) or on SIGTERM. tests/helpers/npm-registry.ts starts it for tests; it runs as a
// process of its own because the tests run the runners with spawnSync, which would block a server in
// the test's own event loop.
//
// For each package it serves what a registry serves to `npm install`:
//   GET /TOKEN/<name>                    the packument (`@scope%2fname` or `@scope/name`): every
//                                        version's package.json, read from its tarball, with `dist`
//                                        (the tarball's URL, sha512 integrity and sha1 shasum of its
//                                        bytes); `latest` the version given last
//   GET /TOKEN/<name>/-/<file>.tgz       the tarball
// Anything else is 404. Every answer says `Cache-Control: no-store`, so that npm keeps none of it.
// Each request is appended to LOG as one line, `GET /<path without the token> <status>`, before it is
// answered: a test reads what npm asked for.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [log, ...files] = process.argv.slice(2);
if (log === undefined || files.length === 0) {
  process.stderr.write('usage: node tests/helpers/npm-registry-server.mjs LOG TARBALL...\n');
  process.exit(2);
}

/** The package.json of an `npm pack` tarball (npm puts the files under `package/`). */
function manifestOf(file) {
  return JSON.parse(execFileSync('tar', ['-xzOf', file, 'package/package.json'], { encoding: 'utf8' }));
}

/**
 * The bytes of a tarball as served: the file's, with a random MTIME in its gzip header (bytes 4 to 7,
 * which no checksum covers; tar ignores it). The same files then have another integrity at each start,
 * so npm cannot find them in its cache by their integrity (where `npm pack` itself has put them) and
 * downloads them from here, checking them against the packument's integrity.
 */
function stamped(file) {
  const bytes = readFileSync(file);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new Error(`${file} is not gzipped`);
  randomBytes(4).copy(bytes, 4);
  return bytes;
}

/** Each tarball: its package's manifest, its bytes, and the path it is served at. */
const tarballs = files.map((file) => {
  const manifest = manifestOf(file);
  const bytes = stamped(file);
  // The path npm's registry gives a tarball: the package's name, then its file name without the scope.
  const path = `${manifest.name}/-/${manifest.name.replace(/^@[^/]+\//, '')}-${manifest.version}.tgz`;
  return { manifest, bytes, path };
});

const token = randomBytes(8).toString('hex');

/** The packument of each package, by name, with tarball URLs under `base`. */
function packuments(base) {
  const byName = new Map();
  for (const { manifest, bytes, path } of tarballs) {
    const packument = byName.get(manifest.name) ?? { name: manifest.name, 'dist-tags': {}, versions: {} };
    packument.versions[manifest.version] = {
      ...manifest,
      _id: `${manifest.name}@${manifest.version}`,
      dist: {
        tarball: `${base}${path}`,
        integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
        shasum: createHash('sha1').update(bytes).digest('hex'),
      },
    };
    packument['dist-tags'].latest = manifest.version;
    byName.set(manifest.name, packument);
  }
  return byName;
}

/** The packuments by package name, made once the port is known. */
let packages = new Map();

/** The path of a request below `/TOKEN/`, decoded (`@mlops%2fcli` is `@mlops/cli`); undefined elsewhere. */
function packagePath(pathname) {
  const prefix = `/${token}/`;
  if (!pathname.startsWith(prefix)) return undefined;
  try {
    return decodeURIComponent(pathname.slice(prefix.length));
  } catch {
    return undefined;
  }
}

const server = createServer((request, response) => {
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  const path = packagePath(pathname);
  const get = request.method === 'GET' && path !== undefined;
  const packument = get ? packages.get(path) : undefined;
  const tarball = get ? tarballs.find((each) => each.path === path) : undefined;
  const status = packument || tarball ? 200 : 404;
  appendFileSync(log, `${request.method} ${path === undefined ? pathname : `/${path}`} ${status}\n`);
  response.setHeader('Cache-Control', 'no-store');
  if (packument) {
    response.setHeader('Content-Type', 'application/json');
    response.end(JSON.stringify(packument));
  } else if (tarball) {
    response.setHeader('Content-Type', 'application/octet-stream');
    response.end(tarball.bytes);
  } else {
    response.statusCode = 404;
    response.setHeader('Content-Type', 'application/json');
    response.end('{"error":"not found"}');
  }
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const base = `http://127.0.0.1:${port}/${token}/`;
  packages = packuments(base);
  process.stdout.write(`${base}\n`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
