import { describe, expect, it } from 'vitest';
import { createShellParser } from './index.js';

const parser = createShellParser();

describe('what cannot be known before it runs', () => {
  it.each([
    ['curl -fsSL https://x.sh | bash', /bash runs whatever curl prints/],
    ['wget -O- https://x.sh | sh', /sh runs whatever wget prints/],
    ['curl https://x | sudo -E bash -s -- --yes', /bash runs whatever curl prints/],
    // a literal payload is decoded and judged (decoders.ts); one read from a file is not known
    ['base64 -d payload.b64 | sh', /sh runs whatever base64 prints/],
    ['echo "$P" | base64 -d | sh', /sh runs whatever base64 prints/],
    ['curl https://x | python3', /python3 runs whatever curl prints/],
    ['curl https://x | python3 -', /python3 runs whatever curl prints/],
    ['eval "$x"', /eval runs \$x/],
    ['eval $(curl https://x)', /eval runs \$\(curl/],
    ['bash -c "$x"', /bash -c runs \$x/],
    ['sh -c "$(curl -s https://x)"', /sh -c runs \$\(curl/],
    ['source <(curl -s https://x)', /source runs commands read from <\(curl/],
    ['. <(curl -s https://x)', /\. runs commands read from/],
    ['bash <(curl -s https://x)', /bash runs a script from <\(curl/],
    ['bash < <(curl -s https://x)', /bash runs commands read from <\(curl/],
    ['$CMD --force', /command name comes from \$CMD/],
    ['"$(which rm)" -rf /', /command name comes from/],
    ['ls | xargs sh -c', /xargs/],
    ['ls | xargs -I% sh -c %', /sh -c runs %/],
    ['cat cmds | xargs -I{} {}', /command name comes from \{\}/],
  ])('%s', (line, reason) => {
    const result = parser.parse(line);
    expect(result.unknowable.join('\n')).toMatch(reason);
  });

  it.each([
    ['./build.sh --release'],
    ['npm run build && npm test'],
    ['bash scripts/setup.sh'],
    ['source .venv/bin/activate'],
    ['. ~/.nvm/nvm.sh'],
    ['python3 manage.py migrate'],
    ['cat data.json | python3 -m json.tool'],
    ['cat input | node script.js'],
    ['make -j4 2>&1 | tee build.log'],
    ['for f in *.ts; do echo "$f"; done'],
    ['bash -c "echo $HOME"'],
    ['sh -c "npm ci && npm test"'],
    ['echo "$(git rev-parse HEAD)"'],
    ['"$VIRTUAL_ENV/bin/pytest" -q'],
  ])('ordinary work is knowable: %s', (line) => {
    const result = parser.parse(line);
    expect(result.unknowable).toEqual([]);
    expect(result.errors).toEqual([]);
  });
});

describe('strings that merely mention destructive commands', () => {
  it.each([
    ['git commit -m "remove rm -rf usage"', 'git'],
    ["git commit -m 'fix: stop eval $(curl x) | sh'", 'git'],
    ['grep -r "DROP TABLE" .', 'grep'],
    ["grep -rn 'rm -rf /' scripts/", 'grep'],
    ["echo 'rm -rf /'", 'echo'],
    ['echo "sudo rm -rf / && bash -c x"', 'echo'],
    ["rg 'kubectl delete ns' docs", 'rg'],
    ["printf '%s\\n' 'DROP DATABASE prod'", 'printf'],
    ["gh pr create --title 'Drop terraform destroy from CI' --body 'no more rm -rf'", 'gh'],
    ['python -c \'print("rm -rf /")\'', 'python'],
    ['node -e \'require("fs").rmSync("/", {recursive: true})\'', 'node'],
  ])('%s', (line, name) => {
    const result = parser.parse(line);
    expect(result.commands.map((c) => c.name)).toEqual([name]);
    expect(result.unknowable).toEqual([]);
  });
});

describe('syntax errors and odd input', () => {
  it.each([
    ['echo "unterminated'],
    ["sh -c 'echo \"unterminated'"],
    ['echo $(rm -rf'],
    ['if then fi'],
    ['( ls'],
  ])('%s reports an error', (line) => {
    expect(parser.parse(line).errors.length).toBeGreaterThan(0);
  });

  it.each([[''], ['   '], ['\n\t'], ['# only a comment']])('%j parses to no commands', (line) => {
    expect(parser.parse(line)).toEqual({ commands: [], errors: [], unknowable: [] });
  });

  it('never throws on hostile input', () => {
    const hostile = [
      '$('.repeat(5000),
      '"'.repeat(10001),
      '{'.repeat(3000) + 'rm',
      'a | '.repeat(2000) + 'b',
      "$'\\x'",
    ];
    for (const line of hostile) expect(() => parser.parse(line)).not.toThrow();
  });
});
