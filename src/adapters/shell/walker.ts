import { forEachChild, parse } from 'unbash';
import { ASSIGNMENT_COMMAND } from '../../core/actions/types.js';
import type {
  Assignment,
  Command,
  CommandNode,
  CompoundList,
  ParsedScript,
  PipelineNode,
  AndOr,
  Redirection,
  Statement,
  SyntaxNode,
} from 'unbash';
import { UNKNOWN_VALUE } from '../../core/actions/types.js';
import { builtinEffects, positionalFromSet, setVar } from './builtins.js';
import { decodedOutput } from './decoders.js';
import { emit } from './emit.js';
import { resolve } from './resolve.js';
import { cdGuarded, changeDirectory } from './directories.js';
import { applyRedirect, newInvocation, stageFrame, stagesAfter, stagesBefore } from './invocation.js';
import { MAX_DEPTH, addUnknowable, forkDir } from './state.js';
import type { Engine, Field, Frame, Invocation, LineState, ResolveContext } from './state.js';
import { expandJoined, expandWord } from './words.js';

// Only the nearest producers matter to a classifier; keeps absurdly long pipelines linear.
const MAX_PIPED_FROM = 16;
const OUTPUT_OPS = new Set(['>', '>>', '>|', '&>', '&>>', '<>']);

/** Walks unbash syntax trees and records every simple command that would run. */
/** The most words of a `for` list walked one by one; a longer list leaves its variable unknown. */
const MAX_LOOP_WORDS = 16;

export class Walker implements Engine {
  /** The command about to be walked only lets the line go on when it succeeds (`cd x && …`, `cd x || exit`). */
  private guarded = false;
  /** Literal output of the last `echo`/`printf` walked, for `echo '…' | sh`. */
  private lastOutput: string | undefined;

  constructor(private readonly state: LineState) {}

  parseText(text: string, frame: Frame): string {
    if (frame.depth > MAX_DEPTH) {
      addUnknowable(this.state, `commands nested more than ${MAX_DEPTH} shells deep cannot be followed`);
      return '';
    }
    if (--this.state.budget < 0) {
      addUnknowable(this.state, 'the line nests too many scripts to follow');
      return '';
    }
    return this.script(parse(text), { ...frame, source: text });
  }

  callFunction(name: string, words: readonly Field[], inv: Invocation, frame: Frame): string {
    const fn = this.state.functions.get(name);
    const key = 'function ' + name;
    if (fn === undefined || this.state.expanding.has(key)) return name;
    this.state.expanding.add(key);
    try {
      const inner: Frame = {
        depth: frame.depth,
        via: [...inv.via, `function ${name}`],
        dir: frame.dir,
        wrappers: inv.wrappers,
        remote: inv.remote,
        pipedFrom: inv.pipedFrom,
        positional: words.map((w) => w.value),
        source: fn.source,
      };
      return this.node(fn.node.body, inner);
    } finally {
      this.state.expanding.delete(key);
    }
  }

  private script(script: ParsedScript, frame: Frame): string {
    if (script.errors !== undefined) {
      for (const e of script.errors) this.state.out.errors.push(`${e.message} (at ${e.pos})`);
    }
    return this.statements(
      script.commands,
      script.source === undefined ? frame : { ...frame, source: script.source },
    );
  }

  private statements(list: readonly Statement[], frame: Frame): string {
    let last = '';
    for (const statement of list) last = this.node(statement.command, frame);
    return last;
  }

  private list(list: CompoundList | undefined, frame: Frame): string {
    return list === undefined ? '' : this.statements(list.commands, frame);
  }

