import { useId, type ReactNode } from 'react';
import type { BlastRadius, RadiusEdge } from '../contract.js';
import { plural } from '../format.js';
import { TIER_COLOURS, tierLabel } from './badges.js';
import { useWidth } from './charts/use-width.js';
import { Empty } from './status.js';
import { layoutGraph, type PlacedEdge, type PlacedNode } from './graph-layout.js';

interface BlastRadiusGraphProps {
  radius: BlastRadius & { edges: RadiusEdge[] };
  /** What reached these services ("this change", "this action"), for the text alternative. */
  subject: string;
}

const NARROW = 560;

/** The services a change or action reaches, drawn as a graph: direct services first, dependents after. */
export function BlastRadiusGraph({ radius, subject }: BlastRadiusGraphProps): ReactNode {
  const id = useId();
  const [box, width] = useWidth<HTMLDivElement>(800);

  if (radius.services.length === 0) {
    return <Empty>{subject} reaches no known service.</Empty>;
  }
  const layout = layoutGraph(radius.services, radius.edges, width < NARROW);
  const direct = radius.services.filter((service) => service.direct);
  const dependents = radius.services.length - direct.length;
  const summary =
    `${subject} touches ${plural(direct.length, 'service')} directly ` +
    `(${direct.map((service) => service.id).join(', ')}) and reaches ${plural(dependents, 'dependent service')}; ` +
    `the most critical is ${tierLabel(radius.mostCriticalTier)}.`;
  return (
    <div className="graph" ref={box}>
      <svg
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        data-graph="blast-radius"
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width={layout.width}
        height={layout.height}
        // Sized to the drawing; on a screen narrower than it, scaled down whole rather than cut off.
        style={{ maxWidth: '100%', height: 'auto' }}
      >
        <title id={`${id}-title`}>Blast radius graph</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        <defs>
          <marker
            id={`${id}-arrow`}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" fill="#8a94a6" />
          </marker>
        </defs>
        <g className="edges">
          {layout.edges.map((edge) => (
            <path
              key={`${edge.from}->${edge.to}`}
              className="edge"
              d={edgePath(edge.points)}
              markerEnd={`url(#${id}-arrow)`}
            />
          ))}
        </g>
        <g className="nodes">
          {layout.nodes.map((node) => (
            <GraphNode key={node.id} node={node} />
          ))}
        </g>
      </svg>
      <GraphLegend />
      {layout.hidden > 0 ? (
        <p className="hint">
          {layout.hidden} more dependent services are not drawn; all are listed in the table below.
        </p>
      ) : null}
    </div>
  );
}

function GraphNode({ node }: { node: PlacedNode }): ReactNode {
  const colour = TIER_COLOURS[Math.min(node.tier, 5)] ?? TIER_COLOURS[5];
  const room = Math.floor((node.w - 16) / 7.2);
  const label = node.id.length > room ? `${node.id.slice(0, room - 1)}…` : node.id;
  return (
    <g
      className={`node${node.direct ? ' node-direct' : ''}`}
      data-service={node.id}
      transform={`translate(${node.x},${node.y})`}
    >
      <title>{`${node.id}: ${tierLabel(node.tier)}, ${node.direct ? 'touched directly' : 'dependent'}`}</title>
      <rect
        width={node.w}
        height={node.h}
        rx="6"
        fill={node.direct ? colour : '#fff'}
        stroke={colour}
        strokeWidth={node.direct ? 0 : 2}
      />
      <text x="10" y="16" className="node-label" fill={node.direct ? '#fff' : '#1f2933'}>
        {label}
      </text>
      <text x="10" y="29" className="node-sub" fill={node.direct ? '#fff' : colour}>
        {node.tier >= 5 ? 'no tier' : `T${node.tier}`} · {node.direct ? 'direct' : 'dependent'}
      </text>
    </g>
  );
}

/** A smooth path through dagre's route: straight to the first bend, then curves between bend midpoints. */
function edgePath(points: PlacedEdge['points']): string {
  const [first, ...rest] = points;
  if (!first) return '';
  let d = `M${first.x},${first.y}`;
  for (let i = 0; i < rest.length - 1; i++) {
    const here = rest[i]!;
    const next = rest[i + 1]!;
    d += ` Q${here.x},${here.y} ${(here.x + next.x) / 2},${(here.y + next.y) / 2}`;
  }
  const last = rest.at(-1);
  return last ? `${d} L${last.x},${last.y}` : d;
}

/** What the colours and fills mean. */
export function GraphLegend(): ReactNode {
  return (
    <ul className="legend" aria-label="Legend">
      {[1, 2, 3, 4].map((tier) => (
        <li key={tier}>
          <span className="swatch" style={{ background: TIER_COLOURS[tier] }} aria-hidden="true" />
          Tier {tier}
          {tier === 1 ? ' (most critical)' : ''}
        </li>
      ))}
      <li>
        <span className="swatch swatch-filled" aria-hidden="true" /> Filled: touched directly
      </li>
      <li>
        <span className="swatch swatch-outline" aria-hidden="true" /> Outlined: depends on a touched service
      </li>
    </ul>
  );
}
