import { canaryWeights } from '../canary/stage-routes';
import { hasOnlyKeys } from '../private/json';
import { DestinationShape, Json, ManifestShape, MatcherShape, RefShape, RouteActionShape, RouteShape, WeightedDestinationShape } from '../simulate/gloo-manifest';

/** A matcher of a plain route: a path prefix, maybe headers. */
type PlainMatcher = MatcherShape & { readonly prefix: string };

/** A destination a release can render: an Upstream by name, maybe one REST function. */
type UpstreamDestination = DestinationShape & { readonly upstream: RefShape };

/** An Upstream named by a route: `namespace/name`. */
export interface UpstreamName {
  readonly name: string;
  readonly namespace?: string;
}

/** One released route: its path prefix and prefix rewrite. */
export interface RecognisedPath {
  readonly path: string;
  readonly prefixRewrite?: string;
}

/** A route shape recognised as one stage of a canary release. */
export interface RecognisedRelease {
  /** The stage the routes are at. */
  readonly stage: 'header' | 'weight';
  /** The path prefix of the (first) released route. */
  readonly path: string;
  /** Every released route, in order (one, but for an UpstreamGroup several consecutive routes use). */
  readonly paths: RecognisedPath[];
  readonly stable: UpstreamName;
  readonly canary: UpstreamName;
  readonly functionName?: string;
  readonly canaryFunctionName?: string;
  readonly parameters?: Json;
  /** The canary's share, for a weight stage. */
  readonly percent?: number;
  /** The canary header, for a header stage. */
  readonly header?: { name: string; value: string; regex: boolean };
  /** The UpstreamGroup whose weights are the stage (`namespace/name`), when the split goes through one. */
  readonly upstreamGroup?: ManifestShape;
  /** The indexes of the routes the release stands for. */
  readonly routes: number[];
  /** The index among the routes where the release goes: its routes are rendered there. */
  readonly at: number;
  /** What was recognised, for the comment and the report. */
  readonly description: string;
}

/** What the shapes need to resolve: the UpstreamGroup of a route and how many routes use it. */
export interface ShapeContext {
  /**
   * The UpstreamGroup manifest a route names and how many routes of the input use it, when it is in
   * the input and every route that uses it is in this container.
   */
  readonly groupOf: (route: RouteShape) => { readonly group: ManifestShape; readonly users: number } | undefined;
  /**
   * Whether a route of the input outside the shape, without header or query conditions, sends all
   * its requests to this Upstream: the version that still serves the rest of the service.
   */
  readonly servesOtherRoutes: (upstream: RefShape, shapeRoutes: number[]) => boolean;
}

/**
 * Finds the canary shapes among the routes of one VirtualService or RouteTable:
 * - a header route to a second upstream before the plain route to the first, with only routes in
 *   between that no request of the header route can match (the header stage);
 * - a weighted route to two upstreams with one function, whose weights are a stage's (a weight stage);
 * - a route to an UpstreamGroup of two such destinations that no other route uses (a weight stage
 *   with `TrafficSplit.UPSTREAM_GROUP`).
 */
export function findReleases(routes: RouteShape[], context: ShapeContext): RecognisedRelease[] {
  const found: RecognisedRelease[] = [];
  const used = new Set<number>();
  routes.forEach((route, i) => {
    if (used.has(i)) return;
    const header = headerShape(routes, i);
    const shape = header ?? weightShape(route, i, context) ?? groupShape(routes, i, context);
    if (shape) {
      found.push(shape);
      shape.routes.forEach(r => used.add(r));
    }
  });
  return found;
}