  private node(n: PipelineNode | AndOr | CommandNode | CompoundList, frame: Frame): string {
    switch (n.type) {
      case 'Command':
        return this.command(n, frame);
      case 'Pipeline':
        return this.pipeline(
          n.commands,
          n.prefixes.some((p) => p.type === 'Time')
            ? { ...frame, wrappers: [...frame.wrappers, 'time'] }
            : frame,
        );
      case 'AndOr': {
        let last = '';
        for (const [i, c] of n.commands.entries()) {
          this.guarded = cdGuarded(n, i);
          last = this.node(c, frame);
        }
        return last;
      }
      case 'If': {
        this.list(n.clause, frame);
        let last = this.list(n.then, frame);
        for (const e of n.elif) {
          this.list(e.clause, frame);
          last = this.list(e.then, frame);
        }
        return this.list(n.else, frame) || last;
      }
      case 'For':
      case 'Select': {
        // `for f in a.sh tests/*.sh; do bash "$f"; done`: a short list of words known before the line runs is walked
        // once per word, so the body's commands are known (a glob stays a pattern, for its readers to match)
        const words =
          n.type === 'For' && n.wordlist !== undefined
            ? n.wordlist.flatMap((w) => this.expand(w, frame))
            : [];
        if (words.length > 0 && words.length <= MAX_LOOP_WORDS && words.every((w) => !w.dynamic)) {
          let last = '';
          for (const w of words) {
            this.state.vars.set(n.name.value, w.value);
            this.state.changed.delete(n.name.value);
            last = this.list(n.body, frame);
          }
          this.state.vars.delete(n.name.value);
          this.state.changed.set(n.name.value, UNKNOWN_VALUE);
          return last;
        }
        if (words.length === 0) for (const w of n.wordlist ?? []) this.nested(w, frame);
        this.state.vars.delete(n.name.value);
        this.state.changed.set(n.name.value, UNKNOWN_VALUE);
        return this.list(n.body, frame);
      }
      case 'While':
        this.list(n.clause, frame);
        return this.list(n.body, frame);
      case 'Subshell':
        // a subshell's `cd` does not outlive it
        return this.list(n.body, { ...frame, dir: forkDir(frame.dir) });
      case 'BraceGroup':
      case 'ArithmeticFor':
        if (n.type === 'ArithmeticFor') this.nested(n, frame, true);
        return this.list(n.body, frame);
      case 'Case': {
        this.nested(n.word, frame);
        let last = '';
        for (const item of n.items) {
          for (const p of item.pattern) this.nested(p, frame);
          last = this.list(item.body, frame);
        }
        return last;
      }
      case 'TestCommand':
      case 'ArithmeticCommand':
        this.nested(n, frame);
        return '';
      case 'Redirected':
        return this.redirected(n.command, n.redirects, frame);
      case 'Function':
        this.state.functions.set(n.name.value, { node: n, source: frame.source });
        return '';
      case 'Coproc':
        return this.node(n.body, frame);
      case 'CompoundList':
        return this.list(n, frame);
    }
  }

  private pipeline(elements: readonly CommandNode[], frame: Frame): string {
    const names: string[] = [];
    let pipedText: string | undefined;
    // `&&` after a pipeline tests its last stage only: no stage surely stopped the line
    if (elements.length > 1) this.guarded = false;
    for (const [i, element] of elements.entries()) {
      const staged = stageFrame(frame, i, elements.length, names.slice(-MAX_PIPED_FROM).reverse());
      // the last stage's output goes where the pipeline's goes (the frame's); the others' to the next stage
      const f = i < elements.length - 1 ? { ...staged, pipedTo: stagesAfter(elements, i, frame) } : staged;
      this.lastOutput = undefined;
      const piped = {
        text: pipedText,
        source: stagesBefore(elements, i, frame),
        stage: elements.length > 1,
      };
      names.push(element.type === 'Command' ? this.command(element, f, piped) : this.node(element, f));
      pipedText = element.type === 'Command' ? this.lastOutput : undefined;
    }
    return names.at(-1) ?? '';
  }

  private redirected(command: CommandNode, redirects: readonly Redirection[], frame: Frame): string {
    const inv = newInvocation(this.state, frame, '');
    for (const r of redirects) applyRedirect(r, inv, frame, this.state, (n) => this.nested(n, frame));
    const last = this.node(command, frame);
    // Output redirected from a whole group still truncates or writes its target: report it like `: > file`.
    const out = inv.redirects.filter((r) => OUTPUT_OPS.has(r.op));
    if (out.length > 0)
      emit(
        { ...inv, redirects: out, source: frame.source.slice(command.pos, command.end) },
        [{ value: ':', dynamic: false }],
        ':',
        this.state,
      );
    return last;
  }

