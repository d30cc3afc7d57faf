import {
  appendToRegistryText,
  isMlopsError,
  parseRegistryText,
  promoteVersion,
  type RegistryChangeContext,
  type RegistryEntry,
  registerVersion,
  removeRegistryAlias,
  rollbackVersion,
  serializeRegistry,
  setRegistryAlias,
} from '@mlops/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_SEED, fuzzRuns } from '../fuzz/harness.js';

/**
 * Invariants of the registry operations over random sequences of commands (register, promote,
 * rollback, alias set and remove), applied as the CLI applies them, each to the file as written by the
 * previous one: every step either succeeds or throws one of the toolkit's errors (never a bug), and
 * after every step the file reads back as what was written, at most one version of each model is in
 * production, an alias names at most one version of a model, and every success is in the history.
 */

const MODELS = ['churn', 'fraud'];
const VERSIONS = ['1', '2', '3', '4'];
const STAGES = ['development', 'staging', 'production', 'archived', 'retired'] as const;
const ALIASES = ['champion', 'challenger'];

const command = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('register' as const),
      name: fc.constantFrom(...MODELS),
      version: fc.constantFrom(...VERSIONS),
      production: fc.boolean(),
    }),
  },
  fc.record({
    kind: fc.constant('promote' as const),
    name: fc.constantFrom(...MODELS),
    version: fc.constantFrom(...VERSIONS),
    stage: fc.constantFrom(...STAGES),
  }),
  fc.record({
    kind: fc.constant('rollback' as const),
    name: fc.constantFrom(...MODELS),
    to: fc.option(fc.constantFrom(...VERSIONS), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('alias' as const),
    name: fc.constantFrom(...MODELS),
    version: fc.constantFrom(...VERSIONS),
    alias: fc.constantFrom(...ALIASES),
  }),
  fc.record({
    kind: fc.constant('unalias' as const),
    name: fc.constantFrom(...MODELS),
    alias: fc.constantFrom(...ALIASES),
  }),
);
type Command = typeof command extends fc.Arbitrary<infer T> ? T : never;

function apply(entries: RegistryEntry[], step: Command, context: RegistryChangeContext) {
  switch (step.kind) {
    case 'register':
      return registerVersion(
        entries,
        {
          name: step.name,
          version: step.version,
          stage: step.production ? 'production' : undefined,
          reason: context.actor,
        },
        context,
      );
    case 'promote':
      return promoteVersion(
        entries,
        { name: step.name, version: step.version, stage: step.stage, reason: context.actor },
        context,
      );
    case 'rollback':
      return rollbackVersion(entries, { name: step.name, to: step.to, reason: context.actor }, context);
    case 'alias':
      return setRegistryAlias(
        entries,
        { name: step.name, version: step.version, alias: step.alias, reason: context.actor },
        context,
      );
    case 'unalias':
      return removeRegistryAlias(
        entries,
        { name: step.name, alias: step.alias, reason: context.actor },
        context,
      );
  }
}

describe('registry operations', () => {
  it('keep their invariants over any sequence of commands', async () => {
    const tally = { applied: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 30 }), async (steps) => {
        let text = '[]\n';
        let entries: RegistryEntry[] = [];
        const succeeded: string[] = [];
        for (const [index, step] of steps.entries()) {
          // One second apart, so the history's order is the commands' order.
          const context = {
            time: new Date(Date.UTC(2026, 10, 27, 6, 0, index)).toISOString(),
            actor: `step-${index}`,
          };
          let result: ReturnType<typeof apply>;
          try {
            result = apply(entries, step, context);
          } catch (error) {
            expect(isMlopsError(error), String(error)).toBe(true);
            tally.refused++;
            continue;
          }
          tally.applied++;
          const appended = result.entries.slice(entries.length);
          const appendOnly =
            appended.length > 0 && entries.every((entry, position) => result.entries[position] === entry);
          text = (appendOnly && appendToRegistryText(text, appended)) || serializeRegistry(result.entries);
          entries = await parseRegistryText(text, 'model_registry.json');
          expect(entries).toEqual(result.entries);
          // An alias set on the version that has it already records nothing; everything else does.
          const recorded = entries.some((entry) =>
            entry.history?.some((event) => event.actor === context.actor),
          );
          if (recorded) succeeded.push(context.actor);
          else expect(step.kind).toBe('alias');
          for (const name of MODELS) {
            const versions = entries.filter((entry) => entry.name === name);
            expect(versions.filter((entry) => entry.stage === 'production').length).toBeLessThanOrEqual(1);
            for (const alias of ALIASES)
              expect(versions.filter((entry) => entry.aliases?.includes(alias)).length).toBeLessThanOrEqual(
                1,
              );
            expect(new Set(versions.map((entry) => entry.version)).size).toBe(versions.length);
          }
        }
        const actors = new Set(entries.flatMap((entry) => (entry.history ?? []).map((event) => event.actor)));
        for (const actor of succeeded) expect(actors.has(actor)).toBe(true);
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(150) },
    );
    expect(tally.applied).toBeGreaterThan(tally.refused / 4);
    console.log(`registry operations: ${tally.applied} applied, ${tally.refused} refused with a clean error`);
  });
});
