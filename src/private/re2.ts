import type { RE2JS } from 're2js';

let re2js: typeof RE2JS | undefined;

/** The RE2 engine, loaded on first use: it is the largest part of importing the library otherwise. */
function re2(): typeof RE2JS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  re2js ??= (require('re2js') as typeof import('re2js')).RE2JS;
  return re2js;
}

/** How many patterns each cache keeps: the patterns of one app, not of every app a long process sees. */
const CACHE_LIMIT = 10_000;

/** Remembers `value` under `key`, forgetting everything once the cache is full. */
function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

const compiled = new Map<string, string | undefined>();

/**
 * Why `pattern` is not a valid RE2 regular expression (the syntax Gloo and Envoy use), or
 * `undefined` when it is. JavaScript's RegExp accepts things RE2 refuses, such as look-ahead
 * and back-references.
 */
export function whyInvalidRe2(pattern: string): string | undefined {
  if (compiled.has(pattern)) return compiled.get(pattern);
  let why: string | undefined;
  try {
    re2().compile(pattern);
  } catch (e) {
    why = (e as Error).message;
  }
  return remember(compiled, pattern, why);
}

/** A compiled pattern, and the text every input it matches in full starts with. */
interface Program {
  readonly re: RE2JS;
  readonly prefix: string;
}

/** Compiled patterns by pattern, case-sensitive and not (keyed by the pattern itself, whose hash V8 keeps). */
const programs = { sensitive: new Map<string, Program>(), insensitive: new Map<string, Program>() };

/** Whether the RE2 `pattern` matches the whole of `input` (as Envoy's safe_regex does). */
export function re2FullMatch(pattern: string, input: string, caseInsensitive = false): boolean {
  return fullMatch(programOf(pattern, caseInsensitive), input);
}

/**
 * `re2FullMatch` of `pattern` as a function of the input, compiled now: for trying one pattern
 * against many inputs. Throws when `pattern` is not valid RE2.
 */
export function re2FullMatcher(pattern: string, caseInsensitive = false): (input: string) => boolean {
  const program = programOf(pattern, caseInsensitive);
  return input => fullMatch(program, input);
}

function programOf(pattern: string, caseInsensitive: boolean): Program {
  const cache = caseInsensitive ? programs.insensitive : programs.sensitive;
  return cache.get(pattern) ?? remember(cache, pattern, {
    re: re2().compile(pattern, caseInsensitive ? re2().CASE_INSENSITIVE : 0),
    prefix: caseInsensitive ? '' : literalPrefix(pattern),
  });
}

function fullMatch(program: Program, input: string): boolean {
  // an input without the literal start cannot match: most of the library's patterns start with a
  // path (`/foo[^/].*`), and most inputs tried against them are other paths
  return input.startsWith(program.prefix) && program.re.matches(input);
}

/** ASCII characters that stand for themselves in RE2 outside a class (not the backslash nor `^$.|?*+()[]{}`). */
const PLAIN = /^[A-Za-z0-9 !"#%&',\-/:;<=>@_`~]$/;
/** An ASCII punctuation character, which a backslash makes literal. */
const PUNCTUATION = /^[!-/:-@[-`{-~]$/;
const QUANTIFIERS = '*+?{';

/**
 * Whether what starts at `i` may repeat or drop the character before it: a quantifier, or
 * something without width of its own that a quantifier may follow (a flag group such as `(?i)`,
 * an empty `\Q\E`).
 */
function mayQuantifyPrevious(pattern: string, i: number): boolean {
  if (i >= pattern.length) return false;
  const next = pattern.slice(i, i + 2);
  return QUANTIFIERS.includes(pattern[i]) || next === '(?' || next === '\\Q' || next === '\\E';
}

/**
 * The literal text every string that `pattern` (valid RE2, case-sensitive) matches in full starts
 * with: its leading characters up to the first operator, class, group or escape sequence, less the
 * last one when a quantifier, a group that starts with `(?` or a `\Q`/`\E` follows it (each may
 * leave the quantifier to that character). `''` when unsure: a pattern with `|` anywhere
 * (alternation could skip the start), one starting with an operator or a group such as `(?i)`.
 */
export function literalPrefix(pattern: string): string {
  if (pattern.includes('|')) return '';
  let prefix = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    let literal: string;
    if (c === '\\') {
      // an escaped punctuation character is that character; `\d`, `\Q`, `\x41`, `\pL`... are not single literals
      const e = pattern[i + 1];
      if (e === undefined || !PUNCTUATION.test(e)) break;
      literal = e;
      i += 2;
    } else if (PLAIN.test(c)) {
      literal = c;
      i += 1;
    } else {
      break;
    }
    if (mayQuantifyPrevious(pattern, i)) break;
    prefix += literal;
  }
  return prefix;
}

/**
 * `input` with every match of the RE2 `pattern` replaced by `substitution`, in which `\0` to `\9`
 * stand for the match and its capture groups and `\\` for a backslash (RE2's rewrite syntax, which
 * Envoy's `regex_rewrite` uses). Throws when `pattern` is not valid RE2.
 */
export function re2ReplaceAll(pattern: string, input: string, substitution: string): string {
  return programOf(pattern, false).re.matcher(input).replaceAll((...args: unknown[]) => {
    const groups = args.slice(0, -2); // the match and its groups; the offset and the input follow
    return substitution.replace(/\\(\d|\\)/g, (_all, ref: string) => (ref === '\\' ? '\\' : String(groups[Number(ref)] ?? '')));
  });
}

/** How many capture groups the RE2 `pattern` has. Throws when `pattern` is not valid RE2. */
export function re2GroupCount(pattern: string): number {
  return programOf(pattern, false).re.groupCount();
}
