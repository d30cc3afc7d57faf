import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/bins.js';

/**
 * No documented command may resolve to a package the project does not own. `npx NAME` runs the
 * NAME bin installed in the project, and where there is none it fetches the registry's package
 * called NAME (in CI without asking): so the docs call `npx` only with a bin of @mlops/cli, for a
 * project that has it installed, or with `--package @mlops/cli@VERSION`, which never resolves to
 * another package. CI steps (```yaml blocks) always name the package; every pinned version shown
 * is the current one (the release script keeps them in step).
 */
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const cli = JSON.parse(readFileSync(join(ROOT, 'packages/mlops/package.json'), 'utf8'));
const OUR_BINS = Object.keys(cli.bin);

const pages = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
  ...readdirSync(join(ROOT, 'packages')).map((dir) => `packages/${dir}/README.md`),
].map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));

interface Invocation {
  page: string;
  line: number;
  packages: string[];
  bin: string;
  inYaml: boolean;
}

/** Every `npx [--package SPEC]… BIN` of a page, with its line and whether a ```yaml block holds it. */
function invocations(page: { path: string; text: string }): Invocation[] {
  const found: Invocation[] = [];
  let inYaml = false;
  page.text.split('\n').forEach((line, index) => {
    if (/^\s*```ya?ml\s*$/.test(line)) inYaml = true;
    else if (/^\s*```\s*$/.test(line)) inYaml = false;
    for (const match of line.matchAll(/\bnpx((?:\s+(?:--package|-p)(?:\s+|=)[^\s`]+)*)\s+([^\s`'"…]+)/g)) {
      const packages = [...match[1]!.matchAll(/(?:--package|-p)(?:\s+|=)([^\s`]+)/g)].map((m) => m[1]!);
      found.push({ page: page.path, line: index + 1, packages, bin: match[2]!, inYaml });
    }
  });
  return found;
}

const all = pages.flatMap(invocations);

describe('documented npx commands', () => {
  it('finds the examples (so the checks below see something)', () => {
    expect(all.length).toBeGreaterThan(30);
    expect(all.filter((call) => call.inYaml).length).toBeGreaterThanOrEqual(2);
    expect(all.filter((call) => call.packages.length > 0).length).toBeGreaterThanOrEqual(4);
  });

  it('run only bins of @mlops/cli, and name no package but @mlops/cli at the current version', () => {
    for (const call of all) {
      const where = `${call.page}:${call.line}`;
      expect(OUR_BINS, `${where}: npx ${call.bin}`).toContain(call.bin);
      for (const spec of call.packages) expect(spec, where).toBe(`@mlops/cli@${version}`);
    }
  });

  it('in CI steps, always name the package', () => {
    for (const call of all.filter((each) => each.inYaml))
      expect(call.packages, `${call.page}:${call.line}: npx ${call.bin}`).toEqual([`@mlops/cli@${version}`]);
  });

  it('every pinned version shown is the current one, and the README says how to install', () => {
    for (const page of pages)
      for (const match of page.text.matchAll(/@mlops\/[a-z-]+@([0-9][^\s`'")]*)/g))
        expect(match[1], `${page.path}: ${match[0]}`).toBe(version);
    expect(pages[0]!.text).toContain(`npm install --save-dev --save-exact @mlops/cli@${version}\n`);
  });
});
