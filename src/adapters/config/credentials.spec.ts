import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { readConfigFile } from './load-config.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bw-creds-config-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function read(yaml: string) {
  const path = join(dir, 'blastwall.yaml');
  writeFileSync(path, yaml);
  return readConfigFile(path);
}

describe('credentials in blastwall.yaml', () => {
  it('accepts the minimal form of issue 20', () => {
    const file = read(`credentials:
  prod:
    postgres: { adminUrlEnv: BLASTWALL_PG_ADMIN_URL, readRole: app_read, writeRole: app_write, maxGrant: 30m }
`);
    expect(file.credentials.prod?.postgres).toEqual({
      adminUrlEnv: 'BLASTWALL_PG_ADMIN_URL',
      readRole: 'app_read',
      writeRole: 'app_write',
      maxGrant: '30m',
    });
  });

  it.each([
    ['an admin URL written in the YAML', 'adminUrl: postgres://admin:pw@db/app, readRole: r, writeRole: w'],
    ['no source of the admin URL', 'readRole: r, writeRole: w'],
    ['both an env and a file', 'adminUrlEnv: A, adminUrlFile: /run/secret, readRole: r, writeRole: w'],
    ['a duration without a unit', 'adminUrlEnv: A, readRole: r, writeRole: w, maxGrant: "30"'],
    ['a role name that needs quoting', 'adminUrlEnv: A, readRole: "App Read", writeRole: w'],
  ])('rejects %s with the file and line', (_what, fields) => {
    expect(() => read(`credentials:\n  prod:\n    postgres: { ${fields} }\n`)).toThrow(ConfigError);
    expect(() => read(`credentials:\n  prod:\n    postgres: { ${fields} }\n`)).toThrow(/blastwall\.yaml:\d+/);
  });
});
