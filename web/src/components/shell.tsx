import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import { describeMe, useMe } from '../me.js';
import { href, type Route } from '../router.js';

const NAV: Array<{ label: string; route: Route; matches: Route['page'][] }> = [
  { label: 'Overview', route: { page: 'overview' }, matches: ['overview'] },
  { label: 'Review queue', route: { page: 'queue' }, matches: ['queue'] },
  { label: 'Changes', route: { page: 'changes' }, matches: ['changes', 'change'] },
  { label: 'Agent actions', route: { page: 'actions' }, matches: ['actions'] },
  { label: 'Incidents', route: { page: 'incidents' }, matches: ['incidents'] },
  { label: 'Capacity', route: { page: 'capacity' }, matches: ['capacity'] },
  { label: 'Grants', route: { page: 'grants' }, matches: ['grants'] },
  { label: 'Audit', route: { page: 'audit' }, matches: ['audit'] },
];

/** The frame around every signed-in page: skip link, banner, navigation, main landmark. */
export function Shell({
  route,
  onSignOut,
  children,
}: {
  route: Route;
  onSignOut: () => void;
  children: ReactNode;
}): ReactNode {
  const me = useMe();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [route]);
  return (
    <>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <header className="banner">
        <div className="banner-inner">
          <a className="brand" href="#/">
            <span className="brand-mark" aria-hidden="true" />
            blastwall
          </a>
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            Menu
          </button>
          <nav id="main-nav" aria-label="Main" className={menuOpen ? 'nav nav-open' : 'nav'}>
            <ul>
              {NAV.map((item) => (
                <li key={item.label}>
                  <a
                    href={href(item.route)}
                    aria-current={item.matches.includes(route.page) ? 'page' : undefined}
                  >
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div className="whoami">
            <span className="whoami-name">{describeMe(me)}</span>
            <button type="button" className="button-link" onClick={onSignOut}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <p>blastwall — every decision here carries its reasons and lands in the audit log.</p>
      </footer>
    </>
  );
}

/** Hash routing uses the hash, so the skip link moves focus itself instead of navigating. */
function skipToMain(event: MouseEvent<HTMLAnchorElement>): void {
  event.preventDefault();
  document.getElementById('main')?.focus();
}
