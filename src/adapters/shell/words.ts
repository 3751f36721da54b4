import type { DoubleQuotedChild, HereDocBody, SyntaxNode, Word, WordPart } from 'unbash';
import { expandBraces } from './braces.js';
import type { Field, Frame, LineState } from './state.js';

/**
 * Visits a node whose nested scripts ($(…), <(…)) would run while the word is expanded; returns what a command
 * substitution prints when that is known (`$(echo … | base64 -d)`).
 */
export type NestedWalker = (node: SyntaxNode) => string | undefined | void;

const DEFAULT_IFS = ' \t\n';

/** Builds fields the way the shell does: quote removal, known variables substituted, unquoted splitting. */
class FieldBuilder {
  readonly fields: Field[] = [];
  private cur = '';
  private started = false;
  private dynamic = false;
  /** Index in `cur` just after the last dynamic text, so a literal tail after '/' still names the base. */
  private dynEnd = -1;
  private hasLiteral = false;
  /** What the field's dynamic parts print, while each is a substitution whose output is known. */
  private printed: string | undefined = '';

  literal(text: string): void {
    this.cur += text;
    this.started = true;
    if (text !== '') this.hasLiteral = true;
  }

  dynamicText(text: string, printed?: string): void {
    this.printed = printed === undefined || this.printed === undefined ? undefined : this.printed + printed;
    this.cur += text;
    this.started = true;
    this.dynamic = true;
    this.dynEnd = this.cur.length;
  }

  /** One string is wanted (an assignment, a redirect target): `"$@"` joins its parameters instead of keeping them apart. */
  joined = false;

  constructor(private readonly ifs = DEFAULT_IFS) {}

  /** Unquoted expansion result: split on the characters of IFS. */
  split(text: string): void {
    for (const ch of text) {
      if (this.ifs.includes(ch)) this.breakField();
      else this.literal(ch);
    }
  }

  breakField(): void {
    if (this.started) this.push();
  }

  finish(): Field[] {
    if (this.started) this.push();
    return this.fields;
  }

  private push(): void {
    const field: Field = { value: this.cur, dynamic: this.dynamic };
    if (this.dynamic) {
      if (!this.hasLiteral) field.opaque = true;
      if (!this.hasLiteral && this.printed !== undefined) field.printed = this.printed;
      const slash = this.cur.lastIndexOf('/');
      if (slash >= this.dynEnd && slash < this.cur.length - 1) field.knownBase = this.cur.slice(slash + 1);
    }
    this.fields.push(field);
    this.cur = '';
    this.started = false;
    this.dynamic = false;
    this.dynEnd = -1;
    this.hasLiteral = false;
    this.printed = '';
  }
}

/** Expands one word into the fields it becomes, running nested scripts through `walk`. */
export function expandWord(word: Word, state: LineState, frame: Frame, walk: NestedWalker): Field[] {
  if (word.parts === undefined) return [{ value: word.value, dynamic: false }];
  const b = new FieldBuilder(state.vars.get('IFS'));
  for (const part of word.parts) addPart(part, false, b, state, frame, walk);
  const fields = b.finish();
  if (!word.parts.some((p) => p.type === 'BraceExpansion')) return fields;
  const out: Field[] = [];
  for (const f of fields) for (const value of expandBraces(f.value)) out.push({ ...f, value });
  return out;
}

/** Expands a word into one string (assignment values, redirect targets): no splitting. */
export function expandJoined(word: Word, state: LineState, frame: Frame, walk: NestedWalker): Field {
  if (word.parts === undefined) return { value: word.value, dynamic: false };
  const b = new FieldBuilder();
  b.joined = true;
  for (const part of word.parts) addPart(part, true, b, state, frame, walk);
  const fields = b.finish();
  return fields[0] ?? { value: '', dynamic: false };
}

/** Text of a heredoc body with known variables substituted (quoted delimiters keep it verbatim). */
export function expandHereDoc(
  body: HereDocBody,
  quoted: boolean,
  state: LineState,
  frame: Frame,
  walk: NestedWalker,
): Field {
  if (quoted || body.parts === undefined) return { value: body.text, dynamic: false };
  const b = new FieldBuilder();
  for (const part of body.parts) addPart(part, true, b, state, frame, walk);
  return b.finish()[0] ?? { value: '', dynamic: false };
}

