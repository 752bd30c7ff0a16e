import { IConstruct } from 'constructs';
import { Cover, coveringMatcher, routesOf } from './shadowing';
import { whyInvalidPrefixRewrite, whyInvalidRoutePath } from '../../model/path-rules';
import { IRouteTable } from '../../model/references';
import { RouteActionType } from '../../model/route-action';
import { brandSymbol, hasBrand } from '../../private/brand';
import { Problem, AddProblem } from '../../private/errors';
import { jsonAt } from '../../private/json';
import { re2GroupCount, whyInvalidRe2 } from '../../private/re2';
import { Route } from '../route';
import { GlooCondition, GlooMatcher, glooMatchersOf, renderMatcher } from '../route-render';

/** A route and a problem Gloo would have with it. */
export interface RouteProblem {
  readonly route: Route;
  readonly problem: Problem;
}

/** What the route rules need to know about the VirtualService or RouteTable that holds the routes. */
export interface RouteContainerInfo {
  /** The VirtualService or RouteTable. */
  readonly container: IConstruct;
  /** The routes, in the order Gloo evaluates them. */
  readonly routes: Route[];
}

/**
 * The problems Gloo would have with a list of routes that can only be known once the whole list
 * is there: RE2 syntax of path, header and query regexes, route paths and prefix rewrites Gloo
 * refuses, references outside the app, delegation rules and routes shadowed by earlier ones.
 */
export function checkRouteList(info: RouteContainerInfo): RouteProblem[] {
  const out: RouteProblem[] = [];
  info.routes.forEach((route, index) => {
    const add = (field: string, given: unknown, expected: string, hint?: string) => out.push({
      route,
      problem: { path: route._owner.node.path, field: `${route._label}${field ? `.${field}` : ''}`, given, expected, hint },
    });
    checkPathsAndRegexes(route, add);
    checkReferences(route, info.container, add);
    if (route.action.type === RouteActionType.DELEGATE) checkDelegation(route, add);
    if (!route._props.allowShadowing) checkShadowing(route, info.routes.slice(0, index), add);
  });
  return out;
}

/** The matchers given to a route, in Gloo's shape (none when the route takes Gloo's default). */
function givenMatchers(route: Route): GlooMatcher[] {
  return (route._props.matchers ?? []).map(renderMatcher);
}

function checkPathsAndRegexes(route: Route, add: AddProblem): void {
  givenMatchers(route).forEach((m, i) => {
    for (const k of ['prefix', 'exact'] as const) {
      const v = m[k];
      const why = typeof v === 'string' ? whyInvalidRoutePath(v) : undefined;
      if (why) add(`matchers[${i}].${k}`, v, why, 'gloo rejects the route ("the path is invalid")');
    }
    if (typeof m.regex === 'string' && m.regex) {
      const why = whyInvalidRe2(m.regex);
      if (why) add(`matchers[${i}].regex`, m.regex, `a valid RE2 regular expression (${why})`, 'gloo rejects the virtual service ("regex matcher with invalid regex")');
    }
    (m.headers ?? []).forEach((h, j) => {
      const why = h.regex && h.value ? whyInvalidRe2(h.value) : undefined;
      if (why) add(`matchers[${i}].headers[${j}].value`, h.value, `a valid RE2 regular expression (${why})`, 'gloo passes header regexes to envoy unchecked; envoy would reject the configuration');
    });
    (m.queryParameters ?? []).forEach((q, j) => {
      const why = q.regex && q.value ? whyInvalidRe2(q.value) : undefined;
      if (why) add(`matchers[${i}].queryParameters[${j}].value`, q.value, `a valid RE2 regular expression (${why})`, 'gloo passes query regexes to envoy unchecked; envoy would reject the configuration');
    });
  });
  const rewrite = route._props.options?.prefixRewrite;
  if (typeof rewrite === 'string') {
    const why = whyInvalidPrefixRewrite(rewrite);
    if (why) {
      add('options.prefixRewrite', rewrite, why, rewrite.startsWith('/')
        ? 'gloo rejects the route ("the rewrite is invalid")'
        : 'gloo accepts it, and envoy would forward paths that do not start with "/"');
    }
  }
  const regexRewrite = route._props.options?.regexRewrite?.pattern ?? jsonAt(route._props.options?.extra, 'regexRewrite', 'pattern', 'regex');
  if (typeof regexRewrite === 'string') {
    const why = whyInvalidRe2(regexRewrite);
    if (why) add('options.regexRewrite.pattern.regex', regexRewrite, `a valid RE2 regular expression (${why})`, 'gloo rejects the route (invalid regex)');
    const substitution = route._props.options?.regexRewrite?.substitution;
    if (!why && typeof substitution === 'string') {
      const groups = re2GroupCount(regexRewrite);
      const bad = [...substitution.matchAll(/\\(.?)/g)].map(m => m[1]).find(c => !(c === '\\' || (/^\d$/.test(c) && Number(c) <= groups)));
      if (bad !== undefined) {
        add('options.regexRewrite.substitution', substitution, `a substitution whose \\N refer to the pattern's ${groups} group(s) (\\0 is the whole match; \\\\ a backslash)`,
          'RE2 refuses the rewrite, so envoy would forward the path unchanged');
      }
    }
  }
}

