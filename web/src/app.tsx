import { Suspense, useCallback, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, setUnauthenticatedHandler, storedToken, storeToken } from './api.js';
import { Shell } from './components/shell.js';
import { Loading } from './components/status.js';
import type { MeResponse } from './contract.js';
import { forgetMe, MeContext, rememberedMe, rememberMe } from './me.js';
import { ActionsPage } from './pages/actions.js';
import { AuditPage } from './pages/audit.js';
import { CapacityPage } from './pages/capacity.js';
import { ChangePage } from './pages/change.js';
import { ChangesPage } from './pages/changes.js';
import { GrantsPage } from './pages/grants.js';
import { IncidentsPage } from './pages/incidents.js';
import { NotFoundPage } from './pages/not-found.js';
import { OverviewPage } from './pages/overview.js';
import { QueuePage } from './pages/queue.js';
import { SignInPage } from './pages/sign-in.js';
import { useRoute, type Route } from './router.js';

type Session =
  | { state: 'checking' }
  | { state: 'signed-out'; message?: string }
  | { state: 'signed-in'; me: MeResponse; checked: boolean };

/** With a token and the person it showed last time, the page starts at once and checks the token meanwhile. */
function initialSession(): Session {
  if (!storedToken()) return { state: 'signed-out' };
  const me = rememberedMe();
  return me ? { state: 'signed-in', me, checked: false } : { state: 'checking' };
}

/** Signs in, then shows the page the address names. */
export function App(): ReactNode {
  const [session, setSession] = useState<Session>(initialSession);
  const route = useRoute();

  const signOut = useCallback((message?: string) => {
    storeToken(undefined);
    forgetMe();
    setSession({ state: 'signed-out', ...(message !== undefined && { message }) });
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler((message) => signOut(`Signed out: ${message}`));
  }, [signOut]);

  const unchecked = session.state === 'checking' || (session.state === 'signed-in' && !session.checked);
  useEffect(() => {
    if (!unchecked) return;
    api<MeResponse>('/v1/me').then(
      (me) => {
        rememberMe(me);
        setSession({ state: 'signed-in', me, checked: true });
      },
      (error: unknown) =>
        signOut(
          error instanceof ApiError ? `Signed out: ${error.message}` : 'Could not check the saved token.',
        ),
    );
  }, [unchecked, signOut]);

  if (session.state === 'checking') return <Loading what="your session" />;
  if (session.state === 'signed-out') {
    return (
      <SignInPage
        message={session.message}
        onSignedIn={(token, me) => {
          storeToken(token);
          rememberMe(me);
          setSession({ state: 'signed-in', me, checked: true });
        }}
      />
    );
  }
  return (
    <MeContext.Provider value={session.me}>
      <Shell route={route} onSignOut={() => signOut()}>
        <Suspense fallback={<Loading what="the page" />}>
          <CurrentPage route={route} />
        </Suspense>
      </Shell>
    </MeContext.Provider>
  );
}

function CurrentPage({ route }: { route: Route }): ReactNode {
  switch (route.page) {
    case 'overview':
      return <OverviewPage />;
    case 'queue':
      return <QueuePage />;
    case 'changes':
      return <ChangesPage />;
    case 'change':
      return <ChangePage key={route.changeId} changeId={route.changeId} />;
    case 'actions':
      return <ActionsPage />;
    case 'incidents':
      return <IncidentsPage />;
    case 'audit':
      return <AuditPage />;
    case 'capacity':
      return <CapacityPage />;
    case 'grants':
      return <GrantsPage />;
    case 'not-found':
      return <NotFoundPage path={route.path} />;
  }
}
