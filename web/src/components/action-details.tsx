import type { ReactNode } from 'react';
import type { ActionItem } from '../contract.js';

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
    <table className="rtable operations">
      <caption className="visually-hidden">Operations the command would perform</caption>
      <thead>
        <tr>
          <th scope="col">Operation</th>
          <th scope="col">What</th>
          <th scope="col">Target</th>
          <th scope="col">Environment</th>
          <th scope="col">Undo</th>
        </tr>
      </thead>
      <tbody>
        {operations.map((operation, index) => (
          <tr key={index}>
            <th scope="row" data-label="Operation">
              <span className={`op op-${operation.kind}`}>{operation.kind}</span>
            </th>
            <td data-label="What">{operation.summary}</td>
            <td data-label="Target">{text(operation.target) ?? '—'}</td>
            <td data-label="Environment">{operation.environment ?? '—'}</td>
            <td data-label="Undo">{reversibility(operation)}</td>
          </tr>
        ))}
      </tbody>
    </table>
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
