import type { ReactNode } from 'react';
import type { BlastRadius } from '../contract.js';
import { TierBadge } from './badges.js';

/** Every service in a blast radius as a table: the graph's text alternative, and the full list. */
export function RadiusTable({ radius }: { radius: BlastRadius }): ReactNode {
  const services = [...radius.services].sort(
    (a, b) => Number(b.direct) - Number(a.direct) || a.tier - b.tier || a.id.localeCompare(b.id),
  );
  return (
    <details className="radius-table">
      <summary>
        All {services.length} services as a table
        {radius.unownedFiles > 0 ? ` (and ${radius.unownedFiles} files no service owns)` : ''}
      </summary>
      <table className="rtable">
        <caption className="visually-hidden">Services in the blast radius</caption>
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Tier</th>
            <th scope="col">Reached</th>
            <th scope="col">Owner</th>
          </tr>
        </thead>
        <tbody>
          {services.map((service) => (
            <tr key={service.id}>
              <th scope="row" data-label="Service">
                {service.id}
              </th>
              <td data-label="Tier">
                <TierBadge tier={service.tier} />
              </td>
              <td data-label="Reached">
                {service.direct ? 'directly' : `through ${service.via.join(' → ') || 'a dependency'}`}
              </td>
              <td data-label="Owner">{service.owner ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {radius.codeowners.length > 0 ? (
        <p>CODEOWNERS of unowned files: {radius.codeowners.join(', ')}</p>
      ) : null}
    </details>
  );
}
