import { renderCsrf } from './cors-render';
import { renderExtAuth } from './enterprise-render';
import { GENERATED_DESTINATION_OPTIONS } from './pass-through-fields.generated';
import { renderOneOf, renderPassThrough } from './pass-through-options';
import type { Route, RouteProps } from './route';
import { renderHeaderManipulation, renderTypedOptions } from './route-options-render';
import type {
  VirtualServiceSpecVirtualHostRoutes as GlooRoute,
  VirtualServiceSpecVirtualHostRoutesRouteActionSingle as GlooDestination,
} from '../imports/gateway.solo.io';
import { Destination, FunctionParameters } from '../model/destination';
import { HeaderMatch } from '../model/header-match';
import { PathMatchType } from '../model/path-match';
import { QueryParameterMatch } from '../model/query-parameter-match';
import { DirectResponse, Redirect, RouteAction, RouteActionType, WeightedDestination, WeightedDestinationBehavior } from '../model/route-action';
import { RouteMatcher } from '../model/route-matcher';
import { compact, copyList } from '../private/json';

/**
 * A matcher as Gloo writes it (`matchers[]` of a route): what the synth-time rules and the
 * simulator reason about.
 */
export interface GlooMatcher {
  readonly prefix?: string;
  readonly exact?: string;
  readonly regex?: string;
  readonly caseSensitive?: boolean;
  readonly headers?: GlooCondition[];
  readonly queryParameters?: GlooCondition[];
  readonly methods?: string[];
}

/** A header or query-parameter condition as Gloo writes it. */
export interface GlooCondition {
  readonly name: string;
  readonly value?: string;
  readonly regex?: boolean;
  readonly invertMatch?: boolean;
}

/** The matchers of a route as Gloo evaluates them: one prefix `/` matcher when none is given. */
export function glooMatchersOf(route: Route): GlooMatcher[] {
  return route.matchers.map(renderMatcher);
}

/** @internal Renders a route in the Gloo 1.x shape. */
export function renderRoute(props: RouteProps): GlooRoute {
  const action = props.action;
  const mirror = props.mirror
    ? compact({
      upstream: { name: props.mirror.upstream.name, namespace: props.mirror.upstream.namespace },
      percentage: props.mirror.percent,
      hostRewriteLiteral: props.mirror.host,
      disableShadowHostSuffixAppend: props.mirror.keepHost,
    })
    : undefined;
  // a field given both typed and in the escape hatch is refused by the route checks
  const options = compact({
    ...(props.options?.extra ?? {}),
    ...renderTypedOptions(props.options),
    ...(mirror ? { shadowing: mirror } : {}),
  });
  return {
    name: props.name,
    matchers: props.matchers?.map(renderMatcher),
    routeAction: renderRouteAction(action),
    delegateAction: action.type === RouteActionType.DELEGATE
      ? { ref: { name: action.routeTable!.name, namespace: action.routeTable!.namespace } }
      : undefined,
    directResponseAction: action.type === RouteActionType.DIRECT_RESPONSE ? renderDirectResponse(action.response!) : undefined,
    redirectAction: action.type === RouteActionType.REDIRECT ? renderRedirect(action.redirectTo!) : undefined,
    options: Object.keys(options).length > 0 ? options : undefined,
    inheritableMatchers: props.inheritableMatchers,
    inheritablePathMatchers: props.inheritablePathMatchers,
    optionsConfigRefs: props.optionsConfigRefs
      ? { delegateOptions: props.optionsConfigRefs.map(r => compact({ name: r.name, namespace: r.namespace })) }
      : undefined,
  };
}

function renderDirectResponse(r: DirectResponse): GlooRoute['directResponseAction'] {
  return compact({ status: r.status, body: r.body });
}

function renderRedirect(r: Redirect): GlooRoute['redirectAction'] {
  return compact({
    hostRedirect: r.host,
    pathRedirect: r.path,
    prefixRewrite: r.prefixRewrite,
    httpsRedirect: r.https,
    portRedirect: r.port,
    responseCode: r.responseCode,
    stripQuery: r.stripQuery,
  });
}

