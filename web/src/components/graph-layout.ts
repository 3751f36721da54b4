import type { BlastRadius, RadiusEdge } from '../contract.js';

type ImpactedServiceLike = BlastRadius['services'][number];

/** A service with its box on the canvas. */
export interface PlacedNode {
  id: string;
  tier: number;
  direct: boolean;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where everything goes, and how many services did not fit. */
export interface GraphLayout {
  nodes: PlacedNode[];
  width: number;
  height: number;
  orientation: 'horizontal' | 'vertical';
  hidden: number;
}

const NODE_W = 156;
const NODE_H = 36;
/** Narrow screens fit two boxes side by side in 300 px. */
const NARROW_NODE_W = 142;
const GAP_X = 64;
const GAP_Y = 12;
const PAD = 8;
/** More than this many services in one band are summarised, so a huge radius stays readable. */
const MAX_PER_BAND = 14;

/**
 * Places services in bands by distance from the directly touched ones (following the edges), the most
 * critical first in each band: columns left to right on wide screens, rows top to bottom on narrow ones.
 */
export function layoutGraph(
  services: ImpactedServiceLike[],
  edges: RadiusEdge[],
  orientation: 'horizontal' | 'vertical',
  availableWidth: number,
): GraphLayout {
  const depth = distances(services, edges);
  const bands: ImpactedServiceLike[][] = [];
  for (const service of services) {
    const band = depth.get(service.id) ?? 1;
    (bands[band] ??= []).push(service);
  }
  let hidden = 0;
  const shown: ImpactedServiceLike[][] = [];
  // Where each placed service sits in its band (0…1), so the next band lines up beside its parents.
  const position = new Map<string, number>();
  const parents = new Map<string, string[]>();
  for (const edge of edges) parents.set(edge.to, [...(parents.get(edge.to) ?? []), edge.from]);
  for (const band of bands) {
    if (band === undefined || band.length === 0) continue;
    const kept = [...band].sort((a, b) => a.tier - b.tier || a.id.localeCompare(b.id)).slice(0, MAX_PER_BAND);
    hidden += band.length - kept.length;
    const keyed = kept.map((service, index) => ({
      service,
      key: meanPosition(parents.get(service.id) ?? [], position) ?? index / Math.max(1, kept.length - 1),
    }));
    keyed.sort((a, b) => a.key - b.key);
    keyed.forEach(({ service }, index) => position.set(service.id, index / Math.max(1, keyed.length - 1)));
    shown.push(keyed.map(({ service }) => service));
  }
  const nodes: PlacedNode[] = [];
  if (orientation === 'horizontal') {
    const tallest = Math.max(...shown.map((band) => band.length));
    const height = PAD * 2 + tallest * NODE_H + (tallest - 1) * GAP_Y;
    shown.forEach((band, column) => {
      const bandHeight = band.length * NODE_H + (band.length - 1) * GAP_Y;
      const top = PAD + (height - PAD * 2 - bandHeight) / 2;
      band.forEach((service, row) => {
        nodes.push(place(service, PAD + column * (NODE_W + GAP_X), top + row * (NODE_H + GAP_Y)));
      });
    });
    return {
      nodes,
      width: PAD * 2 + shown.length * NODE_W + (shown.length - 1) * GAP_X,
      height,
      orientation,
      hidden,
    };
  }
  const gapX = 10;
  const nodeW = NARROW_NODE_W;
  const perRow = Math.max(1, Math.floor((Math.max(availableWidth, nodeW) - PAD * 2 + gapX) / (nodeW + gapX)));
  const width = PAD * 2 + perRow * nodeW + (perRow - 1) * gapX;
  let y = PAD;
  for (const band of shown) {
    band.forEach((service, index) => {
      const row = Math.floor(index / perRow);
      const inRow = Math.min(perRow, band.length - row * perRow);
      const left = PAD + (width - PAD * 2 - (inRow * nodeW + (inRow - 1) * gapX)) / 2;
      nodes.push(place(service, left + (index % perRow) * (nodeW + gapX), y + row * (NODE_H + GAP_Y), nodeW));
    });
    const rows = Math.ceil(band.length / perRow);
    y += rows * NODE_H + (rows - 1) * GAP_Y + 40;
  }
  return { nodes, width, height: y - 40 + PAD, orientation, hidden };
}

/** The average position (0…1) of a service's parents placed so far, if any are. */
function meanPosition(ids: string[], position: Map<string, number>): number | undefined {
  let sum = 0;
  let count = 0;
  for (const id of ids) {
    const at = position.get(id);
    if (at === undefined) continue;
    sum += at;
    count += 1;
  }
  return count === 0 ? undefined : sum / count;
}

function place(service: ImpactedServiceLike, x: number, y: number, w = NODE_W): PlacedNode {
  return { id: service.id, tier: service.tier, direct: service.direct, x, y, w, h: NODE_H };
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
