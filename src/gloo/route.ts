import { IConstruct } from 'constructs';
import { IRouteTable } from './route-table';
import { IUpstream, isDefinedUpstream } from './upstream';
import { IUpstreamGroup } from './upstream-group';
import { Problem } from '../private/errors';

/** The largest weight Gloo accepts: weights are `uint32`. */
export const MAX_WEIGHT = 4294967295;

/**
 * A header condition of a matcher. With no `value` it matches when the header is present.
 *
 * @see https://docs.solo.io/gloo-edge/latest/reference/api/github.com/solo-io/gloo/projects/gloo/api/v1/core/matchers/matchers.proto.sk/
 */
export interface HeaderMatcher {
  /** The header name, e.g. `x-canary`. */
  readonly name: string;
  /**
   * The value to match.
   * @default - any value: the header only has to be present
   */
  readonly value?: string;
  /**
   * Whether `value` is an RE2 regular expression that must match the whole header value.
   * @default false
   */
  readonly regex?: boolean;
  /**
   * Whether the condition is inverted: it then matches requests the condition would not match.
   * @default false
   */
  readonly invertMatch?: boolean;
}

/** A query-parameter condition of a matcher. With no `value` it matches when the parameter is present. */
export interface QueryParameterMatcher {
  /** The parameter name. */
  readonly name: string;
  /**
   * The value to match.
   * @default - any value: the parameter only has to be present
   */
  readonly value?: string;
  /**
   * Whether `value` is an RE2 regular expression that must match the whole value.
   * @default false
   */
  readonly regex?: boolean;
}

/**
 * One matcher of a route. Exactly one path specifier (`prefix`, `exact` or `regex`) is required;
 * the conditions of one matcher are ANDed.
 */
export interface RouteMatcher {
  /**
   * Matches paths that start with this prefix.
   * @default - no prefix match
   */
  readonly prefix?: string;
  /**
   * Matches this exact path (the query string is not part of it).
   * @default - no exact match
   */
  readonly exact?: string;
  /**
   * Matches paths that this RE2 regular expression matches as a whole (the query string is not part of it).
   * @default - no regex match
   */
  readonly regex?: string;
  /**
   * Whether the path match is case sensitive.
   * @default true
   */
  readonly caseSensitive?: boolean;
  /**
   * Header conditions, all of which must hold.
   * @default - none
   */
  readonly headers?: HeaderMatcher[];
  /**
   * Query-parameter conditions, all of which must hold.
   * @default - none
   */
  readonly queryParameters?: QueryParameterMatcher[];
  /**
   * HTTP methods, one of which must be the request's.
   * @default - any method
   */
  readonly methods?: string[];
}

/** Parameters that a REST function destination extracts from the request. */
export interface FunctionParameters {
  /**
   * Header templates by header name, e.g. `{ ':path': '/findPetWithId/{id}' }` makes `id` available to the function.
   * @default - none
   */
  readonly headers?: { [name: string]: string };
  /**
   * A template for the path.
   * @default - none
   */
  readonly path?: string;
}

/** A Kubernetes Service used directly as a destination (`destination.kube`). It has no REST functions. */
export interface KubeServiceDestination {
  /** The Service name. */
  readonly serviceName: string;
  /** The Service namespace. */
  readonly serviceNamespace: string;
  /** The Service port. */
  readonly port: number;
}

/**
 * Where a route sends traffic: exactly one of `upstream` and `kube`, optionally a REST function of the upstream.
 */
export interface Destination {
  /**
   * The Upstream to send traffic to.
   * @default - `kube` is used
   */
  readonly upstream?: IUpstream;
  /**
   * A Kubernetes Service to send traffic to directly.
   * @default - `upstream` is used
   */
  readonly kube?: KubeServiceDestination;
  /**
   * The REST function of the upstream to call (`destinationSpec.rest.functionName`).
   * @default - the request is forwarded as it is, no function is called
   */
  readonly functionName?: string;
  /**
   * Parameters for the function. Only with `functionName`.
   * @default - none
   */
  readonly parameters?: FunctionParameters;
}

/** A destination with a weight. Weights are ratios: each destination gets `weight / total`. */
export interface WeightedDestination extends Destination {
  /** The weight, an integer from 0 to 4294967295. */
  readonly weight: number;
}

/** Options of a route (`options`). */
export interface RouteOptions {
  /**
   * Replaces the matched prefix of the path before the request is forwarded.
   * @default - the path is forwarded unchanged
   */
  readonly prefixRewrite?: string;
  /**
   * Further Gloo route options, rendered into `options` as given (for example `timeout`, `retries`
   * or `headerManipulation`). This is the escape hatch for everything not typed here; the
   * CRD-schema check still applies to it.
   * @default - none
   */
  readonly extra?: { [key: string]: any };
}

