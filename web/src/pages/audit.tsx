import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { query } from '../api.js';
import { Page } from '../components/page.js';
import { Empty, ErrorMessage, Loading } from '../components/status.js';
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
      ready={audit.data !== undefined || audit.error !== undefined}
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
      {audit.error ? <ErrorMessage error={audit.error} retry={audit.reload} /> : null}
      {!audit.data && !audit.error ? <Loading what="the audit log" /> : null}
      {audit.data && records.length === 0 ? (
        <Empty>{search ? `No record matches “${search}”.` : 'The log is empty.'}</Empty>
      ) : null}
      {records.length > 0 ? (
        <table className="rtable audit">
          <caption className="visually-hidden">
            Audit records{search ? ` matching ${search}` : ''}, newest first
          </caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When</th>
              <th scope="col">Kind</th>
              <th scope="col">Actor</th>
              <th scope="col">Subject</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {records.map((record) => (
              <AuditRow key={record.seq} record={record} />
            ))}
          </tbody>
        </table>
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
        <strong>Chain verified.</strong> All {verification.count} records link up
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

function AuditRow({ record }: { record: AuditItem }): ReactNode {
  const fields = Object.entries(record.data).filter(([, value]) => value !== null && value !== undefined);
  const short = fields.filter(([, value]) => typeof value !== 'object').slice(0, 4);
  return (
    <tr>
      <th scope="row" data-label="#">
        {record.seq}
      </th>
      <td data-label="When">
        <time dateTime={record.at}>{formatDateTime(record.at)}</time>
      </td>
      <td data-label="Kind">
        <span className="chip">{record.kind}</span>
      </td>
      <td data-label="Actor">{record.actor}</td>
      <td data-label="Subject" className="break">
        {record.subject}
      </td>
      <td data-label="Details" className="break">
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
      </td>
    </tr>
  );
}
