import { join } from 'node:path';
import { accountOfRoleArn } from '../../core/actions/identity.js';
import { readIni } from './ini.js';

/** What an AWS profile resolves to: the account (`sso_account_id`, or `role_arn`'s account) and the role. */
export interface AwsTarget {
  account?: string;
  role?: string;
}

/**
 * Every profile of `~/.aws/config` (or `AWS_CONFIG_FILE`) resolved to its account. A profile that only
 * names a `source_profile` takes that profile's account unless it assumes a role of its own.
 */
export function readAwsProfiles(
  env: Record<string, string | undefined>,
  home: string,
): Record<string, AwsTarget> {
  const sections = readIni(env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'));
  const raw = new Map<string, Map<string, string>>();
  for (const [header, values] of sections) {
    const name = header === 'default' ? 'default' : /^profile\s+(.+)$/.exec(header)?.[1]?.trim();
    if (name !== undefined) raw.set(name, values);
  }
  const resolve = (name: string, seen: Set<string>): AwsTarget => {
    const values = raw.get(name);
    if (values === undefined || seen.has(name)) return {};
    seen.add(name);
    const role = values.get('role_arn');
    const account = values.get('sso_account_id') ?? (role !== undefined ? accountOfRoleArn(role) : undefined);
    if (account !== undefined) return { account, ...(role !== undefined ? { role } : {}) };
    const source = values.get('source_profile');
    return source !== undefined ? resolve(source, seen) : {};
  };
  const profiles: Record<string, AwsTarget> = {};
  for (const name of raw.keys()) profiles[name] = resolve(name, new Set());
  return profiles;
}
