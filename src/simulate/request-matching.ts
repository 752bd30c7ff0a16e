import { ConditionShape, MatcherShape } from './gloo-manifest';
import { re2FullMatcher } from '../private/re2';

/** A request as the matchers see it: path without the query, method, lowercased header names, query. */
export interface NormalizedRequest {
  readonly path: string;
  readonly method: string;
  readonly headers: ReadonlyMap<string, string>;
  readonly query: URLSearchParams;
}

/**
 * A Gloo matcher made ready to try against many requests (see `compileMatcher`): it matches a
 * request when `path` holds for its path and `rest` (headers, query parameters, methods) for it.
 * Kept apart, so requests with the same path test the path once.
 */
export interface CompiledMatcher {
  readonly path: (path: string) => boolean;
  readonly rest: (req: NormalizedRequest) => boolean;
}

/**
 * Splits the query string off the path at the first `?` (the rest is the query, as Envoy reads
 * it) and lowercases header names.
 */
export function normalizeRequest(request: { path: string; method?: string; headers?: { [name: string]: string } }): NormalizedRequest {
  return new Normalized(request.path, request.method ?? 'GET', request.headers);
}

/** The headers of a request without any: most of those the differential check routes. */
const NO_HEADERS: ReadonlyMap<string, string> = new Map();

class Normalized implements NormalizedRequest {
  public readonly path: string;
  public readonly headers: ReadonlyMap<string, string>;
  private readonly queryText: string;
  private params?: URLSearchParams;

  constructor(pathWithQuery: string, public readonly method: string, given: { [name: string]: string } | undefined) {
    const q = pathWithQuery.indexOf('?');
    this.path = q < 0 ? pathWithQuery : pathWithQuery.slice(0, q);
    this.queryText = q < 0 ? '' : pathWithQuery.slice(q + 1);
    const names = given ? Object.keys(given) : [];
    this.headers = names.length === 0 ? NO_HEADERS : new Map(names.map(name => [name.toLowerCase(), given![name]]));
  }

  /** Parsed when a query-parameter matcher first asks: most routes have none. */
  public get query(): URLSearchParams {
    return this.params ??= new URLSearchParams(this.queryText);
  }
}

/**
 * Whether one Gloo matcher matches, as functions of the request: its path, headers, query
 * parameters and methods, ANDed. What does not depend on the request (lowercased names, the
 * case-folded path) is worked out once, for trying one matcher against many requests.
 *
 * A regex is compiled when a request first reaches it, so one RE2 refuses throws there. A matcher
 * of the wrong shape (not an object, a header without a string name, `caseSensitive: false` on a
 * path that is not a string) throws here; `methods` of the wrong type throws when a request
 * reaches it, as before compiling.
 */
export function compileMatcher(m: MatcherShape): CompiledMatcher {
  const headers = (m.headers ?? []).map(h => ({ name: h.name.toLowerCase(), holds: compileCondition(h, h.invertMatch) }));
  const queries = (m.queryParameters ?? []).map(q => ({ name: q.name, holds: compileCondition(q, false) }));
  const methods = m.methods;
  return {
    path: compilePath(m),
    rest: req => headers.every(h => h.holds(req.headers.get(h.name)))
      && queries.every(q => q.holds(req.query.has(q.name) ? req.query.get(q.name)! : undefined))
      && (!methods || methods.length === 0 || methods.includes(req.method)),
  };
}

function compilePath(m: MatcherShape): (path: string) => boolean {
  const sensitive = m.caseSensitive ?? true;
  if (isSet(m.prefix)) {
    const prefix = m.prefix;
    if (sensitive) return path => path.startsWith(prefix);
    const folded = prefix.toLowerCase();
    return path => path.toLowerCase().startsWith(folded);
  }
  if (isSet(m.exact)) {
    const exact = m.exact;
    if (sensitive) return path => path === exact;
    const folded = exact.toLowerCase();
    return path => path.toLowerCase() === folded;
  }
  if (isSet(m.regex)) return lazyRe2(m.regex); // envoy ignores case_sensitive for regex matches
  return () => false;
}

/**
 * One header or query condition as a function of the request's value (`undefined` when absent).
 * `invertMatch` is the condition's own for a header; query parameters have none.
 */
function compileCondition(c: ConditionShape, invertMatch: boolean | null | undefined): (value: string | undefined) => boolean {
  const expected = c.value;
  const presence = expected === undefined || expected === null || expected === '';
  // a missing value only satisfies an inverted presence condition, as in Envoy
  const whenAbsent = presence && invertMatch === true;
  const invert = !!invertMatch;
  const test = presence ? () => true : c.regex ? lazyRe2(expected) : (value: string) => value === expected;
  return value => (value === undefined ? whenAbsent : test(value) !== invert);
}

/** A full RE2 match of `pattern`, compiled on first use. */
function lazyRe2(pattern: string): (input: string) => boolean {
  let matches: ((input: string) => boolean) | undefined;
  return input => (matches ??= re2FullMatcher(pattern))(input);
}

/** Whether a proto field is given (neither absent nor null). */
export function isSet<T>(v: T): v is NonNullable<T> {
  return v !== undefined && v !== null;
}