  private command(
    c: Command,
    frame: Frame,
    piped?: { text?: string | undefined; source?: string | undefined; stage?: boolean },
  ): string {
    // read before expanding words: a `$(…)` in them is a command of its own
    const guarded = this.guarded;
    this.guarded = false;
    const inv = newInvocation(this.state, frame, frame.source.slice(c.pos, c.end));
    // a stage of a pipeline is not what `&&` tests (the pipeline's status is its last stage's)
    if ((guarded || this.state.errexit) && piped?.stage !== true) inv.stopsLine = true;
    inv.pipedText = piped?.text;
    inv.pipedSource = piped?.source;
    const assignOnly = c.name === undefined;
    const assigned: Field[] = [];
    for (const p of c.prefix) {
      if (p.type !== 'Assignment') {
        applyRedirect(p, inv, frame, this.state, (n) => this.nested(n, frame));
        continue;
      }
      const value = this.assignment(p, frame);
      if (assignOnly) {
        setVar(this.state, p.name, value);
        assigned.push({
          value: `${p.name}${p.append === true ? '+=' : '='}${value.value}`,
          dynamic: value.dynamic,
        });
      } else inv.env[p.name] = value.value;
    }
    const words = c.name === undefined ? [] : this.expand(c.name, frame);
    const declared: [string, Field][] = [];
    for (const s of c.suffix) {
      if (s.type === 'Word') {
        for (const f of this.expand(s, frame)) words.push(f);
      } else if (s.type === 'Assignment') {
        const value = this.assignment(s, frame);
        declared.push([s.name, value]);
        words.push({
          value: `${s.name}${s.append === true ? '+=' : '='}${value.value}`,
          dynamic: value.dynamic,
        });
      } else {
        applyRedirect(s, inv, frame, this.state, (n) => this.nested(n, frame));
      }
    }
    if (words.length === 0) {
      // bare assignments run nothing, but self-protection must see `BLASTWALL_X=…` (types.ts: ASSIGNMENT_COMMAND)
      if (inv.redirects.length === 0)
        return assigned.length === 0
          ? ''
          : emit(
              inv,
              [{ value: ASSIGNMENT_COMMAND, dynamic: false }, ...assigned],
              ASSIGNMENT_COMMAND,
              this.state,
            );
      words.push({ value: ':', dynamic: false });
    }
    // `echo … | base64 -d | sh`: a decoder fed literal text prints known text too (decoders.ts)
    const output =
      builtinEffects(this.state, words, declared) ??
      decodedOutput(words, inv.stdinLiteral === true ? inv.stdin : piped?.text);
    if (output !== undefined) this.lastOutput = output;
    // `set -- …` replaces this shell's positional parameters for the commands after it; unknown ones stay unknown
    const params = positionalFromSet(words, frame.positional?.[0] ?? 'sh');
    if (params !== undefined) frame.positional = params ?? undefined;
    inv.words = words;
    const ctx: ResolveContext = {
      state: this.state,
      frame,
      engine: this,
      resolve: (inner) => resolve(inner, ctx),
    };
    const name = resolve(inv, ctx);
    this.exportedFunctions(words, inv, frame);
    if (frame.dir !== undefined)
      changeDirectory(frame.dir, words, guarded || this.state.errexit, this.opensLine(inv, frame));
    return name;
  }

  /**
   * `export -f git` (`declare -fx`, `typeset -xf`) hands a function defined on the line to every later bash, where
   * it runs in place of the command it is named after: its body is judged as if it ran now.
   */
  private exportedFunctions(words: readonly Field[], inv: Invocation, frame: Frame): void {
    const head = words[0]?.value ?? '';
    if (head !== 'export' && head !== 'declare' && head !== 'typeset') return;
    const flags = words.slice(1).filter((w) => /^-[a-zA-Z]+$/.test(w.value));
    if (!flags.some((w) => w.value.includes('f'))) return;
    if (head !== 'export' && !flags.some((w) => w.value.includes('x'))) return;
    for (const word of words.slice(1)) {
      if (word.value.startsWith('-') || !this.state.functions.has(word.value)) continue;
      const exported = { ...inv, via: [...inv.via, `export -f ${word.value}`], pipedFrom: [] };
      this.callFunction(word.value, [], exported, frame);
    }
  }

