import { ActionProblem } from './backend-render';
import type { HttpHeaderMatch, HttpPathMatch, HttpQueryParamMatch } from './http-route-types';
import { HeaderMatch } from '../model/header-match';
import { PathMatch, PathMatchType } from '../model/path-match';
import { QueryParameterMatch } from '../model/query-parameter-match';
import { RouteMatcher } from '../model/route-matcher';

/** How the path of a rule will be rewritten, which limits the path matches it may have. */
export enum RewriteKind {
  NONE = 'none',
  /** `ReplacePrefixMatch`: only with exactly one PathPrefix match (CRD CEL on `rules[]`). */
  PREFIX = 'prefix',
  /** `ReplaceFullPath`: any match. */
  FULL = 'full',
}

/** The path matches of one Gloo path specifier, and the paths Gloo matches that they leave out. */
export interface RenderedPaths {
  readonly paths: Array<Required<HttpPathMatch>>;
  /**
   * A Gloo character prefix whose rendered PathPrefix leaves out the paths that continue its last
   * path element (`/foox` for `/foo`), because the rule rewrites the prefix and so may have no
   * second match for them. The differential check reports the requests under it as expected.
   */
  readonly narrowedPrefix?: string;
}

/** RE2 (and JavaScript) special characters, escaped for a literal match. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

/**
 * The Gateway API path matches of a Gloo path specifier:
 *
 * - `prefix: /` is `PathPrefix /`;
 * - `prefix: /foo` is a character prefix, so `PathPrefix /foo` (`/foo`, `/foo/...`) plus
 *   `RegularExpression /foo[^/].*` (`/foox...`); a rule that rewrites by `ReplacePrefixMatch` may
 *   have one PathPrefix match only, so there the second part is left out and reported as narrowed;
 * - `prefix: /foo/` is `RegularExpression /foo/.*` (a PathPrefix `/foo/` would match `/foo` too),
 *   or, when the rule rewrites by `ReplacePrefixMatch`, `PathPrefix /foo/` (the check reports `/foo`);
 * - `exact` is `Exact`, `regex` is `RegularExpression`;
 * - `caseSensitive: false` is a `RegularExpression` with `(?i)` (Gateway API paths are
 *   case-sensitive otherwise), which cannot be rewritten by `ReplacePrefixMatch`.
 */
export function renderPath(path: PathMatch, rewrite: RewriteKind): RenderedPaths | ActionProblem {
  const insensitive = path.caseSensitive === false;
  if (rewrite === RewriteKind.PREFIX && (path.type !== PathMatchType.PREFIX || insensitive)) {
    return {
      field: insensitive ? 'caseSensitive' : path.type,
      given: insensitive ? false : path.value,
      expected: 'a case-sensitive prefix matcher on a route that rewrites the prefix (replacePrefixMatch needs a PathPrefix match)',
    };
  }
  const regex = (re: string): RenderedPaths => ({ paths: [{ type: 'RegularExpression', value: insensitive ? `(?i)${re}` : re }] });
  switch (path.type) {
    case PathMatchType.EXACT:
      return insensitive ? regex(escapeRegex(path.value)) : { paths: [{ type: 'Exact', value: path.value }] };
    case PathMatchType.REGEX:
      return regex(insensitive ? `(?:${path.value})` : path.value);
    default:
      return renderPrefix(path.value, rewrite, insensitive);
  }
}

function renderPrefix(prefix: string, rewrite: RewriteKind, insensitive: boolean): RenderedPaths {
  const literal = escapeRegex(prefix);
  if (insensitive) return { paths: [{ type: 'RegularExpression', value: `(?i)${literal}.*` }] };
  if (prefix === '/') return { paths: [{ type: 'PathPrefix', value: '/' }] };
  const element: Required<HttpPathMatch> = { type: 'PathPrefix', value: prefix };
  if (prefix.endsWith('/')) {
    return rewrite === RewriteKind.PREFIX ? { paths: [element] } : { paths: [{ type: 'RegularExpression', value: `${literal}.*` }] };
  }
  if (rewrite === RewriteKind.PREFIX) return { paths: [element], narrowedPrefix: prefix };
  return { paths: [element, { type: 'RegularExpression', value: `${literal}[^/].*` }] };
}

/** A header condition as a Gateway API header match; presence and inverted conditions have none. */
export function renderHeader(h: HeaderMatch, field: string): HttpHeaderMatch | ActionProblem {
  if (h.inverted || h.value === undefined) {
    const what = h.inverted ? (h.value === undefined ? 'an absence condition' : 'an inverted condition') : 'a presence condition';
    return {
      field,
      given: { name: h.name, value: h.value, invertMatch: h.inverted || undefined },
      expected: `a header matched by value or regex (${what} has no gateway api equivalent: header matches need a value and cannot be inverted)`,
      hint: 'match a value, e.g. HeaderMatch.valueIs("x-canary", "true")',
    };
  }
  return { name: h.name, type: h.regex ? 'RegularExpression' : 'Exact', value: h.value };
}

/** A query-parameter condition as a Gateway API query-param match; a presence condition has none. */
export function renderQuery(q: QueryParameterMatch, field: string): HttpQueryParamMatch | ActionProblem {
  if (q.value === undefined) {
    return { field, given: { name: q.name }, expected: 'a query parameter matched by value or regex (a presence condition has no gateway api equivalent)' };
  }
  return { name: q.name, type: q.regex ? 'RegularExpression' : 'Exact', value: q.value };
}

/** The methods of a matcher's matches: the function's method when it calls one, one match per method otherwise. */
export function renderMethods(matcher: RouteMatcher, functionMethod: string | undefined): Array<string | undefined> | ActionProblem {
  const methods = matcher.methods && matcher.methods.length > 0 ? [...matcher.methods] : undefined;
  if (functionMethod === undefined) return methods ?? [undefined];
  if (methods && !methods.includes(functionMethod)) {
    return { field: 'methods', given: methods, expected: `the method ${functionMethod} of the function the route calls among the methods` };
  }
  return [functionMethod];
}

/** Whether `x` is a problem rather than a rendering. */
export function isProblem(x: unknown): x is ActionProblem {
  return typeof x === 'object' && x !== null && 'expected' in x && 'field' in x;
}
