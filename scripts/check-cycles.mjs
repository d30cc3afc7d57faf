#!/usr/bin/env node
// `npm run lint` runs this: no import cycle among the modules of a package (packages/*/src, tests
// apart), type-only imports and dynamic imports included, as `madge --circular` counts them.
//   node scripts/check-cycles.mjs [repository folder]
// Exit 0 when there is none; 1 printing each cycle (a → b → a), one line each; 2 when a file cannot
// be read. Only relative imports are followed: the workspace packages depend on each other in one
// direction, which npm's workspace order already requires.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The `.ts` sources below `folder`, tests apart. */
function sources(folder) {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.endsWith('.d.ts'))
    .map((path) => join(folder, path));
}

/** Relative specifiers a module imports: `from '…'`, `import '…'` and `import('…')`, comments left out. */
export function relativeImports(text) {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found = [];
  for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g))
    found.push(match[1]);
  return found;
}

/** The file a relative specifier names: `./x.js` is `./x.ts`, a folder its `index.ts`. */
function resolveSpecifier(from, specifier) {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, join(base, 'index.ts')])
    if (candidate.endsWith('.ts') && existsSync(candidate)) return candidate;
  return undefined;
}

/** Every cycle of the import graph of `files`, each as the list of its files, once (Tarjan's SCCs). */
export function importCycles(files) {
  const graph = new Map();
  for (const file of files) {
    const targets = relativeImports(readFileSync(file, 'utf8'))
      .map((specifier) => resolveSpecifier(file, specifier))
      .filter((target) => target !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  let counter = 0;
  const visit = (file) => {
    index.set(file, counter);
    low.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file), low.get(target)));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file), index.get(target)));
    }
    if (low.get(file) === index.get(file)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      const selfImport = (graph.get(file) ?? []).includes(file);
      if (component.length > 1 || selfImport) cycles.push(component.reverse());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  let files;
  try {
    files = readdirSync(join(root, 'packages'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(root, 'packages', entry.name, 'src')))
      .flatMap((entry) => sources(join(root, 'packages', entry.name, 'src')));
  } catch (error) {
    console.error(`check-cycles: cannot read ${join(root, 'packages')}: ${error.message}`);
    process.exit(2);
  }
  const cycles = importCycles(files);
  for (const cycle of cycles) {
    const names = cycle.map((file) => relative(root, file));
    console.error(`import cycle: ${[...names, names[0]].join(' → ')}`);
  }
  if (cycles.length > 0) {
    console.error('check-cycles: move what both sides need into a module of its own (types included)');
    process.exit(1);
  }
  console.log(`check-cycles: no import cycle in ${files.length} modules`);
}
