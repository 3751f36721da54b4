// CODEOWNERS matching throughput: 100,000 paths against 2,000 rules. Run after `npm run build`.
/* global process, console */
import { createOwnerMatcher, parseCodeowners } from '../dist/core/codeowners/index.js';
import { compilePattern } from '../dist/core/codeowners/pattern.js';

const RULES = 2000;
const PATHS = 100_000;

// A deterministic pseudo-random generator, so every run measures the same work.
let seed = 42;
function random() {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}
function pick(list) {
  return list[Math.floor(random() * list.length)];
}

const EXTENSIONS = ['ts', 'tsx', 'js', 'go', 'py', 'md', 'yaml', 'json', 'sql', 'proto', 'rs', 'java'];
const AREAS = ['services', 'libs', 'apps', 'infra', 'tools'];
const SUBDIRS = ['src', 'test', 'docs', 'config', 'migrations', 'internal', 'api', 'cmd', 'logs'];

function generateRules() {
  const lines = [
    '# Generated CODEOWNERS',
    '* @acme/platform',
    '*.md @acme/docs',
    '/.github/ @acme/devex',
    '**/logs @acme/sre',
    'docs/* @acme/docs',
  ];
  for (let i = 0; lines.length < RULES + 1; i++) {
    const area = AREAS[i % AREAS.length];
    const team = `@acme/team-${i % 300}`;
    const kind = i % 10;
    if (kind < 5) lines.push(`/${area}/${area}-${i}/ ${team}`);
    else if (kind === 5) lines.push(`/${area}/${area}-${i - 5}/${pick(SUBDIRS)}/ ${team} @user${i}`);
    else if (kind === 6) lines.push(`/${area}/${area}-${i - 6}/**/*.${pick(EXTENSIONS)} ${team}`);
    else if (kind === 7) lines.push(`${area}/${area}-${i - 7}/*.yaml ${team}`);
    else if (kind === 8) lines.push(`*.${pick(EXTENSIONS)}.snap ${team}`);
    else lines.push(`/${area}/${area}-${i - 9}/${pick(SUBDIRS)}/generated/`);
  }
  return lines.join('\n');
}

function generatePaths() {
  const paths = [];
  for (let i = 0; i < PATHS; i++) {
    const area = pick(AREAS);
    const n = Math.floor(random() * RULES);
    const depth = 1 + Math.floor(random() * 4);
    const parts = [area, `${area}-${n}`];
    for (let d = 0; d < depth; d++) parts.push(pick(SUBDIRS));
    parts.push(`file-${i}.${pick(EXTENSIONS)}`);
    paths.push(parts.join('/'));
  }
  return paths;
}

const text = generateRules();
const paths = generatePaths();
const { rules, errors } = parseCodeowners(text, 'CODEOWNERS');
if (errors.length > 0) throw new Error(`generated CODEOWNERS has errors: ${JSON.stringify(errors[0])}`);

const compileStart = process.hrtime.bigint();
const matcher = createOwnerMatcher(rules);
const compileMs = Number(process.hrtime.bigint() - compileStart) / 1e6;

// One warm-up pass so the JIT has seen the code, then the measured pass.
let owned = 0;
for (const path of paths.slice(0, 10_000)) matcher.ownersOf(path);
const start = process.hrtime.bigint();
for (const path of paths) if (matcher.ownersOf(path).length > 0) owned++;
const seconds = Number(process.hrtime.bigint() - start) / 1e9;

// Baseline for comparison: the same regexes tried last-to-first without the index, on a sample.
const regexes = rules.map((rule) => compilePattern(rule.pattern).regex);
const sample = paths.slice(0, 5_000);
const naiveStart = process.hrtime.bigint();
for (const path of sample) {
  for (let i = regexes.length - 1; i >= 0; i--) if (regexes[i].test(path)) break;
}
const naiveSeconds = Number(process.hrtime.bigint() - naiveStart) / 1e9;

console.log(
  JSON.stringify({
    rules: rules.length,
    paths: paths.length,
    ownedPaths: owned,
    compileMs: Math.round(compileMs * 10) / 10,
    matchMs: Math.round(seconds * 1e4) / 10,
    pathsPerSecond: Math.round(paths.length / seconds),
    unindexedPathsPerSecond: Math.round(sample.length / naiveSeconds),
  }),
);
