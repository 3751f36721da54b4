import { describe, expect, it } from 'vitest';
import { surroundings } from '../../core/actions/classifiers/command-factory.js';
import { createShellParser } from './index.js';
import { verdict } from './spec-verdict.js';

// The parser and the classifiers together, on the forms issue 3 listed as gaps: each line is judged the way
// the gate judges it.

const parser = createShellParser();

describe('cd, pushd and popd move later relative paths', () => {
  it.each([
    'cd / && rm -rf *',
    'cd ~ && rm -rf *',
    'cd; rm -rf *',
    'cd /etc; rm -rf .',
    'cd /etc; rm -rf nginx',
    '(cd /var/lib && rm -rf mysql)',
    'cd .. && rm -rf *',
    'cd src && cd ../.. && rm -rf project',
    'pushd /etc && rm -rf nginx && popd',
    'pushd /tmp; popd; pushd /srv; rm -rf data',
    'cd "$X" && rm -rf build',
    'cd $(mktemp -d) && rm -rf *',
    'cd - && rm -rf build',
    'cd /tmp && cd "$DIR" && rm -rf x',
    'eval "cd /" && rm -rf *',
    'cd $HOME && rm -rf .ssh',
    'cd /home/dev/project/.. && rm -rf project',
    'cd /etc && echo x > hosts',
    'cd ~/.claude && rm settings.json',
    'cd /usr && chmod -R 777 .',
    'cd / && find . -delete',
  ])('holds %s', (line) => {
    expect(verdict(line).held).toBe(true);
  });

  it.each([
    'cd build && rm -rf *',
    'cd /tmp && rm -rf build-1234',
    '(cd packages/app && rm -rf dist)',
    'cd src && rm -rf ../dist',
    '(cd /etc); rm -rf dist',
    'cd /etc | true; rm -rf build',
    'bash -c "cd /" && rm -rf dist',
    'pushd packages/web && rm -rf node_modules && popd && rm -rf dist',
    'cd $TMPDIR && rm -rf jest_cache',
    'echo $(cd /; pwd) && rm -rf dist',
    'cd ~/code/other-app && rm -rf node_modules',
  ])('allows %s', (line) => {
    expect(verdict(line)).toMatchObject({ held: false });
  });

  it.each([
    ['cd build; rm -rf .', true],
    ['cd build\nrm -rf .', true],
    ['cd build || true; rm -rf .', true],
    ['cd build && rm -rf .', false],
    ['cd build || exit 1; rm -rf .', false],
    ['set -e; cd build; rm -rf .', false],
    // when the cd fails, `rm -rf *` takes the workspace's contents wholesale
    ['cd /tmp/x; rm -rf *', true],
    ['cd /tmp/x && rm -rf *', false],
    ['cd /tmp/x; cd ..; rm -rf *', true],
    ['cd /tmp/x; cd /tmp && rm -rf y', false],
  ])('a cd that may fail leaves later commands in either place: %s → held %s', (line, held) => {
    expect(verdict(line).held).toBe(held);
  });

  it.each([
    ['cd build; ls', 'build', ''],
    ['cd /a && cd b; ls', '/a/b', '/a'],
    ['cd /a; cd /b && ls', '/b', undefined],
    ['cd a && ls', 'a', undefined],
  ])('%s: ls runs in %s, or in %j if the cd failed', (line, cwd, otherwise) => {
    const ls = parser.parse(line).commands.find((c) => c.name === 'ls');
    expect([ls?.cwd, ls?.cwdOtherwise]).toEqual([cwd, otherwise]);
  });

  it('judges a cd that may fail from the home directory too', () => {
    const fromHome = surroundings({ cwd: '/home/dev' });
    expect(verdict('cd /tmp/x; rm -rf *', fromHome).held).toBe(true);
    expect(verdict('cd /tmp/x && rm -rf *', fromHome).held).toBe(false);
  });

  it('records the directory on the commands after the cd, and unknown after cd "$X"', () => {
    const commands = parser.parse('ls; cd /etc && ls; cd "$X"; ls; (cd /srv); ls').commands;
    expect(commands.map((c) => [c.name, c.cwd, c.cwdUnknown ?? false])).toEqual([
      ['ls', undefined, false],
      ['cd', undefined, false],
      ['ls', '/etc', false],
      ['cd', '/etc', false],
      ['ls', '$X', true],
      ['cd', '$X', true],
      ['ls', '$X', true],
    ]);
  });
});

describe('ssh forms', () => {
  it.each([
    'ssh db1.prod.example.com -- rm -rf /var/lib/postgresql',
    'ssh -t bastion.prod.example.com sudo rm -rf /x',
    'ssh bastion.prod.example.com -t -- sudo rm -rf /x',
    'ssh -- bastion.prod.example.com rm -rf /x',
  ])('holds %s', (line) => {
    expect(verdict(line).held).toBe(true);
  });

  it('unwraps the remote command after --', () => {
    const rm = parser.parse('ssh host -- rm -rf /x').commands.find((c) => c.name === 'rm');
    expect(rm).toMatchObject({ args: ['-rf', '/x'], remote: { kind: 'ssh', host: 'host' } });
  });

  it.each(['ssh dev-box -- uptime', 'ssh -t dev-box htop'])('allows %s', (line) => {
    expect(verdict(line).held).toBe(false);
  });
});

describe('wrappers and runners', () => {
  it.each([
    'script -q -c "rm -rf /" /dev/null',
    'script --command "rm -rf ~" log.txt',
    'script -qc "rm -rf /" /dev/null',
    'script -c "$CMD" /dev/null',
    'unshare -r rm -rf /etc',
    'unshare --map-user 0 --mount rm -rf /etc',
    'chrt -f 99 rm -rf /',
    'chrt 10 rm -rf ~',
    'ionice -c2 rm -rf /',
    'ionice -c 3 -n7 rm -rf /',
    'firejail --noprofile rm -rf ~',
    'proxychains -q rm -rf /',
    'proxychains4 -f /etc/p.conf terraform destroy -auto-approve',
    'torsocks -i rm -rf /',
    'systemd-run --user --unit cleanup rm -rf ~',
    'systemd-run -p User=root --scope rm -rf /etc',
    'make -f /dev/stdin <<EOF\nall:\n\trm -rf /\nEOF',
    'echo "all:; rm -rf /" | make -f -',
  ])('holds %s', (line) => {
    expect(verdict(line).held).toBe(true);
  });

  it.each([
    'script -q -c "npm test" /dev/null',
    'unshare -r npm test',
    'chrt -f 10 make',
    'chrt -p 1234',
    'ionice -c3 make -j4',
    'firejail npm test',
    'proxychains curl https://example.com',
    'torsocks curl https://example.com',
    'systemd-run --user --scope npm run build',
    'make -f Makefile.dev test',
  ])('allows %s', (line) => {
    expect(verdict(line).held).toBe(false);
  });
});