function addPart(
  part: WordPart | DoubleQuotedChild,
  quoted: boolean,
  b: FieldBuilder,
  state: LineState,
  frame: Frame,
  walk: NestedWalker,
): void {
  switch (part.type) {
    case 'Literal':
    case 'SingleQuoted':
    case 'AnsiCQuoted':
    case 'Glob':
      b.literal(part.value);
      return;
    case 'DoubleQuoted':
    case 'LocaleString':
      b.literal('');
      for (const child of part.parts) addPart(child, true, b, state, frame, walk);
      return;
    case 'ExtendedGlob':
    case 'BraceExpansion':
      b.literal(part.text);
      return;
    case 'SimpleExpansion':
      addVariable(part.text.slice(1), part.text, quoted, b, state, frame);
      return;
    case 'ParameterExpansion':
      if (
        part.prefix === undefined &&
        part.operation === undefined &&
        (part.index?.text === '@' || part.index?.text === '*') &&
        state.arrays.has(part.parameter)
      ) {
        // `"${cmd[@]}"`: each element its own field; unquoted, each element split again
        const elements = state.arrays.get(part.parameter) ?? [];
        if (quoted && part.index.text === '*') b.literal(elements.join(' '));
        else
          for (const [i, element] of elements.entries()) {
            if (i > 0) b.breakField();
            if (quoted) b.literal(element);
            else b.split(element);
          }
      } else if (part.prefix === undefined && part.index === undefined && part.operation === undefined) {
        addVariable(part.parameter, part.text, quoted, b, state, frame);
      } else if (
        part.prefix === '!' &&
        part.index === undefined &&
        part.operation === undefined &&
        /^[A-Za-z_]\w*$/.test(state.vars.get(part.parameter) ?? '')
      ) {
        // `${!name}`: the variable whose name `name` holds, when that name is known on the line
        addVariable(state.vars.get(part.parameter) ?? '', part.text, quoted, b, state, frame);
      } else {
        walk(part);
        b.dynamicText(part.text);
      }
      return;
    case 'CommandExpansion': {
      const printed = walk(part);
      // the shell strips a substitution's trailing newlines
      b.dynamicText(part.text, typeof printed === 'string' ? printed.replace(/\n+$/, '') : undefined);
      return;
    }
    case 'ProcessSubstitution': {
      // `<(echo '…')`: the file it names holds what the substitution prints, when that is known
      const printed = walk(part);
      b.dynamicText(part.text, typeof printed === 'string' ? printed : undefined);
      return;
    }
    case 'ArithmeticExpansion':
      walk(part);
      b.dynamicText(part.text);
      return;
  }
}

function addVariable(
  name: string,
  text: string,
  quoted: boolean,
  b: FieldBuilder,
  state: LineState,
  frame: Frame,
): void {
  const params = frame.positional;
  if (name === '@' && quoted && params !== undefined) {
    // `"$@"`: each positional parameter its own field
    for (const [i, param] of params.slice(1).entries()) {
      if (i > 0) b.breakField();
      b.literal(param);
    }
    return;
  }
  const value = lookup(name, state, frame);
  if (value === undefined) {
    b.dynamicText(text);
  } else if (quoted) {
    b.literal(value);
  } else {
    b.split(value);
  }
}

function lookup(name: string, state: LineState, frame: Frame): string | undefined {
  const known = state.vars.get(name);
  if (known !== undefined) return known;
  const positional = frame.positional;
  if (positional !== undefined) {
    if (/^[0-9]$/.test(name)) return positional[Number(name)] ?? '';
    if (name === '@' || name === '*') return positional.slice(1).join(' ');
    if (name === '#') return String(Math.max(0, positional.length - 1));
  }
  // Bash's default IFS is space, tab, newline; `${IFS}` is the classic way to hide spaces.
  if (name === 'IFS') return DEFAULT_IFS;
  return undefined;
}
