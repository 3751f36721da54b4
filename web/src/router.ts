import { useEffect, useState } from 'react';

/** The pages, addressed by the URL's hash so any static server can serve the dashboard. */
export type Route =
  | { page: 'overview' }
  | { page: 'queue' }
  | { page: 'changes' }
  | { page: 'change'; changeId: string }
  | { page: 'actions' }
  | { page: 'incidents' }
  | { page: 'audit' }
  | { page: 'capacity' }
  | { page: 'grants' }
  | { page: 'not-found'; path: string };

/** Reads a route from a hash such as `#/changes/abc`. */
export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\?.*$/, '') || '/';
  const parts = path.split('/').filter((part) => part !== '');
  const [first, second] = parts;
  if (first === undefined) return { page: 'overview' };
  if (first === 'changes' && second !== undefined)
    return { page: 'change', changeId: decodeURIComponent(second) };
  if (parts.length === 1 && first === 'grants') return { page: 'grants' };
  if (parts.length === 1 && ['queue', 'changes', 'actions', 'incidents', 'audit', 'capacity'].includes(first))
    return { page: first as 'queue' | 'changes' | 'actions' | 'incidents' | 'audit' | 'capacity' };
  return { page: 'not-found', path };
}

/** The hash link to a route. */
export function href(route: Route): string {
  switch (route.page) {
    case 'overview':
      return '#/';
    case 'change':
      return `#/changes/${encodeURIComponent(route.changeId)}`;
    case 'not-found':
      return `#${route.path}`;
    default:
      return `#/${route.page}`;
  }
}

let navigated = false;

/** Whether the person moved to another page inside this document (not just loaded it). */
export function hasNavigated(): boolean {
  return navigated;
}

/** The current route, following the address bar. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const follow = (): void => {
      navigated = true;
      setRoute(parseHash(window.location.hash));
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}
