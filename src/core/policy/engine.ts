import { createRequire } from 'node:module';
import type * as Cedar from '@cedar-policy/cedar-wasm/nodejs';
import { ConfigError } from '../errors.js';
import { LEVELS, type Level, type Satisfier } from '../model.js';
import { mergeReads, policyReads, type PolicyReads } from './reads.js';

// Cedar's WebAssembly is compiled when the module loads. A process whose decisions all come from the
// decision cache (a hook allowing `git status`) never needs it, so it is loaded on first use.
const requireLazily = createRequire(import.meta.url);
let cedarModule: typeof Cedar | undefined;
function cedar(): typeof Cedar {
  cedarModule ??= requireLazily('@cedar-policy/cedar-wasm/nodejs') as typeof Cedar;
  return cedarModule;
}

/** A policy source: its file name (for messages) and Cedar text. */
export interface PolicySource {
  file: string;
  text: string;
  /**
   * The organisation layer: only its policies may relax a rule of the shipped defaults
   * (`@relaxNotRequester("<policy id>")`). A repository or user policy never can.
   */
  mayRelax?: boolean;
}

/** What blastwall reads from a policy's annotations. */
export interface PolicyMeta {
  id: string;
  effect: 'permit' | 'forbid';
  reason: string;
  file: string;
  /** Set when approvals can satisfy this policy; absent for hard denials. */
  satisfier?: Satisfier;
  /** What of a request the policy can see (for reusing decisions). */
  reads?: PolicyReads;
}

/** A request to evaluate, in Cedar's JSON forms. */
export interface PolicyRequest {
  principal: { type: string; id: string };
  action: string;
  resource: { type: string; id: string };
  context: Record<string, Cedar.CedarValueJson>;
  entities: Cedar.EntityJson[];
}

/** The forbid policies that matched a request; an error list non-empty means it could not be decided. */
export interface PolicyResult {
  matched: PolicyMeta[];
  errors: string[];
}

/** A validated, pre-parsed policy set ready for repeated evaluation. */
export interface PolicyEngine {
  readonly policies: PolicyMeta[];
  evaluate(request: PolicyRequest): PolicyResult;
}

let nextSetId = 0;
/** Pre-parsed Cedar policy sets of this process, by their policy texts. */
const preparedSets = new Map<string, string>();

/** What a successful compile leaves behind, so the next process can skip parsing and validation. */
export interface CompiledPolicies {
  policies: { meta: PolicyMeta; text: string }[];
}

/** A decision remembered across processes: the ids of the forbids that matched. */
export interface StoredDecision {
  matched: string[];
}

/** Remembers a compile for exactly these sources and schema (the caller binds it to their content hash). */
export interface CompileCache {
  get(): CompiledPolicies | undefined;
  set(compiled: CompiledPolicies): void;
  /** Decisions of this exact policy set by request key, shared between processes. */
  decisions?: {
    get(key: string): StoredDecision | undefined;
    set(key: string, decision: StoredDecision): void;
  };
}

/** Parses, validates against the schema and pre-parses policies once; errors name the file and policy. */
export function compilePolicies(
  sources: PolicySource[],
  schemaText: string,
  cache?: CompileCache,
): PolicyEngine {
  const cached = cache?.get();
  if (cached) {
    return preparse(
      new Map(cached.policies.map((p) => [p.meta.id, p.meta])),
      Object.fromEntries(cached.policies.map((p) => [p.meta.id, p.text])),
      cache?.decisions,
    );
  }
  const staticPolicies: Record<string, string> = {};
  const metas = new Map<string, PolicyMeta>();
  const relaxations: Relaxation[] = [];
  for (const source of sources) {
    const parts = cedar().policySetTextToParts(source.text);
    if (parts.type === 'failure') {
      throw new ConfigError(source.file, lineOf(source.text, parts.errors[0]), cedarMessage(parts.errors));
    }
    if (parts.policy_templates.length > 0) {
      throw new ConfigError(
        source.file,
        undefined,
        'policy templates are not supported; write static policies',
      );
    }
    for (const text of parts.policies) {
      const meta = readMeta(text, source);
      if (metas.has(meta.id)) {
        throw new ConfigError(
          source.file,
          lineOf(source.text, text),
          `policy id "${meta.id}" is defined twice (also in ${metas.get(meta.id)?.file})`,
        );
      }
      metas.set(meta.id, meta);
      staticPolicies[meta.id] = text;
      const relaxed = relaxedBy(text);
      if (relaxed !== undefined) relaxations.push({ target: relaxed, by: meta.id, source, text });
    }
  }
  applyRelaxations(metas, relaxations);
  const validation = cedar().validate({
    schema: schemaText,
    policies: { staticPolicies },
    validationSettings: { mode: 'strict' },
  });
  if (validation.type === 'failure')
    throw new ConfigError('schema/blastwall.cedarschema', undefined, cedarMessage(validation.errors));
  const invalid = validation.validationErrors[0];
  if (invalid) {
    const meta = metas.get(invalid.policyId);
    throw new ConfigError(
      meta?.file ?? 'policies',
      undefined,
      `policy "${invalid.policyId}" does not fit the schema: ${invalid.error.message}`,
    );
  }
  const engine = preparse(metas, staticPolicies, cache?.decisions);
  cache?.set({
    policies: [...metas.values()].map((meta) => ({ meta, text: staticPolicies[meta.id] ?? '' })),
  });
  return engine;
}

