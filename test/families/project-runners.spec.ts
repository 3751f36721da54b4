import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Runnable files the agent writes in one call and runs in the next, by kind: a runner's configuration (a Makefile
// fragment pulled in by `include`, deno.json tasks, an Nx target, a mix alias, a cargo alias / xtask, a Procfile
// process, a poe task's environment, an invoke task) or code a tool loads (a vite config, a `//go:generate`
// directive, a Rust program, python and ruby scripts that delete in a loop, a local ansible playbook). Each row
// writes a destructive version and then its everyday twin — same path, same call — into a real repository; the
// twin is allowed because the file was read and found harmless (the destructive version's reason names the file),
// and a version blastwall cannot read or follow holds the call.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
  gate.decide('ls');
});
afterAll(() => gate.close());

interface Row {
  /** Files written first, whatever the version (the repository's Makefile that includes a fragment). */
  setting?: Record<string, string>;
  file: string;
  destructive: string;
  benign: string;
  /** A version whose commands blastwall cannot know (computed, unreadable, not found): held. */
  unreadable?: string;
  run: string;
  named: RegExp;
}

const ROWS: [string, Row][] = [
  [
    'Makefile fragment pulled in by include',
    {
      setting: { Makefile: 'include ops/*.mk\n\nbuild:\n\tgo build ./...\n' },
      file: 'ops/cache.mk',
      destructive: 'flush-cache:\n\tredis-cli -h kv.prod.example.net FLUSHALL\n',
      benign: 'flush-cache:\n\tredis-cli -h 127.0.0.1 FLUSHDB\n',
      run: 'make flush-cache',
      named: /make flush-cache \(Makefile\) runs `redis-cli -h kv\.prod\.example\.net FLUSHALL`/,
    },
  ],
  [
    'deno.json task with its dependencies',
    {
      file: 'deno.json',
      destructive:
        '{\n  // tasks\n  "tasks": {\n    "fmt": "deno fmt",\n    "wipe": { "command": "kubectl --context prod-us delete ns web", "dependencies": ["fmt"] }\n  }\n}\n',
      benign:
        '{\n  // tasks\n  "tasks": {\n    "fmt": "deno fmt",\n    "wipe": { "command": "rm -rf .cache coverage", "dependencies": ["fmt"] }\n  }\n}\n',
      unreadable: '{ "tasks": { "wipe": "rm -rf .cache" ',
      run: 'deno task wipe',
      named: /deno task wipe \(deno\.json\) runs `kubectl --context prod-us delete ns web`/,
    },
  ],
  [
    'Nx run-commands target of a project.json',
    {
      file: 'libs/billing/project.json',
      destructive:
        '{"name": "billing", "targets": {"purge": {"executor": "nx:run-commands", "options": {"commands": ["aws s3 rm s3://acme-prod-invoices --recursive --profile prod-admin"]}}}}',
      benign:
        '{"name": "billing", "targets": {"purge": {"executor": "nx:run-commands", "options": {"commands": [{"command": "rm -rf dist/libs/billing"}]}}}}',
      unreadable:
        '{"name": "billing", "targets": {"purge": {"executor": "./tools/executors/purge:run", "options": {}}}}',
      run: 'npx nx run billing:purge',
      named: /nx target billing:purge \(libs\/billing\/project\.json\) runs `aws s3 rm/,
    },
  ],
  [
    'mix alias with a cmd step and an Elixir function',
    {
      file: 'mix.exs',
      destructive:
        'defmodule Api.MixProject do\n  use Mix.Project\n  def project, do: [app: :api, aliases: aliases()]\n  defp aliases do\n    [reseed: ["ecto.migrate", &wipe/1]]\n  end\n  defp wipe(_), do: System.cmd("psql", ["-h", "pg.prod.example.net", "-c", "DROP TABLE events"])\nend\n',
      benign:
        'defmodule Api.MixProject do\n  use Mix.Project\n  def project, do: [app: :api, aliases: aliases()]\n  defp aliases do\n    [reseed: ["ecto.migrate", "cmd rm -rf priv/static/cache", &wipe/1]]\n  end\n  defp wipe(_), do: File.rm_rf!("tmp/seeds")\nend\n',
      unreadable:
        'defmodule Api.MixProject do\n  use Mix.Project\n  defp aliases do\n    [reseed: [&wipe/1]]\n  end\n  defp wipe(_), do: System.cmd(System.get_env("TOOL"), [])\nend\n',
      run: 'mix reseed',
      named: /mix\.exs:7 runs `psql -h pg\.prod\.example\.net/,
    },
  ],
  [
    'cargo alias running a workspace program',
    {
      setting: { '.cargo/config.toml': '[alias]\nops = "run --package ops-tool --"\n' },
      file: 'ops-tool/src/main.rs',
      destructive:
        'use std::{fs, process::Command};\nfn main() {\n    fs::remove_dir_all("/var/lib/postgresql").unwrap();\n    Command::new("cargo").arg("build").status().unwrap();\n}\n',
      benign:
        'use std::{fs, process::Command};\nfn main() {\n    fs::remove_dir_all("target/ops").unwrap();\n    Command::new("cargo").arg("build").status().unwrap();\n}\n',
      unreadable:
        'use std::process::Command;\nfn main() {\n    let tool = std::env::args().nth(2).unwrap();\n    Command::new(tool).status().unwrap();\n}\n',
      run: 'cargo ops tidy',
      named: /ops-tool\/src\/main\.rs:3 runs `rm -rf \/var\/lib\/postgresql`/,
    },
  ],
  [
    'xtask program with no alias',
    {
      file: 'devtask/src/main.rs',
      destructive:
        'use std::process::Command;\nfn main() {\n    Command::new("git").args(["push", "--force", "origin", "main"]).status().unwrap();\n}\n',
      benign:
        'use std::process::Command;\nfn main() {\n    Command::new("git").args(["status", "--short"]).status().unwrap();\n}\n',
      run: 'cargo devtask ship',
      named: /devtask\/src\/main\.rs:3 runs `git push --force origin main`/,
    },
  ],
  [
    'Procfile process named on the line',
    {
      file: 'Procfile',
      destructive: 'web: node server.js\nsweep: kubectl --context prod-us delete jobs --all -n batch\n',
      benign: 'web: node server.js\nsweep: node scripts/sweep-local-cache.js\n',
      run: 'honcho start sweep',
      named: /process sweep \(Procfile\) runs `kubectl --context prod-us delete jobs/,
    },
  ],
  [
    "poe task's own environment",
    {
      file: 'pyproject.toml',
      destructive:
        '[tool.poe.tasks.rollback]\ncmd = "alembic downgrade base"\nenv = { DATABASE_URL = "postgresql://app@pg.prod.example.net/shop" }\n',
      benign:
        '[tool.poe.tasks.rollback]\ncmd = "alembic downgrade base"\nenv = { DATABASE_URL = "postgresql://app@127.0.0.1/shop_test" }\n',
      run: 'poe rollback',
      named: /poe task rollback \(pyproject\.toml\) runs `alembic downgrade base`/,
    },
  ],
  [
    'invoke task: only the task called, its helpers and module code',
    {
      file: 'tasks.py',
      destructive:
        'from invoke import task\n\n\ndef _drop(c):\n    c.run("dropdb -h pg.prod.example.net shop")\n\n\n@task\ndef rebuild(c):\n    _drop(c)\n',
      benign:
        'from invoke import task\n\n\ndef _drop(c):\n    c.run("dropdb -h pg.prod.example.net shop")\n\n\n@task\ndef nuke(c):\n    _drop(c)\n\n\n@task\ndef rebuild(c):\n    c.run("rm -rf build .tox")\n',
      unreadable: 'from invoke import Collection\nns = Collection.from_module(__import__("ops"))\n',
      run: 'invoke rebuild',
      named: /tasks\.py:5 runs `dropdb -h pg\.prod\.example\.net shop`/,
    },
  ],
  [
    'vite config loaded by a build',
    {
      file: 'vite.config.mts',
      destructive:
        "import { defineConfig } from 'vite';\nimport { execSync } from 'node:child_process';\nexecSync('kubectl --context prod-us rollout restart deploy/web');\nexport default defineConfig({});\n",
      benign:
        "import { defineConfig } from 'vite';\nexport default defineConfig({ server: { port: 5174 } });\n",
      unreadable:
        "import { defineConfig } from 'vite';\nimport { execSync } from 'node:child_process';\nexecSync(process.env.POSTBUILD);\nexport default defineConfig({});\n",
      run: 'npx vite build --mode staging',
      named: /vite\.config\.mts:3 runs `kubectl --context prod-us rollout restart/,
    },
  ],
  [
    'go:generate directive of a package walked with ./...',
    {
      file: 'pkg/api/zz_gen.go',
      destructive:
        'package api\n\n//go:generate sh -c "rm -rf ~/.kube"\n//go:generate go run golang.org/x/tools/cmd/stringer -type=Kind\n',
      benign: 'package api\n\n//go:generate go run golang.org/x/tools/cmd/stringer -type=Kind\n',
      run: 'go generate ./pkg/...',
      named: /pkg\/api\/zz_gen\.go:3 go:generate runs `rm -rf ~\/\.kube`/,
    },
  ],
  [
    'python script deleting a literal folder joined with a loop variable',
    {
      file: 'scripts/tidy.py',
      destructive:
        'import os, shutil\nfor name in (".ssh", ".aws"):\n    shutil.rmtree(os.path.join(os.path.expanduser("~"), name))\n',
      benign:
        'import os, shutil\nfor name in ("build", "dist"):\n    shutil.rmtree(os.path.join("out", name), ignore_errors=True)\n',
      run: 'python3 scripts/tidy.py',
      named: /scripts\/tidy\.py:3 deletes/,
    },
  ],
  [
    'ruby script deleting the words of a %w list',
    {
      file: 'script/tidy.rb',
      destructive:
        "require 'fileutils'\n%w[/etc/nginx /var/lib/mysql].each do |d|\n  FileUtils.rm_rf(d)\nend\n",
      benign: "require 'fileutils'\n%w[tmp/cache public/packs-test].each do |d|\n  FileUtils.rm_rf(d)\nend\n",
      run: 'ruby script/tidy.rb',
      named: /script\/tidy\.rb:3 deletes \/etc\/nginx/,
    },
  ],
  [
    'ansible playbook on a local connection',
    {
      file: 'play/tidy.yml',
      destructive:
        '- hosts: all\n  tasks:\n    - ansible.builtin.file:\n        path: /etc/ssh\n        state: absent\n',
      benign:
        '- hosts: all\n  tasks:\n    - ansible.builtin.file:\n        path: build/cache\n        state: absent\n',
      run: 'ansible-playbook -i 127.0.0.1, --connection=local play/tidy.yml',
      named: /play\/tidy\.yml on this machine runs `rm -rf \/etc\/ssh`/,
    },
  ],
];

