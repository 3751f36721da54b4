// The words a name is read by, for the environment it names: production or a shared environment (`pgdata_prod`,
// `dev-shop-production`) is never a test/dev target, and a word for it anywhere in a name outweighs a dev word.

/** Words that name production or a shared environment: never a local test/dev target. */
const SHARED = new Set([
  'prod',
  'production',
  'prd',
  'live',
  'staging',
  'stage',
  'stg',
  'uat',
  'preprod',
  'qa',
]);
/** The lower-case words of a value split at every non-alphanumeric and camelCase (`config.settings.test`). */
export function words(value: string): string[] {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** The production or shared-environment word a value carries (`pgdata_prod`, `config.settings.production`). */
export function sharedWord(value: string): string | undefined {
  return words(value).find((w) => SHARED.has(w));
}
