import { useEffect, useRef, type ReactNode } from 'react';
import { hasNavigated } from '../router.js';

interface PageProps {
  /** A stable name, used for the ready marker the browser tests wait for. */
  name: string;
  title: string;
  /** A line under the title saying what the page is for. */
  lead?: ReactNode;
  /** True once the page shows its data (or its error): sets `data-ready` and a performance mark. */
  ready: boolean;
  actions?: ReactNode;
  children: ReactNode;
}

/** The frame of every page: its heading (focused after navigation, for screen readers) and ready marker. */
export function Page({ name, title, lead, ready, actions, children }: PageProps): ReactNode {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · blastwall`;
  }, [title]);
  useEffect(() => {
    // After moving to another page, focus its heading so screen readers announce it; on a fresh load the
    // skip link comes first.
    if (hasNavigated()) heading.current?.focus();
  }, [name]);
  useEffect(() => {
    if (ready) performance.mark(`ready:${name}`);
  }, [ready, name]);
  return (
    <div className="page" data-page={name} data-ready={ready ? 'true' : undefined} aria-busy={!ready}>
      <div className="page-head">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {title}
          </h1>
          {lead ? <p className="lead">{lead}</p> : null}
        </div>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </div>
  );
}
