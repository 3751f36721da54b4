import { createRequire } from 'node:module';
import type { Document, LineCounter as LineCounterType } from 'yaml';
import type * as Yaml from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from '../../core/errors.js';

// yaml is loaded on first use: a cached config never needs it, and its import is slow to start.
const requireLazily = createRequire(import.meta.url);
let yaml: typeof Yaml | undefined;
function yamlModule(): typeof Yaml {
  yaml ??= requireLazily('yaml') as typeof Yaml;
  return yaml;
}

/** A YAML document with the means to turn a path inside it into a line number. */
export interface LocatedYaml {
  value: unknown;
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/** Parses YAML text; syntax errors become a ConfigError naming the file and line. */
export function parseYaml(text: string, file: string): LocatedYaml {
  const { LineCounter, parseDocument } = yamlModule();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error)
    throw new ConfigError(
      file,
      lines.linePos(error.pos[0]).line,
      error.message.split('\n')[0] ?? 'invalid YAML',
    );
  return { value: doc.toJS(), lineOf: (path) => lineOfPath(doc, lines, path) };
}

/** Parses every `---` document of a YAML file. */
export function parseYamlAll(text: string, file: string): LocatedYaml[] {
  const { LineCounter, parseAllDocuments } = yamlModule();
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [docs];
  return list.map((doc) => {
    const error = doc.errors[0];
    if (error)
      throw new ConfigError(
        file,
        lines.linePos(error.pos[0]).line,
        error.message.split('\n')[0] ?? 'invalid YAML',
      );
    return { value: doc.toJS(), lineOf: (path: readonly PropertyKey[]) => lineOfPath(doc, lines, path) };
  });
}

function lineOfPath(doc: Document, lines: LineCounterType, path: readonly PropertyKey[]): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? doc.contents : doc.getIn(path.slice(0, length) as unknown[], true);
    if (yamlModule().isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Validates a parsed YAML value with a zod schema; every problem is reported at once, each with file and line. */
export function validateYaml<T extends z.ZodType>(located: LocatedYaml, schema: T, file: string): z.infer<T> {
  const result = schema.safeParse(located.value ?? {});
  if (result.success) return result.data;
  const problems: ConfigProblem[] = result.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
    let message = issue.message;
    if (issue.code === 'unrecognized_keys')
      message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    const path =
      issue.code === 'unrecognized_keys' && issue.keys[0] ? [...issue.path, issue.keys[0]] : issue.path;
    return { file, line: located.lineOf(path), problem: `${where}: ${message}` };
  });
  // zod reports in schema order; a person reads a file top to bottom.
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  throw problems.length > 0
    ? ConfigError.of(problems)
    : new ConfigError(file, undefined, 'invalid configuration');
}