function checkReferences(route: Route, container: IConstruct, add: AddProblem): void {
  const root = container.node.root;
  const refs: Array<[string, IConstruct | undefined, string]> = [
    ['routeAction.single.upstream', route.action.destination?.targetUpstream, 'Upstream'],
    ['routeAction.upstreamGroup', route.action.targetGroup, 'UpstreamGroup'],
    ['delegateAction.ref', route.action.routeTable, 'RouteTable'],
  ];
  (route.action.destinations ?? []).forEach((d, i) => refs.push([`routeAction.multi.destinations[${i}].destination.upstream`, d.destination.targetUpstream, 'Upstream']));
  if (route._props.mirror) refs.push(['options.shadowing.upstream', route._props.mirror.upstream, 'Upstream']);
  for (const [field, ref, kind] of refs) {
    if (ref !== undefined && !isInApp(ref, root)) {
      add(field, describeRef(ref), `an ${kind} defined in this app or declared external with ${kind}.from${kind}Name()`,
        'the reference belongs to another app, so nothing in this one creates it');
    }
  }
}

/** Whether a referenced object is a construct of the same app (defined here or imported by name). */
export function isInApp(ref: unknown, root: IConstruct): boolean {
  return typeof ref === 'object' && ref !== null && 'node' in ref && (ref as IConstruct).node?.root === root;
}

function describeRef(ref: unknown): string {
  const name = `${jsonAt(ref, 'namespace') ?? '?'}/${jsonAt(ref, 'name') ?? '?'}`;
  const path = jsonAt(ref, 'node', 'path');
  return path ? `${name} (construct ${path} of another app)` : name;
}