  /**
   * Whether this command opens the line: nothing ran before it but its own `git rev-parse` substitution,
   * and nothing on the line (a variable, a function or alias named git, a prefix assignment) could change
   * what git prints. Only then is `cd "$(git rev-parse --show-toplevel)"` the repository the line started in.
   */
  private opensLine(inv: Invocation, frame: Frame): boolean {
    const { vars, exported, functions, aliases, out } = this.state;
    return (
      frame.depth === 0 &&
      frame.remote === undefined &&
      Object.keys(inv.env).length === 0 &&
      vars.size === 0 &&
      exported.size === 0 &&
      functions.size === 0 &&
      aliases.size === 0 &&
      // What ran so far: the substitution's own git, then this command (already recorded).
      out.commands.every(
        (c, i) =>
          (c.name === 'git' && c.args.join(' ') === 'rev-parse --show-toplevel') ||
          (i === out.commands.length - 1 && (c.name === 'cd' || c.name === 'pushd')),
      )
    );
  }

  private expand(word: Parameters<typeof expandWord>[0], frame: Frame): Field[] {
    return expandWord(word, this.state, frame, (n) => this.nested(n, frame));
  }

  private assignment(a: Assignment, frame: Frame): Field {
    if (a.value.type === 'ArrayValue') {
      this.nested(a.value, frame);
      // an array of literal elements is kept for `"${name[@]}"`; one element known only when it runs forgets it
      const elements = a.value.elements.map((e) => this.expand(e, frame));
      if (a.append !== true && elements.every((fields) => fields.every((f) => !f.dynamic)))
        this.state.arrays.set(
          a.name,
          elements.flatMap((fields) => fields.map((f) => f.value)),
        );
      else this.state.arrays.delete(a.name);
      return { value: frame.source.slice(a.value.pos, a.value.end), dynamic: true, array: true };
    }
    const value = expandJoined(a.value, this.state, frame, (n) => this.nested(n, frame));
    if (a.append !== true) return value;
    const old = this.state.vars.get(a.name);
    return old === undefined
      ? { value: value.value, dynamic: true }
      : { value: old + value.value, dynamic: value.dynamic };
  }

  /**
   * Finds and walks scripts nested anywhere under a node ($(…), `…`, <(…)); skips `skipBody`'s body. Returns what
   * a command substitution of one pipeline prints when that is literal (`$(printf '\x72\x6d …')`).
   */
  private nested(n: SyntaxNode, frame: Frame, skipBody = false): string | undefined {
    if (
      n.type === 'CommandExpansion' ||
      n.type === 'ProcessSubstitution' ||
      n.type === 'ArithmeticCommandExpansion'
    ) {
      if (n.script === undefined) return undefined;
      // the enclosing pipeline's output is its own: keep it across the substitution
      const outer = this.lastOutput;
      this.lastOutput = undefined;
      this.script(n.script, {
        ...frame,
        pipedTo: undefined,
        captured: n.type !== 'ProcessSubstitution',
        pipedFrom: [],
        stdin: undefined,
        stdinUnknowable: undefined,
        dir: forkDir(frame.dir),
      });
      const printed = this.lastOutput;
      this.lastOutput = outer;
      // only a lone command or pipeline: after `echo a && ls`, what ls printed is not known
      const only = n.script.commands.length === 1 ? n.script.commands[0]?.command.type : undefined;
      const reads = n.type === 'CommandExpansion' || (n.type === 'ProcessSubstitution' && n.operator === '<');
      return reads && (only === 'Command' || only === 'Pipeline') ? printed : undefined;
    }
    forEachChild(n, (child) => {
      if (skipBody && child.type === 'CompoundList') return;
      this.nested(child, frame);
    });
    return undefined;
  }
}