describe('a runnable file written one call earlier is decided on what it runs, by kind', () => {
  it.each(ROWS)('%s', (_, row) => {
    for (const [file, text] of Object.entries(row.setting ?? {})) gate.write(file, text);
    gate.write(row.file, row.destructive);
    const stopped = gate.decide(row.run);
    expect(stopped.decision, `${row.run} was allowed`).not.toBe('allow');
    expect(stopped.reasons.join(' ')).toMatch(row.named);
    gate.write(row.file, row.benign);
    const allowed = gate.decide(row.run);
    expect(allowed.decision, allowed.reasons.join('\n')).toBe('allow');
    if (row.unreadable !== undefined) {
      gate.write(row.file, row.unreadable);
      expect(gate.decide(row.run).decision, `${row.run} was allowed unread`).not.toBe('allow');
    }
  });

  it('still reads the name of a task when no file defines it', () => {
    gate.write('empty/.keep', '');
    const empty = `${gate.repo}/empty`;
    expect(gate.stopped('invoke drop-database', empty)).toBe(true);
    expect(gate.stopped('foreman start purge-all', empty)).toBe(true);
    expect(gate.stopped('deno task drop-db', empty)).toBe(true);
    expect(gate.stopped('invoke lint', empty)).toBe(false);
  });

  it('holds a Makefile fragment whose name is computed, but not the compiler dependency files', () => {
    gate.write('sub/Makefile', 'include $(shell ./pick-fragment)\nbuild:\n\tcc -o app main.c\n');
    expect(gate.stopped('make -C sub build')).toBe(true);
    gate.write('sub/Makefile', '-include $(OBJS:.o=.d)\nbuild:\n\tcc -o app main.c\n');
    expect(gate.stopped('make -C sub build')).toBe(false);
  });

  it('holds go generate over packages it cannot resolve', () => {
    expect(gate.stopped('go generate example.com/acme/tools/...')).toBe(true);
    expect(gate.stopped('go generate -n ./pkg/...')).toBe(false);
  });
});
