import { describe, expect, it } from 'vitest';
import { classifyEditorAccess, type EditorAccess } from './editor-tools.js';

const place = { workspace: '/work/repo', home: '/home/dev', cwd: '/work/repo' };

function classify(path: string, access: EditorAccess = 'write') {
  return classifyEditorAccess({ path, access, tool: 'Write' }, place);
}

describe('classifyEditorAccess', () => {
  it.each([
    'src/index.ts',
    '/work/repo/README.md',
    '.env.example',
    '/tmp/scratch.txt',
    'terraform/dev/main.tf',
    'docs/production-notes.md',
  ])('finds nothing to decide in an ordinary write to %s', (path) => {
    expect(classify(path)).toEqual([]);
  });

  it.each([
    ['blastwall.yaml'],
    ['policies/local.cedar'],
    ['.blastwall/store.db'],
    ['.claude/settings.json'],
    ['.claude/settings.local.json'],
    ['.codex/hooks.json'],
    ['.codex/config.toml'],
    ['.gemini/settings.json'],
    ['.cursor/hooks.json'],
    ['.github/hooks/guard.json'],
    ['.kiro/agents/default.json'],
    ['~/.claude/settings.json'],
    ['~/.codex/config.toml'],
    ['~/.copilot/hooks/hooks.json'],
    ['/etc/claude-code/managed-settings.json'],
  ])('protects the guardrail config %s', (path) => {
    const [operation] = classify(path);
    expect(operation).toMatchObject({
      category: 'self-protection',
      selfProtection: true,
      destructive: true,
      reversible: true,
      kind: 'write',
    });
  });

  it.each([['.env'], ['.env.production'], ['certs/server.pem'], ['~/.ssh/id_rsa'], ['deploy/tls.key']])(
    'treats a write to %s as destroying a secret',
    (path) => {
      const [operation] = classify(path);
      expect(operation).toMatchObject({ category: 'editor', destructive: true, reversible: false });
      expect(operation?.summary).toContain('secret');
    },
  );

  // The files `blastwall creds setup` points the agent's tools at: rewriting one could swap the broker for
  // credentials found on disk, so it is held as a write to blastwall's own guardrails (docs/creds.md).
  it.each([['~/.aws/credentials'], ['~/.kube/config']])(
    'holds a write to %s as a change to the credentials the broker stands behind',
    (path) => {
      const [operation] = classify(path);
      expect(operation).toMatchObject({
        category: 'self-protection',
        selfProtection: true,
        destructive: true,
      });
      expect(operation?.summary).toContain('broker');
    },
  );

  it.each([
    ['.github/workflows/deploy.yml'],
    ['.gitlab-ci.yml'],
    ['terraform/prod/main.tf'],
    ['k8s/prod/deployment.yaml'],
    ['infra/environments/production/vars.tfvars'],
    ['helm/values-prod.yaml'],
  ])('holds an edit of the deploying definition %s (destructive but reversible through git)', (path) => {
    const [operation] = classify(path);
    expect(operation).toMatchObject({
      category: 'editor',
      destructive: true,
      reversible: true,
      target: path,
    });
  });

  it.each([['/etc/hosts'], ['../other-repo/src/a.ts'], ['~/notes.txt']])(
    'treats a write outside the workspace to %s as irreversible',
    (path) => {
      const [operation] = classify(path);
      expect(operation).toMatchObject({
        category: 'editor',
        destructive: true,
        reversible: false,
        hints: { local: true },
      });
    },
  );

  it('classifies a delete as a delete', () => {
    expect(classify('.github/workflows/ci.yml', 'delete')[0]?.kind).toBe('delete');
  });

  it('reports reads of secrets only, never of ordinary or guardrail files', () => {
    expect(classify('~/.aws/credentials', 'read')[0]).toMatchObject({ kind: 'read', destructive: false });
    expect(classify('src/a.ts', 'read')).toEqual([]);
    expect(classify('/etc/hosts', 'read')).toEqual([]);
    expect(classify('blastwall.yaml', 'read')).toEqual([]);
  });
});
