import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The default subscription of the Azure CLI (`az account set` records it as `isDefault` in
 * `azureProfile.json` under `AZURE_CONFIG_DIR`, default `~/.azure`); undefined when none is readable.
 */
export function readAzureSubscription(
  env: Record<string, string | undefined>,
  home: string,
): string | undefined {
  try {
    const text = readFileSync(
      join(env.AZURE_CONFIG_DIR ?? join(home, '.azure'), 'azureProfile.json'),
      'utf8',
    );
    // The CLI writes the file with a byte-order mark.
    const profile = JSON.parse(text.replace(/^\uFEFF/, '')) as { subscriptions?: unknown };
    if (!Array.isArray(profile.subscriptions)) return undefined;
    for (const entry of profile.subscriptions as { id?: unknown; isDefault?: unknown }[])
      if (entry.isDefault === true && typeof entry.id === 'string') return entry.id;
    return undefined;
  } catch {
    return undefined;
  }
}
