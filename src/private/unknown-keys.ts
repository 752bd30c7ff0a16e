import type { AddProblem } from './errors';
import { KNOWN_KEYS, KnownInterface } from './known-keys';

/**
 * Unknown properties: JavaScript callers have no compiler to tell them that `functionName` is not a
 * property of `KubeServiceDestination`, and a property nobody reads would be dropped silently. The
 * constructs and factories report each one instead, with the properties the interface does have
 * (from `known-keys.ts`, generated from the interfaces themselves).
 */

/** One property given that `iface` does not have: its key, the value, what was expected, a hint. */
export interface UnknownKey {
  readonly key: string;
  readonly given: unknown;
  readonly expected: string;
  readonly hint?: string;
}

/** The properties of `value` that `iface` does not have, in the order given; none for a non-object. */
export function unknownKeys(value: unknown, iface: KnownInterface): UnknownKey[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const known: readonly string[] = KNOWN_KEYS[iface];
  const given = value as { [key: string]: unknown };
  return Object.keys(given)
    .filter(key => !known.includes(key) && given[key] !== undefined)
    .map(key => {
      const near = closest(key, known);
      return {
        key,
        given: given[key],
        expected: `a property ${iface} has: ${known.join(', ')}`,
        hint: near ? `did you mean ${near}?` : 'javascript callers get no compile error for it, and nothing would read it',
      };
    });
}

/** Adds a problem for each property of `value` that `iface` does not have, under `prefix`. */
export function checkKnownKeys(add: AddProblem, value: unknown, iface: KnownInterface, prefix = ''): void {
  for (const u of unknownKeys(value, iface)) add(`${prefix}${u.key}`, u.given, u.expected, u.hint);
}

/** The first unknown property of `value` as a value object's input problem, under `prefix`. */
export function firstUnknownKey(value: unknown, iface: KnownInterface, prefix = ''): { field: string; given: unknown; expected: string; hint?: string } | undefined {
  const u = unknownKeys(value, iface)[0];
  return u && { field: `${prefix}${u.key}`, given: u.given, expected: u.expected, hint: u.hint };
}

/** The known key closest to `key` by edit distance, when it is close enough to be a typo. */
function closest(key: string, known: readonly string[]): string | undefined {
  const limit = key.length > 5 ? 2 : 1;
  let best: { k: string; d: number } | undefined;
  for (const k of known) {
    const d = k.toLowerCase() === key.toLowerCase() ? 0 : editDistance(k, key);
    if (d <= limit && (!best || d < best.d)) best = { k, d };
  }
  return best?.k;
}

/** Edit distance of two short strings, a swap of two neighbours counting as one edit. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
