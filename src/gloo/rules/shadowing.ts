import { IRouteTable } from '../../model/references';
import { jsonAt } from '../../private/json';
import { re2FullMatch } from '../../private/re2';
import { Route } from '../route';
import { GlooCondition, GlooMatcher, glooMatchersOf } from '../route-render';

/** An earlier route that matches every request a later matcher matches. */
export interface Cover {
  /** The earlier route. */
  readonly route: Route;
  /** The index of its matcher that covers the later one. */
  readonly matcher: number;
  /**
   * When the earlier route delegates: how the covering route inside its RouteTable (or a table
   * it delegates to in turn) is named, e.g. `RouteTable gloo-system/api routes[0]`.
   */
  readonly via?: string;
}

/**
 * The first matcher of an earlier route that matches every request `later` matches, if any.
 *
 * A delegating route shadows only through its RouteTable: Gloo flattens delegation, so when none of
 * the table's routes matches a request, the routes after the delegating one are tried. It covers
 * `later` when its own matcher does and a route of its table (of this app, so its routes are known)
 * covers `later` too.
 */
export function coveringMatcher(later: GlooMatcher, earlier: Route[], visiting: Set<unknown> = new Set()): Cover | undefined {
  for (const route of earlier) {
    const matchers = glooMatchersOf(route);
    for (let i = 0; i < matchers.length; i++) {
      if (!covers(matchers[i], later)) continue;
      if (!route.action.routeTable) return { route, matcher: i };
      const via = coverInTable(route.action.routeTable, later, visiting);
      if (via) return { route, matcher: i, via };
    }
  }
  return undefined;
}

/** The routes of a RouteTable of this app; undefined for one imported by name (its routes are unknown). */
export function routesOf(table: IRouteTable | undefined): Route[] | undefined {
  const routes = jsonAt(table, 'routes');
  return Array.isArray(routes) ? routes : undefined;
}

function coverInTable(table: IRouteTable, later: GlooMatcher, visiting: Set<unknown>): string | undefined {
  const routes = routesOf(table);
  if (!routes || visiting.has(table)) return undefined; // an external table (routes unknown), or a cycle
  visiting.add(table);
  try {
    const inner = coveringMatcher(later, routes, visiting);
    if (!inner) return undefined;
    const here = `RouteTable ${table.namespace ? `${table.namespace}/` : ''}${table.name} ${inner.route._label}`;
    return inner.via ? `${here}, then ${inner.via}` : here;
  } finally {
    visiting.delete(table);
  }
}

/**
 * Whether every request `b` matches is also matched by `a` (as Gloo's short-circuit check reasons:
 * path, case sensitivity, headers, query parameters and methods). It errs on the side of `false`.
 */
export function covers(a: GlooMatcher, b: GlooMatcher): boolean {
  return pathCovers(a, b) && conditionsCover(a.headers, b.headers, headerImplies)
    && conditionsCover(a.queryParameters, b.queryParameters, queryImplies) && methodsCover(a.methods, b.methods);
}

function pathCovers(a: GlooMatcher, b: GlooMatcher): boolean {
  if (a.prefix === '/' || a.prefix === '') return true; // every path starts with "/", whatever its case
  // envoy ignores case_sensitive for regex matches
  const aSensitive = a.regex !== undefined ? true : a.caseSensitive ?? true;
  const bSensitive = b.regex !== undefined ? true : b.caseSensitive ?? true;
  // a case-sensitive matcher does not cover an insensitive one: /FINDPETS matches only the latter
  if (aSensitive && !bSensitive) return false;
  const norm = (s: string) => (aSensitive ? s : s.toLowerCase());
  if (a.prefix !== undefined) {
    const bPath = b.prefix ?? b.exact;
    return bPath !== undefined && norm(bPath).startsWith(norm(a.prefix));
  }
  if (a.exact !== undefined) {
    return b.exact !== undefined && norm(b.exact) === norm(a.exact);
  }
  if (a.regex !== undefined) {
    if (b.regex !== undefined) return a.regex === b.regex && aSensitive === bSensitive;
    if (b.exact !== undefined) {
      try {
        return re2FullMatch(a.regex, b.exact);
      } catch {
        return false; // an invalid regex is reported on its own
      }
    }
  }
  return false;
}

/** Every condition of `a` must be implied by some condition of `b`. */
function conditionsCover<T>(a: T[] | undefined, b: T[] | undefined, implies: (bc: T, ac: T) => boolean): boolean {
  return (a ?? []).every(ac => (b ?? []).some(bc => implies(bc, ac)));
}

/** Whether header condition `b` being true makes header condition `a` true. */
function headerImplies(b: GlooCondition, a: GlooCondition): boolean {
  if (b.name.toLowerCase() !== a.name.toLowerCase()) return false;
  const aPresence = a.value === undefined || a.value === '';
  const bPresence = b.value === undefined || b.value === '';
  if (!a.invertMatch) {
    if (b.invertMatch) return false;
    if (aPresence) return true; // b requires the header, with some value
    if (bPresence) return false;
    if (!!a.regex === !!b.regex && a.value === b.value) return true;
    if (a.regex && !b.regex) return safeMatch(a.value!, b.value!);
    return false;
  }
  // a: NOT(condition)
  if (b.invertMatch) return !!a.regex === !!b.regex && (a.value ?? '') === (b.value ?? '');
  if (aPresence) return false; // a says the header is absent, b says it is there
  if (!b.regex && !bPresence) return a.regex ? !safeMatch(a.value!, b.value!) : a.value !== b.value;
  return false;
}

function queryImplies(b: GlooCondition, a: GlooCondition): boolean {
  return headerImplies({ ...b, invertMatch: false }, { ...a, invertMatch: false }) && b.name === a.name;
}

function methodsCover(a: string[] | undefined, b: string[] | undefined): boolean {
  if (!a || a.length === 0) return true;
  if (!b || b.length === 0) return false;
  return b.every(m => a.includes(m));
}

function safeMatch(pattern: string, value: string): boolean {
  try {
    return re2FullMatch(pattern, value);
  } catch {
    return false;
  }
}
