import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGate, type LoadedGate } from '../../src/app/gate.js';
import {
  createRestorePointKeeper,
  DEFAULT_RESTORE_LIMITS,
  listRestorePoints,
  undoRestorePoint,
} from '../../src/adapters/host/restore-points.js';

// DESIGN.md's agent-undoable-workspace: a loss confined to the agent's workspace (untracked or uncommitted work, a
// local branch, a stash) runs behind a restore point that `blastwall undo` replays. Real git repositories, the real
// keeper writing real restore points, real commands run after the decision, and the real CLI and hook.

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'blastwall.js');
const CONFIG = `people:
  - { id: sam, level: senior, emails: [sam@example.com] }
environments:
  prod: { protected: true, match: { kubeContext: ["prod-*"] } }
`;

let root: string;
let home: string;
let repo: string;
let data: string;
let gate: LoadedGate;

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', ...args], {
    cwd: repo,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, GIT_CONFIG_NOSYSTEM: '1' },
    encoding: 'utf8',
  });
}

/** Runs the command as the agent would, once the gate allowed it. */
function run(command: string): void {
  execFileSync('bash', ['-c', command], { cwd: repo, stdio: 'ignore', env: { ...process.env, HOME: home } });
}

function write(rel: string, text: string): void {
  mkdirSync(join(repo, rel, '..'), { recursive: true });
  writeFileSync(join(repo, rel), text);
}

function read(rel: string): string {
  return readFileSync(join(repo, rel), 'utf8');
}

const decide = (command: string) =>
  gate.evaluateCommand({ command, agent: 'claude-code', onBehalfOf: 'sam' });

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bw-restore-'));
  home = join(root, 'home');
  repo = join(home, 'project');
  data = join(root, 'data');
  mkdirSync(repo, { recursive: true });
  writeFileSync(join(repo, 'blastwall.yaml'), CONFIG);
  writeFileSync(join(repo, '.gitignore'), '.env\nnode_modules/\ndist/\n');
  write('src/app.ts', 'export const app = 1;\n');
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'initial');
  gate = await createGate({
    cwd: repo,
    env: { HOME: home, PATH: '/usr/bin:/bin', KUBECONFIG: join(root, 'none') },
    restorePointsIn: data,
  });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => {
  git('reset', '-q', '--hard');
  git('clean', '-q', '-fdx', '-e', 'blastwall.yaml');
});

describe('a loss inside the workspace runs behind a restore point that undo replays', () => {
  it('git clean -fdx: keeps untracked and ignored files, names the caches it does not keep, and undo brings them back', () => {
    write('notes/todo.md', 'remember the migration\n');
    write('.env', 'SECRET=1\n');
    write('node_modules/x/index.js', 'module.exports = 1;\n');

    const decision = decide('git clean -fdx');
    expect(decision.decision, decision.reasons.join('\n')).toBe('allow');
    expect(decision.restorePoint).toMatchObject({ files: 2, refs: 0 });
    expect(decision.restorePoint?.notKept).toEqual([join(repo, 'node_modules')]);
    run('git clean -fdx');
    expect(existsSync(join(repo, 'notes/todo.md'))).toBe(false);

    const point = listRestorePoints(data).find((p) => p.id === decision.restorePoint?.id);
    expect(point?.command).toBe('git clean -fdx');
    const result = undoRestorePoint(data, point!);
    expect(result.conflicts).toEqual([]);
    expect(read('notes/todo.md')).toBe('remember the migration\n');
    expect(read('.env')).toBe('SECRET=1\n');
  });

  it('git reset --hard HEAD~1: undo puts HEAD back and re-applies the uncommitted and the staged changes', () => {
    write('src/app.ts', 'export const app = 2;\n');
    git('commit', '-q', '-am', 'two');
    write('src/app.ts', 'export const app = 3; // unsaved work\n');
    write('src/new.ts', 'staged\n');
    git('add', 'src/new.ts');
    const head = git('rev-parse', 'HEAD').trim();

    const decision = decide('git reset --hard HEAD~1');
    expect(decision.decision, decision.reasons.join('\n')).toBe('allow');
    run('git reset --hard HEAD~1');
    expect(read('src/app.ts')).toBe('export const app = 1;\n');

    const point = listRestorePoints(data).find((p) => p.id === decision.restorePoint?.id)!;
    expect(undoRestorePoint(data, point).conflicts).toEqual([]);
    expect(git('rev-parse', 'HEAD').trim()).toBe(head);
    expect(read('src/app.ts')).toBe('export const app = 3; // unsaved work\n');
    expect(git('diff', '--cached', '--name-only').trim()).toBe('src/new.ts');
  });

  it('git branch -D and git stash drop: undo brings the branch and the stash back at the same commits', () => {
    git('branch', 'feature/x');
    const tip = git('rev-parse', 'feature/x').trim();
    write('src/app.ts', 'stashed\n');
    git('stash', '-q');
    const stash = git('rev-parse', 'stash@{0}').trim();

    const branch = decide('git branch -D feature/x');
    const drop = decide('git stash drop');
    expect([branch.decision, drop.decision]).toEqual(['allow', 'allow']);
    run('git branch -D feature/x && git stash drop');

    for (const id of [branch.restorePoint?.id, drop.restorePoint?.id]) {
      const point = listRestorePoints(data).find((p) => p.id === id)!;
      expect(undoRestorePoint(data, point).conflicts).toEqual([]);
    }
    expect(git('rev-parse', 'feature/x').trim()).toBe(tip);
    expect(git('rev-parse', 'stash@{0}').trim()).toBe(stash);
  });

  it('rm -rf of an untracked folder inside the workspace, and a clean of build output that needs no restore point', () => {
    write('scratch/data.csv', 'a,b\n1,2\n');
    const decision = decide('rm -rf scratch');
    expect(decision.decision).toBe('allow');
    expect(decision.restorePoint?.files).toBe(1);
    run('rm -rf scratch');
    undoRestorePoint(
      data,
      listRestorePoints(data).find((p) => p.id === decision.restorePoint?.id)!,
    );
    expect(read('scratch/data.csv')).toBe('a,b\n1,2\n');

    // build output and caches are disposable: no restore point at all
    write('dist/app.js', 'x\n');
    const disposable = decide('git clean -fdx dist/');
    expect(disposable.decision).toBe('allow');
    expect(disposable.restorePoint).toBeUndefined();
  });

  it('undo leaves a file that exists again with other contents alone, unless forced', () => {
    write('notes/todo.md', 'before\n');
    const decision = decide('git clean -fd');
    run('git clean -fd');
    write('notes/todo.md', 'written since\n');
    const point = listRestorePoints(data).find((p) => p.id === decision.restorePoint?.id)!;

    const refused = undoRestorePoint(data, point);
    expect(refused.conflicts).toEqual([`${join(repo, 'notes/todo.md')} exists with other contents`]);
    expect(read('notes/todo.md')).toBe('written since\n');
    undoRestorePoint(data, point, { force: true });
    expect(read('notes/todo.md')).toBe('before\n');
  });

  it.each([
    ['git clean -fdx ~', 'reaches past the workspace'],
    ['sudo git reset --hard', 'runs as root'],
    ['git branch -D main', 'deletes the default branch'],
    ['git -C /srv/other reset --hard', 'acts on another repository'],
    ['cd ~ && git clean -fdx', 'runs outside the repository'],
  ])('%s is not undoable (%s): held or denied as before', (command) => {
    expect(decide(command).decision).not.toBe('allow');
  });
});

