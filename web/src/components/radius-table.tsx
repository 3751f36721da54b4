import type { ReactNode } from 'react';
import type { BlastRadius } from '../contract.js';
import { TierBadge } from './badges.js';
import { ResponsiveTable } from './responsive-table.js';

/** Every service in a blast radius as a table: the graph's text alternative, and the full list. */
export function RadiusTable({ radius }: { radius: BlastRadius }): ReactNode {
  const services = [...radius.services].sort(
    (a, b) => Number(b.direct) - Number(a.direct) || a.tier - b.tier || a.id.localeCompare(b.id),
  );
  return (
    <details className="radius-table">
      <summary>
        {services.length === 1 ? 'The service as a table' : `All ${services.length} services as a table`}
        {radius.unownedFiles > 0 ? ` (and ${radius.unownedFiles} files no service owns)` : ''}
      </summary>
      <ResponsiveTable
        caption="Services in the blast radius"
        columns={['Service', 'Tier', 'Reached', 'Owner']}
        rows={services.map((service) => ({
          key: service.id,
          cells: [
            service.id,
            <TierBadge tier={service.tier} />,
            service.direct ? 'directly' : `through ${service.via.join(' → ') || 'a dependency'}`,
            service.owner ?? '—',
          ],
        }))}
      />
      {radius.codeowners.length > 0 ? (
        <p>CODEOWNERS of unowned files: {radius.codeowners.join(', ')}</p>
      ) : null}
    </details>
  );
}
