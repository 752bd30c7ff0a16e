import type { RE2JS } from 're2js';

/**
 * The characters Gloo allows in a route path or prefix rewrite: RFC 3986 "pchar" (unreserved,
 * percent-encoded, sub-delims, ":" and "@") and "/" (Gloo's `ValidateRoutePath`).
 */
const PCHAR_PATH = /^(?:[A-Za-z0-9/:@._~!$&'()*+,=;-]|%[0-9a-fA-F]{2})*$/;
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F', '#'];
const INVALID_SUFFIXES = ['/..', '/.'];

/** Why Gloo would refuse `path` as a route path, or `undefined` when it accepts it. */
export function whyInvalidRoutePath(path: string): string | undefined {
  if (path === '') return undefined;
  if (!PCHAR_PATH.test(path)) {
    return 'a path of RFC 3986 characters only (letters, digits, "/", "-", ".", "_", "~", "!", "$", "&", "\'", "(", ")", "*", "+", ",", ";", "=", ":", "@" and %XX escapes)';
  }
  const sequence = INVALID_SEQUENCES.find(s => path.includes(s));
  if (sequence) return `a path without "${sequence}"`;
  const suffix = INVALID_SUFFIXES.find(s => path.endsWith(s));
  if (suffix) return `a path that does not end with "${suffix}"`;
  return undefined;
}

/**
 * Why Gloo would refuse `rewrite` as a prefix rewrite (Gloo's `ValidatePrefixRewrite`: the path
 * part of the rewrite, as a URL, must be a valid route path), or it would send a path that does
 * not start with `/`, or `undefined` when it is fine. An empty rewrite is fine: Gloo ignores it
 * and forwards the path unchanged.
 */
export function whyInvalidPrefixRewrite(rewrite: string): string | undefined {
  if (rewrite === '') return undefined;
  if (!rewrite.startsWith('/')) return 'a prefix rewrite that starts with "/", such as "/api/pets" (or "" for no rewrite)';
  if (rewrite.includes('#')) return 'a prefix rewrite without "#"';
  const pathPart = rewrite.split('?')[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return 'a prefix rewrite whose %-escapes are valid';
  }
  return whyInvalidRoutePath(decoded);
}

let re2js: typeof RE2JS | undefined;

/** The RE2 engine, loaded on first use: it is the largest part of importing the library otherwise. */
function re2(): typeof RE2JS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  re2js ??= (require('re2js') as typeof import('re2js')).RE2JS;
  return re2js;
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
  compiled.set(pattern, why);
  return why;
}

const programs = new Map<string, RE2JS>();

/** Whether the RE2 `pattern` matches the whole of `input` (as Envoy's safe_regex does). */
export function re2FullMatch(pattern: string, input: string, caseInsensitive = false): boolean {
  const key = `${caseInsensitive ? 'i' : 's'}:${pattern}`;
  let program = programs.get(key);
  if (!program) {
    program = re2().compile(pattern, caseInsensitive ? re2().CASE_INSENSITIVE : 0);
    programs.set(key, program);
  }
  return program.matches(input);
}