/** Where a route goes in its VirtualService or RouteTable. */
export enum RoutePosition {
  /** In the order routes were added. */
  IN_ORDER = 'in-order',
  /**
   * Before every `IN_ORDER` route, as `glooctl add route` puts a new route at index 0. Header-gated
   * canary routes go here, so they always come before the route they override.
   */
  BEFORE_OTHERS = 'before-others',
}

/**
 * A route: its matchers and exactly one action.
 *
 * The actions are `destination` (`routeAction.single`), `weightedDestinations`
 * (`routeAction.multi`), `upstreamGroup` (`routeAction.upstreamGroup`) and `delegateTo`
 * (`delegateAction`).
 */
export interface RouteProps {
  /**
   * The route's name, shown in Envoy's route names.
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * The matchers; a request matches the route when any of them matches.
   * @default - one matcher with prefix `/`, as Gloo defaults it
   */
  readonly matchers?: RouteMatcher[];
  /**
   * Sends all matching traffic to one destination.
   * @default - another action is used
   */
  readonly destination?: Destination;
  /**
   * Splits matching traffic across destinations by weight.
   * @default - another action is used
   */
  readonly weightedDestinations?: WeightedDestination[];
  /**
   * Splits matching traffic as an UpstreamGroup says.
   * @default - another action is used
   */
  readonly upstreamGroup?: IUpstreamGroup;
  /**
   * Delegates matching requests to the routes of a RouteTable.
   * @default - another action is used
   */
  readonly delegateTo?: IRouteTable;
  /**
   * Route options.
   * @default - none
   */
  readonly options?: RouteOptions;
  /**
   * Where the route goes among the others.
   * @default RoutePosition.IN_ORDER
   */
  readonly position?: RoutePosition;
  /**
   * Accept that an earlier route may shadow this one, so it never matches. Shadowing is an error
   * otherwise.
   * @default false
   */
  readonly allowShadowing?: boolean;
}

/** A route as added to a VirtualService or RouteTable. */
export class Route {
  /** @internal */
  public static _create(props: RouteProps, owner: IConstruct, label: string): Route {
    return new Route(props, owner, label);
  }

  /** The route as it was given. */
  public readonly props: RouteProps;
  /** The construct that added the route; its path is named in errors about the route. */
  public readonly owner: IConstruct;
  /** How errors name the route, e.g. `routes[2]`. */
  public readonly label: string;

  private constructor(props: RouteProps, owner: IConstruct, label: string) {
    this.props = props;
    this.owner = owner;
    this.label = label;
  }

  /** The position of the route among the others. */
  public get position(): RoutePosition {
    return this.props.position ?? RoutePosition.IN_ORDER;
  }

  /** The route's matchers, defaulted as Gloo defaults them (prefix `/`). */
  public get effectiveMatchers(): RouteMatcher[] {
    return this.props.matchers && this.props.matchers.length > 0 ? this.props.matchers : [{ prefix: '/' }];
  }

  /** @internal */
  public _render(): any {
    return renderRoute(this.props);
  }
}

/** The names of the actions a route sets. */
export function routeActions(props: RouteProps): string[] {
  const actions: string[] = [];
  if (props.destination !== undefined) actions.push('destination');
  if (props.weightedDestinations !== undefined) actions.push('weightedDestinations');
  if (props.upstreamGroup !== undefined) actions.push('upstreamGroup');
  if (props.delegateTo !== undefined) actions.push('delegateTo');
  return actions;
}

/** The problems that can be seen in a route by itself, with `field` relative to `prefix`. */
export function checkRoute(props: RouteProps, path: string, prefix: string): Problem[] {
  const problems: Problem[] = [];
  const add = (field: string, given: unknown, expected: string, hint?: string) =>
    problems.push({ path, field: `${prefix}${field}`, given, expected, hint });

  const actions = routeActions(props);
  if (actions.length === 0) {
    add('', summarizeRoute(props), 'a route with an action: destination, weightedDestinations, upstreamGroup or delegateTo',
      'gloo rejects a route without an action ("route must specify an action")');
  } else if (actions.length > 1) {
    add('', actions.join(' and '), 'exactly one action per route');
  }

  (props.matchers ?? []).forEach((m, i) => checkMatcher(m, `matchers[${i}]`, add));

  if (props.destination !== undefined) {
    checkDestination(props.destination, 'routeAction.single', add);
  }
  if (props.weightedDestinations !== undefined) {
    checkWeightedDestinations(props.weightedDestinations, 'routeAction.multi.destinations', add);
  }
  if (props.options?.prefixRewrite !== undefined && actions.includes('delegateTo')) {
    add('options.prefixRewrite', props.options.prefixRewrite, 'no prefix rewrite on a delegating route',
      'gloo only applies a prefix rewrite to route actions; set it on the RouteTable\'s routes');
  }
  return problems;
}

