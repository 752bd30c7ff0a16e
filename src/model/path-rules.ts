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