function preparse(
  metas: Map<string, PolicyMeta>,
  staticPolicies: Record<string, string>,
  stored?: CompileCache['decisions'],
): PolicyEngine {
  let setId: string | undefined;
  const prepared = (): string => {
    if (setId) return setId;
    // Cedar keeps every pre-parsed set until the process ends: a long-lived process (the hook daemon,
    // `serve`) that builds an engine per request reuses the set of the same policy texts.
    const text = JSON.stringify(staticPolicies);
    const known = preparedSets.get(text);
    if (known) return (setId = known);
    const id = `blastwall-${nextSetId++}`;
    const answer = cedar().preparsePolicySet(id, { staticPolicies });
    if (answer.type === 'failure') throw new ConfigError('policies', undefined, cedarMessage(answer.errors));
    preparedSets.set(text, id);
    setId = id;
    return id;
  };
  const policies = [...metas.values()];
  const reads = mergeReads(
    policies.map((p) => p.reads ?? { context: 'all', principal: true, resource: true }),
  );
  const keyOf = requestKey(reads);
  // Only what the policies read crosses into WebAssembly: a change's list of thousands of services costs nothing.
  const attrs = reads.context === 'all' ? undefined : reads.context;
  // Decisions are a pure function of what the policies read, so equal keys share one evaluation.
  const memo = new Map<string, PolicyResult>();
  const fromStore = (key: string): PolicyResult | undefined => {
    const decision = stored?.get(key);
    if (!decision) return undefined;
    const matched = decision.matched.map((id) => metas.get(id));
    if (matched.some((m) => m === undefined)) return undefined;
    return { matched: matched as PolicyMeta[], errors: [] };
  };
  return {
    policies,
    evaluate(request) {
      const key = keyOf(request);
      const known = memo.get(key) ?? fromStore(key);
      if (known) return known;
      let result: PolicyResult;
      try {
        result = evaluate(
          prepared(),
          metas,
          attrs ? { ...request, context: pick(request.context, attrs) } : request,
        );
      } catch (error) {
        return {
          matched: [],
          errors: [
            `Cedar could not evaluate the request: ${error instanceof Error ? error.message : String(error)}`,
          ],
        };
      }
      if (result.errors.length === 0) {
        if (memo.size >= 4096) memo.clear();
        memo.set(key, result);
        stored?.set(key, { matched: result.matched.map((m) => m.id) });
      }
      return result;
    },
  };
}

function evaluate(setId: string, metas: Map<string, PolicyMeta>, request: PolicyRequest): PolicyResult {
  const answer = cedar().statefulIsAuthorized({
    principal: request.principal,
    action: { type: 'Action', id: request.action },
    resource: request.resource,
    context: request.context,
    entities: request.entities,
    preparsedPolicySetId: setId,
    validateRequest: false,
  });
  if (answer.type === 'failure') return { matched: [], errors: answer.errors.map((e) => e.message) };
  const { decision, diagnostics } = answer.response;
  const errors = diagnostics.errors.map((e) => `policy ${e.policyId}: ${e.error.message}`);
  if (decision === 'allow') return { matched: [], errors };
  const matched: PolicyMeta[] = [];
  for (const id of diagnostics.reason) {
    const meta = metas.get(id);
    if (meta && meta.effect === 'forbid') matched.push(meta);
  }
  // Cedar reports policies in no fixed order; keep the policy files' order so output is stable.
  const order = [...metas.keys()];
  matched.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  if (matched.length === 0 && errors.length === 0) errors.push('no policy permits this request');
  return { matched, errors };
}

function pick(
  context: Record<string, Cedar.CedarValueJson>,
  attrs: readonly string[],
): Record<string, Cedar.CedarValueJson> {
  const picked: Record<string, Cedar.CedarValueJson> = {};
  for (const attr of attrs) {
    const value = context[attr];
    if (value !== undefined) picked[attr] = value;
  }
  return picked;
}

