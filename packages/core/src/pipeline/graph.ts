import type { PipelineStageView } from './document-view.js';

/** Why stage `from` must run before stage `to`. */
export type PipelineEdgeKind = 'depends_on' | 'data' | 'forward-data';

/** The kinds of edge, by their number in {@link PipelineGraph.edgeKind}. */
export const PIPELINE_EDGE_KINDS: readonly PipelineEdgeKind[] = ['depends_on', 'data', 'forward-data'];
const DEPENDS_ON = 0;
const DATA = 1;
const FORWARD_DATA = 2;

/** Lists of edge numbers by stage: the edges of stage `s` are `edges[offsets[s]]` … `edges[offsets[s + 1] - 1]`. */
export interface PipelineEdgeIndex {
  offsets: Int32Array;
  edges: Int32Array;
}

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
 * Edges are numbered in the order they are found (stage by stage: its depends_on entries, then its
 * inputs) and kept in typed arrays, so a graph of a million edges takes about 20 MB. Building it is
 * linear in the number of stages, inputs, outputs and depends_on entries.
 */
export interface PipelineGraph {
  /** The number of stages (elements of `stages`, objects or not). */
  stageCount: number;
  /** Edge `e` goes from stage `edgeFrom[e]` to stage `edgeTo[e]`. */
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  /** Its kind, as an index into {@link PIPELINE_EDGE_KINDS}. */
  edgeKind: Uint8Array;
  /** For an edge made by an input, the artifact it carries; undefined for depends_on. */
  edgeArtifact: readonly (string | undefined)[];
  /** The edges leaving each stage, in edge order. */
  outgoing: PipelineEdgeIndex;
  /** The edges reaching each stage, in edge order. */
  incoming: PipelineEdgeIndex;
  /** `depends_on` entries naming no stage: stage index and item. */
  unknownDependencies: { stage: number; item: { value: string; index: number } }[];
  /** True when at least one stage declares depends_on. */
  hasDependsOn: boolean;
  /** For each output name, the indices of the stages that list it in `outputs`, ascending, no repeats. */
  producers: ReadonlyMap<string, readonly number[]>;
}

export function buildPipelineGraph(stages: readonly (PipelineStageView | undefined)[]): PipelineGraph {
  const stageCount = stages.length;
  const unknownDependencies: PipelineGraph['unknownDependencies'] = [];
  const byName = new Map<string, number>();
  const producers = new Map<string, number[]>();
  let hasDependsOn = false;
  let maxEdges = 0;

  // Indexed loops: this runs once over 100,000 stages, mostly before the optimiser has seen it, and a
  // for…of there allocates an iterator result per step.
  for (let index = 0; index < stageCount; index++) {
    const stage = stages[index];
    if (!stage) continue;
    if (stage.name !== undefined && byName.get(stage.name) === undefined) byName.set(stage.name, stage.index);
    const outputs = stage.outputs ?? [];
    for (let at = 0; at < outputs.length; at++) {
      const output = outputs[at]!.value;
      const list = producers.get(output);
      if (list === undefined) producers.set(output, [stage.index]);
      else if (list[list.length - 1] !== stage.index) list.push(stage.index);
    }
    maxEdges += stage.dependsOn.length + stage.inputs.length;
  }

  const from = new Int32Array(maxEdges);
  const to = new Int32Array(maxEdges);
  const kind = new Uint8Array(maxEdges);
  const artifact = new Array<string | undefined>(maxEdges);
  let edgeCount = 0;
  const addEdge = (source: number, target: number, edgeKind: number, carried: string | undefined): void => {
    from[edgeCount] = source;
    to[edgeCount] = target;
    kind[edgeCount] = edgeKind;
    artifact[edgeCount] = carried;
    edgeCount++;
  };

  for (let index = 0; index < stageCount; index++) {
    const stage = stages[index];
    if (!stage) continue;
    const { dependsOn, inputs } = stage;
    for (let at = 0; at < dependsOn.length; at++) {
      const item = dependsOn[at]!;
      hasDependsOn = true;
      const source = byName.get(item.value);
      if (source === undefined) unknownDependencies.push({ stage: stage.index, item });
      else addEdge(source, stage.index, DEPENDS_ON, undefined);
    }
    for (let at = 0; at < inputs.length; at++) {
      const input = inputs[at]!.value;
      const list = producers.get(input);
      if (list === undefined) continue;
      const producer = closestProducer(list, stage.index);
      if (producer === undefined) continue;
      addEdge(producer, stage.index, producer < stage.index ? DATA : FORWARD_DATA, input);
    }
  }
  artifact.length = edgeCount;
  const edgeFrom = from.slice(0, edgeCount);
  const edgeTo = to.slice(0, edgeCount);
  return {
    stageCount,
    edgeFrom,
    edgeTo,
    edgeKind: kind.slice(0, edgeCount),
    edgeArtifact: artifact,
    outgoing: edgeIndex(edgeFrom, stageCount),
    incoming: edgeIndex(edgeTo, stageCount),
    unknownDependencies,
    hasDependsOn,
    producers,
  };
}