function headerShape(routes: RouteShape[], i: number): RecognisedRelease | undefined {
  const h = routes[i];
  const m = plainRoute(h, ['prefix', 'headers']);
  const cond = m?.headers?.length === 1 ? m.headers[0] : undefined;
  if (!m || !cond || !hasOnlyKeys(cond, ['name', 'value', 'regex']) || typeof cond.value !== 'string' || cond.value === '') return undefined;
  const canary = single(h.routeAction);
  if (!canary) return undefined;
  for (let j = i + 1; j < routes.length; j++) {
    const main = plainRoute(routes[j], ['prefix']);
    const stable = main ? single(routes[j].routeAction) : undefined;
    if (main && stable && main.prefix === m.prefix && sameOptions(h, routes[j]) && differ(stable, canary)) {
      return {
        stage: 'header',
        path: m.prefix,
        paths: [{ path: m.prefix, prefixRewrite: h.options?.prefixRewrite }],
        ...targets(stable, canary),
        header: { name: cond.name, value: cond.value, regex: cond.regex === true },
        routes: [i, j],
        at: j,
        description: `a header route (${cond.name}: ${JSON.stringify(cond.value)}${cond.regex ? ', as a regex' : ''}) to ${canary.upstream.name} `
          + `before the route to ${stable.upstream.name} on ${m.prefix}: the header stage`,
      };
    }
    if (!disjoint(m.prefix, routes[j])) return undefined;
  }
  return undefined;
}

function weightShape(route: RouteShape, i: number, context: ShapeContext): RecognisedRelease | undefined {
  const m = plainRoute(route, ['prefix']);
  const multi = route?.routeAction?.multi;
  if (!m || !multi || !hasOnlyKeys(route.routeAction, ['multi']) || !hasOnlyKeys(multi, ['destinations'])) return undefined;
  const split = twoWay(multi.destinations, context, [i]);
  if (!split) return undefined;
  return {
    stage: 'weight',
    path: m.prefix,
    paths: [{ path: m.prefix, prefixRewrite: route.options?.prefixRewrite }],
    ...targets(split.stable, split.canary),
    percent: split.percent,
    routes: [i],
    at: i,
    description: `a weighted route on ${m.prefix}, ${split.weights}: weight stage, ${split.percent}% to the canary; ${split.choice}`,
  };
}

function groupShape(routes: RouteShape[], i: number, context: ShapeContext): RecognisedRelease | undefined {
  const first = routes[i];
  const found = plainRoute(first, ['prefix']) && first.routeAction?.upstreamGroup ? context.groupOf(first) : undefined;
  if (!found || !hasOnlyKeys(found.group.spec, ['destinations'])) return undefined;
  // the routes that use the group, consecutive from this one: one release carries them all
  const indexes = [...Array(found.users).keys()].map(k => i + k);
  const sameGroup = (r: RouteShape | undefined) => JSON.stringify(r?.routeAction?.upstreamGroup) === JSON.stringify(first.routeAction!.upstreamGroup);
  const paths: RecognisedPath[] = [];
  for (const k of indexes) {
    const m = plainRoute(routes[k], ['prefix']);
    if (!m || !hasOnlyKeys(routes[k].routeAction, ['upstreamGroup']) || !sameGroup(routes[k])) return undefined;
    paths.push({ path: m.prefix, prefixRewrite: routes[k].options?.prefixRewrite });
  }
  if (new Set(paths.map(p => p.path)).size !== paths.length) return undefined;
  const group = found.group;
  const split = twoWay(group.spec!.destinations, context, indexes); // onlyKeys found spec an object
  if (!split) return undefined;
  const on = paths.map(p => p.path).join(', ');
  return {
    stage: 'weight',
    path: paths[0].path,
    paths,
    ...targets(split.stable, split.canary),
    percent: split.percent,
    upstreamGroup: group,
    routes: indexes,
    at: i,
    description: `${paths.length === 1 ? 'a route' : `${paths.length} routes`} on ${on} to UpstreamGroup ${group.metadata.name}, ${split.weights}: `
      + `weight stage through the group, ${split.percent}% to the canary; ${split.choice}`,
  };
}

/** The two sides of a weight stage, its weights, and why the stable side is the one it is. */
interface TwoWaySplit {
  readonly canary: UpstreamDestination;
  readonly stable: UpstreamDestination;
  readonly percent: number;
  readonly weights: string;
  readonly choice: string;
}

