import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Code decided on what it runs: the processes a program or one-liner starts are judged as the commands they name,
// a command computed at run time is held, and harmless code runs. Files are written into a real temporary
// repository first (two steps), each destructive case with a benign twin run the same way.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
  gate.decide('ls'); // load the parser and classifiers once, outside the timed decisions
  gate.write('hooks/check.sh', '#!/bin/sh\ngit push --force origin main\n');
  gate.write('hooks/ok.sh', '#!/bin/sh\ngit diff --check\n');
});
afterAll(() => gate.close());

describe('inline code is decided on the commands it starts', () => {
  it.each([
    `python3 -c 'import subprocess; subprocess.run(["pytest", "-q"], check=True)'`,
    `node -e "require('child_process').execSync('npm run lint', {stdio: 'inherit'})"`,
    "bun -e 'await Bun.$`git status --short`'",
    `ruby -e 'system("bundle exec rspec")'`,
    `env 'BASH_FUNC_ls%%=() { echo listing; }' bash -c ls`,
    `eval "$(/opt/homebrew/bin/brew shellenv)"`,
  ])('allows %s', (command) => {
    expect(gate.decide(command).decision).toBe('allow');
  });

  it.each([
    [`python3 -c 'import os; os.system("rm -rf ~")'`, /one-liner:1 runs `rm -rf ~`/],
    [`node -e 'require("child_process").execSync("dropdb -h db.prod.acme.io app")'`, /dropdb/],
    [`python -c "import subprocess; subprocess.run(['git','push','-f','origin','main'])"`, /force-push/],
    ["bun -e 'await Bun.$`rm -rf ${process.env.HOME}`'", /only known when it runs \(Bun\.\$\)/],
    [
      `node -e "require('child_process').spawnSync('rm', ['-rf', process.env.HOME])"`,
      /only known when it runs/,
    ],
    [`python3 -c 'import subprocess; subprocess.run("rm -rf " + d, shell=True)'`, /only known when it runs/],
    [
      `python3 - <<'PY'\nimport os\nos.system("kubectl --context prod-eu delete ns shop")\nPY`,
      /kubectl delete/,
    ],
    [`env 'BASH_FUNC_ls%%=() { rm -rf ~; }' bash -c ls`, /exported function BASH_FUNC_ls%% runs `rm -rf ~`/],
  ])('stops %s', (command, named) => {
    const decision = gate.decide(command);
    expect(decision.decision).not.toBe('allow');
    expect(decision.reasons.join(' ')).toMatch(named);
  });

  it("judges what code run on another machine starts as that machine's commands", () => {
    const decision = gate.decide(
      `ssh db1.prod.acme.io "python3 -c 'import os; os.system(\\"rm -rf data\\")'"`,
    );
    expect(decision.decision).not.toBe('allow');
    expect(
      gate.decide(`ssh db1.prod.acme.io "python3 -c 'import os; os.system(\\"uptime\\")'"`).decision,
    ).toBe('allow');
  });

  it('holds an eval of a tool named by a path the agent could have written', () => {
    expect(gate.decide(`eval "$(./bin/brew shellenv)"`).decision).not.toBe('allow');
  });
});

