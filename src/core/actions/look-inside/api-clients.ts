import { verbTokens } from '../classifiers/generic/intent.js';

// Reads which calls in a program go to a remote API through a client library, and which of those destroy: a call
// whose method or function name says delete/destroy/purge/drop/wipe/truncate (`delete_repo`, `deleteModel`,
// `.delete()`), made on something that comes from an API client — a name imported from a known SDK package, a
// client constructed (`HfApi()`, `MlflowClient()`, `wandb.Api()`, `new S3Client()`), or a variable holding either.
// Local data (`df.drop(columns=…)`, `items.remove(x)`, `shutil.rmtree('build')`) has none of those roots.

const VERBS = new Set(['delete', 'destroy', 'purge', 'drop', 'wipe', 'truncate']);
/** SDK packages of remote services (ML platforms, clouds, hosted APIs), by the name code imports them under. */
const SDK_PACKAGE =
  /^(?:huggingface_hub|mlflow|wandb|sagemaker|vertexai|google\.cloud|google\.cloud\.\w+|azure(?:\.\w+)*|azureml(?:\.\w+)*|databricks(?:\.\w+)*|databricks_cli|comet_ml|neptune|clearml|kfp|openai|anthropic|pinecone|qdrant_client|weaviate|replicate|modal|cohere|boto3|botocore|kubernetes|github|gitlab|stripe|supabase|firebase_admin|label_studio_sdk|@huggingface\/\w+|@aws-sdk\/[\w-]+|aws-sdk|@google-cloud\/[\w-]+|@azure\/[\w-]+|@pinecone-database\/pinecone|@octokit\/[\w-]+|@supabase\/supabase-js|firebase-admin|stripe|openai|@anthropic-ai\/sdk|@databricks\/[\w-]+|@kubernetes\/client-node)(?:\.[\w.]+)?$/;
/** A constructor of an API client (`HfApi()`, `MlflowClient()`, `wandb.Api()`, `boto3.client('s3')`). */
const CONSTRUCTOR = /(?:\b[A-Z]\w*(?:Client|Api|API|Service)|\.(?:client|resource|Api|Client))\s*\(/;
const CALL = /(\.\s*)?([A-Za-z_$][\w$]*)\s*\(/g;

/** The names that reach a remote API: SDK imports, client constructors, and variables assigned from them. */
function remoteRoots(code: string): Set<string> {
  const roots = new Set<string>();
  for (const m of code.matchAll(/^\s*import\s+([\w.]+)(?:\s+as\s+(\w+))?/gm))
    if (SDK_PACKAGE.test(m[1] ?? '')) roots.add(m[2] ?? (m[1] ?? '').split('.')[0] ?? '');
  for (const m of code.matchAll(/^\s*from\s+([\w.]+)\s+import\s+\(?([\w\s,]+)\)?/gm)) {
    if (!SDK_PACKAGE.test(m[1] ?? '')) continue;
    for (const part of (m[2] ?? '').split(',')) {
      const name = /(\w+)\s*$/.exec(part.trim())?.[1];
      if (name !== undefined) roots.add(name);
    }
  }
  // `const x = require('pkg')`, `const { a, b: c } = require('pkg')`, `import x, { a } from 'pkg'`, `import * as x`
  for (const m of code.matchAll(
    /(?:(?:const|let|var)\s+([\w$]+|\{[^}]*\})\s*=\s*(?:await\s+)?require\s*\(\s*['"]([^'"]+)['"]|import\s+([^'";]+?)\s+from\s+['"]([^'"]+)['"])/g,
  )) {
    const names = m[1] ?? m[3] ?? '';
    if (!SDK_PACKAGE.test(m[2] ?? m[4] ?? '')) continue;
    for (const name of names.replace(/\*\s*as\s+/, '').match(/[\w$]+(?=\s*(?:[,}]|$))/g) ?? [])
      roots.add(name);
  }
  roots.delete('');
  // a variable assigned from a root or a constructed client holds one too (to a fixed point, for chains)
  const assignments = [
    ...code.matchAll(/(?:^|[;\n])\s*(?:(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s*=(?!=)\s*([^;\n]+)/g),
    ...[...code.matchAll(/\bwith\s+([^:\n]+?)\s+as\s+(\w+)\s*:/g)].map((m) => ['', m[2], m[1]]),
    // a loop variable over what a client returns (`for run in api.runs(…)`, `for (const r of client.list())`)
    ...[
      ...code.matchAll(
        /\bfor\s*\(?\s*(?:(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s+(?:in|of)\s+([^:\]\n)]+)/g,
      ),
    ].map((m) => ['', m[1], m[2]]),
  ];
  for (let changed = true; changed;) {
    changed = false;
    for (const [, name = '', value = ''] of assignments) {
      if (roots.has(name)) continue;
      if (CONSTRUCTOR.test(value) || rootOf(value, roots)) {
        roots.add(name);
        changed = true;
      }
    }
  }
  return roots;
}

function rootOf(expression: string, roots: ReadonlySet<string>): boolean {
  const first = /^\s*(?:await\s+|new\s+)?([A-Za-z_$][\w$]*)/.exec(expression)?.[1];
  return first !== undefined && roots.has(first);
}

/** The receiver of a method call ending just before `end` (`wandb.Api().run('x')` before `.delete()`). */
function receiverBefore(line: string, end: number): string {
  let i = end - 1;
  while (i >= 0) {
    const c = line[i] ?? '';
    if (c === ')' || c === ']') {
      const open = c === ')' ? '(' : '[';
      let depth = 0;
      for (; i >= 0; i--) {
        if (line[i] === c) depth++;
        else if (line[i] === open && --depth === 0) break;
      }
      i--;
    } else if (/[\w$.]/.test(c)) i--;
    else if (/\s/.test(c) && /^\s*\./.test(line.slice(i))) i--;
    else break;
  }
  return line.slice(i + 1, end);
}

/** The lines of a program that call a remote API client to destroy something: line number and call name. */
export function apiClientDeletes(code: string): { line: number; call: string }[] {
  const roots = remoteRoots(code);
  if (roots.size === 0 && !CONSTRUCTOR.test(code)) return [];
  const found: { line: number; call: string }[] = [];
  for (const [index, line] of code.split('\n').entries()) {
    if (/^\s*(?:#|\/\/)/.test(line)) continue;
    for (const m of line.matchAll(CALL)) {
      const name = m[2] ?? '';
      if (!verbTokens(name).some((t) => VERBS.has(t))) continue;
      const remote =
        m[1] === undefined
          ? roots.has(name)
          : (() => {
              const receiver = receiverBefore(line, m.index);
              return rootOf(receiver, roots) || CONSTRUCTOR.test(receiver);
            })();
      if (remote) {
        found.push({ line: index + 1, call: name });
        break;
      }
    }
  }
  return found;
}
