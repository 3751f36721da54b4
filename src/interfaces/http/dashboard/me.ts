import type { Hono } from 'hono';
import type { MeResponse } from '../dashboard-contract.js';
import type { Env, PageDeps } from './context.js';

/** `GET /me`: who the token belongs to and whether they may decide. */
export function mePage(routes: Hono<Env>, deps: PageDeps): void {
  const { store } = deps;
  routes.get('/me', async (c) => {
    const principal = c.get('principal');
    const person =
      principal.personId !== undefined
        ? (await store.listPeople()).find((p) => p.id === principal.personId)
        : undefined;
    const body: MeResponse = {
      role: principal.role,
      tokenId: principal.tokenId,
      ...(person && { person: { id: person.id, level: person.level, teams: person.teams } }),
      canDecide: (principal.role === 'reviewer' || principal.role === 'admin') && person !== undefined,
    };
    return c.json(body);
  });
}
