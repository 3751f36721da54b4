import { createContext, useContext } from 'react';
import type { MeResponse } from './contract.js';

/** Who is signed in; every page below the sign-in has one. */
export const MeContext = createContext<MeResponse | undefined>(undefined);

/** The signed-in person (or token). */
export function useMe(): MeResponse {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside a signed-in page');
  return me;
}

/** "Sam Lee (senior)" or the token's role when no person holds it. */
export function describeMe(me: MeResponse): string {
  if (!me.person) return `${me.role} token`;
  return `${me.person.name ?? me.person.id} (${me.person.level})`;
}

const ME_KEY = 'blastwall.me';

/** Keeps who the token belongs to for this tab, so a reload shows the page without waiting for `/v1/me`. */
export function rememberMe(me: MeResponse): void {
  sessionStorage.setItem(ME_KEY, JSON.stringify(me));
}

/** The person remembered for this tab, if any (only a hint for the layout: the server decides everything). */
export function rememberedMe(): MeResponse | undefined {
  try {
    const text = sessionStorage.getItem(ME_KEY);
    return text ? (JSON.parse(text) as MeResponse) : undefined;
  } catch {
    return undefined;
  }
}

/** Forgets the remembered person (on sign-out). */
export function forgetMe(): void {
  sessionStorage.removeItem(ME_KEY);
}
