import type { ActionSurroundings, CommandClassifier, SimpleCommand } from '../../types.js';
import { hasFlag, optionValue, positionals } from '../args.js';
import { operation, envVar } from '../operation.js';
import { verbTokens } from '../generic/intent.js';

// The Stripe CLI acts in test mode unless told otherwise: a test-mode customer, subscription or coupon is a
// sandbox object no real customer or money stands behind, so deleting it is everyday. Live mode (`--live`, a
// `sk_live_`/`rk_live_` key) acts on real customers and real money: what cancels, deletes, voids or refunds there
// cannot be taken back.

/** Verb tokens that end or remove a live object (`subscriptions cancel`, `invoices void`, `payment_methods detach`). */
const ENDING = new Set([
  'delete',
  'del',
  'cancel',
  'void',
  'close',
  'reject',
  'expire',
  'detach',
  'uncollectible',
  'remove',
  'purge',
]);
/** Resources whose `create` sends real money out (`refunds create`, `payouts create`). */
const MONEY_OUT = new Set(['refunds', 'payouts', 'transfers', 'topups', 'reversals']);
const VALUED = new Set([
  '--api-key',
  '--project-name',
  '-p',
  '--stripe-account',
  '--stripe-version',
  '-d',
  '--data',
]);

/** True when the command acts in live mode, or may (a key only known when it runs). */
function liveMode(command: SimpleCommand, surroundings: ActionSurroundings): boolean {
  if (hasFlag(command.args, ['--live'])) return true;
  const key = optionValue(command.args, ['--api-key']) ?? envVar(command, surroundings, 'STRIPE_API_KEY');
  if (key === undefined) return false;
  return /^(?:sk|rk)_live_/.test(key) || !/^(?:sk|rk|pk)_test_/.test(key);
}

/** stripe RESOURCE VERB … and stripe delete|post PATH in live mode. */
export const classifyStripe: CommandClassifier = (command, surroundings) => {
  if (!liveMode(command, surroundings)) return [];
  const words = positionals(command.args, VALUED);
  const [first = '', second = '', third = ''] = words;
  let what: string | undefined;
  if (first === 'delete') what = `stripe delete ${second}`;
  else if (
    first === 'post' &&
    /\/(?:cancel|void|close|reject|expire|detach|refunds|payouts|transfers)\b/.test(second)
  )
    what = `stripe post ${second}`;
  else if (verbTokens(second).some((t) => ENDING.has(t)) || (MONEY_OUT.has(first) && second === 'create'))
    what = `stripe ${first} ${second} ${third}`.trim();
  if (what === undefined) return [];
  return [
    operation(command, {
      kind: 'delete',
      category: 'platform',
      destructive: true,
      reversible: false,
      target: third || second || first,
      summary: `${what} in Stripe live mode (real customers and real money)`,
      hints: { environment: 'prod' },
    }),
  ];
};
