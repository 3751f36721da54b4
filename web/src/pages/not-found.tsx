import type { ReactNode } from 'react';
import { Page } from '../components/page.js';

/** An address the dashboard does not know. */
export function NotFoundPage({ path }: { path: string }): ReactNode {
  return (
    <Page name="not-found" title="Page not found" ready>
      <p>
        There is no page at <code>{path}</code>. <a href="#/">Go to the overview</a>.
      </p>
    </Page>
  );
}