type AddProblem = (field: string, given: unknown, expected: string, hint?: string) => void;

function checkMatcher(m: RouteMatcher, field: string, add: AddProblem): void {
  const specifiers = (['prefix', 'exact', 'regex'] as const).filter(k => m[k] !== undefined);
  const hasConditions = (m.headers?.length ?? 0) > 0 || (m.queryParameters?.length ?? 0) > 0 || (m.methods?.length ?? 0) > 0;
  if (specifiers.length === 0) {
    add(field, m, 'a path specifier (prefix, exact or regex)',
      hasConditions ? 'gloo rejects a matcher with headers, query parameters or methods but no path ("no path specifier provided"); add prefix: \'/\' to match every path' : undefined);
  } else if (specifiers.length > 1) {
    add(field, specifiers.join(' and '), 'exactly one path specifier (prefix, exact or regex)');
  }
  for (const k of ['prefix', 'exact'] as const) {
    const v = m[k];
    if (v !== undefined && (typeof v !== 'string' || !v.startsWith('/'))) {
      add(`${field}.${k}`, v, 'a path that starts with "/"');
    }
  }
  if (m.regex !== undefined && (typeof m.regex !== 'string' || m.regex.length === 0)) {
    add(`${field}.regex`, m.regex, 'a non-empty RE2 regular expression');
  }
  (m.headers ?? []).forEach((h, j) => {
    if (!h || typeof h.name !== 'string' || h.name.length === 0) add(`${field}.headers[${j}].name`, h?.name, 'a non-empty header name');
    if (h?.regex && (h.value === undefined || h.value === '')) {
      add(`${field}.headers[${j}].value`, h.value, 'a regular expression when regex is true');
    }
  });
  (m.queryParameters ?? []).forEach((q, j) => {
    if (!q || typeof q.name !== 'string' || q.name.length === 0) add(`${field}.queryParameters[${j}].name`, q?.name, 'a non-empty parameter name');
    if (q?.regex && (q.value === undefined || q.value === '')) {
      add(`${field}.queryParameters[${j}].value`, q.value, 'a regular expression when regex is true');
    }
  });
  (m.methods ?? []).forEach((method, j) => {
    if (typeof method !== 'string' || !/^[A-Z]+$/.test(method)) add(`${field}.methods[${j}]`, method, 'an upper-case HTTP method such as GET');
  });
}

/** Checks one destination; exported for the constructs that build routes. */
export function checkDestination(d: Destination, field: string, add: AddProblem): void {
  const types = (['upstream', 'kube'] as const).filter(k => d[k] !== undefined);
  if (types.length === 0) {
    add(field, d, 'a destination type: upstream or kube', 'gloo rejects a destination with no type ("no destination type specified")');
    return;
  }
  if (types.length > 1) {
    add(field, types.join(' and '), 'exactly one destination type: upstream or kube');
  }
  if (d.kube) {
    if (!Number.isInteger(d.kube.port) || d.kube.port < 1 || d.kube.port > 65535) add(`${field}.kube.port`, d.kube.port, 'an integer port between 1 and 65535');
    if (d.functionName !== undefined) {
      add(`${field}.destinationSpec.rest.functionName`, d.functionName, 'a function route to an Upstream with a REST spec',
        'a kube destination has no REST service spec; route to an Upstream that lists the function');
    }
  }
  if (d.parameters !== undefined && d.functionName === undefined) {
    add(`${field}.destinationSpec.rest.parameters`, d.parameters, 'parameters only together with functionName');
  }
  if (d.functionName !== undefined && d.upstream) {
    if (typeof d.functionName !== 'string' || d.functionName.length === 0) {
      add(`${field}.destinationSpec.rest.functionName`, d.functionName, 'a non-empty function name');
    } else if (isDefinedUpstream(d.upstream)) {
      const known = d.upstream.functionNames ?? [];
      if (known.length === 0) {
        add(`${field}.destinationSpec.rest.functionName`, d.functionName, `an upstream with a REST spec, but upstream ${d.upstream.name} has no functions`,
          'gloo rejects the route ("does not have a rest service spec"); list the function in the Upstream\'s functions');
      } else if (!known.includes(d.functionName)) {
        add(`${field}.destinationSpec.rest.functionName`, d.functionName, `one of the functions of upstream ${d.upstream.name}: ${known.join(', ')}`,
          'gloo rejects the route ("unknown function")');
      }
    }
  }
}