/**
 * Two destinations of one function, any two positive integer weights in any order, whose ratio a
 * weight stage renders exactly (9/1 is 90/10; 1/2 is no whole or decimal percent, so it stays a
 * weighted route). Which side is stable is decided by `stableSide`.
 */
function twoWay(destinations: WeightedDestinationShape[] | undefined, context: ShapeContext, shapeRoutes: number[]): TwoWaySplit | undefined {
  if (!Array.isArray(destinations) || destinations.length !== 2) return undefined;
  if (!destinations.every(d => hasOnlyKeys(d, ['destination', 'weight']) && Number.isInteger(d.weight) && (d.weight as number) > 0)) return undefined;
  const sides = (destinations as Array<WeightedDestinationShape & { weight: number }>) // positive integers, tested above
    .map(d => ({ d: destination(d.destination), weight: d.weight }));
  const [a, b] = sides;
  if (!a.d || !b.d || !differ(a.d, b.d)) return undefined;
  const { stableIndex, reason } = stableSide([a.d, b.d], [a.weight, b.weight], context, shapeRoutes);
  const stable = sides[stableIndex];
  const canary = sides[1 - stableIndex];
  const percent = Math.round((canary.weight * 100 / (canary.weight + stable.weight)) * 1e6) / 1e6;
  const w = canaryWeights(percent);
  if (w.canary * stable.weight !== w.stable * canary.weight) return undefined;
  const name = (d: UpstreamDestination) => d.upstream.name;
  return {
    canary: canary.d!,
    stable: stable.d!,
    percent,
    weights: `${canary.weight} to ${name(canary.d!)} and ${stable.weight} to ${name(stable.d!)}`,
    choice: `stable is ${name(stable.d!)} because ${reason} (swap stable and canary if ${name(canary.d!)} is the running version)`,
  };
}

/**
 * Which of a split's two Upstreams is the stable (running) version, by the first rule that decides:
 * 1. the one that other routes of the input still send all their requests to, alone;
 * 2. the older version by name: at the first place the two names differ, the smaller number
 *    (`pets-v1` before `pets-v2`), or the one not named canary (`pets-stable`, `pets-canary`);
 * 3. the larger share; with equal shares, the one listed first.
 */
export function stableSide(d: [UpstreamDestination, UpstreamDestination], weights: [number, number], context: ShapeContext,
  shapeRoutes: number[]): { stableIndex: 0 | 1; reason: string } {
  const alone = d.map(x => context.servesOtherRoutes(x.upstream, shapeRoutes));
  if (alone[0] !== alone[1]) return { stableIndex: alone[0] ? 0 : 1, reason: 'other routes still send all their requests to it' };
  const older = olderByName(d[0].upstream.name, d[1].upstream.name);
  if (older !== undefined) return { stableIndex: older, reason: 'its name is the older version\'s' };
  if (weights[0] !== weights[1]) return { stableIndex: weights[0] > weights[1] ? 0 : 1, reason: 'it has the larger share' };
  return { stableIndex: 0, reason: 'the shares are equal and it is listed first' };
}

/** 0 or 1 when one name is the older version's, by number or by a canary word; else undefined. */
function olderByName(a: string, b: string): 0 | 1 | undefined {
  const canaryWord = /(^|[-_.])(canary|next|new|preview)([-_.]|$)/;
  if (canaryWord.test(a) !== canaryWord.test(b)) return canaryWord.test(a) ? 1 : 0;
  const ta = a.split(/(\d+)/);
  const tb = b.split(/(\d+)/);
  for (let k = 0; k < Math.min(ta.length, tb.length); k++) {
    if (ta[k] === tb[k]) continue;
    const na = /^\d+$/.test(ta[k]) ? Number(ta[k]) : NaN;
    const nb = /^\d+$/.test(tb[k]) ? Number(tb[k]) : NaN;
    if (Number.isNaN(na) || Number.isNaN(nb) || na === nb) return undefined;
    return na < nb ? 0 : 1;
  }
  return undefined;
}

