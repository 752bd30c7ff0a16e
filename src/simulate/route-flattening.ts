import { ConditionShape, ManifestShape, MatcherShape, RouteShape } from './gloo-manifest';
import { isSet } from './request-matching';
import { selectRouteTables } from './route-table-selection';

/**
 * One route of the flat list Gloo hands to Envoy for a VirtualService: delegation followed, the
 * matchers merged with the delegating routes' as Gloo merges them.
 */
export interface FlatRoute {
  /** The route that acts (the RouteTable's route, for a delegated one). */
  readonly route: RouteShape;
  /** Its effective matchers, ORed. */
  readonly matchers: MatcherShape[];
  /** The namespace of the VirtualService or RouteTable that holds `route`. */
  readonly ownerNs?: string;
  /** The index of the VirtualService route it comes from. */
  readonly vsIndex: number;
  /** `namespace/name` of the RouteTable that holds `route`, if delegated. */
  readonly table?: string;
  /** The index of `route` in that RouteTable. */
  readonly tableIndex?: number;
  /** A delegation that could not be followed among the manifests; `route` is the delegating route then. */
  readonly unresolved?: string;
}

/** The matcher of a delegating route: a prefix, maybe conditions. */
type DelegatingMatcher = MatcherShape & { readonly prefix: string };

/** What a delegating route passes to its children (`routeInfo` in Gloo's `converter.go`). */
interface Parent {
  readonly matcher: DelegatingMatcher;
  readonly inheritableMatchers: boolean;
  readonly inheritablePathMatchers: boolean;
  readonly vsIndex: number;
}

interface Holder {
  readonly routes: RouteShape[];
  readonly ns?: string;
  /** `namespace/name`, for a RouteTable. */
  readonly label?: string;
}

const DEFAULT_MATCHER: DelegatingMatcher = { prefix: '/' };

/**
 * Flattens a VirtualService's routes as Gloo's gateway translator does
 * (`projects/gateway/pkg/translator/converter.go`, `visit` and `validateAndMergeParentRoute`):
 *
 * - a delegating route has no matcher or one prefix matcher (a matcher without a path means `/`);
 *   any other delegating route is rejected by Gloo and dropped here;
 * - `inheritableMatchers` / `inheritablePathMatchers` of a child route default to its parent's
 *   value (false at the VirtualService); with path inheritance every matcher of the child takes the
 *   parent's path and `caseSensitive` (a child without matchers gets one); with matcher inheritance
 *   the parent's headers, query parameters and methods are put before the child's own;
 * - a child route whose matchers do not start with the parent's prefix, differ in `caseSensitive`,
 *   or lack any of the parent's headers, query parameters or methods is dropped (Gloo warns);
 * - tables picked by a selector are visited by ascending weight; when several share a weight their
 *   routes are sorted by path specificity (`sortRoutesBySpecificity`);
 * - a table already on the delegation chain (a cycle) is skipped.
 */
export function flattenVirtualService(vs: ManifestShape, tables: ManifestShape[]): FlatRoute[] {
  const holder: Holder = { routes: vs.spec?.virtualHost?.routes ?? [], ns: vs.metadata?.namespace };
  return visit(holder, undefined, [], tables);
}

function visit(holder: Holder, parent: Parent | undefined, chain: ManifestShape[], tables: ManifestShape[]): FlatRoute[] {
  const out: FlatRoute[] = [];
  holder.routes.forEach((original, index) => {
    const route = parent ? mergeParent(original, parent) : original;
    if (!route) return;
    const at = {
      ownerNs: holder.ns,
      vsIndex: parent ? parent.vsIndex : index,
      ...(holder.label ? { table: holder.label, tableIndex: index } : {}),
    };
    if (!route.delegateAction) {
      out.push({ route, matchers: route.matchers?.length ? route.matchers : [DEFAULT_MATCHER], ...at });
      return;
    }
    const matcher = delegatingMatcher(route);
    if (!matcher) return;
    const selection = selectRouteTables(route.delegateAction, holder.ns, tables);
    if (selection.unresolved) {
      out.push({ route, matchers: [matcher], unresolved: selection.unresolved, ...at });
      return;
    }
    const info: Parent = {
      matcher,
      inheritableMatchers: route.inheritableMatchers === true,
      inheritablePathMatchers: route.inheritablePathMatchers === true,
      vsIndex: at.vsIndex,
    };
    for (const group of groupByWeight(selection.tables)) {
      const routes: FlatRoute[] = [];
      for (const table of group) {
        if (chain.includes(table)) continue;
        const child: Holder = { routes: table.spec?.routes ?? [], ns: table.metadata.namespace, label: `${table.metadata.namespace ?? ''}/${table.metadata.name}` };
        routes.push(...visit(child, info, [...chain, table], tables));
      }
      out.push(...(group.length > 1 ? sortRoutesBySpecificity(routes) : routes));
    }
  });
  return out;
}

/** The one prefix matcher of a delegating route, or `undefined` when Gloo rejects it. */
function delegatingMatcher(route: RouteShape): DelegatingMatcher | undefined {
  const matchers: MatcherShape[] = route.matchers ?? [];
  if (matchers.length === 0) return DEFAULT_MATCHER;
  if (matchers.length > 1) return undefined;
  const m = matchers[0];
  // Gloo replaces a matcher without a path by the default one, dropping its other conditions.
  if (!isSet(m.prefix) && !isSet(m.exact) && !isSet(m.regex) && !isSet(m.connectMatcher)) return DEFAULT_MATCHER;
  return isSet(m.prefix) && m.prefix !== '' ? m as DelegatingMatcher : undefined;
}

