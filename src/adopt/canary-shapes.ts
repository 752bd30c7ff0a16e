import { canaryWeights } from '../canary/stage-routes';
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

/** A route shape recognised as one stage of a canary release. */
export interface RecognisedRelease {
  /** The stage the routes are at. */
  readonly stage: 'header' | 'weight';
  /** The path prefix of the released route. */
  readonly path: string;
  readonly stable: UpstreamName;
  readonly canary: UpstreamName;
  readonly functionName?: string;
  readonly canaryFunctionName?: string;
  readonly parameters?: Json;
  readonly prefixRewrite?: string;
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
  /** The UpstreamGroup manifest a route names, when it is in the input and only that route uses it. */
  readonly soleGroupOf: (route: RouteShape) => ManifestShape | undefined;
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
    const shape = header ?? weightShape(route, i) ?? groupShape(route, i, context);
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
  if (!m || !cond || !onlyKeys(cond, ['name', 'value', 'regex']) || typeof cond.value !== 'string' || cond.value === '') return undefined;
  const canary = single(h.routeAction);
  if (!canary) return undefined;
  for (let j = i + 1; j < routes.length; j++) {
    const main = plainRoute(routes[j], ['prefix']);
    const stable = main ? single(routes[j].routeAction) : undefined;
    if (main && stable && main.prefix === m.prefix && sameOptions(h, routes[j]) && differ(stable, canary)) {
      return {
        stage: 'header',
        path: m.prefix,
        ...targets(stable, canary),
        prefixRewrite: h.options?.prefixRewrite,
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

function weightShape(route: RouteShape, i: number): RecognisedRelease | undefined {
  const m = plainRoute(route, ['prefix']);
  const multi = route?.routeAction?.multi;
  if (!m || !multi || !onlyKeys(route.routeAction, ['multi']) || !onlyKeys(multi, ['destinations'])) return undefined;
  const split = twoWay(multi.destinations);
  if (!split) return undefined;
  return {
    stage: 'weight',
    path: m.prefix,
    ...targets(split.stable, split.canary),
    prefixRewrite: route.options?.prefixRewrite,
    percent: split.percent,
    routes: [i],
    at: i,
    description: `a weighted route on ${m.prefix}, ${split.weights} to ${split.canary.upstream.name} and ${split.stable.upstream.name}: `
      + `weight stage, ${split.percent}% to the canary`,
  };
}

function groupShape(route: RouteShape, i: number, context: ShapeContext): RecognisedRelease | undefined {
  const m = plainRoute(route, ['prefix']);
  const group = m && route.routeAction?.upstreamGroup ? context.soleGroupOf(route) : undefined;
  if (!group || !onlyKeys(route.routeAction, ['upstreamGroup']) || !onlyKeys(group.spec, ['destinations'])) return undefined;
  const split = twoWay(group.spec!.destinations); // onlyKeys found spec an object
  if (!split) return undefined;
  return {
    stage: 'weight',
    path: m!.prefix,
    ...targets(split.stable, split.canary),
    prefixRewrite: route.options?.prefixRewrite,
    percent: split.percent,
    upstreamGroup: group,
    routes: [i],
    at: i,
    description: `a route on ${m!.prefix} to UpstreamGroup ${group.metadata.name}, ${split.weights} to ${split.canary.upstream.name} `
      + `and ${split.stable.upstream.name}: weight stage through the group, ${split.percent}% to the canary`,
  };
}

/** The two sides of a weight stage, and its weights. */
interface TwoWaySplit {
  readonly canary: UpstreamDestination;
  readonly stable: UpstreamDestination;
  readonly percent: number;
  readonly weights: string;
}

/** Two destinations of one function whose weights a weight stage renders exactly: canary first. */
function twoWay(destinations: WeightedDestinationShape[] | undefined): TwoWaySplit | undefined {
  if (!Array.isArray(destinations) || destinations.length !== 2) return undefined;
  if (!destinations.every(d => onlyKeys(d, ['destination', 'weight']) && Number.isInteger(d.weight))) return undefined;
  const [c, s] = destinations as Array<WeightedDestinationShape & { weight: number }>; // integers, tested above
  const canary = destination(c.destination);
  const stable = destination(s.destination);
  if (!canary || !stable || !differ(stable, canary)) return undefined;
  const total = c.weight + s.weight;
  if (c.weight <= 0 || s.weight <= 0) return undefined;
  const percent = Math.round((c.weight * 100 / total) * 1e6) / 1e6;
  const w = canaryWeights(percent);
  if (w.canary !== c.weight || w.stable !== s.weight) return undefined;
  return { canary, stable, percent, weights: `${c.weight}/${s.weight}` };
}

/** A route whose only matcher has only the given fields, no name, and options of a prefix rewrite at most. */
function plainRoute(route: RouteShape | undefined, matcherKeys: string[]): PlainMatcher | undefined {
  if (!route || !onlyKeys(route, ['matchers', 'routeAction', 'options'])) return undefined;
  if (route.options !== undefined && (!onlyKeys(route.options, ['prefixRewrite']) || typeof route.options.prefixRewrite !== 'string')) return undefined;
  const matchers = route.matchers;
  if (!Array.isArray(matchers) || matchers.length !== 1) return undefined;
  const m = matchers[0];
  if (!onlyKeys(m, matcherKeys) || typeof m.prefix !== 'string' || !m.prefix.startsWith('/')) return undefined;
  return m as PlainMatcher;
}

function single(action: RouteActionShape | undefined): UpstreamDestination | undefined {
  return action && onlyKeys(action, ['single']) ? destination(action.single) : undefined;
}

/** A destination a release can render: an Upstream by name, maybe one REST function with parameters. */
function destination(d: DestinationShape | undefined): UpstreamDestination | undefined {
  if (!d || !onlyKeys(d, ['upstream', 'destinationSpec']) || typeof d.upstream?.name !== 'string' || !onlyKeys(d.upstream, ['name', 'namespace'])) return undefined;
  if (d.destinationSpec === undefined) return d as UpstreamDestination;
  const rest = d.destinationSpec.rest;
  if (!onlyKeys(d.destinationSpec, ['rest']) || !rest || !onlyKeys(rest, ['functionName', 'parameters'])) return undefined;
  if (typeof rest.functionName !== 'string' || rest.functionName === '' || typeof rest.parameters !== 'object' || rest.parameters === null) return undefined;
  if (!onlyKeys(rest.parameters, ['headers', 'path'])) return undefined;
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

function onlyKeys(obj: unknown, keys: string[]): boolean {
  return typeof obj === 'object' && obj !== null && !Array.isArray(obj) && Object.keys(obj).every(k => keys.includes(k));
}
