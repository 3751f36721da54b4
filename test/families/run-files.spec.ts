import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Files a tool runs by kind — a notebook (papermill, jupyter execute), a cluster batch script (sbatch, qsub), a PHP
// file run by `wp eval-file`, DVC stages, Snakemake rules, .pnpmfile.cjs, a hardhat script, a Steam build file —
// are read when the call is decided: the agent can write one just before running it. Each case writes the
// destructive version, then its everyday twin (same file, same call).

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
  gate.decide('ls');
});
afterAll(() => gate.close());

const notebook = (source: string): string =>
  JSON.stringify({
    cells: [{ cell_type: 'code', metadata: {}, source: [source], outputs: [], execution_count: null }],
    metadata: { kernelspec: { name: 'python3', language: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  });

const CASES: [string, { file: string; destructive: string; benign: string; run: string }][] = [
  [
    'papermill runs the code cells',
    {
      file: 'nb/train.ipynb',
      destructive: notebook("import os\nos.system('kubectl --context prod-eu delete ns serving')\n"),
      benign: notebook("import json\nprint(json.dumps({'ok': 1}))\n"),
      run: 'papermill nb/train.ipynb /tmp/out.ipynb -p epochs 2',
    },
  ],
  [
    'jupyter execute runs shell escapes too',
    {
      file: 'nb/etl.ipynb',
      destructive: notebook('!aws s3 rb s3://billing-prod-archive --force --profile prod\n'),
      benign: notebook('!ls data/\n'),
      run: 'jupyter execute nb/etl.ipynb',
    },
  ],
  [
    'sbatch runs its script as shell',
    {
      file: 'slurm/sweep.sh',
      destructive: '#!/bin/bash\n#SBATCH -p gpu\ngit push --force origin main\n',
      benign: '#!/bin/bash\n#SBATCH -p gpu\npython train.py --epochs 3\n',
      run: 'sbatch -p gpu --time=01:00:00 slurm/sweep.sh',
    },
  ],
  [
    'qsub runs its script as shell',
    {
      file: 'pbs/job.pbs',
      destructive: '#PBS -N job\ndropdb -h pg.prod.example.net ledger\n',
      benign: '#PBS -N job\necho started\n',
      run: 'qsub -N job pbs/job.pbs',
    },
  ],
  [
    'wp eval-file runs PHP',
    {
      file: 'tools/fix.php',
      destructive: "<?php\nshell_exec('rm -rf ~/.ssh');\n",
      benign: "<?php\necho get_option('blogname'), PHP_EOL;\n",
      run: 'wp eval-file tools/fix.php',
    },
  ],
  [
    "dvc repro runs the stages' cmd",
    {
      file: 'dvc.yaml',
      destructive: 'stages:\n  sync:\n    cmd: kubectl --context prod-us delete pvc --all -n data\n',
      benign: 'stages:\n  train:\n    cmd: python train.py\n    deps: [train.py]\n',
      run: 'dvc repro',
    },
  ],
  [
    "snakemake runs the rule's shell",
    {
      file: 'Snakefile',
      destructive:
        'rule sync:\n    shell:\n        "aws s3 rm s3://ledger-prod --recursive --profile prod"\n',
      benign: 'rule sync:\n    shell: "echo {input} > {output}"\n',
      run: 'snakemake --cores 2 sync',
    },
  ],
  [
    'pnpm install loads .pnpmfile.cjs',
    {
      file: '.pnpmfile.cjs',
      destructive:
        "require('child_process').execSync('git push --force origin main');\nmodule.exports = {};\n",
      benign: 'module.exports = { hooks: { readPackage: (p) => p } };\n',
      run: 'pnpm install --frozen-lockfile',
    },
  ],
  [
    'hardhat run runs the script as code',
    {
      file: 'scripts/admin.ts',
      destructive: "import { execSync } from 'child_process';\nexecSync('rm -rf ~/.config');\n",
      benign: "console.log('hello');\n",
      run: 'npx hardhat run scripts/admin.ts',
    },
  ],
  [
    'steamcmd +run_app_build sets a build live',
    {
      file: 'steam/build.vdf',
      destructive: '"AppBuild"\n{\n\t"AppID" "777"\n\t"SetLive" "public"\n\t"ContentRoot" "../out/"\n}\n',
      benign: '"AppBuild"\n{\n\t"AppID" "777"\n\t"Preview" "1"\n\t"ContentRoot" "../out/"\n}\n',
      run: 'steamcmd +login ci +run_app_build steam/build.vdf +quit',
    },
  ],
];

describe('files run by kind are decided on what they would run', () => {
  it.each(CASES)('%s', (_, c) => {
    gate.write(c.file, c.destructive);
    expect(gate.decide(c.run).decision, `${c.file} destructive was allowed`).not.toBe('allow');
    gate.write(c.file, c.benign);
    const allowed = gate.decide(c.run);
    expect(allowed.decision, allowed.reasons.join('\n')).toBe('allow');
  });

  it('holds a notebook or a pipeline file it cannot parse', () => {
    gate.write('nb/broken.ipynb', '{ "cells": [');
    expect(gate.decide('papermill nb/broken.ipynb out.ipynb').decision).not.toBe('allow');
    gate.write('dvc.yaml', 'stages: [\n');
    expect(gate.decide('dvc repro').decision).not.toBe('allow');
  });
});