/** The child route as Gloo sees it under its parent, or `undefined` when Gloo drops it. */
function mergeParent(child: RouteShape, parent: Parent): RouteShape | undefined {
  const inheritableMatchers = isSet(child.inheritableMatchers) ? child.inheritableMatchers === true : parent.inheritableMatchers;
  const inheritablePathMatchers = isSet(child.inheritablePathMatchers) ? child.inheritablePathMatchers === true : parent.inheritablePathMatchers;
  let matchers: MatcherShape[] = (child.matchers ?? []).map(m => ({ ...m }));
  if (inheritablePathMatchers) {
    const path = { prefix: parent.matcher.prefix, caseSensitive: parent.matcher.caseSensitive };
    matchers = matchers.length === 0 ? [path] : matchers.map(m => ({ ...withoutPath(m), ...path }));
  }
  if (matchers.length === 0) matchers = [DEFAULT_MATCHER];
  if (inheritableMatchers) {
    matchers = matchers.map(m => ({
      ...m,
      headers: [...(parent.matcher.headers ?? []), ...(m.headers ?? [])],
      queryParameters: [...(parent.matcher.queryParameters ?? []), ...(m.queryParameters ?? [])],
      methods: [...(parent.matcher.methods ?? []), ...(m.methods ?? [])],
    }));
  }
  if (!matchers.every(m => fitsParent(m, parent.matcher))) return undefined;
  return { ...child, matchers, inheritableMatchers, inheritablePathMatchers };
}

function withoutPath(m: MatcherShape): MatcherShape {
  const { prefix, exact, regex, connectMatcher, caseSensitive, ...rest } = m;
  return rest;
}

/** Gloo's `isRouteTableValidForDelegateMatcher` for one child matcher. */
function fitsParent(m: MatcherShape, parent: DelegatingMatcher): boolean {
  if (!pathAsString(m).startsWith(parent.prefix)) return false;
  if (boolValue(m.caseSensitive) !== boolValue(parent.caseSensitive)) return false;
  const sameHeader = (a: ConditionShape, b: ConditionShape) => a.name === b.name && (a.value ?? '') === (b.value ?? '') && !!a.regex === !!b.regex && !!a.invertMatch === !!b.invertMatch;
  const sameQuery = (a: ConditionShape, b: ConditionShape) => a.name === b.name && (a.value ?? '') === (b.value ?? '') && !!a.regex === !!b.regex;
  // Gloo indexes the child's conditions by name, so the last one of a name is the one compared.
  const last = (list: ConditionShape[], name: string) => [...list].reverse().find(x => x.name === name);
  return (parent.headers ?? []).every(h => { const c = last(m.headers ?? [], h.name); return c && sameHeader(h, c); })
    && (parent.queryParameters ?? []).every(q => { const c = last(m.queryParameters ?? [], q.name); return c && sameQuery(q, c); })
    && (parent.methods ?? []).every((x: string) => (m.methods ?? []).includes(x));
}

/** `caseSensitive` compared as Gloo compares the protobuf wrapper: unset differs from `true`. */
function boolValue(v: unknown): string {
  return isSet(v) ? String(v === true) : 'unset';
}

function pathAsString(m: MatcherShape): string {
  if (isSet(m.prefix)) return m.prefix;
  if (isSet(m.exact)) return m.exact;
  if (isSet(m.regex)) return m.regex;
  return '';
}

/** Selected tables grouped by weight, lightest first (the selection is already in that order). */
function groupByWeight(tables: ManifestShape[]): ManifestShape[][] {
  const groups: ManifestShape[][] = [];
  let weight: number | undefined;
  for (const t of tables) {
    const w = typeof t.spec?.weight === 'number' ? t.spec.weight : 0;
    if (groups.length === 0 || w !== weight) groups.push([]);
    groups[groups.length - 1].push(t);
    weight = w;
  }
  return groups;
}

/**
 * Gloo's `SortRoutesByPath` (`projects/gloo/pkg/utils/sort_routes.go`), a stable sort on each route's
 * most specific matcher: more methods first, then exact before regex before prefix, then the
 * lexicographically greater path first (so `/foo/bar` before `/foo`). The docs page "Route ordering in
 * delegation" puts prefix before regex in its table; the code, followed here, does the opposite.
 */
export function sortRoutesBySpecificity(routes: FlatRoute[]): FlatRoute[] {
  const smallest = (r: FlatRoute) => r.matchers.reduce((best, m) => (lessMatcher(m, best) ? m : best), r.matchers[0] ?? DEFAULT_MATCHER);
  const keyed = routes.map((r, i) => ({ r, i, m: smallest(r) }));
  keyed.sort((a, b) => (lessMatcher(a.m, b.m) ? -1 : lessMatcher(b.m, a.m) ? 1 : a.i - b.i));
  return keyed.map(k => k.r);
}

function lessMatcher(a: MatcherShape, b: MatcherShape): boolean {
  const methods = (m: MatcherShape) => (m.methods ?? []).length;
  if (methods(a) !== methods(b)) return methods(a) > methods(b);
  if (pathPriority(a) !== pathPriority(b)) return pathPriority(a) < pathPriority(b);
  return pathAsString(a) > pathAsString(b);
}

function pathPriority(m: MatcherShape): number {
  if (isSet(m.exact)) return 1;
  if (isSet(m.regex)) return 2;
  if (isSet(m.prefix)) return 3;
  return 0;
}