function checkDelegation(route: Route, add: AddProblem): void {
  const matchers = givenMatchers(route);
  if (matchers.length > 1) {
    add('matchers', matchers, 'at most one matcher on a delegating route', 'gloo rejects the route (MatcherCountErr)');
    return;
  }
  const parent: GlooMatcher = matchers[0] ?? { prefix: '/' };
  if (parent.prefix === undefined) {
    add('matchers[0]', parent, 'a prefix matcher on a delegating route', 'gloo rejects the route (MissingPrefixErr)');
    return;
  }
  const table = route.action.routeTable;
  const childRoutes = routesOf(table);
  if (!table || !childRoutes) return; // an external RouteTable: its routes are unknown here
  // A delegating route that is itself a RouteTable's route and sets no inheritance takes its own
  // parent's (and, inheriting the path, its parent's path): what its children inherit is not known
  // here, so the checks that depend on it are left to the delegating route above it.
  const nested = isInRouteTable(route);
  childRoutes.forEach(child => {
    // a child route takes the delegating route's path (inheritablePathMatchers) or its other
    // conditions (inheritableMatchers) when it says so, or when it says nothing and the parent does
    const pathFlag = child._props.inheritablePathMatchers ?? route._props.inheritablePathMatchers;
    const conditionsFlag = child._props.inheritableMatchers ?? route._props.inheritableMatchers;
    if (nested && (pathFlag === undefined || conditionsFlag === undefined)) return;
    const inheritsPath = pathFlag === true;
    const inheritsConditions = conditionsFlag === true;
    glooMatchersOf(child).forEach((m, j) => {
      const field = `delegateAction.ref → ${table.name} ${child._label}.matchers[${j}]`;
      // Gloo compares the path as a string, a regex's text included, with the parent's prefix
      const childPath = m.prefix ?? m.exact ?? m.regex ?? '';
      if (inheritsPath) {
        // gloo replaces the child's path and case sensitivity with the parent's: nothing to compare
      } else if (!childPath.startsWith(parent.prefix!)) {
        add(field, childPath, `a path that starts with the delegating prefix ${JSON.stringify(parent.prefix)}`,
          'gloo drops child routes outside the parent prefix (a warning, so traffic silently misses them)');
      }
      // Gloo compares the protobuf wrappers: unset is not the same as true
      if (!inheritsPath && m.caseSensitive !== parent.caseSensitive) {
        add(`${field}.caseSensitive`, m.caseSensitive, `the case sensitivity of the delegating route (${parent.caseSensitive === undefined ? 'unset' : parent.caseSensitive})`,
          'gloo compares the two settings as given, so an unset one differs from true; it drops the child route');
      }
      if (inheritsConditions) {
        // gloo puts the parent's headers, query parameters and methods before the child's, then
        // keeps the last header condition of each name: a child's own header of the same name
        // that differs from the parent's replaces it, and gloo drops the child route
        for (const h of parent.headers ?? []) {
          const own = [...(m.headers ?? [])].reverse().find(c => c.name === h.name);
          if (own && !sameHeader(own, h)) {
            add(`${field}.headers`, m.headers ?? [], `no header condition on ${h.name} other than the delegating route's ${JSON.stringify(h)}`,
              'gloo keeps the child\'s condition of that name, finds it differs from the parent\'s, and drops the child route');
          }
        }
        return;
      }
      for (const h of parent.headers ?? []) {
        // Gloo keeps the last condition of each name of the child, and compares it with the parent's
        const own = [...(m.headers ?? [])].reverse().find(c => c.name === h.name);
        if (!own || !sameHeader(own, h)) {
          add(`${field}.headers`, m.headers ?? [], `the delegating route's header condition ${JSON.stringify(h)}`, 'gloo drops child routes that do not repeat the parent\'s headers');
        }
      }
      for (const q of parent.queryParameters ?? []) {
        if (!(m.queryParameters ?? []).some(c => c.name === q.name && c.value === q.value && !!c.regex === !!q.regex)) {
          add(`${field}.queryParameters`, m.queryParameters ?? [], `the delegating route's query condition ${JSON.stringify(q)}`, 'gloo drops the child route');
        }
      }
      if (!(parent.methods ?? []).every(x => (m.methods ?? []).includes(x))) {
        add(`${field}.methods`, m.methods ?? [], `methods that include every method of the delegating route, ${JSON.stringify(parent.methods)}`, 'gloo drops the child route');
      }
    });
  });
  const cycle = findCycle(table, new Set());
  if (cycle) add('delegateAction.ref', cycle.join(' → '), 'delegation without a cycle', 'gloo rejects the route (DelegationCycleErr)');
}

/** Whether a route belongs to a RouteTable (rather than a VirtualService): its owner or a scope above it is one. */
function isInRouteTable(route: Route): boolean {
  for (let c: IConstruct | undefined = route._owner; c; c = c.node.scope) {
    if (hasBrand(c, ROUTE_TABLE_BRAND)) return true;
    if (hasBrand(c, VIRTUAL_SERVICE_BRAND)) return false;
  }
  return false;
}

// the brands of RouteTable and VirtualService (gloo/route-table.ts, gloo/virtual-service.ts), which import this module
const ROUTE_TABLE_BRAND = brandSymbol('RouteTable');
const VIRTUAL_SERVICE_BRAND = brandSymbol('VirtualService');

function findCycle(table: IRouteTable, seen: Set<IRouteTable>): string[] | undefined {
  const routes = routesOf(table);
  if (!routes) return undefined;
  if (seen.has(table)) return [table.name];
  seen.add(table);
  for (const r of routes) {
    if (r.action.routeTable) {
      const rest = findCycle(r.action.routeTable, seen);
      if (rest) return [table.name, ...rest];
    }
  }
  seen.delete(table);
  return undefined;
}

function sameHeader(a: GlooCondition, b: GlooCondition): boolean {
  return a.name === b.name && (a.value ?? '') === (b.value ?? '') && !!a.regex === !!b.regex && !!a.invertMatch === !!b.invertMatch;
}

function checkShadowing(route: Route, earlier: Route[], add: AddProblem): void {
  const matchers = glooMatchersOf(route);
  let firstCover: Cover | undefined;
  for (const m of matchers) {
    const cover = coveringMatcher(m, earlier);
    if (!cover) return;
    firstCover ??= cover;
  }
  if (!firstCover) return;
  const earlierRoute = `${firstCover.route._label} (${firstCover.route._owner.node.path})`;
  const how = firstCover.via
    ? `${earlierRoute} comes first and delegates every request this one matches to ${firstCover.via}, which matches them all`
    : `${earlierRoute} comes first and matches every request this one matches`;
  add('matchers', matchers, `a route that can match, but ${how}`,
    'gloo takes the first route that matches, so this route never serves a request; add the more specific route before the route that covers it, or set allowShadowing: true if this is meant');
}
