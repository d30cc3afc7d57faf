import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pipelineDocumentView } from './document-view.js';
import {
  buildPipelineGraph,
  findPipelineCycles,
  type PipelineReachQuery,
  pipelineDownstream,
  pipelineReachedFrom,
  pipelineResolvedAncestors,
} from './graph.js';

/** A graph from stage specs: `[name, inputs, outputs, depends_on]`. */
function graphOf(stages: [string, string[], string[], string[]][]) {
  const view = pipelineDocumentView({
    stages: stages.map(([name, inputs, outputs, depends_on]) => ({ name, inputs, outputs, depends_on })),
  });
  return buildPipelineGraph(view.stages);
}

/** The queries UNRESOLVED_INPUT asks: each input of each stage, from the producers of that input. */
function queriesOf(stages: [string, string[], string[], string[]][], graph = graphOf(stages)) {
  const queries: PipelineReachQuery[] = [];
  stages.forEach(([, inputs], target) => {
    for (const input of inputs) {
      const sources = graph.producers.get(input);
      if (sources) queries.push({ sources, target });
    }
  });
  return { graph, queries };
}

/** The answer by definition: one breadth-first walk over the ancestors per query. */
function naive(graph: ReturnType<typeof graphOf>, queries: PipelineReachQuery[]): boolean[] {
  return queries.map(({ sources, target }) => {
    const ancestors = pipelineResolvedAncestors(graph, target);
    return sources.some((source) => ancestors.has(source));
  });
}

const stageSpecs = (maxStages: number) =>
  fc.integer({ min: 1, max: maxStages }).chain((count) => {
    const names = fc.constantFrom(...Array.from({ length: count + 1 }, (_, index) => `s${index}`));
    const artifacts = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', '__proto__', 'constructor');
    return fc.array(
      fc.tuple(
        names,
        fc.array(artifacts, { maxLength: 3 }),
        fc.array(artifacts, { maxLength: 3 }),
        fc.array(names, { maxLength: 3 }),
      ),
      { minLength: count, maxLength: count },
    );
  });

describe('pipelineReachedFrom', () => {
  it('agrees with a walk over the ancestors of each stage (property)', () => {
    fc.assert(
      fc.property(stageSpecs(40), (stages) => {
        const { graph, queries } = queriesOf(stages);
        expect(pipelineReachedFrom(graph, queries)).toEqual(naive(graph, queries));
      }),
      { numRuns: 400, seed: 20_261_201 },
    );
  });

  it('agrees with the walk when there are more than 32 source sets (several batches)', () => {
    // 240 stages, the first half each reading an artifact of its own that a later stage makes;
    // depends_on backwards except at every third stage, so that some are reached and some are not.
    const count = 240;
    const stages: [string, string[], string[], string[]][] = Array.from({ length: count }, (_, index) => [
      `s${index}`,
      index < count / 2 ? [`x${index}`] : [],
      [`x${count - 1 - index}`],
      index + 1 < count && index % 3 !== 0 ? [`s${index + 1}`] : [],
    ]);
    const { graph, queries } = queriesOf(stages);
    const answers = pipelineReachedFrom(graph, queries);
    expect(answers).toEqual(naive(graph, queries));
    expect(answers.filter(Boolean).length).toBeGreaterThan(0);
    expect(answers.filter((answer) => answer === false).length).toBeGreaterThan(0);
  });

  it('needs a path of one edge or more: a stage reaches itself only around a cycle', () => {
    const acyclic = queriesOf([['a', ['x'], ['x'], []]]);
    expect(pipelineReachedFrom(acyclic.graph, acyclic.queries)).toEqual([false]);
    const loop = queriesOf([['a', ['x'], ['x'], ['a']]]);
    expect(pipelineReachedFrom(loop.graph, loop.queries)).toEqual([true]);
  });

  it('does not follow forward references (an input taken from a later stage)', () => {
    // b reads y from c (later: a forward reference), c makes x; a depends on b.
    const stages: [string, string[], string[], string[]][] = [
      ['a', ['x'], [], ['b']],
      ['b', ['y'], [], []],
      ['c', [], ['x', 'y'], []],
    ];
    const { graph, queries } = queriesOf(stages);
    expect(pipelineReachedFrom(graph, queries)).toEqual([false, false]);
  });

  it('answers undefined, never a guess, for what it had no steps left to check', () => {
    // A chain backwards, the first half reading from the second: one source set per query, all reached.
    const count = 100;
    const stages: [string, string[], string[], string[]][] = Array.from({ length: count }, (_, index) => [
      `s${index}`,
      index < count / 2 ? [`x${index}`] : [],
      [`x${count - 1 - index}`],
      index + 1 < count ? [`s${index + 1}`] : [],
    ]);
    const { graph, queries } = queriesOf(stages);
    const full = pipelineReachedFrom(graph, queries);
    expect(full).toEqual(naive(graph, queries));
    expect(full.every((answer) => answer === true)).toBe(true);
    const cut = pipelineReachedFrom(graph, queries, 150);
    expect(cut).toContain(undefined);
    cut.forEach((answer, index) => {
      if (answer !== undefined) expect(answer).toBe(full[index]);
    });
    expect(pipelineReachedFrom(graph, queries, 0).every((answer) => answer !== true)).toBe(true);
  });

  it('answers a 200,000-stage chain where every stage asks, in one sweep', () => {
    const count = 200_000;
    const stages: [string, string[], string[], string[]][] = Array.from({ length: count }, (_, index) => [
      `s${index}`,
      ['late'],
      index === count - 1 ? ['late'] : [],
      index > 0 ? [`s${index - 1}`] : [],
    ]);
    const { graph, queries } = queriesOf(stages);
    const answers = pipelineReachedFrom(graph, queries);
    expect(answers.every((answer) => answer === false)).toBe(true);
  });
});

describe('findPipelineCycles and pipelineDownstream', () => {
  it('finds each loop once, through its first stage, members sorted', () => {
    const graph = graphOf([
      ['a', [], [], ['c']],
      ['b', [], [], ['a']],
      ['c', [], [], ['b']],
      ['d', [], [], ['d']],
      ['e', [], [], ['a']],
    ]);
    expect(findPipelineCycles(graph)).toEqual([
      { cycle: [0, 1, 2, 0], members: [0, 1, 2] },
      { cycle: [3, 3], members: [3] },
    ]);
    expect([...pipelineDownstream(graph, [3])].sort()).toEqual([3]);
    expect([...pipelineDownstream(graph, [0])].sort()).toEqual([0, 1, 2, 4]);
  });

  it('treats stage names like __proto__ and constructor as names', () => {
    const graph = graphOf([
      ['__proto__', [], ['constructor'], []],
      ['constructor', ['constructor'], ['toString'], ['__proto__']],
      ['toString', ['toString'], [], ['constructor', 'hasOwnProperty']],
    ]);
    expect(graph.unknownDependencies.map(({ item }) => item.value)).toEqual(['hasOwnProperty']);
    expect([...pipelineDownstream(graph, [0])].sort()).toEqual([0, 1, 2]);
    expect(graph.producers.get('constructor')).toEqual([0]);
    expect(graph.producers.get('__proto__')).toBeUndefined();
  });
});
