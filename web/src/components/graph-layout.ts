import dagre from '@dagrejs/dagre';
import type { BlastRadius, RadiusEdge } from '../contract.js';

type ImpactedServiceLike = BlastRadius['services'][number];

/** A service with its box on the canvas (x, y: the top-left corner). */
export interface PlacedNode {
  id: string;
  tier: number;
  direct: boolean;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** An edge as drawn: the route dagre found around the boxes, from the failing service to its dependent. */
export interface PlacedEdge {
  from: string;
  to: string;
  points: Array<{ x: number; y: number }>;
}

/** Where everything goes, the canvas that holds all of it, and how many services did not fit. */
export interface GraphLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
  hidden: number;
}

const NODE_W = 156;
/** Narrow screens: three ranks of boxes still fit in about 390 px. */
const NARROW_NODE_W = 100;
const NODE_H = 36;
/** Room around the drawing for arrowheads and strokes, so nothing touches the edge of the SVG. */
const MARGIN = 10;
/** More than this many services at one distance are summarised, so a huge radius stays readable. */
const MAX_PER_BAND = 14;

/**
 * Lays the services out with dagre (a layered graph layout): directly touched services in the first rank,
 * each dependent a rank after what fails into it, edges routed around the boxes. The canvas is exactly
 * the drawing's size plus a margin, so the SVG is sized to its content and clips nothing.
 */
export function layoutGraph(
  services: ImpactedServiceLike[],
  edges: RadiusEdge[],
  narrow: boolean,
): GraphLayout {
  const depth = distances(services, edges);
  const bands = new Map<number, ImpactedServiceLike[]>();
  for (const service of services) {
    const band = depth.get(service.id) ?? 1;
    bands.set(band, [...(bands.get(band) ?? []), service]);
  }
  let hidden = 0;
  const kept: ImpactedServiceLike[] = [];
  for (const band of bands.values()) {
    const sorted = [...band].sort((a, b) => a.tier - b.tier || a.id.localeCompare(b.id));
    kept.push(...sorted.slice(0, MAX_PER_BAND));
    hidden += Math.max(0, sorted.length - MAX_PER_BAND);
  }
  const shown = new Set(kept.map((service) => service.id));
  const width = narrow ? NARROW_NODE_W : NODE_W;
  const graph = new dagre.graphlib.Graph({ multigraph: false });
  graph.setGraph({
    rankdir: 'LR',
    nodesep: narrow ? 10 : 14,
    ranksep: narrow ? 20 : 56,
    marginx: MARGIN,
    marginy: MARGIN,
  });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const service of kept) graph.setNode(service.id, { width, height: NODE_H });
  const drawn = edges.filter((edge) => shown.has(edge.from) && shown.has(edge.to) && edge.from !== edge.to);
  for (const edge of drawn) graph.setEdge(edge.from, edge.to);
  // A dependent the drawn edges do not reach still sits as many ranks out as its path is long.
  const reached = new Set(drawn.map((edge) => edge.to));
  const anchor = kept.find((service) => service.direct)?.id;
  const invisible = new Set<string>();
  for (const service of kept) {
    if (service.direct || reached.has(service.id) || anchor === undefined) continue;
    graph.setEdge(anchor, service.id, { minlen: depth.get(service.id) ?? 1, weight: 0 });
    invisible.add(`${anchor}->${service.id}`);
  }
  dagre.layout(graph);
  const label = graph.graph();
  const nodes = kept.map((service): PlacedNode => {
    const box = graph.node(service.id);
    return {
      id: service.id,
      tier: service.tier,
      direct: service.direct,
      x: (box.x ?? 0) - width / 2,
      y: (box.y ?? 0) - NODE_H / 2,
      w: width,
      h: NODE_H,
    };
  });
  const placed = drawn
    .filter((edge) => !invisible.has(`${edge.from}->${edge.to}`))
    .map((edge) => ({ from: edge.from, to: edge.to, points: graph.edge(edge.from, edge.to)?.points ?? [] }));
  return {
    nodes,
    edges: placed,
    width: Math.ceil(label.width ?? 0),
    height: Math.ceil(label.height ?? 0),
    hidden,
  };
}

/** Hops from the nearest directly touched service; services the edges do not reach fall back on `via`. */
function distances(services: ImpactedServiceLike[], edges: RadiusEdge[]): Map<string, number> {
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  const depth = new Map<string, number>();
  let frontier = services.filter((service) => service.direct).map((service) => service.id);
  for (const id of frontier) depth.set(id, 0);
  let hops = 0;
  while (frontier.length > 0) {
    hops += 1;
    const following: string[] = [];
    for (const id of frontier) {
      for (const to of next.get(id) ?? []) {
        if (depth.has(to)) continue;
        depth.set(to, hops);
        following.push(to);
      }
    }
    frontier = following;
  }
  for (const service of services) {
    if (!depth.has(service.id)) depth.set(service.id, service.direct ? 0 : Math.max(1, service.via.length));
  }
  return depth;
}
