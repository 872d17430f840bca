import { isEligible } from './constraints.ts';
import { byScoreThenId } from './rank.ts';
import { defaultWeights, scoreProposal } from './score.ts';
import type { Need, Proposal, Urgency, Volunteer, Weights } from './types.ts';

export interface Assignment {
  proposals: Proposal[];
  unassigned: string[];
  /** Sum of the scores of the proposals. */
  totalScore: number;
}

const urgencyBonus: Record<Urgency, number> = { low: 0, normal: 50, high: 100 };

/**
 * The cost of leaving a need without a volunteer. Above 100 x the number of needs, so that no
 * trade of scores can make dropping a need pay (the most any set of assignments can lose in score
 * is 100 per need); among needs that cannot all be helped, the more urgent are kept.
 */
export function unassignedCost(needCount: number, urgency: Urgency): number {
  return 100 * needCount + 1 + urgencyBonus[urgency];
}

interface Edge {
  to: number;
  rev: number;
  cap: number;
  cost: number;
}

/**
 * Mode two: all open needs at once. Assigns needs to volunteers within their free capacity so
 * that first as many needs as possible are helped, then the more urgent ones, then the total fit
 * is highest: an exact minimum-cost flow (successive shortest paths with potentials).
 * Deterministic: inputs are ordered by id, ties fall to the lower id.
 */
export function assignAll(
  needsIn: readonly Need[],
  volunteersIn: readonly Volunteer[],
  options: { weights?: Weights } = {},
): Assignment {
  const needs = [...needsIn].sort((a, b) => (a.id < b.id ? -1 : 1));
  const volunteers = [...volunteersIn].sort((a, b) => (a.id < b.id ? -1 : 1));
  const n = needs.length;
  const m = volunteers.length;
  const source = 0;
  const firstVolunteer = 1 + n;
  const unassignedNode = 1 + n + m;
  const sink = unassignedNode + 1;
  const graph: Edge[][] = Array.from({ length: sink + 1 }, () => []);
  const addEdge = (from: number, to: number, cap: number, cost: number) => {
    graph[from]!.push({ to, rev: graph[to]!.length, cap, cost });
    graph[to]!.push({ to: from, rev: graph[from]!.length - 1, cap: 0, cost: -cost });
  };

  const scored = new Map<string, Proposal>();
  needs.forEach((need, i) => {
    addEdge(source, 1 + i, 1, 0);
    volunteers.forEach((volunteer, j) => {
      if (!isEligible(need, volunteer)) return;
      const proposal = scoreProposal(need, volunteer, options.weights ?? defaultWeights);
      scored.set(`${i}:${j}`, proposal);
      addEdge(1 + i, firstVolunteer + j, 1, 100 - proposal.score);
    });
    addEdge(1 + i, unassignedNode, 1, unassignedCost(n, need.urgency));
  });
  volunteers.forEach((volunteer, j) => {
    const free = Math.max(0, volunteer.capacity - volunteer.activeMatches);
    if (free > 0) addEdge(firstVolunteer + j, sink, free, 0);
  });
  addEdge(unassignedNode, sink, n, 0);

  minCostFlow(graph, source, sink, n);

  const proposals: Proposal[] = [];
  const unassigned: string[] = [];
  needs.forEach((need, i) => {
    const used = graph[1 + i]!.find(
      (e) => e.to >= firstVolunteer && e.to < unassignedNode && e.cap === 0 && e.cost >= 0,
    );
    if (used) proposals.push(scored.get(`${i}:${used.to - firstVolunteer}`)!);
    else unassigned.push(need.id);
  });
  proposals.sort(byScoreThenId);
  return { proposals, unassigned, totalScore: proposals.reduce((sum, p) => sum + p.score, 0) };
}

/** Sends `want` units from source to sink at least cost; all costs on forward edges are >= 0. */
function minCostFlow(graph: Edge[][], source: number, sink: number, want: number): number {
  const size = graph.length;
  const potential = new Array<number>(size).fill(0);
  let flow = 0;
  let cost = 0;
  while (flow < want) {
    const dist = new Array<number>(size).fill(Number.POSITIVE_INFINITY);
    const prevNode = new Array<number>(size).fill(-1);
    const prevEdge = new Array<number>(size).fill(-1);
    dist[source] = 0;
    const heap = new MinHeap();
    heap.push(0, source);
    while (heap.size > 0) {
      const [d, u] = heap.pop();
      if (d > dist[u]!) continue;
      // The sink is settled: the rest cannot give a shorter path this round.
      if (u === sink) break;
      const edges = graph[u]!;
      for (let k = 0; k < edges.length; k++) {
        const e = edges[k]!;
        if (e.cap <= 0) continue;
        const nd = d + e.cost + potential[u]! - potential[e.to]!;
        if (nd < dist[e.to]!) {
          dist[e.to] = nd;
          prevNode[e.to] = u;
          prevEdge[e.to] = k;
          heap.push(nd, e.to);
        }
      }
    }
    if (dist[sink] === Number.POSITIVE_INFINITY) break;
    // Nodes not settled before the sink get the sink's distance: reduced costs stay non-negative.
    const reach = dist[sink]!;
    for (let v = 0; v < size; v++) potential[v]! += Math.min(dist[v]!, reach);
    let push = want - flow;
    for (let v = sink; v !== source; v = prevNode[v]!)
      push = Math.min(push, graph[prevNode[v]!]![prevEdge[v]!]!.cap);
    for (let v = sink; v !== source; v = prevNode[v]!) {
      const e = graph[prevNode[v]!]![prevEdge[v]!]!;
      e.cap -= push;
      graph[v]![e.rev]!.cap += push;
      cost += push * e.cost;
    }
    flow += push;
  }
  return cost;
}

/** A binary heap of [priority, node], ties broken by node so the order never depends on chance. */
class MinHeap {
  private keys: number[] = [];
  private nodes: number[] = [];
  get size() {
    return this.keys.length;
  }
  private less(i: number, j: number) {
    return (
      this.keys[i]! < this.keys[j]! || (this.keys[i] === this.keys[j] && this.nodes[i]! < this.nodes[j]!)
    );
  }
  private swap(i: number, j: number) {
    [this.keys[i], this.keys[j]] = [this.keys[j]!, this.keys[i]!];
    [this.nodes[i], this.nodes[j]] = [this.nodes[j]!, this.nodes[i]!];
  }
  push(key: number, node: number) {
    this.keys.push(key);
    this.nodes.push(node);
    let i = this.keys.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }
  pop(): [number, number] {
    const top: [number, number] = [this.keys[0]!, this.nodes[0]!];
    const lastKey = this.keys.pop()!;
    const lastNode = this.nodes.pop()!;
    if (this.keys.length > 0) {
      this.keys[0] = lastKey;
      this.nodes[0] = lastNode;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < this.keys.length && this.less(l, best)) best = l;
        if (r < this.keys.length && this.less(r, best)) best = r;
        if (best === i) break;
        this.swap(i, best);
        i = best;
      }
    }
    return top;
  }
}
