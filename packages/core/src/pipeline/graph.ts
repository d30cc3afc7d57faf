import type { PipelineStageView } from './model.js';

/** Why stage `from` must run before stage `to`. */
export type PipelineEdgeKind = 'depends_on' | 'data' | 'forward-data';

/**
 * The dependency graph of a pipeline: one node per stage (by index), an edge from a stage to each stage
 * that needs it.
 *
 * - `depends_on: [name]` adds an edge from the named stage.
 * - An input adds an edge from the stage that produces it: the closest *earlier* stage that lists it
 *   in its outputs (kind `data`), or, when no earlier stage does, the first later one (kind
 *   `forward-data`: the legacy rule UNRESOLVED_INPUT reports those unless depends_on makes them
 *   legitimate). A stage that reads and rewrites the same artifact is not its own dependency.
 *
 * Building it is linear in the number of stages, inputs, outputs and depends_on entries.
 */
export interface PipelineGraph {
  /** For each stage, the stages that feed it, with the kind of each edge. */
  predecessors: { from: number; kind: PipelineEdgeKind }[][];
  /** For each stage, the stages it feeds. */
  successors: number[][];
  /** `depends_on` entries naming no stage: stage index and item. */
  unknownDependencies: { stage: number; item: { value: string; index: number } }[];
  /** For each stage, the set of its outputs that some other stage's input resolved to. */
  consumedOutputs: Set<string>[];
  /** True when at least one stage declares depends_on. */
  hasDependsOn: boolean;
}

export function buildPipelineGraph(stages: readonly (PipelineStageView | undefined)[]): PipelineGraph {
  const count = stages.length;
  const predecessors: PipelineGraph['predecessors'] = Array.from({ length: count }, () => []);
  const successors: number[][] = Array.from({ length: count }, () => []);
  const consumedOutputs: Set<string>[] = Array.from({ length: count }, () => new Set());
  const unknownDependencies: PipelineGraph['unknownDependencies'] = [];
  const byName = new Map<string, number>();
  const producers = new Map<string, number[]>();
  let hasDependsOn = false;

  for (const stage of stages) {
    if (!stage) continue;
    if (stage.name !== undefined && !byName.has(stage.name)) byName.set(stage.name, stage.index);
    for (const output of stage.outputs ?? []) {
      const list = producers.get(output.value);
      if (list === undefined) producers.set(output.value, [stage.index]);
      else if (list[list.length - 1] !== stage.index) list.push(stage.index);
    }
  }

  const addEdge = (from: number, to: number, kind: PipelineEdgeKind): void => {
    predecessors[to]!.push({ from, kind });
    successors[from]!.push(to);
  };

  for (const stage of stages) {
    if (!stage) continue;
    for (const item of stage.dependsOn) {
      hasDependsOn = true;
      const from = byName.get(item.value);
      if (from === undefined) unknownDependencies.push({ stage: stage.index, item });
      else addEdge(from, stage.index, 'depends_on');
    }
    for (const input of stage.inputs) {
      const list = producers.get(input.value);
      if (list === undefined) continue;
      const producer = closestProducer(list, stage.index);
      if (producer === undefined) continue;
      addEdge(producer, stage.index, producer < stage.index ? 'data' : 'forward-data');
      consumedOutputs[producer]!.add(input.value);
    }
  }
  return { predecessors, successors, unknownDependencies, consumedOutputs, hasDependsOn };
}

/** The last producer before `index`, else the first after it (binary search: producers are sorted). */
function closestProducer(producers: readonly number[], index: number): number | undefined {
  let low = 0;
  let high = producers.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (producers[middle]! < index) low = middle + 1;
    else high = middle;
  }
  // producers[low - 1] < index <= producers[low]
  if (low > 0) return producers[low - 1];
  const next = producers[low] === index ? producers[low + 1] : producers[low];
  return next;
}

/**
 * The groups of stages that depend on each other in a circle (strongly connected components with more
 * than one stage, or a stage that depends on itself), each as one cycle through its lowest-indexed
 * stage: `[a, b, a]`. Tarjan's algorithm, iterative; O(stages + edges).
 */
export function findPipelineCycles(graph: PipelineGraph): { cycle: number[]; members: number[] }[] {
  const { successors } = graph;
  const count = successors.length;
  const order = new Array<number>(count).fill(-1);
  const lowLink = new Array<number>(count).fill(0);
  const onStack = new Array<boolean>(count).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  for (let root = 0; root < count; root++) {
    if (order[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    order[root] = lowLink[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [node, next] = frame;
      const edges = successors[node]!;
      if (next < edges.length) {
        frame[1]++;
        const target = edges[next]!;
        if (order[target] === -1) {
          order[target] = lowLink[target] = counter++;
          stack.push(target);
          onStack[target] = true;
          work.push([target, 0]);
        } else if (onStack[target]) lowLink[node] = Math.min(lowLink[node]!, order[target]!);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) lowLink[parent[0]] = Math.min(lowLink[parent[0]]!, lowLink[node]!);
      if (lowLink[node] === order[node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = false;
          component.push(member);
        } while (member !== node);
        if (component.length > 1 || edges.includes(node)) components.push(component.sort((a, b) => a - b));
      }
    }
  }
  components.sort((a, b) => a[0]! - b[0]!);
  return components.map((members) => ({ cycle: cycleThrough(graph, members), members }));
}

/** The shortest cycle through the first member, staying inside the component (breadth-first). */
function cycleThrough(graph: PipelineGraph, members: readonly number[]): number[] {
  const inside = new Set(members);
  const start = members[0]!;
  const parent = new Map<number, number>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const next of graph.successors[node]!) {
      if (!inside.has(next)) continue;
      if (next === start) {
        const chain: number[] = [];
        for (let at = node; at !== start; at = parent.get(at)!) chain.push(at);
        return [start, ...chain.reverse(), start];
      }
      if (!parent.has(next)) {
        parent.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/** Stages reachable from `sources` along the edges (the sources included). O(stages + edges). */
export function pipelineDownstream(graph: PipelineGraph, sources: readonly number[]): Set<number> {
  const seen = new Set(sources);
  const queue = [...sources];
  for (let head = 0; head < queue.length; head++)
    for (const next of graph.successors[queue[head]!]!)
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
  return seen;
}

/**
 * The stages `index` depends on, directly or transitively, through depends_on and through inputs
 * produced by earlier stages (not through forward references, which are what is being checked).
 */
export function pipelineResolvedAncestors(graph: PipelineGraph, index: number): Set<number> {
  const seen = new Set<number>();
  const queue = [index];
  for (let head = 0; head < queue.length; head++)
    for (const edge of graph.predecessors[queue[head]!]!)
      if (edge.kind !== 'forward-data' && !seen.has(edge.from)) {
        seen.add(edge.from);
        queue.push(edge.from);
      }
  return seen;
}
