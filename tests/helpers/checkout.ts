import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './bins.js';

/** The fixtures the CI tests name, each at its place in a checkout of a project. */
const CHECKOUT: readonly (readonly [from: string, to: string])[] = [
  ['fixtures/drift/reference.csv', 'data/reference.csv'],
  ['fixtures/drift/current.csv', 'data/current.csv'],
  ['fixtures/pipeline/valid.json', 'pipelines/valid.json'],
  ['fixtures/pipeline/invalid.json', 'pipelines/invalid.json'],
  ['fixtures/pipeline/valid.json', 'clean/train.json'],
];

/**
 * Copies the fixtures into `dir` as a CI job's checkout of a project holds them: two data files,
 * two pipelines and a clean one; with `registry`, a model registry too.
 */
export function checkoutFixtures(dir: string, { registry = false }: { registry?: boolean } = {}): void {
  const files = registry
    ? [...CHECKOUT, ['fixtures/registry/model_registry.json', 'model_registry.json'] as const]
    : CHECKOUT;
  for (const [from, to] of files) {
    mkdirSync(join(dir, to, '..'), { recursive: true });
    copyFileSync(join(ROOT, from), join(dir, to));
  }
}