function renderRouteAction(action: RouteAction): GlooRoute['routeAction'] {
  switch (action.type) {
    case RouteActionType.FORWARD:
      return { single: renderDestination(action.destination!) };
    case RouteActionType.WEIGHTED_FORWARD:
      return { multi: { destinations: renderWeighted(action.destinations!) } };
    case RouteActionType.UPSTREAM_GROUP:
      return { upstreamGroup: { name: action.targetGroup!.name, namespace: action.targetGroup!.namespace } };
    case RouteActionType.CLUSTER_HEADER:
      return { clusterHeader: action.clusterHeaderName };
    case RouteActionType.DYNAMIC_FORWARD_PROXY:
      return {
        dynamicForwardProxy: compact({ hostRewrite: action.forwardProxy?.hostRewrite, autoHostRewriteHeader: action.forwardProxy?.hostFromHeader }),
      };
    default:
      return undefined;
  }
}

/** @internal Renders weighted destinations (`multi.destinations`, an UpstreamGroup's `destinations`). */
export function renderWeighted(
  destinations: WeightedDestination[],
): Array<{ destination: GlooDestination; weight: number; options?: { [field: string]: unknown } }> {
  return destinations.map(d => ({
    destination: renderDestination(d.destination),
    weight: d.weight,
    options: renderDestinationOptions(d.options),
  }));
}

function renderDestinationOptions(o: WeightedDestinationBehavior | undefined): { [field: string]: unknown } | undefined {
  if (o === undefined) return undefined;
  const out: { [field: string]: unknown } = compact({
    headerManipulation: o.headerManipulation !== undefined ? renderHeaderManipulation(o.headerManipulation) : undefined,
    csrf: o.csrf !== undefined ? renderCsrf(o.csrf) : undefined,
    extauth: o.extauth !== undefined ? renderExtAuth(o.extauth, undefined) : undefined,
  });
  for (const f of GENERATED_DESTINATION_OPTIONS) if (o[f] !== undefined) out[f] = renderPassThrough(o[f]);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** @internal Renders a destination (`upstream`, `kube` or `consul`, plus `destinationSpec`). */
export function renderDestination(d: Destination): GlooDestination {
  return {
    upstream: d.targetUpstream ? { name: d.targetUpstream.name, namespace: d.targetUpstream.namespace } : undefined,
    kube: d.kube ? { ref: { name: d.kube.serviceName, namespace: d.kube.serviceNamespace }, port: d.kube.port } : undefined,
    consul: d.consul
      ? compact({ serviceName: d.consul.serviceName, tags: copyList(d.consul.tags), dataCenters: copyList(d.consul.dataCenters) })
      : undefined,
    subset: d.subset ? { values: sortedCopy(d.subset) } : undefined,
    destinationSpec: d.functionName !== undefined
      ? { rest: { functionName: d.functionName, parameters: renderParameters(d.parameters) } }
      : renderOneOf(d.destinationSpec),
  };
}

function renderParameters(p: FunctionParameters | undefined): { headers?: { [k: string]: string }; path?: string } {
  return compact({ headers: p?.headers ? sortedCopy(p.headers) : undefined, path: p?.path });
}

/** Renders a matcher in Gloo's shape. */
export function renderMatcher(m: RouteMatcher): GlooMatcher {
  const path = m.path;
  return {
    prefix: path.type === PathMatchType.PREFIX ? path.value : undefined,
    exact: path.type === PathMatchType.EXACT ? path.value : undefined,
    regex: path.type === PathMatchType.REGEX ? path.value : undefined,
    caseSensitive: path.caseSensitive,
    headers: m.headers?.map(renderHeader),
    queryParameters: m.queryParameters?.map(renderQuery),
    methods: m.methods ? [...m.methods] : undefined,
  };
}

function renderHeader(h: HeaderMatch): GlooCondition {
  return { name: h.name, value: h.value, regex: h.regex ? true : undefined, invertMatch: h.inverted ? true : undefined };
}

function renderQuery(q: QueryParameterMatch): GlooCondition {
  return { name: q.name, value: q.value, regex: q.regex ? true : undefined };
}

/** A copy of a string map with its keys sorted, so the output does not depend on insertion order. */
export function sortedCopy<T>(map: { [k: string]: T }): { [k: string]: T } {
  const out: { [k: string]: T } = {};
  for (const k of Object.keys(map).sort()) out[k] = map[k];
  return out;
}
