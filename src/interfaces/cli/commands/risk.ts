import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadRiskModel, scoreRange } from '../../../adapters/git/change-risk.js';
import { szzLabels } from '../../../adapters/git/szz-labels.js';
import { BlastwallError } from '../../../core/errors.js';
import { parseJitCsv } from '../../../core/risk/dataset.js';
import { evaluateChronologically, type ProtocolResult } from '../../../core/risk/eval-protocol.js';
import { describeHoldout, holdoutQuality } from '../../../core/risk/holdout.js';
import { serialiseRiskModel, trainRiskModel, type RiskModel } from '../../../core/risk/model.js';
import type { LabelledChange } from '../../../core/risk/types.js';
import { EXIT, type CliDeps } from '../deps.js';
import { describeError } from '../errors.js';

/** Registers `blastwall risk eval|score|train`. */
export function register(program: Command, deps: CliDeps): void {
  const risk = program
    .command('risk')
    .description('Change risk: evaluate, score and train the just-in-time defect model');
  risk
    .command('eval')
    .description(
      'Train on the first 80% of a labelled CSV (by date), report AUC, Popt and catch rates on the last 20%',
    )
    .requiredOption(
      '--data <file>',
      'CSV with the JIT data columns: _id, date (unix seconds), bug (0/1) and the 14 metrics ns, nd, nf, entropy, la, ld, lt, fix, ndev, age, nuc, exp, rexp, sexp (repeatable)',
      collect,
      [] as string[],
    )
    .option('--json', 'machine-readable output')
    .action((options: { data: string[]; json?: boolean }) =>
      guarded(deps, 'risk eval', () => evalCommand(deps, options)),
    );
  risk
    .command('score')
    .description('Metrics and risk score of the commits of a range (default: HEAD)')
    .argument('[range]', 'a commit or BASE..HEAD', 'HEAD')
    .option('--repo <dir>', 'repository to read', '.')
    .option('--model <file>', 'model JSON (default: the shipped model)')
    .option('--json', 'machine-readable output')
    .action((range: string, options: { repo: string; model?: string; json?: boolean }) =>
      guarded(deps, 'risk score', () => scoreCommand(deps, range, options)),
    );
  risk
    .command('train')
    .description(
      "Train a model on a repository's own history (SZZ labels) or on labelled CSVs, and write it as JSON",
    )
    .option('--repo <dir>', 'repository whose history to label with SZZ', '.')
    .option(
      '--data <file>',
      'train on labelled CSV(s) instead of a repository (repeatable)',
      collect,
      [] as string[],
    )
    .option('--out <file>', 'where to write the model', 'blastwall-risk-model.json')
    .option(
      '--threshold <p>',
      'probability at or above which a held-back change counts as flagged, for precision and recall',
      '0.5',
    )
    .addHelpText(
      'after',
      `
Before training on everything, the model is trained on the oldest 80% of the commits by date and measured on
the newest 20% (AUC, and precision and recall at --threshold); the figures are printed and kept in the model
file as heldOut. Use the model in check with risk.model in blastwall.yaml or check --risk-model FILE.`,
    )
    .action((options: { repo: string; data: string[]; out: string; threshold: string }) =>
      guarded(deps, 'risk train', () => trainCommand(deps, options)),
    );
}

async function guarded(deps: CliDeps, verb: string, run: () => Promise<number>): Promise<void> {
  try {
    deps.exit(await run());
  } catch (error) {
    const described = describeError(error);
    deps.stderr(`blastwall ${verb}: ${described.message}\n`);
    deps.exit(described.exitCode);
  }
}