/** Checks a list of weighted destinations; exported for the constructs that build routes. */
export function checkWeightedDestinations(dests: WeightedDestination[], field: string, add: AddProblem): void {
  if (!Array.isArray(dests) || dests.length === 0) {
    add(field, dests, 'at least one weighted destination',
      'gloo rejects a multi destination with none ("must specify at least one weighted destination")');
    return;
  }
  let total = 0;
  let weightsValid = true;
  dests.forEach((d, i) => {
    if (!isValidWeight(d.weight)) {
      weightsValid = false;
      add(`${field}[${i}].weight`, d.weight, `an integer from 0 to ${MAX_WEIGHT}`, 'weights are uint32 ratios, not percentages');
    } else {
      total += d.weight;
    }
    checkDestination(d, `${field}[${i}].destination`, add);
  });
  if (weightsValid && total < 1) {
    add(`${field}[*].weight`, total, `weights that add up to at least 1 (got ${dests.map(d => d.weight).join(' + ')})`,
      'gloo rejects a total weight below 1; weights are ratios, so 90 and 10 send 90% and 10%');
  }
  if (weightsValid && total > MAX_WEIGHT) {
    add(`${field}[*].weight`, total, `weights that add up to at most ${MAX_WEIGHT}`, 'envoy sums the weights into a uint32');
  }
}

/** Whether `w` is a weight Gloo accepts: an integer from 0 to 4294967295. */
export function isValidWeight(w: unknown): w is number {
  return typeof w === 'number' && Number.isInteger(w) && w >= 0 && w <= MAX_WEIGHT;
}

function summarizeRoute(props: RouteProps): any {
  return { matchers: props.matchers };
}

/** Renders a route in the Gloo 1.x shape. */
export function renderRoute(props: RouteProps): any {
  const options = props.options
    ? compact({ ...(props.options.extra ?? {}), prefixRewrite: props.options.prefixRewrite })
    : undefined;
  return {
    name: props.name,
    matchers: props.matchers?.map(renderMatcher),
    routeAction: renderRouteAction(props),
    delegateAction: props.delegateTo
      ? { ref: { name: props.delegateTo.name, namespace: props.delegateTo.namespace } }
      : undefined,
    options: options && Object.keys(options).length > 0 ? options : undefined,
  };
}

function renderRouteAction(props: RouteProps): any {
  if (props.destination) return { single: renderDestination(props.destination) };
  if (props.weightedDestinations) {
    return {
      multi: {
        destinations: props.weightedDestinations.map(d => ({ destination: renderDestination(d), weight: d.weight })),
      },
    };
  }
  if (props.upstreamGroup) return { upstreamGroup: { name: props.upstreamGroup.name, namespace: props.upstreamGroup.namespace } };
  return undefined;
}

/** Renders a destination (`upstream` or `kube`, plus `destinationSpec`). */
export function renderDestination(d: Destination): any {
  return {
    upstream: d.upstream ? { name: d.upstream.name, namespace: d.upstream.namespace } : undefined,
    kube: d.kube ? { ref: { name: d.kube.serviceName, namespace: d.kube.serviceNamespace }, port: d.kube.port } : undefined,
    destinationSpec: d.functionName !== undefined
      ? {
        rest: {
          functionName: d.functionName,
          parameters: compact({
            headers: d.parameters?.headers ? sortedCopy(d.parameters.headers) : undefined,
            path: d.parameters?.path,
          }),
        },
      }
      : undefined,
  };
}

function renderMatcher(m: RouteMatcher): any {
  return {
    prefix: m.prefix,
    exact: m.exact,
    regex: m.regex,
    caseSensitive: m.caseSensitive,
    headers: m.headers?.map(h => ({ name: h.name, value: h.value, regex: h.regex, invertMatch: h.invertMatch })),
    queryParameters: m.queryParameters?.map(q => ({ name: q.name, value: q.value, regex: q.regex })),
    methods: m.methods ? [...m.methods] : undefined,
  };
}

function sortedCopy(map: { [k: string]: string }): { [k: string]: string } {
  const out: { [k: string]: string } = {};
  for (const k of Object.keys(map).sort()) out[k] = map[k];
  return out;
}

function compact(obj: { [k: string]: any }): { [k: string]: any } {
  const out: { [k: string]: any } = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out;
}
