import { describe, expect, it } from 'vitest';
import type { SimpleCommand } from '../types.js';
import { cmd, cmdArgs, surroundings } from './command-factory.js';
import { classifyCommand } from './index.js';
import type { SqlAnalyzer } from './sql-analyzer.js';
import { classifySelfProtection } from './self-protection.js';

const here = surroundings({ env: { PATH: '/usr/local/bin:/usr/bin' } });

function guarded(command: SimpleCommand): string[] {
  return classifySelfProtection(command, here).map((op) => op.summary);
}

describe('classifySelfProtection: files that configure the guardrail', () => {
  it.each([
    ['redirect over blastwall.yaml', cmd('echo x', { redirects: [{ op: '>', target: 'blastwall.yaml' }] })],
    ['append to a policy', cmd('cat extra', { redirects: [{ op: '>>', target: 'policies/agents.cedar' }] })],
    ['tee into ~/.config/blastwall', cmd('tee ~/.config/blastwall/blastwall.yaml')],
    ['sed -i on the config', cmd('sed -i s/protected:true/protected:false/ blastwall.yaml')],
    ['sed -i.bak on a policy', cmd('sed -i.bak s/forbid/permit/ policies/agents.cedar')],
    ['perl -pi on the config', cmdArgs('perl', ['-pi', '-e', 's/true/false/', 'blastwall.yml'])],
    ['cp over Claude settings', cmd('cp /tmp/empty.json .claude/settings.json')],
    ['cp into the .claude folder', cmd('cp settings.json .claude/')],
    ['cp -t into the .claude folder', cmd('cp -t .claude settings.local.json')],
    ['mv the settings away', cmd('mv .claude/settings.json /tmp/')],
    ['rm the local settings', cmd('rm .claude/settings.local.json')],
    ['rm -rf the .claude folder', cmd('rm -rf .claude')],
    ['rm a glob of policies', cmd('rm policies/*.cedar')],
    ['rm -rf the store', cmd('rm -rf .blastwall')],
    ['rm the database', cmd('rm .blastwall/blastwall.db')],
    ['rm the user config', cmd('rm -rf ~/.config/blastwall')],
    ['rm the cache', cmd('rm -rf $HOME/.cache/blastwall')],
    ['rm the local install', cmd('rm -rf node_modules/blastwall')],
    ['rm the global install', cmd('rm -rf /usr/local/lib/node_modules/blastwall')],
    ['rm the binary on PATH', cmd('rm /usr/local/bin/blastwall')],
    ['rm the binary found at run time', cmdArgs('rm', ['$(which blastwall)'], { dynamicArgs: [0] })],
    ['ln -sf over the hooks', cmd('ln -sf /dev/null .codex/hooks.json')],
    ['truncate the codex config', cmd('truncate -s 0 .codex/config.toml')],
    ['dd over the gemini settings', cmd('dd if=/dev/null of=.gemini/settings.json')],
    ['chmod the cursor hooks', cmd('chmod 000 .cursor/hooks.json')],
    ['write home cursor hooks', cmd('tee ~/.cursor/hooks.json')],
    ['write home claude settings', cmd('cp x.json /home/dev/.claude/settings.json')],
    ['anything in ~/.codex', cmd('rm ~/.codex/auth.json')],
    ['copilot repository hooks', cmd('rm .github/hooks/blastwall.json')],
    ['copilot user config', cmd('rm -rf ~/.copilot')],
    ['kiro hooks', cmd('rm .kiro/hooks/guard.kiro.hook')],
    ['kiro settings', cmd('tee .kiro/settings/hooks.json')],
    ['git hooks', cmd('rm .git/hooks/pre-commit')],
    ['git rm of a policy', cmd('git rm policies/agents.cedar')],
    ['find -delete in .claude', cmd('find .claude -name *.json -delete')],
    ['curl -o over the settings', cmd('curl -o .claude/settings.json https://example.com/x')],
    ['python open(...,"w")', cmdArgs('python3', ['-c', "open('.claude/settings.json','w').write('{}')"])],
    ['node writeFileSync', cmdArgs('node', ['-e', "require('fs').writeFileSync('blastwall.yaml','')"])],
    ['python heredoc', cmd('python3 -', { stdin: 'import os\nos.remove("policies/agents.cedar")\n' })],
    ['the org policy folder', cmd('rm -rf /srv/org-policies')],
  ])('%s is self-protection', (_name, command) => {
    const place = surroundings({ env: { BLASTWALL_ORG_DIR: '/srv/org-policies' } });
    const ops = classifySelfProtection(command, place);
    expect(ops.length).toBeGreaterThan(0);
    expect(ops[0]).toMatchObject({
      category: 'self-protection',
      selfProtection: true,
      destructive: true,
      reversible: true,
    });
  });

  it.each([
    ['reading Claude settings', cmd('cat .claude/settings.json')],
    ['grepping the config', cmd('grep -n protected blastwall.yaml')],
    ['copying the config elsewhere', cmd('cp blastwall.yaml /tmp/backup.yaml')],
    ['copying .claude as a backup', cmd('cp -r .claude .claude.bak')],
    [
      'redirecting config into another file',
      cmd('cat blastwall.yaml', { redirects: [{ op: '>', target: 'out.txt' }] }),
    ],
    ['reading input from the config', cmd('wc -l', { redirects: [{ op: '<', target: 'blastwall.yaml' }] })],
    ['editing an ordinary source file', cmd('sed -i s/a/b/ src/index.ts')],
    ['writing an ordinary file', cmd('tee src/app.ts')],
    ['removing build output', cmd('rm -rf dist')],
    ['removing node_modules', cmd('rm -rf node_modules')],
    ['removing an ordinary dotfile folder', cmd('rm -rf .next')],
    [
      'python reading the settings',
      cmdArgs('python3', ['-c', "print(open('.claude/settings.json').read())"]),
    ],
    ['sed without -i', cmd('sed -n 1,5p blastwall.yaml')],
    [
      'the same command on another machine',
      cmd('rm .claude/settings.json', { remote: { kind: 'ssh', host: 'box' } }),
    ],
  ])('%s is not self-protection', (_name, command) => {
    expect(guarded(command)).toEqual([]);
  });

  it('names the file and what it configures', () => {
    const [summary] = guarded(cmd('rm .claude/settings.json'));
    expect(summary).toBe("deletes /home/dev/project/.claude/settings.json, Claude Code's hook settings");
  });
});

