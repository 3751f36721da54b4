import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readIni } from './ini.js';

/**
 * The project of the active gcloud configuration: `CLOUDSDK_CORE_PROJECT`, else `[core] project` of
 * `configurations/config_<active>` under `CLOUDSDK_CONFIG` (default `~/.config/gcloud`).
 */
export function readGcloudProject(env: Record<string, string | undefined>, home: string): string | undefined {
  if (env.CLOUDSDK_CORE_PROJECT) return env.CLOUDSDK_CORE_PROJECT;
  const dir = env.CLOUDSDK_CONFIG ?? join(home, '.config', 'gcloud');
  let active = env.CLOUDSDK_ACTIVE_CONFIG_NAME;
  if (!active) {
    try {
      active = readFileSync(join(dir, 'active_config'), 'utf8').trim();
    } catch {
      active = 'default';
    }
  }
  return (
    readIni(join(dir, 'configurations', `config_${active || 'default'}`))
      .get('core')
      ?.get('project') || undefined
  );
}