describe('when no restore point can be taken, the loss is held', () => {
  it('past the configured bound, naming the bound', async () => {
    const bounded = join(root, 'bounded');
    mkdirSync(bounded, { recursive: true });
    writeFileSync(join(bounded, 'blastwall.yaml'), `${CONFIG}gate:\n  restorePoints: { maxFiles: 1 }\n`);
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: bounded });
    for (const name of ['a', 'b', 'c']) writeFileSync(join(bounded, `${name}.txt`), name);
    const small = await createGate({
      cwd: bounded,
      env: { HOME: home, PATH: '/usr/bin:/bin' },
      restorePointsIn: data,
    });

    const decision = small.evaluateCommand({ command: 'git clean -fd' });
    expect(decision.decision).toBe('needs-approval');
    expect(decision.reasons.join('\n')).toMatch(
      /\[agent-undoable-workspace\].*more than 1 files would have to be kept/,
    );
  });

  it('past its time bound (what the hook timeout leaves), naming it, and leaving nothing half-written', () => {
    write('notes/todo.md', 'x\n');
    const hurried = createRestorePointKeeper(join(root, 'hurried'), { ...DEFAULT_RESTORE_LIMITS, maxMs: 0 });

    const taken = hurried.keep([{ kind: 'untracked', root: repo, cleanArgs: ['-fd'] }], {
      command: 'git clean -fd',
      agent: 'claude-code',
      cwd: repo,
    });
    expect(taken).toEqual({ failed: 'taking it would last longer than 0 ms' });
    expect(listRestorePoints(join(root, 'hurried'))).toEqual([]);
  });

  it('where the gate takes no restore points (a server deciding for another machine)', async () => {
    const remote = await createGate({ cwd: repo, env: { HOME: home, PATH: '/usr/bin:/bin' } });
    write('notes/todo.md', 'x\n');

    const decision = remote.evaluateCommand({ command: 'git clean -fd' });
    expect(decision.decision).toBe('needs-approval');
    expect(decision.reasons.join('\n')).toContain('[agent-undoable-workspace]');
  });
});

describe('through the real hook and the real CLI', () => {
  it('claude-code hook allows git clean behind a restore point; blastwall undo --list and undo bring the files back', () => {
    write('notes/todo.md', 'from the hook test\n');
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      BLASTWALL_DATA_DIR: join(root, 'hook-data'),
      BLASTWALL_HOOK_DAEMON: '0',
      BLASTWALL_CACHE: 'off',
      KUBECONFIG: join(root, 'none'),
    };
    const payload = JSON.stringify({
      session_id: 's1',
      transcript_path: '/t.jsonl',
      cwd: repo,
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: { command: 'git clean -fd', description: 'tidy' },
      tool_use_id: 'toolu_1',
    });
    const hook = spawnSync(process.execPath, [BIN, 'hook', 'claude-code'], {
      cwd: repo,
      input: payload,
      encoding: 'utf8',
      env,
      timeout: 60_000,
    });
    expect(hook.status, hook.stderr).toBe(0);
    expect(hook.stdout).not.toMatch(/"permissionDecision":"(deny|ask)"/);
    run('git clean -fd');
    expect(existsSync(join(repo, 'notes/todo.md'))).toBe(false);

    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [BIN, 'undo', ...args], {
        cwd: repo,
        encoding: 'utf8',
        env,
        timeout: 60_000,
      });
    const list = cli('--list');
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('git clean -fd');
    const undo = cli();
    expect(undo.status, undo.stderr).toBe(0);
    expect(undo.stdout).toContain(`brought back ${join(repo, 'notes/todo.md')}`);
    expect(read('notes/todo.md')).toBe('from the hook test\n');
    // a second undo finds nothing left to undo for this repository
    expect(cli().status).toBe(2);
  });
});
