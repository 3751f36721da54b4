import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { query } from '../api.js';
import { Page } from '../components/page.js';
import { ResponsiveTable } from '../components/responsive-table.js';
import { Empty, LoadStatus } from '../components/status.js';
import type { AuditItem, AuditResponse } from '../contract.js';
import { formatDateTime } from '../format.js';
import { useApi } from '../use-api.js';

const PAGE_SIZE = 50;

/** The hash-chained audit log: search, page back through it, and see whether the chain verifies. */
export function AuditPage(): ReactNode {
  const id = useId();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  // The `before` of each page shown so far; the last one is the current page (undefined: the newest).
  const [pages, setPages] = useState<Array<number | undefined>>([undefined]);
  const before = pages[pages.length - 1];
  const audit = useApi<AuditResponse>(`/v1/dashboard/audit${query({ q: search, before, limit: PAGE_SIZE })}`);

  function submit(event: FormEvent): void {
    event.preventDefault();
    setSearch(text.trim());
    setPages([undefined]);
  }

  const records = audit.data?.records ?? [];
  return (
    <Page
      name="audit"
      title="Audit log"
      lead="Every decision, approval, denial and override, each record chained to the one before it."
      ready={audit.settled}
    >
      {audit.data ? <Verification verification={audit.data.verification} /> : null}
      <form className="search" role="search" onSubmit={submit}>
        <label htmlFor={`${id}-q`}>Search the log</label>
        <div className="search-row">
          <input
            id={`${id}-q`}
            type="search"
            value={text}
            placeholder="kind, person, change, command…"
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit">Search</button>
        </div>
      </form>
      <LoadStatus loaded={audit} what="the audit log" />
      {audit.data && records.length === 0 ? (
        <Empty>{search ? `No record matches “${search}”.` : 'The log is empty.'}</Empty>
      ) : null}
      {records.length > 0 ? (
        <ResponsiveTable
          className="audit"
          caption={`Audit records${search ? ` matching ${search}` : ''}, newest first`}
          columns={[
            '#',
            'When',
            'Kind',
            'Actor',
            { label: 'Subject', className: 'subject-cell' },
            { label: 'Details', className: 'break' },
          ]}
          rows={records.map((record) => ({ key: record.seq, cells: auditCells(record) }))}
        />
      ) : null}
      <nav className="pager" aria-label="Audit pages">
        <button
          type="button"
          className="button-secondary"
          disabled={pages.length <= 1}
          onClick={() => setPages((current) => current.slice(0, -1))}
        >
          Newer
        </button>
        <span className="muted">Page {pages.length}</span>
        <button
          type="button"
          className="button-secondary"
          disabled={audit.data?.nextBefore === undefined}
          onClick={() => setPages((current) => [...current, audit.data?.nextBefore])}
        >
          Older
        </button>
      </nav>
    </Page>
  );
}

function Verification({ verification }: { verification: AuditResponse['verification'] }): ReactNode {
  if (verification.ok) {
    return (
      <p className="notice notice-ok" role="status">
        <strong>Chain verified.</strong>{' '}
        {verification.count === 1 ? 'The one record links up' : `All ${verification.count} records link up`}
        {verification.headSeq !== undefined ? ` to record #${verification.headSeq}` : ''}; none was altered or
        removed.
      </p>
    );
  }
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>The chain does not verify</strong>
        {verification.brokenAt !== undefined ? ` at record #${verification.brokenAt}` : ''}: records may have
        been altered or removed.
      </p>
      {verification.message ? <p>{verification.message}</p> : null}
    </div>
  );
}

/** One record's cells: what happened, and its first few fields with the rest behind a disclosure. */
function auditCells(record: AuditItem): ReactNode[] {
  const fields = Object.entries(record.data).filter(([, value]) => value !== null && value !== undefined);
  const short = fields.filter(([, value]) => typeof value !== 'object').slice(0, 4);
  return [
    record.seq,
    <time dateTime={record.at}>{formatDateTime(record.at)}</time>,
    <span className="chip">{record.kind}</span>,
    <span className={`actor actor-${record.actorView.kind}`} title={record.actor}>
      {record.actorView.label}
      <span className="actor-kind">{record.actorView.kind}</span>
    </span>,
    <span className="subject">{record.subject}</span>,
    <>
      {short.map(([key, value]) => (
        <span key={key} className="kv">
          <span className="muted">{key}</span> {String(value).slice(0, 80)}
        </span>
      ))}
      {fields.length > short.length ? (
        <details>
          <summary>All fields</summary>
          <pre>{JSON.stringify(record.data, null, 2)}</pre>
          <p className="muted">
            hash {record.hash.slice(0, 16)}… ← {record.prevHash.slice(0, 16)}…
          </p>
        </details>
      ) : null}
    </>,
  ];
}
