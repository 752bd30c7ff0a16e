import { re2FullMatch } from '../private/re2';

/**
 * A node of a parsed regular expression, as far as sampling needs: a choice of alternatives, a
 * sequence, a repeated node, or one character drawn from a set.
 */
type Node =
  | { readonly kind: 'alt'; readonly options: Node[] }
  | { readonly kind: 'seq'; readonly items: Node[] }
  | { readonly kind: 'repeat'; readonly node: Node; readonly min: number; readonly max: number }
  | { readonly kind: 'char'; readonly choices: string[] };

/** The most samples one regex gives, so that alternations do not multiply the requests. */
const MAX_SAMPLES = 6;
/** Characters tried, in order, for a class, a negated class or `.`. */
const CANDIDATES = ['x', 'a', '0', '-', '_', '.', 'Z', '/', ' '];

/**
 * A few strings that `pattern` (RE2 syntax) matches in full: for each alternative, one with every
 * repetition at its minimum and one with each repeated once more. Every sample is checked with RE2
 * before it is returned, so a construct the sampler reads wrongly gives fewer samples, never a
 * wrong one. Used to derive requests that reach routes with regex matchers.
 */
export function regexSamples(pattern: string, caseInsensitive = false): string[] {
  let node: Node;
  try {
    node = new Parser(pattern).parse();
  } catch {
    return [];
  }
  const out = new Set<string>();
  for (const extra of [0, 1]) {
    for (const s of generate(node, extra)) {
      if (out.size >= MAX_SAMPLES) break;
      if (re2FullMatch(pattern, s, caseInsensitive)) out.add(s);
    }
  }
  return [...out];
}

/** The strings of a node: alternatives each once, repetitions `min + extra` times (within `max`). */
function generate(node: Node, extra: number): string[] {
  switch (node.kind) {
    case 'char':
      return node.choices.length > 0 ? [node.choices[0]] : [];
    case 'alt':
      return node.options.flatMap(o => generate(o, extra)).slice(0, MAX_SAMPLES);
    case 'repeat': {
      const count = Math.min(node.min + extra, node.max);
      const inner = generate(node.node, extra);
      return count === 0 ? [''] : inner.slice(0, 2).map(s => s.repeat(count));
    }
    case 'seq': {
      let acc = [''];
      for (const item of node.items) {
        const parts = generate(item, extra);
        acc = acc.flatMap(a => parts.map(p => a + p)).slice(0, MAX_SAMPLES);
      }
      return acc;
    }
  }
}

/** A recursive-descent reader of the RE2 constructs paths and header values use. */
class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  public parse(): Node {
    const node = this.alternation();
    if (this.i < this.src.length) throw new Error(`unexpected ${this.src[this.i]}`);
    return node;
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0] : { kind: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      if (atom) items.push(this.quantified(atom));
    }
    return { kind: 'seq', items };
  }

  private quantified(atom: Node): Node {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === '*') {[min, max] = [0, Infinity];} else if (c === '+') {[min, max] = [1, Infinity];} else if (c === '?') {[min, max] = [0, 1];} else if (c === '{' && /^\{\d+(,\d*)?\}/.test(this.src.slice(this.i))) {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i))!;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else {
      return atom;
    }
    this.i++;
    if (this.peek() === '?') this.i++; // lazy: the same strings
    return this.quantified({ kind: 'repeat', node: atom, min, max });
  }

  /** One atom, or undefined for what matches the empty string (anchors, flags). */
  private atom(): Node | undefined {
    const c = this.src[this.i++];
    switch (c) {
      case '^': case '$':
        return undefined;
      case '.':
        return { kind: 'char', choices: CANDIDATES.filter(x => x !== '\n') };
      case '(':
        return this.group();
      case '[':
        return this.charClass();
      case '\\':
        return this.escape();
      default:
        return { kind: 'char', choices: [c] };
    }
  }

  private group(): Node | undefined {
    if (this.src.startsWith('?', this.i)) {
      const flags = /^\?([a-zA-Z-]*)(:|\))/.exec(this.src.slice(this.i));
      if (flags && flags[2] === ')') {
        this.i += flags[0].length;
        return undefined; // (?i): flags for what follows
      }
      if (flags) this.i += flags[0].length;
      else if (this.src.startsWith('?P<', this.i)) this.i = this.src.indexOf('>', this.i) + 1;
      else throw new Error('unsupported group');
    }
    const node = this.alternation();
    if (this.src[this.i++] !== ')') throw new Error('unclosed group');
    return node;
  }

  private charClass(): Node {
    const negated = this.peek() === '^';
    if (negated) this.i++;
    const members: Array<(ch: string) => boolean> = [];
    let first = true;
    while (this.i < this.src.length && (this.peek() !== ']' || first)) {
      first = false;
      let lo = this.src[this.i++];
      if (lo === '\\') lo = this.classEscape(members);
      if (lo === '') continue;
      if (this.peek() === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        this.i++;
        let hi = this.src[this.i++];
        if (hi === '\\') hi = this.src[this.i++];
        const [a, b] = [lo, hi];
        members.push(ch => ch >= a && ch <= b);
      } else {
        const one = lo;
        members.push(ch => ch === one);
      }
    }
    if (this.src[this.i++] !== ']') throw new Error('unclosed class');
    const inClass = (ch: string) => members.some(m => m(ch));
    const pool = negated ? CANDIDATES : [...CANDIDATES, ...'bcdefghijklmnopqrstuvwyz123456789ABCDEFGHIJKLMNOPQRSTUVWXY'];
    return { kind: 'char', choices: pool.filter(ch => inClass(ch) !== negated) };
  }

  /** An escape inside a class: a shorthand adds its members and gives '', a character gives itself. */
  private classEscape(members: Array<(ch: string) => boolean>): string {
    const e = this.src[this.i++];
    const shorthand = SHORTHANDS[e];
    if (shorthand) {
      members.push(ch => shorthand.includes(ch));
      return '';
    }
    return e;
  }

  private escape(): Node {
    const e = this.src[this.i++];
    const shorthand = SHORTHANDS[e];
    if (shorthand) return { kind: 'char', choices: shorthand };
    if (/[bBAzZ]/.test(e)) throw new Error('unsupported assertion');
    return { kind: 'char', choices: [e] };
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }
}

/** A few members of each shorthand class, the first being the one samples use. */
const SHORTHANDS: { [e: string]: string[] } = {
  d: ['0', '1'],
  D: ['x', '-'],
  w: ['a', '0', '_'],
  W: ['-', '.'],
  s: [' '],
  S: ['x', '0'],
};
