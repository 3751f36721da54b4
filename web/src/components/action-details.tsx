import type { ReactNode } from 'react';
import type { ActionItem } from '../contract.js';
import { ResponsiveTable } from './responsive-table.js';

/** The environments an action names; unknown ones are treated as protected, so they say so. */
export function Environments({ environments }: { environments: string[] }): ReactNode {
  if (environments.length === 0) return <span className="muted">no environment named</span>;
  return (
    <span className="chips">
      {environments.map((environment) => (
        <span
          key={environment}
          className={`chip env-${environment === 'prod' || environment === 'unknown' ? 'protected' : 'other'}`}
        >
          {environment}
          {environment === 'unknown' ? ' (treated as protected)' : ''}
        </span>
      ))}
    </span>
  );
}

/** What the gate found the command would do, one operation per row. */
export function OperationsTable({ operations }: { operations: ActionItem['operations'] }): ReactNode {
  if (operations.length === 0) return <p className="muted">The gate found no operations in this command.</p>;
  return (
    <ResponsiveTable
      className="operations"
      caption="Operations the command would perform"
      columns={['Operation', 'What', 'Target', 'Environment', 'Undo']}
      rows={operations.map((operation, index) => ({
        key: index,
        cells: [
          <span className={`op op-${operation.kind}`}>{operation.kind}</span>,
          operation.summary,
          text(operation.target) ?? '—',
          operation.environment ?? '—',
          reversibility(operation),
        ],
      }))}
    />
  );
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((item) => text(item) ?? '').join(', ');
  if (value && typeof value === 'object' && 'name' in value) return text((value as { name: unknown }).name);
  return undefined;
}

function reversibility(operation: Record<string, unknown>): string {
  if (typeof operation.reversibility === 'string') return operation.reversibility;
  if (typeof operation.reversible === 'boolean') return operation.reversible ? 'reversible' : 'irreversible';
  return '—';
}
