// Per-commit precision and recall of blastwall's AI-provenance detector on a real git history,
// against the ground truth of bench/provenance-truth.mjs (the documented rules, written separately).
//
//   node bench/provenance.mjs <git dir or work tree> [rev=HEAD] [--show N]
//
// Prints the counts, precision and recall, and up to N disagreements with the lines that decided them.
/* global process, console */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { truthOf } from './provenance-truth.mjs';

const [dir, rev = 'HEAD'] = process.argv
  .slice(2)
  .filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--show');
const showAt = process.argv.indexOf('--show');
const show = showAt > 0 ? Number(process.argv[showAt + 1]) : 10;
if (!dir) {
  console.error('usage: node bench/provenance.mjs <git dir> [rev] [--show N]');
  process.exit(2);
}

/** The detector, bundled from source so the measurement needs no build. */
async function loadDetector() {
  const out = mkdtempSync(join(tmpdir(), 'bw-prov-'));
  const file = join(out, 'provenance.mjs');
  await build({
    // BW_PROVENANCE_SRC: another checkout's src/core/provenance/index.ts, to compare detectors on one truth.
    entryPoints: [
      process.env.BW_PROVENANCE_SRC ??
        join(import.meta.dirname, '..', 'src', 'core', 'provenance', 'index.ts'),
    ],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: file,
    logLevel: 'error',
  });
  const module = await import(file);
  rmSync(out, { recursive: true, force: true });
  return module;
}

function readCommits() {
  const format = ['%H', '%an', '%ae', '%cn', '%ce', '%B'].join('%x1f') + '%x1e';
  const out = execFileSync('git', ['--git-dir', gitDir(dir), 'log', `--format=${format}`, rev], {
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  return out
    .split('\x1e')
    .map((r) => r.replace(/^\n/, ''))
    .filter(Boolean)
    .map((record) => {
      const [sha, authorName, authorEmail, committerName, committerEmail, message] = record.split('\x1f');
      return {
        sha,
        authorName,
        authorEmail,
        committerName,
        committerEmail,
        message,
        parents: [],
        authoredAt: 0,
        files: [],
      };
    });
}

function gitDir(path) {
  return execFileSync('git', ['-C', path, 'rev-parse', '--absolute-git-dir'], { encoding: 'utf8' }).trim();
}

const { commitProvenance } = await loadDetector();
const commits = readCommits();
let tp = 0;
let fp = 0;
let fn = 0;
const disagreements = [];
const byRule = new Map();
for (const commit of commits) {
  const truth = truthOf(commit);
  const detected = commitProvenance(commit, []);
  for (const rule of new Set(truth.map((t) => t.rule))) byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
  const expected = truth.length > 0;
  if (expected && detected.aiAssisted) tp++;
  else if (!expected && detected.aiAssisted) fp++;
  else if (expected && !detected.aiAssisted) fn++;
  if (expected !== detected.aiAssisted) disagreements.push({ commit, truth, detected });
}
const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
console.log(
  JSON.stringify({
    dir,
    rev,
    commits: commits.length,
    truth: tp + fn,
    detected: tp + fp,
    tp,
    fp,
    fn,
    precision: +precision.toFixed(4),
    recall: +recall.toFixed(4),
    truthByRule: Object.fromEntries(byRule),
  }),
);
for (const { commit, truth, detected } of disagreements.slice(0, show)) {
  console.log(
    `\n${detected.aiAssisted ? 'FP' : 'FN'} ${commit.sha.slice(0, 10)} ${commit.authorName} <${commit.authorEmail}>`,
  );
  console.log(
    '  truth:',
    JSON.stringify(truth),
    ' detector:',
    JSON.stringify(detected.evidence.map((e) => [e.kind, e.strength, e.text.slice(0, 100)])),
  );
  const lines = commit.message
    .split('\n')
    .filter((l) =>
      /co-authored|generated|assisted|claude|copilot|cursor|codex|aider|gemini|crush|openhands/i.test(l),
    );
  for (const line of lines.slice(0, 6)) console.log('  |', line.slice(0, 140));
}