/** A route whose only matcher has only the given fields, no name, and options of a prefix rewrite at most. */
function plainRoute(route: RouteShape | undefined, matcherKeys: string[]): PlainMatcher | undefined {
  if (!route || !hasOnlyKeys(route, ['matchers', 'routeAction', 'options'])) return undefined;
  if (route.options !== undefined && (!hasOnlyKeys(route.options, ['prefixRewrite']) || typeof route.options.prefixRewrite !== 'string')) return undefined;
  const matchers = route.matchers;
  if (!Array.isArray(matchers) || matchers.length !== 1) return undefined;
  const m = matchers[0];
  if (!hasOnlyKeys(m, matcherKeys) || typeof m.prefix !== 'string' || !m.prefix.startsWith('/')) return undefined;
  return m as PlainMatcher;
}

function single(action: RouteActionShape | undefined): UpstreamDestination | undefined {
  return action && hasOnlyKeys(action, ['single']) ? destination(action.single) : undefined;
}

/** A destination a release can render: an Upstream by name, maybe one REST function with parameters. */
function destination(d: DestinationShape | undefined): UpstreamDestination | undefined {
  if (!d || !hasOnlyKeys(d, ['upstream', 'destinationSpec']) || typeof d.upstream?.name !== 'string' || !hasOnlyKeys(d.upstream, ['name', 'namespace'])) return undefined;
  if (d.destinationSpec === undefined) return d as UpstreamDestination;
  const rest = d.destinationSpec.rest;
  if (!hasOnlyKeys(d.destinationSpec, ['rest']) || !rest || !hasOnlyKeys(rest, ['functionName', 'parameters'])) return undefined;
  if (typeof rest.functionName !== 'string' || rest.functionName === '' || typeof rest.parameters !== 'object' || rest.parameters === null) return undefined;
  if (!hasOnlyKeys(rest.parameters, ['headers', 'path'])) return undefined;
  return d as UpstreamDestination;
}

function targets(stable: UpstreamDestination, canary: UpstreamDestination) {
  const stableFn = stable.destinationSpec?.rest?.functionName;
  const canaryFn = canary.destinationSpec?.rest?.functionName;
  return {
    stable: stable.upstream,
    canary: canary.upstream,
    functionName: stableFn,
    canaryFunctionName: canaryFn !== stableFn ? canaryFn : undefined,
    parameters: stable.destinationSpec?.rest?.parameters,
  };
}

/** Whether two destinations can be a release's stable and canary: both with a function or both without, different upstreams, one set of parameters. */
function differ(stable: UpstreamDestination, canary: UpstreamDestination): boolean {
  const fn = (d: UpstreamDestination) => d.destinationSpec?.rest?.functionName;
  const sameRef = stable.upstream.name === canary.upstream.name && stable.upstream.namespace === canary.upstream.namespace;
  return !sameRef && (fn(stable) === undefined) === (fn(canary) === undefined)
    && JSON.stringify(stable.destinationSpec?.rest?.parameters) === JSON.stringify(canary.destinationSpec?.rest?.parameters);
}

function sameOptions(a: RouteShape, b: RouteShape): boolean {
  return a.options?.prefixRewrite === b.options?.prefixRewrite;
}

/** Whether no request under prefix `p` (case-sensitive) can match any matcher of `route`. */
function disjoint(p: string, route: RouteShape | undefined): boolean {
  const matchers = route?.matchers;
  if (!Array.isArray(matchers) || matchers.length === 0) return false;
  return matchers.every(m => {
    if (m.caseSensitive === false) return false;
    if (typeof m.prefix === 'string') return m.prefix !== '' && !m.prefix.startsWith(p) && !p.startsWith(m.prefix);
    if (typeof m.exact === 'string') return !m.exact.startsWith(p);
    return false;
  });
}