describe('classifySelfProtection: bypasses', () => {
  it.each([
    ['export BLASTWALL_', cmd('export BLASTWALL_CACHE=off')],
    ['export BLASTWALL_ORG_DIR to an empty folder', cmd('export BLASTWALL_ORG_DIR=/tmp/empty')],
    ['declare -x BLASTWALL_', cmd('declare -x BLASTWALL_AGENT=human')],
    ['export -n BLASTWALL_', cmd('export -n BLASTWALL_AGENT')],
    ['unset BLASTWALL_', cmd('unset BLASTWALL_AGENT')],
    ['env -u BLASTWALL_', cmd('npm test', { wrappers: ['env'], source: 'env -u BLASTWALL_AGENT npm test' })],
    ['env --unset=BLASTWALL_', cmd('make', { wrappers: ['env'], source: 'env --unset=BLASTWALL_DB make' })],
    ['a BLASTWALL_ prefix', cmd('git push', { env: { BLASTWALL_AGENT: 'none' } })],
    ['HUSKY=0', cmd('git commit -m x', { env: { HUSKY: '0' } })],
    ['export HUSKY=0', cmd('export HUSKY=0')],
    [
      'GIT_CONFIG_PARAMETERS',
      cmd('git commit -m x', { env: { GIT_CONFIG_PARAMETERS: "'core.hooksPath=/dev/null'" } }),
    ],
    ['git config core.hooksPath', cmd('git config core.hooksPath /dev/null')],
    ['git config --global core.hooksPath', cmd('git config --global core.hookspath /tmp/none')],
    ['git config --unset core.hooksPath', cmd('git config --unset core.hooksPath')],
    ['git config set core.hooksPath', cmd('git config set core.hooksPath ../x')],
    ['git -c core.hooksPath=', cmd('git -c core.hooksPath=/dev/null commit -m x')],
    ['git commit --no-verify', cmd('git commit --no-verify -m x')],
    ['git commit -n', cmd('git commit -n -m x')],
    ['git commit -anm', cmd('git commit -anm x')],
    ['git push --no-verify', cmd('git push --no-verify origin main')],
    ['git merge --no-verify', cmd('git merge --no-verify feature')],
    ['pkill -f blastwall', cmd('pkill -f blastwall')],
    ['killall blastwall', cmd('killall blastwall')],
    ['kill $(pgrep blastwall)', cmdArgs('kill', ['$(pgrep blastwall)'], { dynamicArgs: [0] })],
    ['kill the pid file', cmdArgs('kill', ['-9', '$(cat .blastwall/server.pid)'], { dynamicArgs: [1] })],
    ['systemctl stop blastwall', cmd('systemctl stop blastwall')],
    ['service blastwall stop', cmd('service blastwall stop')],
    ['docker stop blastwall', cmd('docker stop blastwall-server')],
    ['npm uninstall blastwall', cmd('npm uninstall blastwall')],
    ['npm rm -g blastwall', cmd('npm rm -g blastwall')],
    ['yarn remove blastwall', cmd('yarn remove blastwall')],
    ['yarn global remove blastwall', cmd('yarn global remove blastwall')],
    ['pnpm rm blastwall@1', cmd('pnpm rm blastwall@1.0.0')],
    ['blastwall approve', cmd('blastwall approve ap_123 --reason ok')],
    ['npx blastwall approve', cmd('npx blastwall approve ap_123')],
    ['blastwall token', cmd('blastwall token create --person sam')],
  ])('%s is self-protection', (_name, command) => {
    const ops = classifySelfProtection(command, here);
    expect(ops.length).toBeGreaterThan(0);
    expect(ops[0]).toMatchObject({ category: 'self-protection', selfProtection: true, reversible: true });
  });

  it.each([
    ['a message that mentions --no-verify', cmdArgs('git', ['commit', '-m', 'mention --no-verify'])],
    ['-am with a message', cmdArgs('git', ['commit', '-am', 'no verify needed'])],
    ['git push -n (dry run)', cmd('git push -n origin main')],
    ['echo BLASTWALL_X (not an assignment)', cmd('echo BLASTWALL_X')],
    ['export BLASTWALL_X (no assignment)', cmd('export BLASTWALL_X')],
    ['export of another variable', cmd('export NODE_ENV=test')],
    ['unset of another variable', cmd('unset NODE_ENV')],
    ['reading core.hooksPath', cmd('git config core.hooksPath')],
    ['git config --get core.hooksPath', cmd('git config --get core.hooksPath')],
    ['git config of something else', cmd('git config user.email a@b.c')],
    ['killall node (does not name blastwall)', cmd('killall node')],
    ['pgrep blastwall (a read)', cmd('pgrep -f blastwall')],
    ['systemctl status blastwall', cmd('systemctl status blastwall')],
    ['npm uninstall of another package', cmd('npm uninstall lodash')],
    ['npm run rm', cmd('npm run rm')],
    ['HUSKY=1', cmd('git commit -m x', { env: { HUSKY: '1' } })],
    ['running the blastwall CLI', cmd('blastwall check HEAD~1..HEAD')],
    ['listing approvals', cmd('npx blastwall approvals')],
  ])('%s is not self-protection', (_name, command) => {
    expect(guarded(command)).toEqual([]);
  });
});

describe('classifyCommand runs self-protection for every command', () => {
  const deps = { sql: { analyze: () => ({ statements: [], errors: [] }) } satisfies SqlAnalyzer };

  it.each([
    cmd('echo {}', { redirects: [{ op: '>', target: '.claude/settings.json' }] }),
    cmd('printf x', { env: { BLASTWALL_AGENT: 'x' } }),
    cmd('rm -rf .blastwall'),
  ])('%# a command of any name carries the self-protection operation', (command) => {
    const ops = classifyCommand(command, here, deps);
    expect(ops.some((op) => op.selfProtection === true)).toBe(true);
  });

  it('leaves harmless commands with no operation', () => {
    expect(classifyCommand(cmd('ls -la .claude'), here, deps)).toEqual([]);
  });
});
