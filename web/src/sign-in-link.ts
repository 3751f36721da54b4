import { storeToken } from './api.js';
import { forgetMe } from './me.js';

/**
 * Reads a sign-in link (`…/#token=<token>`, as `blastwall demo` prints it), keeps the token for this tab
 * and removes it from the address bar and the tab's history at once, so it is not bookmarked, shared or
 * left in the back button. A fragment never reaches the server, so the token is in no access log either.
 * Returns whether a link was consumed.
 */
export function consumeSignInLink(
  location: Location = window.location,
  history: History = window.history,
): boolean {
  const match = /^#token=([^&]+)/.exec(location.hash);
  if (!match?.[1]) return false;
  storeToken(decodeURIComponent(match[1]));
  // Whoever was signed in before in this tab is not who this link signs in.
  forgetMe();
  history.replaceState(null, '', `${location.pathname}${location.search}#/`);
  return true;
}
