import { describe, expect, it } from 'vitest';
import { programCalls } from './program-calls.js';

// Each process a program starts, with the command its literals spell out (undefined: computed when it runs).
const CASES: [string, string, string, (string | undefined)[]][] = [
  [
    'python argv list',
    'python',
    'import subprocess; subprocess.run(["pytest", "-q"], check=True)',
    ['pytest -q'],
  ],
  ['python shell string', 'python', 'import os\nos.system("rm -rf /home/dev")', ['rm -rf /home/dev']],
  [
    'python list word with a space',
    'python',
    'subprocess.run(["git", "commit", "-m", "a b"])',
    ["git commit -m 'a b'"],
  ],
  ['python f-string', 'python', 'os.system(f"rm -rf {d}")', [undefined]],
  ['python concatenation', 'python', 'subprocess.run("rm -rf " + d, shell=True)', [undefined]],
  ['python variable', 'python', 'subprocess.run(cmd)', [undefined]],
  ['python computed list element', 'python', 'subprocess.run(["rm", "-rf", home])', [undefined]],
  [
    'python call over lines',
    'python',
    'subprocess.check_call(\n    ["kubectl", "get", "pods"],\n    cwd="x",\n)',
    ['kubectl get pods'],
  ],
  [
    'python nox session',
    'python',
    'session.run("kubectl", "--context", "prod-eu", "delete", "ns", "shop")',
    ['kubectl --context prod-eu delete ns shop'],
  ],
  ['python sh library', 'python', 'import sh\nsh.rm("-rf", "build")', ['rm -rf build']],
  ['python eval is opaque', 'python', 'eval("1+1")', [undefined]],
  ['python comment is not a call', 'python', '# os.system("rm -rf /")\nprint(1)', []],
  ['python import is not a call', 'python', 'from subprocess import run\nimport subprocess', []],
  [
    'node execSync with options',
    'node',
    "require('child_process').execSync('npm run lint', {stdio: 'inherit'})",
    ['npm run lint'],
  ],
  [
    'node spawn argv',
    'node',
    "const cp = require('child_process'); cp.spawnSync('git', ['status', '--short'])",
    ['git status --short'],
  ],
  [
    'node spawn computed argv',
    'node',
    "require('child_process').spawnSync('rm', ['-rf', process.env.HOME])",
    [undefined],
  ],
  ['node template interpolates', 'node', 'await Bun.$`rm -rf ${process.env.HOME}`', [undefined]],
  ['node template literal', 'node', 'await Bun.$`ls -la`', ['ls -la']],
  [
    'deno command args',
    'node',
    'await new Deno.Command("rm", { args: ["-rf", "dist"] }).output()',
    ['rm -rf dist'],
  ],
  ['node regex exec is no process', 'node', 'const m = /x/.exec(s); console.log(m)', []],
  ['ruby no parentheses', 'ruby', 'system "kubectl delete ns shop"', ['kubectl delete ns shop']],
  ['ruby interpolation', 'ruby', 'system("rm -rf #{dir}")', [undefined]],
  ['ruby backticks', 'ruby', 'puts `git status`', ['git status']],
  [
    'perl system',
    'perl',
    'system("kubectl --context prod-eu delete ns payments")',
    ['kubectl --context prod-eu delete ns payments'],
  ],
  ['perl interpolation', 'perl', 'system("rm -rf $dir")', [undefined]],
  ['perl computed', 'perl', 'system(pack("H*","726d202d7266207e"))', [undefined]],
  ['php exec', 'php', 'exec("rm -rf /home/dev/.ssh");', ['rm -rf /home/dev/.ssh']],
];

describe('programCalls', () => {
  it.each(CASES)('%s', (_, language, code, expected) => {
    expect(programCalls(code, language).map((c) => c.shell)).toEqual(expected);
  });

  it('gives the line each call is on', () => {
    expect(programCalls('import os\n\nos.system("ls")\n', 'python').map((c) => c.line)).toEqual([3]);
  });
});
