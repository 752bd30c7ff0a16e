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

const programs = new Map<string, RE2JS>();

/** Whether the RE2 `pattern` matches the whole of `input` (as Envoy's safe_regex does). */
export function re2FullMatch(pattern: string, input: string, caseInsensitive = false): boolean {
  const key = `${caseInsensitive ? 'i' : 's'}:${pattern}`;
  let program = programs.get(key);
  program ??= remember(programs, key, re2().compile(pattern, caseInsensitive ? re2().CASE_INSENSITIVE : 0));
  return program.matches(input);
}