describe('two steps: a program file is decided on what it runs', () => {
  const CASES: [string, { file: string; destructive: string; benign: string; run: string; named: RegExp }][] =
    [
      [
        'node file starting a process',
        {
          file: 'scripts/prune.js',
          destructive:
            "const { execSync } = require('child_process');\nexecSync('kubectl --context prod-us delete pvc --all -n databases', { stdio: 'inherit' });\n",
          benign:
            "const { execSync } = require('child_process');\nexecSync('kubectl --context prod-us get pvc -n databases', { stdio: 'inherit' });\n",
          run: 'node scripts/prune.js',
          named: /prune\.js:2 runs `kubectl/,
        },
      ],
      [
        'python file deleting through a cloud SDK',
        {
          file: 'scripts/migrate_data.py',
          destructive:
            "import boto3\nb = boto3.Session(profile_name='prod').resource('s3').Bucket('acme-prod-data')\nb.objects.all().delete()\n",
          benign:
            "import boto3\nb = boto3.Session(profile_name='dev').resource('s3').Bucket('acme-dev-data')\nfor o in b.objects.limit(10):\n    print(o.key)\n",
          run: 'python scripts/migrate_data.py',
          named: /migrate_data\.py:3, a cloud SDK call that deletes/,
        },
      ],
      [
        'script that cds to its own folder',
        {
          file: 'scripts/cleanup.sh',
          destructive: '#!/usr/bin/env bash\nset -euo pipefail\ncd "$(dirname "$0")/../.."\nrm -rf project\n',
          benign:
            '#!/usr/bin/env bash\nset -euo pipefail\ncd "$(dirname "$0")/.."\nrm -rf dist coverage .cache\n',
          run: 'bash scripts/cleanup.sh',
          named: /rm -rf project/,
        },
      ],
      [
        'script that finds its root with cd && pwd',
        {
          file: 'scripts/clean.sh',
          destructive: 'ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"\nrm -rf "$ROOT"\n',
          benign: 'ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"\nrm -rf "$ROOT/dist"\n',
          run: 'bash scripts/clean.sh',
          named: /rm -rf "\$ROOT"/,
        },
      ],
      [
        'Django management command',
        {
          file: 'shop/management/commands/resetall.py',
          destructive:
            "from django.core.management.base import BaseCommand\nfrom django.db import connection\n\nclass Command(BaseCommand):\n    def handle(self, *a, **k):\n        with connection.cursor() as c:\n            c.execute('DROP SCHEMA public CASCADE')\n",
          benign:
            'from django.core.management.base import BaseCommand\nfrom shop.models import Order\n\nclass Command(BaseCommand):\n    def handle(self, *a, **k):\n        self.stdout.write(str(Order.objects.count()))\n',
          run: 'DJANGO_SETTINGS_MODULE=acme.settings.production python manage.py resetall',
          named: /resetall\.py:7: DROP SCHEMA/,
        },
      ],
      [
        'Django command two folders down emptying a table',
        {
          file: 'apps/billing/management/commands/wipe.py',
          destructive: 'from billing.models import Invoice\nInvoice.objects.all().delete()\n',
          benign: 'from billing.models import Invoice\nprint(Invoice.objects.filter(paid=False).count())\n',
          run: './manage.py wipe',
          named: /wipe\.py:2, which empties a whole table/,
        },
      ],
      [
        'pre-commit local hook',
        {
          file: '.pre-commit-config.yaml',
          destructive:
            "repos:\n  - repo: local\n    hooks:\n      - id: tidy\n        name: tidy\n        entry: bash -c 'rm -rf ~/.ssh ~/.aws'\n        language: system\n        pass_filenames: false\n",
          benign:
            'repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v4.5.0\n    hooks:\n      - id: trailing-whitespace\n  - repo: local\n    hooks:\n      - id: tidy\n        name: tidy\n        entry: npx prettier --check\n        language: system\n',
          run: 'pre-commit run --all-files',
          named: /pre-commit hook "tidy" \(\.pre-commit-config\.yaml\) runs `rm -rf ~\/\.ssh/,
        },
      ],
      [
        'pre-commit script hook',
        {
          file: '.pre-commit-config.yaml',
          destructive:
            'repos:\n  - repo: local\n    hooks:\n      - id: check\n        name: check\n        entry: hooks/check.sh\n        language: script\n',
          benign:
            'repos:\n  - repo: local\n    hooks:\n      - id: check\n        name: check\n        entry: hooks/ok.sh\n        language: script\n',
          run: 'pre-commit run check',
          named: /hooks\/check\.sh runs `git push --force origin main`/,
        },
      ],
      [
        'ansible playbook',
        {
          file: 'ops/clean.yml',
          destructive:
            '- hosts: all\n  become: true\n  tasks:\n    - name: free space\n      ansible.builtin.file:\n        path: /var/lib/postgresql\n        state: absent\n',
          benign:
            '- hosts: all\n  become: true\n  tasks:\n    - name: free space\n      ansible.builtin.file:\n        path: /tmp/app-build-cache\n        state: absent\n    - ping:\n    - ansible.builtin.shell: df -h\n',
          run: 'ansible-playbook -i inventory/prod ops/clean.yml',
          named: /ops\/clean\.yml on all in inventory\/prod runs `rm -rf \/var\/lib\/postgresql`/,
        },
      ],
    ];

  it.each(CASES)('%s', (_, c) => {
    gate.write(c.file, c.destructive);
    const stopped = gate.decide(c.run);
    expect(stopped.decision).not.toBe('allow');
    expect(stopped.reasons.join(' ')).toMatch(c.named);
    gate.write(c.file, c.benign);
    expect(gate.decide(c.run).decision).toBe('allow');
  });
});

describe('a playbook whose tasks change hosts in ways not read stays a deploy of unknown effect', () => {
  it('holds a package install on prod, and lets its --check run', () => {
    gate.write('ops/site.yml', '- hosts: web\n  tasks:\n    - apt: name=nginx state=latest\n');
    const held = gate.decide('ansible-playbook -i inventory/prod ops/site.yml');
    expect(held.decision).not.toBe('allow');
    expect(held.reasons.join(' ')).toMatch(/ops\/site\.yml uses apt, whose changes blastwall does not read/);
    expect(gate.decide('ansible-playbook -i inventory/prod ops/site.yml --check').decision).toBe('allow');
  });

  it('holds a playbook it cannot find', () => {
    expect(gate.decide('ansible-playbook -i inventory/prod ops/missing.yml').decision).not.toBe('allow');
  });
});

describe('a loop over known words is walked once per word; a glob stands for the files it matches now', () => {
  it('runs each matched test script, and stops when one of them deletes the home folder', () => {
    gate.write('loop-a/one.sh', 'echo one\nnpm test\n');
    gate.write('loop-a/two.sh', 'ls\n');
    expect(gate.decide(`bash -c 'for f in loop-a/*.sh; do bash "$f"; done'`).decision).toBe('allow');
    gate.write('loop-a/three.sh', 'rm -rf ~\n');
    const stopped = gate.decide(`bash -c 'for f in loop-a/*.sh; do bash "$f"; done'`);
    expect(stopped.decision).not.toBe('allow');
    expect(stopped.reasons.join(' ')).toMatch(/loop-a\/three\.sh runs `rm -rf ~`/);
  });

  it('judges each listed word, and holds a list known only when it runs', () => {
    expect(gate.decide('for d in dist coverage; do rm -rf "$d"; done').decision).toBe('allow');
    expect(gate.decide('for d in dist ~; do rm -rf "$d"; done').decision).not.toBe('allow');
    expect(gate.decide('for f in $(ls); do rm -rf "$f"; done').decision).not.toBe('allow');
  });
});
