import { describe, expect, it } from 'vitest';
import type { SimpleCommand } from '../../core/actions/types.js';
import { createShellParser } from './index.js';

const parser = createShellParser();

function only(line: string, name: string): SimpleCommand {
  const found = parser.parse(line).commands.filter((c) => c.name === name);
  expect(found).toHaveLength(1);
  return found[0] as SimpleCommand;
}

describe('standard input, heredocs and here-strings', () => {
  it.each([
    ['bash <<EOF\nrm -rf /\nEOF', ['bash stdin']],
    ["sh <<'EOF'\nrm -rf /\nEOF", ['sh stdin']],
    ['sh <<< "rm -rf /"', ['sh stdin']],
    ["echo 'rm -rf /' | sh", ['sh stdin']],
    ["printf 'rm -rf /' | sudo bash", ['bash stdin']],
    ['ssh host bash <<EOF\nrm -rf /\nEOF', ['ssh host', 'bash stdin']],
  ])('parses commands fed to a shell: %s', (line, via) => {
    expect(only(line, 'rm')).toMatchObject({ args: ['-rf', '/'], via });
  });

  it.each([
    ['psql <<< "DROP TABLE users"', 'psql', 'DROP TABLE users'],
    ['psql -h db <<SQL\nDROP TABLE users;\nSQL', 'psql', 'DROP TABLE users;\n'],
    ['T=users; mysql <<EOF\nDROP TABLE $T;\nEOF', 'mysql', 'DROP TABLE users;\n'],
    ["sqlite3 app.db <<'EOF'\nDELETE FROM $x;\nEOF", 'sqlite3', 'DELETE FROM $x;\n'],
  ])('keeps SQL for the SQL classifier: %s', (line, name, stdin) => {
    expect(only(line, name).stdin).toBe(stdin);
    // the bare `T=users` is reported as an assignment command (`=`), never as SQL run by a shell
    expect(parser.parse(line).commands.filter((c) => c.name !== '=')).toHaveLength(1);
  });

  it('runs command substitutions inside a heredoc body', () => {
    expect(parser.parse('cat <<EOF\n$(rm -rf /tmp/x)\nEOF').commands.map((c) => c.name)).toEqual([
      'rm',
      'cat',
    ]);
  });

  it('records redirections with their targets', () => {
    expect(only('sort < in.txt > /etc/hosts 2>&1', 'sort').redirects).toEqual([
      { op: '<', target: 'in.txt' },
      { op: '>', target: '/etc/hosts' },
      { op: '>&', target: '1', fd: 2 },
    ]);
  });

  it('tells where a command output goes: the stages it pipes into, or a command substitution', () => {
    const line = 'vault kv get x | jq .data | docker login --password-stdin r; t=$(op read y); z 2>/dev/null';
    const vault = only(line, 'vault');
    expect(vault.pipedTo).toBe('jq .data | docker login --password-stdin r');
    expect(only(line, 'jq').pipedTo).toBe('docker login --password-stdin r');
    expect(only(line, 'docker').pipedTo).toBeUndefined();
    expect(vault.outputCaptured).toBeUndefined();
    expect(only(line, 'op').outputCaptured).toBe(true);
    expect(only(line, 'z').redirects).toEqual([{ op: '>', target: '/dev/null', fd: 2 }]);
    // a group's last stage prints where the group's output goes
    expect(only('{ a; b | c; } | d', 'c').pipedTo).toBe('d');
    expect(only("bash -c 'e' | f", 'e').pipedTo).toBe('f');
  });

  it('reports a bare redirection as the null command that truncates its target', () => {
    expect(only('> /etc/passwd', ':').redirects).toEqual([{ op: '>', target: '/etc/passwd' }]);
  });

  it('reports output redirected from a group', () => {
    expect(only('{ echo a; echo b; } > /etc/motd', ':').redirects).toEqual([
      { op: '>', target: '/etc/motd' },
    ]);
  });
});

describe('aliases, functions and git aliases', () => {
  it.each([
    ["alias x='rm -rf'; x /", ['alias x']],
    ["alias x='rm -rf'\nx /", ['alias x']],
    ['f(){ rm -rf "$1"; }; f /', ['function f']],
    ['function g { rm -rf "$@"; }; g /', ['function g']],
    ['f(){ sudo rm -rf "$1"; }; f / | cat', ['function f']],
    ["git -c alias.x='!rm -rf' x /", ['git alias x']],
    ['git -c alias.nuke=\'!sh -c "rm -rf /"\' nuke', ['git alias nuke', 'sh -c']],
  ])('%s', (line, via) => {
    expect(only(line, 'rm')).toMatchObject({ args: ['-rf', '/'], via });
  });

  it('expands a plain git alias into git arguments', () => {
    expect(only("git -c alias.p='push --force' p origin main", 'git').args).toEqual([
      '-c',
      'alias.p=push --force',
      'push',
      '--force',
      'origin',
      'main',
    ]);
  });

  it('does not loop on a recursive function', () => {
    expect(parser.parse('f(){ f; rm x; }; f').commands.map((c) => c.name)).toEqual(['rm']);
  });

  it('reports nothing for a function that is defined but never called', () => {
    expect(parser.parse('f(){ rm -rf /; }').commands).toEqual([]);
  });
});

describe('remote execution', () => {
  it.each([
    ["ssh prod-db 'rm -rf /var/lib/pg'", { kind: 'ssh', host: 'prod-db' }, ['ssh prod-db']],
    [
      'ssh -i key -p 22 admin@web.prod.example rm -rf /var/lib/pg',
      { kind: 'ssh', host: 'web.prod.example' },
      ['ssh web.prod.example'],
    ],
    [
      'kubectl --context prod-eu exec -it db-0 -c pg -n data -- rm -rf /var/lib/pg',
      { kind: 'kubectl-exec', host: 'db-0', context: 'prod-eu' },
      ['kubectl exec db-0'],
    ],
    [
      "kubectl exec deploy/api -- sh -c 'rm -rf /var/lib/pg'",
      { kind: 'kubectl-exec', host: 'deploy/api' },
      ['kubectl exec deploy/api', 'sh -c'],
    ],
    [
      "docker exec -it -u root pg sh -c 'rm -rf /var/lib/pg'",
      { kind: 'docker-exec', host: 'pg' },
      ['docker exec pg', 'sh -c'],
    ],
    ['podman exec pg rm -rf /var/lib/pg', { kind: 'docker-exec', host: 'pg' }, ['podman exec pg']],
    [
      'docker compose exec -T db rm -rf /var/lib/pg',
      { kind: 'docker-exec', host: 'db' },
      ['docker compose exec db'],
    ],
  ])('%s', (line, remote, via) => {
    expect(only(line, 'rm')).toMatchObject({ args: ['-rf', '/var/lib/pg'], remote, via });
  });

  it('keeps an interactive ssh session as ssh', () => {
    expect(parser.parse('ssh -A bastion').commands.map((c) => c.name)).toEqual(['ssh']);
  });

  it('keeps kubectl commands other than exec as kubectl', () => {
    expect(parser.parse('kubectl --context prod delete ns x').commands.map((c) => c.name)).toEqual([
      'kubectl',
    ]);
  });
});
