import { emit, nestedFrame, shellQuote } from './emit.js';
import { LAUNCHERS } from './launchers.js';
import { runWrittenScript } from './script-runs.js';
import { addUnknowable, baseName } from './state.js';
import type { Field, Invocation, ResolveContext } from './state.js';
import { WRAPPERS } from './wrappers.js';

/** Resolves wrappers, launchers, aliases and functions until the command that runs is found; returns its name. */
export function resolve(inv: Invocation, ctx: ResolveContext): string {
  let words: readonly Field[] = inv.words;
  for (let guard = 0; guard < 32; guard++) {
    const head = words[0];
    if (head === undefined) return '';
    // `$(printf '\162\155') -rf x`: a name from a substitution whose output the line shows is that output
    const shown = head.opaque === true ? head.printed?.trim() : undefined;
    if (shown !== undefined && /^[\w./+-]+(?: [\w./+=:-]+)*$/.test(shown)) {
      words = [...shown.split(' ').map((value): Field => ({ value, dynamic: false })), ...words.slice(1)];
      continue;
    }
    if (head.dynamic && head.knownBase === undefined) return emit(inv, words, '', ctx.state);
    const name = baseName(head.knownBase ?? head.value);
    const plain = !head.dynamic && head.value === name;
    // `./x.sh` after `echo … > x.sh` runs what the line wrote
    if (!head.dynamic && head.value.includes('/')) {
      const ran = runWrittenScript(head, head.value, inv, ctx);
      if (ran !== undefined) return ran;
    }
    if (plain && ctx.state.aliases.has(name) && !ctx.state.expanding.has('alias ' + name)) {
      return expandAlias(name, words, inv, ctx);
    }
    if (plain && ctx.state.functions.has(name)) return ctx.engine.callFunction(name, words, inv, ctx.frame);
    const unwrap = WRAPPERS.get(name);
    if (unwrap !== undefined) {
      const inner = unwrap(words, inv);
      if (inner === undefined) return emit(inv, words, name, ctx.state);
      inv.wrappers = [...inv.wrappers, name];
      words = inner;
      continue;
    }
    const launch = LAUNCHERS.get(name);
    if (launch !== undefined) {
      const next = launch(words, inv, ctx);
      if (typeof next === 'string') return next;
      if (next === undefined) return emit(inv, words, name, ctx.state);
      words = next;
      continue;
    }
    return emit(inv, words, name, ctx.state);
  }
  addUnknowable(ctx.state, `${inv.source} wraps commands too deeply to follow`);
  return emit(inv, words, '', ctx.state);
}

function expandAlias(name: string, words: readonly Field[], inv: Invocation, ctx: ResolveContext): string {
  const key = 'alias ' + name;
  const rest = words.slice(1).map((w) => (w.dynamic ? w.value : shellQuote(w.value)));
  const text = [ctx.state.aliases.get(name) ?? '', ...rest].join(' ');
  ctx.state.expanding.add(key);
  try {
    return ctx.engine.parseText(text, {
      ...nestedFrame(inv, ctx.frame, key, text),
      pipedFrom: inv.pipedFrom,
      dir: ctx.frame.dir,
    });
  } finally {
    ctx.state.expanding.delete(key);
  }
}