async function readCsv(deps: CliDeps, file: string): Promise<LabelledChange[]> {
  const path = resolve(deps.cwd, file);
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new BlastwallError(
      'usage',
      `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  });
  return parseJitCsv(text, file);
}

const FIGURES = ['auc', 'popt', 'recallAt20Effort', 'caughtAt5', 'caughtAt10', 'caughtAt20'] as const;

async function evalCommand(deps: CliDeps, options: { data: string[]; json?: boolean }): Promise<number> {
  const results: Array<{ data: string } & ProtocolResult> = [];
  for (const file of options.data)
    results.push({ data: file, ...evaluateChronologically(await readCsv(deps, file)) });
  if (options.json) {
    deps.stdout(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
    return EXIT.ok;
  }
  for (const r of results) {
    deps.stdout(
      `${basename(r.data)}: trained on ${r.trainChanges}, tested on ${r.testChanges} (${(100 * r.testBuggyShare).toFixed(1)}% buggy)\n`,
    );
    deps.stdout(`  ${FIGURES.map((k) => `${k} ${r[k].toFixed(3)}`).join('  ')}\n`);
    deps.stdout(
      `  by risk per line: popt ${r.effortAware.popt.toFixed(3)}  recallAt20Effort ${r.effortAware.recallAt20Effort.toFixed(3)}\n`,
    );
  }
  if (results.length > 1) {
    const mean = (k: (typeof FIGURES)[number]): number =>
      results.reduce((s, r) => s + r[k], 0) / results.length;
    deps.stdout(`mean: ${FIGURES.map((k) => `${k} ${mean(k).toFixed(3)}`).join('  ')}\n`);
    const perLine = (k: 'popt' | 'recallAt20Effort'): string =>
      (results.reduce((s, r) => s + r.effortAware[k], 0) / results.length).toFixed(3);
    deps.stdout(
      `mean by risk per line: popt ${perLine('popt')}  recallAt20Effort ${perLine('recallAt20Effort')}\n`,
    );
  }
  return EXIT.ok;
}

async function scoreCommand(
  deps: CliDeps,
  range: string,
  options: { repo: string; model?: string; json?: boolean },
): Promise<number> {
  const model = await loadRiskModel(options.model ? resolve(deps.cwd, options.model) : undefined);
  const repo = resolve(deps.cwd, options.repo);
  if (!existsSync(repo)) throw new BlastwallError('usage', `${options.repo}: no such directory`);
  const scored = await scoreRange(repo, range, model);
  if (options.json) {
    deps.stdout(`${JSON.stringify(scored, null, 2)}\n`);
    return EXIT.ok;
  }
  if (scored.length === 0) deps.stdout(`no commits in ${range} (merges are not scored)\n`);
  for (const c of scored) {
    const m = c.metrics;
    deps.stdout(`${c.sha.slice(0, 10)} risk ${String(c.score).padStart(3)}  ${c.subject}\n`);
    deps.stdout(
      `  files ${m.nf}, +${m.la} -${m.ld}, author commits ${m.exp}${c.aiAssisted ? ', AI-assisted' : ''}\n`,
    );
    for (const reason of c.reasons) deps.stdout(`  - ${reason}\n`);
  }
  return EXIT.ok;
}

async function trainCommand(
  deps: CliDeps,
  options: { repo: string; data: string[]; out: string; threshold: string },
): Promise<number> {
  const threshold = Number(options.threshold);
  if (options.threshold.trim() === '' || !(threshold > 0 && threshold < 1))
    throw new BlastwallError(
      'usage',
      `--threshold must be a probability between 0 and 1, not "${options.threshold}"`,
    );
  let rows: LabelledChange[] = [];
  let sources: string[];
  if (options.data.length > 0) {
    for (const file of options.data) rows = rows.concat(await readCsv(deps, file));
    sources = options.data.map((f) => basename(f));
  } else {
    const repo = resolve(deps.cwd, options.repo);
    if (!existsSync(repo)) throw new BlastwallError('usage', `${options.repo}: no such directory`);
    const result = await szzLabels(repo, (done, total) => {
      if (deps.isTty) deps.stderr(`\rSZZ: traced ${done}/${total} fix commits`);
    });
    if (deps.isTty) deps.stderr('\n');
    rows = result.changes;
    sources = [`${basename(repo)} (SZZ, ${result.fixes} fix commits)`];
  }
  const buggy = rows.filter((r) => r.bug === 1).length;
  if (buggy < 10 || rows.length - buggy < 10) {
    throw new BlastwallError(
      'usage',
      `not enough labelled history to train: ${buggy} bug-inducing and ${rows.length - buggy} clean commits (need 10 of each)`,
    );
  }
  // Measured first on a part the model does not see; the written model then learns from every commit.
  const heldOut = holdoutQuality(rows, { threshold });
  const model: RiskModel = { ...trainRiskModel(rows, sources), heldOut };
  await writeFile(resolve(deps.cwd, options.out), `${serialiseRiskModel(model)}\n`);
  deps.stdout(
    `wrote ${options.out}: ${rows.length} commits, ${buggy} bug-inducing (${((100 * buggy) / rows.length).toFixed(1)}%)\n`,
  );
  deps.stdout(`${describeHoldout(heldOut)}\n`);
  return EXIT.ok;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
