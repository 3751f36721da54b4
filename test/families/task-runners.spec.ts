import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Task runners and build tools are decided on what their configuration runs, as it stands when they are called:
// the agent can write tox.ini, pyproject's poe tasks, composer.json, mise.toml, lefthook.yml, a Procfile, a
// Tiltfile, a workflow for act, a Brewfile, build.rs or a Gradle script one call before running it. Each case
// writes the destructive version, then its everyday twin (same file, same call), into a real repository.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
  gate.decide('ls');
});
afterAll(() => gate.close());

const CASES: [string, { file: string; destructive: string; benign: string; run: string; named: RegExp }][] = [
  [
    'tox environment commands',
    {
      file: 'tox.ini',
      destructive:
        '[tox]\nenvlist = py311\n\n[testenv:purge]\nskip_install = true\ncommands =\n    python -V\n    kubectl --context prod-us delete pvc --all -n data\n',
      benign:
        '[tox]\nenvlist = py311\n\n[testenv:purge]\ncommands =\n    rm -rf {toxinidir}/htmlcov {toxinidir}/.pytest_cache\n',
      run: 'tox -e purge',
      named: /tox env purge \(tox\.ini\) runs `kubectl --context prod-us delete pvc/,
    },
  ],
  [
    'poe task as a table with shell text',
    {
      file: 'pyproject.toml',
      destructive:
        '[project]\nname = "shop"\n\n[tool.poe.tasks.wipe]\nhelp = "start over"\nshell = """\ndropdb -h pg.prod.example.net shop\n"""\n',
      benign:
        '[project]\nname = "shop"\n\n[tool.poe.tasks.wipe]\nhelp = "start over"\nshell = """\ndropdb --if-exists -h 127.0.0.1 shop_test\n"""\n',
      run: 'poe wipe',
      named: /poe task wipe \(pyproject\.toml\) runs `dropdb -h pg\.prod\.example\.net shop`/,
    },
  ],
  [
    'poe sequence of other tasks',
    {
      file: 'pyproject.toml',
      destructive:
        '[tool.poe.tasks]\nlint = "ruff check ."\nnuke = "git push --force origin main"\nci = ["lint", "nuke"]\n',
      benign: '[tool.poe.tasks]\nlint = "ruff check ."\nnuke = "git status"\nci = ["lint", "nuke"]\n',
      run: 'poe ci',
      named: /poe task nuke .* force-push/,
    },
  ],
  [
    "composer install's event scripts",
    {
      file: 'composer.json',
      destructive:
        '{"name": "acme/site", "scripts": {"post-install-cmd": ["@tidy"], "tidy": "rm -rf ~/.config"}}',
      benign:
        '{"name": "acme/site", "scripts": {"post-install-cmd": ["@tidy"], "tidy": "@php artisan package:discover --ansi"}}',
      run: 'composer install',
      named: /composer script "tidy" \(composer\.json\) runs `rm -rf ~\/\.config`/,
    },
  ],
  [
    'mise task with a list of commands',
    {
      file: 'mise.toml',
      destructive:
        '[tasks.ship]\ndepends = ["build"]\nrun = ["echo shipping", "git push --force origin main"]\n',
      benign: '[tasks.ship]\ndepends = ["build"]\nrun = ["echo shipping", "npm run build"]\n',
      run: 'mise run ship',
      named: /mise task ship \(mise\.toml\) runs `git push --force origin main`/,
    },
  ],
  [
    'lefthook command of the hook run',
    {
      file: 'lefthook.yml',
      destructive: 'pre-push:\n  commands:\n    sweep:\n      run: kubectl --context prod-us delete ns web\n',
      benign: 'pre-push:\n  commands:\n    sweep:\n      run: npx vitest run {push_files}\n',
      run: 'lefthook run pre-push',
      named: /lefthook pre-push sweep \(lefthook\.yml\) runs `kubectl --context prod-us delete ns web`/,
    },
  ],
  [
    'Procfile started by foreman',
    {
      file: 'Procfile',
      destructive: "web: bundle exec puma\ncleaner: psql -h pg.prod.example.net -c 'DROP TABLE events'\n",
      benign: 'web: bundle exec puma\nworker: bundle exec sidekiq\n',
      run: 'foreman start',
      named: /process cleaner \(Procfile\) runs `psql/,
    },
  ],
  [
    "Tiltfile's local_resource",
    {
      file: 'Tiltfile',
      destructive:
        "local_resource('seed', cmd='kubectl --context prod-us delete pvc --all -n data', deps=['seed/'])\n",
      benign: "local_resource('seed', cmd='kubectl --context kind-dev apply -f seed/', deps=['seed/'])\n",
      run: 'tilt up',
      named: /Tiltfile:1 local_resource runs `kubectl --context prod-us delete pvc/,
    },
  ],
  [
    'workflow run by act',
    {
      file: '.github/workflows/ci.yml',
      destructive:
        'on: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          npm ci\n          aws s3 rb s3://acme-prod-assets --force --profile prod-admin\n',
      benign:
        'on: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          npm ci\n          npm test -- --reporter=${{ matrix.reporter }}\n',
      run: 'act push',
      named: /act job build \(\.github\/workflows\/ci\.yml\) runs `aws s3 rb/,
    },
  ],
  [
    'Brewfile evaluated by brew bundle',
    {
      file: 'Brewfile',
      destructive: 'tap "homebrew/cask"\nbrew "ripgrep"\n`rm -rf ~/.gnupg`\n',
      benign: 'tap "homebrew/cask"\nbrew "ripgrep"\ncask "firefox"\n',
      run: 'brew bundle',
      named: /Brewfile:3 runs `rm -rf ~\/\.gnupg`/,
    },
  ],
  [
    "cargo's build.rs starting a process",
    {
      file: 'build.rs',
      destructive:
        'use std::process::Command;\nfn main() {\n    Command::new("git").args(["push", "--force", "origin", "main"]).status().unwrap();\n}\n',
      benign:
        'use std::process::Command;\nfn main() {\n    Command::new("protoc").arg("--version").status().unwrap();\n}\n',
      run: 'cargo test',
      named: /build\.rs:3 runs `git push --force origin main`/,
    },
  ],
  [
    'Gradle Exec task (Groovy)',
    {
      file: 'build.gradle',
      destructive:
        "plugins { id 'java' }\n\ntask wipeDb(type: Exec) {\n    commandLine 'dropdb', '-h', 'pg.prod.example.net', 'shop'\n}\n",
      benign:
        "plugins { id 'java' }\n\ntask wipeDb(type: Exec) {\n    commandLine 'dropdb', '--if-exists', '-h', 'localhost', 'shop_test'\n}\n",
      run: './gradlew wipeDb',
      named: /build\.gradle:4 \(task wipeDb\) runs `dropdb -h pg\.prod\.example\.net shop`/,
    },
  ],
  [
    'pytest conftest whose SQL goes to a local server',
    {
      file: 'tests/conftest.py',
      destructive:
        "import subprocess\n\ndef pytest_configure(config):\n    subprocess.run(['psql', '-h', 'pg.prod.example.net', '-c', 'DROP TABLE orders'])\n",
      benign:
        "import subprocess\n\ndef pytest_configure(config):\n    subprocess.run(['psql', '-h', '127.0.0.1', '-d', 'shop_test', '-c', 'DROP TABLE IF EXISTS orders'])\n",
      run: 'pytest tests',
      named: /conftest\.py:4 runs `psql/,
    },
  ],
];

describe('task runners and build tools are decided on what their configuration runs', () => {
  it.each(CASES)('%s', (_, c) => {
    gate.write(c.file, c.destructive);
    const stopped = gate.decide(c.run);
    expect(stopped.decision).not.toBe('allow');
    expect(stopped.reasons.join(' ')).toMatch(c.named);
    gate.write(c.file, c.benign);
    expect(gate.decide(c.run).decision).toBe('allow');
  });

  it('runs only the Gradle tasks asked for, but always the configuration code', () => {
    gate.write(
      'build.gradle.kts',
      'tasks.register<Exec>("nuke") {\n    commandLine("git", "push", "--force", "origin", "main")\n}\n',
    );
    expect(gate.decide('./gradlew build').decision).toBe('allow');
    expect(gate.decide('./gradlew nuke').decision).not.toBe('allow');
    gate.write('build.gradle.kts', 'val home = System.getenv("HOME")\nproject.delete(home + "/.aws")\n');
    expect(gate.decide('./gradlew build').decision).not.toBe('allow');
  });

  it('holds a command a Tiltfile computes, and a configuration it cannot read', () => {
    gate.write('Tiltfile', "cmd = 'kubectl delete ns ' + ns\nlocal(cmd)\n");
    expect(gate.decide('tilt ci').reasons.join(' ')).toMatch(/a command only known when it runs/);
    gate.write('pyproject.toml', '[tool.poe.tasks]\nlint = "ruff check .\n');
    expect(gate.decide('poe lint').reasons.join(' ')).toMatch(/pyproject\.toml, which blastwall cannot read/);
  });

  it("decides a task by its name when the runner's configuration does not define it", () => {
    gate.write('pyproject.toml', '[tool.poe.tasks]\nlint = "ruff check ."\n');
    expect(gate.decide('poe drop-database').decision).not.toBe('allow');
    expect(gate.decide('poe lint').decision).toBe('allow');
    expect(gate.decide('mise run fmt').decision).toBe('allow');
  });
});

describe('a Dockerfile built and a dbt macro run are decided on what they run', () => {
  it('judges each RUN as the container it runs in, with the secrets the build hands it', () => {
    gate.write('.aws/credentials', '[default]\naws_access_key_id = AKIAEXAMPLE\n');
    const build = 'docker buildx build --secret id=creds,src=.aws/credentials -t web:dev .';
    gate.write('Dockerfile', 'FROM alpine:3.20\nRUN --mount=type=secret,id=creds cat /run/secrets/creds\n');
    expect(gate.decide(build).reasons.join(' ')).toMatch(/Dockerfile RUN runs `cat/);
    gate.write(
      'Dockerfile',
      'FROM alpine:3.20\nRUN apk add --no-cache curl \\\n && rm -rf /var/cache/apk/* /root/.cache\nRUN kubectl --context prod-us delete ns web\n',
    );
    expect(gate.decide(build).reasons.join(' ')).toMatch(
      /Dockerfile RUN runs `kubectl --context prod-us delete/,
    );
    gate.write(
      'Dockerfile',
      'FROM alpine:3.20\nRUN apk add --no-cache curl \\\n && rm -rf /var/cache/apk/* /root/.cache\n',
    );
    expect(gate.decide(build).decision).toBe('allow');
  });

  it("judges a dbt macro's SQL on the target it names, and a macro it cannot find as before", () => {
    gate.write(
      'macros/ops/purge.sql',
      "{% macro purge() %}\n  {% do run_query('truncate table raw.events') %}\n{% endmacro %}\n",
    );
    expect(gate.decide('dbt run-operation purge --target prod').reasons.join(' ')).toMatch(
      /macro purge .*TRUNCATE/,
    );
    gate.write(
      'macros/ops/purge.sql',
      "{% macro purge() %}\n  {% do log(run_query('select 1'), info=True) %}\n{% endmacro %}\n",
    );
    expect(gate.decide('dbt run-operation purge --target prod').decision).toBe('allow');
    expect(gate.decide('dbt run-operation grant_everything --target prod').decision).not.toBe('allow');
  });
});