/** A key holding exactly the parts of a request the policies can read. */
function requestKey(reads: PolicyReads): (request: PolicyRequest) => string {
  const attrs = reads.context === 'all' ? undefined : reads.context;
  return (request) => {
    const context = attrs ? attrs.map((a) => request.context[a]) : request.context;
    const entities = request.entities.length > 0 ? request.entities : '';
    return JSON.stringify([
      request.action,
      request.principal.type,
      reads.principal ? request.principal.id : '',
      request.resource.type,
      reads.resource ? request.resource.id : '',
      context,
      entities,
    ]);
  };
}

function readMeta(text: string, source: PolicySource): PolicyMeta {
  const json = cedar().policyToJson(text);
  if (json.type === 'failure')
    throw new ConfigError(source.file, lineOf(source.text, text), cedarMessage(json.errors));
  const annotations = json.json.annotations ?? {};
  const id = annotations.id;
  const where = lineOf(source.text, text);
  if (!id) throw new ConfigError(source.file, where, 'every policy needs an @id("…") annotation');
  if (!annotations.reason)
    throw new ConfigError(
      source.file,
      where,
      `policy "${id}" needs a @reason("…") annotation in plain words`,
    );
  const meta: PolicyMeta = {
    id,
    effect: json.json.effect,
    reason: annotations.reason,
    file: source.file,
    reads: policyReads(json.json),
  };
  if (annotations.approvals !== undefined)
    meta.satisfier = readSatisfier(annotations, source.file, where, id);
  return meta;
}

function readSatisfier(
  annotations: Record<string, string>,
  file: string,
  line: number | undefined,
  id: string,
): Satisfier {
  const approvals = Number(annotations.approvals);
  if (!Number.isInteger(approvals) || approvals < 1) {
    throw new ConfigError(
      file,
      line,
      `policy "${id}": @approvals must be a whole number of at least 1, not "${annotations.approvals}"`,
    );
  }
  const satisfier: Satisfier = { approvals, notAuthor: annotations.notAuthor === 'true' };
  if (annotations.notRequester === 'true') satisfier.notRequester = true;
  const minLevel = annotations.minLevel;
  if (minLevel !== undefined) {
    if (!(LEVELS as readonly string[]).includes(minLevel)) {
      throw new ConfigError(
        file,
        line,
        `policy "${id}": @minLevel must be one of ${LEVELS.join(', ')}, not "${minLevel}"`,
      );
    }
    satisfier.minLevel = minLevel as Level;
  }
  const ownerOf = annotations.ownerOf;
  if (ownerOf !== undefined) {
    if (ownerOf !== 'impacted' && ownerOf !== 'direct') {
      throw new ConfigError(
        file,
        line,
        `policy "${id}": @ownerOf must be "impacted" or "direct", not "${ownerOf}"`,
      );
    }
    satisfier.ownerScope = ownerOf;
  }
  return satisfier;
}

/** An organisation policy that lifts the two-person rule of another policy. */
interface Relaxation {
  target: string;
  by: string;
  source: PolicySource;
  text: string;
}

/** The policy id a `@relaxNotRequester("…")` annotation names, if the policy carries one. */
function relaxedBy(text: string): string | undefined {
  const json = cedar().policyToJson(text);
  if (json.type !== 'success') return undefined;
  return json.json.annotations?.relaxNotRequester ?? undefined;
}

/**
 * Lifts `@notRequester` from the policies an organisation relaxes. Only the organisation layer may: a
 * repository (which an agent can edit) or a user layer that tries is a configuration error, not a no-op.
 */
function applyRelaxations(metas: Map<string, PolicyMeta>, relaxations: readonly Relaxation[]): void {
  for (const relaxation of relaxations) {
    const where = lineOf(relaxation.source.text, relaxation.text);
    if (!relaxation.source.mayRelax)
      throw new ConfigError(
        relaxation.source.file,
        where,
        `policy "${relaxation.by}": only the organisation layer may relax the two-person rule (@relaxNotRequester)`,
      );
    const target = metas.get(relaxation.target);
    if (!target?.satisfier)
      throw new ConfigError(
        relaxation.source.file,
        where,
        `policy "${relaxation.by}": @relaxNotRequester names "${relaxation.target}", which is no policy that approvals satisfy`,
      );
    delete target.satisfier.notRequester;
  }
}

function cedarMessage(errors: Cedar.DetailedError[]): string {
  return errors.map((e) => (e.help ? `${e.message} (${e.help})` : e.message)).join('; ') || 'invalid Cedar';
}

/** The 1-based line where a policy's text (or an error's first source location) starts in its file. */
function lineOf(fileText: string, located: string | Cedar.DetailedError | undefined): number | undefined {
  if (located === undefined) return undefined;
  let offset: number;
  if (typeof located === 'string') {
    offset = fileText.indexOf(located.trim().slice(0, 60));
  } else {
    offset = located.sourceLocations?.[0]?.start ?? -1;
  }
  if (offset < 0) return undefined;
  return fileText.slice(0, offset).split('\n').length;
}