/** The edges grouped by the stage `endpoint` gives for each, keeping their order (a counting sort). */
function edgeIndex(endpoint: Int32Array, stageCount: number): PipelineEdgeIndex {
  const offsets = new Int32Array(stageCount + 1);
  for (let edge = 0; edge < endpoint.length; edge++) offsets[endpoint[edge]! + 1]!++;
  for (let stage = 0; stage < stageCount; stage++) offsets[stage + 1]! += offsets[stage]!;
  const edges = new Int32Array(endpoint.length);
  const filled = offsets.slice(0, stageCount);
  for (let edge = 0; edge < endpoint.length; edge++) edges[filled[endpoint[edge]!]!++] = edge;
  return { offsets, edges };
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
 * A directed graph in compressed rows: the successors of node `v` are
 * `targets[offsets[v]]` … `targets[offsets[v + 1] - 1]`. Typed arrays: a million edges cost 4 MB.
 */
interface CompactGraph {
  offsets: Int32Array;
  targets: Int32Array;
}

/** The compact form of the edges whose kind `keep` accepts, in edge order. O(stages + edges). */
function compactGraph(graph: PipelineGraph, keep: (kind: number) => boolean): CompactGraph {
  const { stageCount, edgeTo, edgeKind, outgoing } = graph;
  const offsets = new Int32Array(stageCount + 1);
  for (let stage = 0; stage < stageCount; stage++) {
    let kept = 0;
    for (let at = outgoing.offsets[stage]!; at < outgoing.offsets[stage + 1]!; at++)
      if (keep(edgeKind[outgoing.edges[at]!]!)) kept++;
    offsets[stage + 1] = offsets[stage]! + kept;
  }
  const targets = new Int32Array(offsets[stageCount]!);
  let filled = 0;
  for (let at = 0; at < outgoing.edges.length; at++) {
    const edge = outgoing.edges[at]!;
    if (keep(edgeKind[edge]!)) targets[filled++] = edgeTo[edge]!;
  }
  return { offsets, targets };
}

/**
 * The strongly connected components of a graph (Tarjan's algorithm with an explicit stack, so a chain
 * of a million stages cannot overflow the call stack). Components are numbered in the order Tarjan
 * closes them, a reverse topological order: an edge between two components always goes from a higher
 * number to a lower one. O(nodes + edges) time, a few typed arrays of the node count.
 */
function stronglyConnectedComponents(graph: CompactGraph): { component: Int32Array; count: number } {
  const { offsets, targets } = graph;
  const nodes = offsets.length - 1;
  const order = new Int32Array(nodes).fill(-1);
  const lowLink = new Int32Array(nodes);
  const component = new Int32Array(nodes).fill(-1);
  const stack = new Int32Array(nodes);
  const pathNode = new Int32Array(nodes);
  const pathEdge = new Int32Array(nodes);
  let stackSize = 0;
  let counter = 0;
  let count = 0;
  for (let root = 0; root < nodes; root++) {
    if (order[root] !== -1) continue;
    order[root] = lowLink[root] = counter++;
    stack[stackSize++] = root;
    pathNode[0] = root;
    pathEdge[0] = offsets[root]!;
    let depth = 1;
    while (depth > 0) {
      const node = pathNode[depth - 1]!;
      const edge = pathEdge[depth - 1]!;
      if (edge < offsets[node + 1]!) {
        pathEdge[depth - 1] = edge + 1;
        const target = targets[edge]!;
        if (order[target] === -1) {
          order[target] = lowLink[target] = counter++;
          stack[stackSize++] = target;
          pathNode[depth] = target;
          pathEdge[depth] = offsets[target]!;
          depth++;
        } else if (component[target] === -1) {
          // Visited and not yet in a component: still on the stack.
          lowLink[node] = Math.min(lowLink[node]!, order[target]!);
        }
        continue;
      }
      depth--;
      if (depth > 0) {
        const parent = pathNode[depth - 1]!;
        lowLink[parent] = Math.min(lowLink[parent]!, lowLink[node]!);
      }
      if (lowLink[node] === order[node]) {
        let member: number;
        do {
          member = stack[--stackSize]!;
          component[member] = count;
        } while (member !== node);
        count++;
      }
    }
  }
  return { component, count };
}

/** True for the nodes that lie on a cycle: in a component of two or more, or with an edge to themselves. */
function onCycle(graph: CompactGraph, component: Int32Array, count: number): Uint8Array {
  const size = new Int32Array(count);
  for (let node = 0; node < component.length; node++) size[component[node]!]!++;
  const cyclic = new Uint8Array(component.length);
  for (let node = 0; node < component.length; node++) {
    if (size[component[node]!]! > 1) cyclic[node] = 1;
    else
      for (let edge = graph.offsets[node]!; edge < graph.offsets[node + 1]!; edge++)
        if (graph.targets[edge] === node) cyclic[node] = 1;
  }
  return cyclic;
}

/**
 * The groups of stages that depend on each other in a circle (strongly connected components with more
 * than one stage, or a stage that depends on itself), each as one cycle through its lowest-indexed
 * stage: `[a, b, a]`, sorted by that stage. O(stages + edges).
 */
export function findPipelineCycles(graph: PipelineGraph): { cycle: number[]; members: number[] }[] {
  const compact = compactGraph(graph, () => true);
  const { component, count } = stronglyConnectedComponents(compact);
  const cyclic = onCycle(compact, component, count);
  // Nodes in ascending order: each group's members come out sorted, the groups by their first member.
  const groups = new Map<number, number[]>();
  for (let node = 0; node < component.length; node++) {
    if (!cyclic[node]) continue;
    const members = groups.get(component[node]!);
    if (members) members.push(node);
    else groups.set(component[node]!, [node]);
  }
  return [...groups.values()].map((members) => ({ cycle: cycleThrough(graph, members), members }));
}

/** The shortest cycle through the first member, staying inside the component (breadth-first). */
function cycleThrough(graph: PipelineGraph, members: readonly number[]): number[] {
  const inside = new Set(members);
  const start = members[0]!;
  const parent = new Map<number, number>();
  const queue = [start];
  const { offsets, edges } = graph.outgoing;
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (let at = offsets[node]!; at < offsets[node + 1]!; at++) {
      const next = graph.edgeTo[edges[at]!]!;
      if (!inside.has(next)) continue;
      if (next === start) {
        const chain: number[] = [];
        for (let step = node; step !== start; step = parent.get(step)!) chain.push(step);
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
  const { offsets, edges } = graph.outgoing;
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (let at = offsets[node]!; at < offsets[node + 1]!; at++) {
      const next = graph.edgeTo[edges[at]!]!;
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/**
 * The stages `index` depends on, directly or transitively, through depends_on and through inputs
 * produced by earlier stages (not through forward references, which are what is being checked).
 * O(stages + edges) for one stage; {@link pipelineReachedFrom} answers such questions for many stages
 * at once.
 */
export function pipelineResolvedAncestors(graph: PipelineGraph, index: number): Set<number> {
  const seen = new Set<number>();
  const queue = [index];
  const { offsets, edges } = graph.incoming;
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (let at = offsets[node]!; at < offsets[node + 1]!; at++) {
      const edge = edges[at]!;
      const from = graph.edgeFrom[edge]!;
      if (graph.edgeKind[edge] !== FORWARD_DATA && !seen.has(from)) {
        seen.add(from);
        queue.push(from);
      }
    }
  }
  return seen;
}

/** One question for {@link pipelineReachedFrom}: does a path lead from one of `sources` to `target`? */
export interface PipelineReachQuery {
  /** Stage indices. Queries that share the same array are grouped at no cost (pass the same array). */
  sources: readonly number[];
  target: number;
}

/**
 * The most steps (a component visited or an edge followed) {@link pipelineReachedFrom} takes by
 * default: about a second of work. Only a pipeline with hundreds of thousands of stages, tangled on
 * purpose, needs more.
 */
export const PIPELINE_REACH_STEP_LIMIT = 400_000_000;

/**
 * Answers many questions "is `target` downstream of one of `sources`?" at once, along the edges that
 * count for resolving inputs: `depends_on` and inputs taken from an earlier stage, not forward
 * references (the same edges as {@link pipelineResolvedAncestors}). A path needs at least one edge: a
 * source reaches itself only around a cycle.
 *
 * How: the strongly connected components turn the graph into a DAG whose component numbers run against
 * the edges. Queries with the same source components share a colour; colours go 32 at a time, one
 * bit each in a 32-bit word per component, pushed along the DAG in topological order over the span
 * from the batch's first source to its last target only. Cost: O(stages + edges + queries) for the
 * setup, plus one sweep of that span per 32 colours: linear when the queries have few distinct sources,
 * O((stages + edges) × colours / 32) at worst. The sweeps stop before `stepLimit` steps; the queries
 * they did not reach are answered `undefined` (not known), never guessed.
 *
 * @returns for each query: true (reached), false (not reached) or undefined (not checked: too much work).
 */
export function pipelineReachedFrom(
  graph: PipelineGraph,
  queries: readonly PipelineReachQuery[],
  stepLimit = PIPELINE_REACH_STEP_LIMIT,
): (boolean | undefined)[] {
  const answers = new Array<boolean | undefined>(queries.length).fill(false);
  if (queries.length === 0) return answers;
  const resolved = compactGraph(graph, (kind) => kind !== FORWARD_DATA);
  const { component, count } = stronglyConnectedComponents(resolved);
  const cyclic = onCycle(resolved, component, count);
  const dag = componentGraph(resolved, component, count);

  interface Colour {
    /** Component numbers of the sources, highest (earliest in topological order) first. */
    sources: number[];
    sourceSet: Set<number>;
    targets: number[];
  }
  const colours: Colour[] = [];
  const colourBySources = new Map<readonly number[], Colour>();
  const colourByKey = new Map<string, Colour>();
  queries.forEach((query, index) => {
    let colour = colourBySources.get(query.sources);
    if (colour === undefined) {
      const sourceSet = new Set<number>();
      for (const source of query.sources) sourceSet.add(component[source]!);
      const sources = [...sourceSet].sort((a, b) => b - a);
      const key = sources.join(',');
      colour = colourByKey.get(key);
      if (colour === undefined) {
        colour = { sources, sourceSet, targets: [] };
        colourByKey.set(key, colour);
        colours.push(colour);
      }
      colourBySources.set(query.sources, colour);
    }
    const target = component[query.target]!;
    // Around a cycle, every stage of the component reaches every other and itself.
    if (cyclic[query.target] && colour.sourceSet.has(target)) answers[index] = true;
    // Edges lead to lower numbers only: a target numbered at or above every source is out of reach.
    else if (colour.sources.length > 0 && target < colour.sources[0]!) colour.targets.push(index);
  });

  const pending = colours.filter((colour) => colour.targets.length > 0);
  pending.sort((a, b) => b.sources[0]! - a.sources[0]!);
  const own = new Int32Array(count);
  const reached = new Int32Array(count);
  let steps = 0;
  for (let start = 0; start < pending.length; start += 32) {
    const batch = pending.slice(start, start + 32);
    const high = batch[0]!.sources[0]!;
    let low = high;
    for (const colour of batch)
      for (const query of colour.targets) low = Math.min(low, component[queries[query]!.target]!);
    const cost = high - low + 1 + dag.offsets[high + 1]! - dag.offsets[low]!;
    if (steps + cost > stepLimit) {
      for (const colour of pending.slice(start))
        for (const query of colour.targets) answers[query] = undefined;
      break;
    }
    steps += cost;
    batch.forEach((colour, bit) => {
      for (const source of colour.sources) if (source >= low) own[source]! |= 1 << bit;
    });
    for (let node = high; node >= low; node--) {
      const bits = own[node]! | reached[node]!;
      if (bits === 0) continue;
      for (let edge = dag.offsets[node]!; edge < dag.offsets[node + 1]!; edge++) {
        const next = dag.targets[edge]!;
        if (next >= low) reached[next]! |= bits;
      }
    }
    batch.forEach((colour, bit) => {
      for (const query of colour.targets)
        if ((reached[component[queries[query]!.target]!]! >>> bit) & 1) answers[query] = true;
    });
    own.fill(0, low, high + 1);
    reached.fill(0, low, high + 1);
  }
  return answers;
}

/** The DAG of the components: an edge between two components for each edge between them. O(edges). */
function componentGraph(graph: CompactGraph, component: Int32Array, count: number): CompactGraph {
  const offsets = new Int32Array(count + 1);
  const nodes = component.length;
  for (let node = 0; node < nodes; node++)
    for (let edge = graph.offsets[node]!; edge < graph.offsets[node + 1]!; edge++)
      if (component[graph.targets[edge]!] !== component[node]) offsets[component[node]! + 1]!++;
  for (let index = 0; index < count; index++) offsets[index + 1]! += offsets[index]!;
  const targets = new Int32Array(offsets[count]!);
  const filled = offsets.slice(0, count);
  for (let node = 0; node < nodes; node++)
    for (let edge = graph.offsets[node]!; edge < graph.offsets[node + 1]!; edge++) {
      const to = component[graph.targets[edge]!]!;
      if (to !== component[node]) targets[filled[component[node]!]!++] = to;
    }
  return { offsets, targets };
}
