import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DestinationShape, DirectResponseActionShape, ManifestShape, RouteActionShape, ShadowingShape, WeightedDestinationShape } from './gloo-manifest';
import { CompiledMatcher, compileMatcher, NormalizedRequest, normalizeRequest } from './request-matching';
import { FlatRoute, flattenVirtualService } from './route-flattening';
import { idOf, selectVirtualService } from './virtual-host-selection';
import { IVirtualService } from '../model/references';
import { AppState } from '../private/app-state';
import { jsonAt } from '../private/json';
import { re2ReplaceAll } from '../private/re2';
import { redirectStatus } from '../private/redirect-codes';
import { unknownKeys } from '../private/unknown-keys';

/** A request to simulate. */
export interface SimulatedRequest {
  /** The path, with the query string if any, e.g. `/findPets?limit=1`. */
  readonly path: string;
  /**
   * The HTTP method.
   * @default 'GET'
   */
  readonly method?: string;
  /**
   * Request headers, by name (names are case-insensitive).
   * @default - none
   */
  readonly headers?: { [name: string]: string };
}

/** Where a simulated share goes. */
export enum DestinationKind {
  /** A Gloo Upstream (`destination.upstream`). */
  UPSTREAM = 'upstream',
  /** A Kubernetes Service used directly (`destination.kube`). */
  KUBE = 'kube',
  /** A service registered in Consul (`destination.consul`). */
  CONSUL = 'consul',
  /** The Envoy cluster a request header names (`routeAction.clusterHeader`). */
  CLUSTER_HEADER = 'cluster-header',
  /** The host the request names, through a dynamic forward proxy (`routeAction.dynamicForwardProxy`). */
  DYNAMIC_FORWARD_PROXY = 'dynamic-forward-proxy',
}

/** One destination a matched request is split across, and its share. */
export interface SimulatedShare {
  /**
   * The upstream name, the Service name for a kube destination, the service name for a Consul one;
   * for a dynamic forward proxy, its host rewrite (empty: the request's host); empty for a cluster
   * a header names.
   */
  readonly upstream: string;
  /** The upstream's namespace (the Service's, for a kube destination; empty for a Consul service). */
  readonly namespace: string;
  /** Whether the share goes to an Upstream or directly to a Kubernetes Service. */
  readonly kind: DestinationKind;
  /** The REST function called, if any. */
  readonly functionName?: string;
  /** The declared weight (1 for a single destination). */
  readonly weight: number;
  /** The share of the matched traffic, in percent (weight / total weight × 100). */
  readonly percent: number;
  /**
   * The destination's `subset.values`: the share goes only to the upstream's pods with these labels
   * (Gloo docs, "Subsets"; Gloo falls back to every pod of the upstream when none has them).
   * @default - no subset: every pod of the upstream
   */
  readonly subset?: { [label: string]: string };
  /**
   * A Consul destination's tags: only instances with all of them.
   * @default - every instance
   */
  readonly tags?: string[];
  /**
   * A Consul destination's data centers.
   * @default - every data center
   */
  readonly dataCenters?: string[];
  /**
   * The request header naming the cluster (a cluster-header action) or the host (a dynamic forward
   * proxy's `autoHostRewriteHeader`).
   * @default - none
   */
  readonly header?: string;
  /**
   * The function a destination calls other than a REST function (an AWS Lambda, an Azure function,
   * a gRPC method): its `destinationSpec` as Gloo's JSON, keys sorted.
   * @default - none
   */
  readonly functionSpec?: string;
}

/** Traffic copied to another upstream by a route's `shadowing` option; its responses are discarded. */
export interface SimulatedMirror {
  /** The upstream the copies go to. */
  readonly upstream: string;
  /** Its namespace. */
  readonly namespace: string;
  /** The share of the route's requests that is copied, in percent. */
  readonly percent: number;
}

/** A response Envoy sends itself: a route's direct response. */
export interface SimulatedDirectResponse {
  /** The HTTP status. */
  readonly status: number;
  /**
   * The body.
   * @default - no body
   */
  readonly body?: string;
}

/** A redirect Envoy answers with. */
export interface SimulatedRedirect {
  /** The HTTP status: 301, 302, 303, 307 or 308. */
  readonly status: number;
  /**
   * The `Location` the client is sent to. It starts with `https://` for a redirect to https, else
   * with `//` (the request's scheme); `{host}` stands for the request's host when the request
   * names none (a `SimulatedRequest` rather than a `SimulatedHostRequest`).
   */
  readonly location: string;
}

/** What Gloo would do with a request. */
export interface SimulationResult {
  /** Whether a route matched. */
  readonly matched: boolean;
  /** The index of the matched route in the VirtualService's routes (the delegating route, for a RouteTable route). */
  readonly routeIndex?: number;
  /** The matched route's name, if it has one. */
  readonly routeName?: string;
  /** `namespace/name` of the RouteTable whose route matched, when the request was delegated. */
  readonly routeTable?: string;
  /** The index of the matched route in that RouteTable. */
  readonly routeTableRouteIndex?: number;
  /** The destinations the request is split across, in the order declared; empty when nothing matched. */
  readonly destinations: SimulatedShare[];
  /** What could not be resolved (an UpstreamGroup or RouteTable not among the manifests). */
  readonly unresolved?: string;
  /** Requests mirrored by the matched route, if it shadows traffic. */
  readonly mirror?: SimulatedMirror;
  /**
   * The path and query the destinations receive, when the matched route rewrites the path
   * (`prefixRewrite`, `regexRewrite`), before any REST function's own template.
   * @default - the route forwards the path unchanged
   */
  readonly forwardedPath?: string;
  /**
   * The `Host` header the destinations receive, when the matched route rewrites it: the literal
   * host, the value of the named header, or `{upstream host}` for `autoHostRewrite` (the name of the
   * endpoint Envoy picks).
   * @default - the route forwards the host unchanged
   */
  readonly forwardedHost?: string;
  /**
   * The response Envoy sends itself when the matched route is a direct response (`destinations` is empty then).
   * @default - the route forwards
   */
  readonly directResponse?: SimulatedDirectResponse;
  /**
   * The redirect Envoy answers with when the matched route is a redirect (`destinations` is empty then).
   * @default - the route forwards
   */
  readonly redirect?: SimulatedRedirect;
}

/** A request that names its host, to simulate against every VirtualService on a gateway. */
export interface SimulatedHostRequest extends SimulatedRequest {
  /**
   * The `Host` header (HTTP/2 `:authority`), e.g. `shop.example.com`. Compared case-insensitively;
   * a `:port` stays part of it unless `stripAnyHostPort` is set.
   */
  readonly host: string;
  /**
   * Strip any `:port` from the host before choosing a VirtualService, as Gloo's HTTP connection
   * manager setting `stripAnyHostPort` (Envoy `strip_any_host_port`) does.
   * @default false - as in Gloo and Envoy, the port is part of the host
   */
  readonly stripAnyHostPort?: boolean;
  /**
   * The gateway the request arrives on, by name. A simulator made by `fromApp` knows each
   * VirtualService's `gatewayName` and keeps only those on this gateway; manifests do not say which
   * gateway serves a VirtualService, so those are all assumed to be on it.
   * @default 'gateway-proxy' (the default of `VirtualServiceProps.gatewayName`)
   */
  readonly gateway?: string;
  /**
   * Only these VirtualServices, as `namespace/name`: the ones bound to the gateway, when the
   * manifests come from elsewhere.
   * @default - every VirtualService on `gateway`
   */
  readonly virtualServices?: string[];
}

/** What Gloo would do with a request to a host: the VirtualService that serves it, then as `SimulationResult`. */
export interface HostSimulationResult extends SimulationResult {
  /** The name of the VirtualService that serves the host; absent when none does (Envoy answers 404). */
  readonly virtualServiceName?: string;
  /** Its namespace. */
  readonly virtualServiceNamespace?: string;
  /** The domain of that VirtualService that matched the host, lowercased (`*` for one without domains). */
  readonly domain?: string;
}

/**
 * Simulates Gloo's routing over synthesized manifests, without a cluster.
 *
 * It follows Gloo's semantics. `route()` first picks the VirtualService whose domains match the
 * request's host, as Envoy picks a virtual host (exact, then `*.suffix` longest first, then
 * `prefix.*` longest first, then `*`). Delegation is flattened as Gloo's translator does: RouteTables
 * by `ref`, legacy `name`/`namespace` or `selector` (labels, expressions, namespaces, `*`), ordered by
 * `weight`, equal weights sorted by path specificity; `inheritableMatchers` and
 * `inheritablePathMatchers` merge the parent's conditions into the children; children that do not
 * fit their parent's matcher are dropped. Then routes are tried in order and the first match wins;
 * the matchers of a route are ORed and the conditions inside one matcher ANDed; paths match by
 * prefix, exactly or by an RE2 regex over the whole path, never including the query string;
 * `caseSensitive: false` ignores case; headers match exactly, by RE2 regex, by presence, or inverted
 * (a missing header only satisfies an inverted presence match, as in Envoy); query parameters and
 * methods likewise. Weighted destinations and UpstreamGroups share traffic by weight / total; a
 * destination's `subset` is reported with its share.
 */
export class RoutingSimulator {
  /**
   * Simulates a request against a VirtualService of an app: what Gloo would do with it, over
   * every Gloo object of the app the VirtualService belongs to.
   */
  public static simulateRequest(virtualService: IVirtualService, request: SimulatedRequest): SimulationResult {
    return RoutingSimulator.fromApp(virtualService).simulate(virtualService.name, request, virtualService.namespace);
  }

  /**
   * The shares of a simulation by upstream name, in percent, e.g. `{ 'default-petstore-v1-8080': 90,
   * 'default-petstore-v2-8080': 10 }`. Shares of the same upstream are added up. Empty when nothing matched.
   */
  public static sharesByUpstream(result: SimulationResult): { [upstream: string]: number } {
    const out: { [upstream: string]: number } = {};
    for (const d of result.destinations) out[d.upstream] = (out[d.upstream] ?? 0) + d.percent;
    return out;
  }

  /**
   * A simulator over every Gloo object of the app that `scope` belongs to. Under the Gateway API
   * target (`GatewayApiTarget`), that is the app's Gloo model: the VirtualServices as the Gloo
   * objects their routes mean, and the Upstreams and UpstreamGroups that are not synthesized; synth
   * proves that the HTTPRoutes route every derived request like this model.
   */
  public static fromApp(scope: IConstruct): RoutingSimulator {
    const manifests: ManifestShape[] = [];
    const gateways = new Map<string, string>();
    const root = scope.node.root;
    for (const c of [...root.node.findAll(), ...AppState.of(root).keptOut]) {
      const model = glooModelOf(c);
      if (model) {
        const manifest: ManifestShape = model;
        manifests.push(manifest);
        const gateway: unknown = (c as { gatewayName?: unknown }).gatewayName;
        if (manifest.kind === 'VirtualService' && typeof gateway === 'string') gateways.set(idOf(manifest), gateway);
      }
    }
    const simulator = new RoutingSimulator(manifests);
    gateways.forEach((gateway, vs) => simulator.gatewayOf.set(vs, gateway));
    return simulator;
  }

  private readonly objects = new Map<string, ManifestShape>();
  /** The gateway of each VirtualService, by `namespace/name`, when known (from `fromApp`). */
  private readonly gatewayOf = new Map<string, string>();

  /** @param manifests synthesized manifests; only Gloo objects are used */
  constructor(manifests: unknown[]) {
    for (const manifest of manifests) {
      // the fields read are tested here; the rest of a kept object is read as `ManifestShape` describes
      const m = manifest as Partial<ManifestShape> | null | undefined;
      if (m?.kind && m?.metadata?.name) this.objects.set(key(m.kind, m.metadata.namespace, m.metadata.name), m as ManifestShape);
    }
  }

  /**
   * Simulates a request to a host: which VirtualService serves it (see `SimulatedHostRequest` for
   * the port and the gateway), then which route and destinations. Throws when two VirtualServices
   * claim the same domain, which Gloo rejects.
   */
  public route(request: SimulatedHostRequest): HostSimulationResult {
    refuseUnknownKeys(request, 'SimulatedHostRequest');
    const wanted = request.virtualServices ? new Set(request.virtualServices) : undefined;
    const gateway = request.gateway ?? 'gateway-proxy';
    const onGateway = (vs: ManifestShape) => (this.gatewayOf.get(idOf(vs)) ?? gateway) === gateway;
    const candidates = this.ofKind('VirtualService').filter(vs => onGateway(vs) && (!wanted || wanted.has(idOf(vs))));
    const match = selectVirtualService(candidates, request.host, request.stripAnyHostPort ?? false);
    if (!match) return { matched: false, destinations: [] };
    return {
      virtualServiceName: match.vs.metadata.name,
      virtualServiceNamespace: match.vs.metadata.namespace,
      domain: match.domain,
      ...this.simulateOn(match.vs, request),
    };
  }

  /** Simulates a request against the VirtualService of the given name (and namespace). */
  public simulate(virtualServiceName: string, request: SimulatedRequest, namespace?: string): SimulationResult {
    refuseUnknownKeys(request, 'SimulatedRequest');
    return this._simulateEach(virtualServiceName, [request], namespace)[0];
  }

  /**
   * @internal
   * `simulate` for each of `requests`, in order, with the VirtualService's routes flattened once
   * (for the differential check, which routes hundreds of requests through one VirtualService).
   */
  public _simulateEach(virtualServiceName: string, requests: SimulatedRequest[], namespace?: string): SimulationResult[] {
    const vs = this.objects.get(key('VirtualService', namespace, virtualServiceName))
      ?? this.ofKind('VirtualService').find(o => o.metadata.name === virtualServiceName && namespace === undefined);
    if (!vs) throw new Error(`no VirtualService ${namespace ? `${namespace}/` : ''}${virtualServiceName} among the manifests`);
    const routes = new CompiledRoutes(flattenVirtualService(vs, this.ofKind('RouteTable')));
    return requests.map(request => this.simulateFlat(routes, request));
  }

  private simulateOn(vs: ManifestShape, request: SimulatedRequest): SimulationResult {
    return this.simulateFlat(new CompiledRoutes(flattenVirtualService(vs, this.ofKind('RouteTable'))), request);
  }

  /**
   * The first of `routes` that matches `request`, and what it does. What a route does does not
   * depend on the request, so it is worked out once per route and kept in `routes`: the results of
   * requests that hit the same route share their `destinations` and `mirror` objects.
   */
  private simulateFlat(routes: CompiledRoutes, request: SimulatedRequest): SimulationResult {
    const hit = routes.firstMatch(normalizeRequest(request));
    if (!hit) return { matched: false, destinations: [] };
    let action = routes.outcomes.get(hit);
    if (!action) {
      action = {
        ...(hit.unresolved ? { destinations: [], unresolved: hit.unresolved } : this.destinationsOf(hit.route.routeAction, hit.ownerNs)),
        mirror: hit.route.options?.shadowing ? mirrorOf(hit.route.options.shadowing, hit.ownerNs) : undefined,
      };
      routes.outcomes.set(hit, action);
    }
    const result: SimulationResult = {
      matched: true,
      routeIndex: hit.vsIndex,
      routeName: hit.route.name ?? undefined,
      routeTable: hit.table,
      routeTableRouteIndex: hit.tableIndex,
      destinations: action.destinations,
      unresolved: action.unresolved,
      ...(action.mirror ? { mirror: action.mirror } : {}),
    };
    // what depends on the request as well as the route: only for the routes that answer or rewrite
    const route = hit.route;
    if (!route.directResponseAction && !route.redirectAction && !(route.routeAction && route.options)) return result;
    const rewrites = route.routeAction && route.options ? rewritesOf(hit, request) : {};
    return { ...result, ...directResponseOf(route.directResponseAction), ...redirectOf(hit, request), ...rewrites };
  }

  private ofKind(kind: string): ManifestShape[] {
    return [...this.objects.values()].filter(o => o.kind === kind);
  }

  private destinationsOf(action: RouteActionShape | undefined, ownerNs: string | undefined): { destinations: SimulatedShare[]; unresolved?: string } {
    if (!action) return { destinations: [] };
    if (action.single) return { destinations: shares([{ destination: action.single, weight: 1 }], ownerNs) };
    if (action.clusterHeader !== undefined) {
      return { destinations: [{ upstream: '', namespace: '', kind: DestinationKind.CLUSTER_HEADER, weight: 1, percent: 100, header: action.clusterHeader }] };
    }
    if (action.dynamicForwardProxy) {
      const p = action.dynamicForwardProxy;
      const header = p.autoHostRewriteHeader !== undefined ? { header: p.autoHostRewriteHeader } : {};
      return { destinations: [{ upstream: p.hostRewrite ?? '', namespace: '', kind: DestinationKind.DYNAMIC_FORWARD_PROXY, weight: 1, percent: 100, ...header }] };
    }
    if (action.multi) return { destinations: shares(action.multi.destinations ?? [], ownerNs) };
    if (action.upstreamGroup) {
      // unlike an upstream reference, gloo does not fill in the owner's namespace here: it looks the
      // group up in no namespace and finds none (projects/gloo/pkg/translator/route_config.go)
      const ns = action.upstreamGroup.namespace;
      const group = ns ? this.objects.get(key('UpstreamGroup', ns, action.upstreamGroup.name)) : undefined;
      if (!group) return { destinations: [], unresolved: `UpstreamGroup ${ns ?? '(no namespace)'}/${action.upstreamGroup.name}` };
      return { destinations: shares(group.spec?.destinations ?? [], group.metadata.namespace) };
    }
    return { destinations: [] };
  }
}

/**
 * A VirtualService's flat routes with their matchers compiled, to route many requests: what a
 * route does is kept once worked out (`outcomes`), and the matchers whose path holds are kept for
 * the last path, since the requests of the differential check come sorted by path.
 */
class CompiledRoutes {
  /** What each route that took a request does. */
  public readonly outcomes = new Map<FlatRoute, RouteOutcome>();
  /** Each matcher of each route, in order; one that failed to compile carries the error instead. */
  private readonly matchers: MatcherHit[] = [];
  /** The matchers whose path holds for the last path, in order; one whose path test threw carries the error. */
  private last?: { readonly path: string; readonly hits: MatcherHit[] };

  constructor(routes: FlatRoute[]) {
    for (const route of routes) {
      for (const m of route.matchers) {
        try {
          this.matchers.push({ route, matcher: compileMatcher(m) });
        } catch (error) {
          this.matchers.push({ route, error });
        }
      }
    }
  }

  /**
   * The first route with a matcher that matches `req`: Gloo takes the first match. A matcher of
   * the wrong shape, or a regex RE2 refuses, throws when the search reaches it, not before: an
   * earlier route still takes what it matches.
   */
  public firstMatch(req: NormalizedRequest): FlatRoute | undefined {
    const path = req.path;
    if (this.last?.path !== path) {
      const hits: MatcherHit[] = [];
      for (const { route, matcher, error } of this.matchers) {
        if (!matcher) {
          hits.push({ route, error });
          continue;
        }
        try {
          if (matcher.path(path)) hits.push({ route, matcher });
        } catch (pathError) {
          hits.push({ route, error: pathError });
        }
      }
      this.last = { path, hits };
    }
    for (const hit of this.last.hits) {
      if (hit.error !== undefined) throw hit.error;
      if (hit.matcher!.rest(req)) return hit.route;
    }
    return undefined;
  }
}

/** A matcher of a route, or the error that compiling it or testing a path with it threw. */
interface MatcherHit {
  readonly route: FlatRoute;
  readonly matcher?: CompiledMatcher;
  readonly error?: unknown;
}

/** What a matched route does with every request it matches. */
interface RouteOutcome {
  readonly destinations: SimulatedShare[];
  readonly unresolved?: string;
  readonly mirror?: SimulatedMirror;
}

function directResponseOf(d: DirectResponseActionShape | undefined): { directResponse?: SimulatedDirectResponse } {
  if (!d) return {};
  return { directResponse: { status: d.status ?? 0, ...(d.body !== undefined && d.body !== '' ? { body: d.body } : {}) } };
}

/** Where a redirect sends `request`: each part the redirect gives replaces the request's. */
function redirectOf(hit: FlatRoute, request: SimulatedRequest): { redirect?: SimulatedRedirect } {
  const r = hit.route.redirectAction;
  if (!r) return {};
  const [pathOnly, query] = splitQuery(request.path);
  const [requestHostName, requestPort] = splitPort((request as SimulatedHostRequest).host ?? '{host}');
  // envoy swaps each part the redirect gives; a redirect to https drops the request's port
  const port = r.portRedirect ? `:${r.portRedirect}` : r.httpsRedirect ? '' : requestPort;
  const host = `${r.hostRedirect || requestHostName}${port}`;
  let path = pathOnly;
  if (r.pathRedirect) {
    path = r.pathRedirect;
  } else if (r.prefixRewrite !== undefined) {
    const matched = hit.matchers.find(m => m.prefix !== undefined && (m.caseSensitive === false
      ? pathOnly.toLowerCase().startsWith(m.prefix.toLowerCase())
      : pathOnly.startsWith(m.prefix)));
    if (matched) path = r.prefixRewrite + pathOnly.slice(matched.prefix!.length);
  }
  const status = redirectStatus(r.responseCode ?? 'MOVED_PERMANENTLY') ?? 301;
  const location = `${r.httpsRedirect ? 'https://' : '//'}${host}${path}${r.stripQuery || query === '' ? '' : `?${query}`}`;
  return { redirect: { status, location } };
}

/** The path and host a forwarding route's rewrites give `request`; none for a route that rewrites neither. */
function rewritesOf(hit: FlatRoute, request: SimulatedRequest): { forwardedPath?: string; forwardedHost?: string } {
  const o = hit.route.options!;
  const out: { forwardedPath?: string; forwardedHost?: string } = {};
  const [path, query] = splitQuery(request.path);
  const regex = jsonAt(o, 'regexRewrite', 'pattern', 'regex');
  const substitution = jsonAt(o, 'regexRewrite', 'substitution');
  let rewritten: string | undefined;
  if (typeof regex === 'string') {
    rewritten = re2ReplaceAll(regex, path, typeof substitution === 'string' ? substitution : '');
  } else if (typeof o.prefixRewrite === 'string' && o.prefixRewrite !== '') {
    // envoy replaces what the matcher matched: the prefix, or the whole of an exact path
    const prefix = hit.matchers.find(m => m.prefix !== undefined && startsWith(path, m.prefix, m.caseSensitive === false))?.prefix;
    const exact = hit.matchers.some(m => m.exact !== undefined
      && (m.caseSensitive === false ? m.exact.toLowerCase() === path.toLowerCase() : m.exact === path));
    if (prefix !== undefined) rewritten = o.prefixRewrite + path.slice(prefix.length);
    else if (exact) rewritten = o.prefixRewrite;
  }
  if (rewritten !== undefined) out.forwardedPath = query === '' ? rewritten : `${rewritten}?${query}`;
  if (typeof o.hostRewrite === 'string') {out.forwardedHost = o.hostRewrite;} else if (o.autoHostRewrite === true) {out.forwardedHost = '{upstream host}';} else if (typeof o.hostRewriteHeader === 'string') {
    const name = o.hostRewriteHeader.toLowerCase();
    const value = Object.entries(request.headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];
    if (value !== undefined) out.forwardedHost = value;
  }
  return out;
}

function startsWith(path: string, prefix: string, ignoreCase: boolean): boolean {
  return ignoreCase ? path.toLowerCase().startsWith(prefix.toLowerCase()) : path.startsWith(prefix);
}

/** A host and its `:port` (empty when it has none). */
function splitPort(host: string): [string, string] {
  const m = /^(.*?)(:\d+)?$/.exec(host)!;
  return [m[1], m[2] ?? ''];
}

function splitQuery(path: string): [string, string] {
  const i = path.indexOf('?');
  return i < 0 ? [path, ''] : [path.slice(0, i), path.slice(i + 1)];
}

function key(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

function mirrorOf(shadowing: ShadowingShape, ownerNs: string | undefined): SimulatedMirror {
  // a manifest without the names yields `undefined` names, as before: the simulator reports, it does not check
  const namespace = (shadowing.upstream?.namespace ?? ownerNs) as string;
  return { upstream: shadowing.upstream?.name, namespace, percent: shadowing.percentage ?? 0 };
}

function shares(weighted: WeightedDestinationShape[], ownerNs: string | undefined): SimulatedShare[] {
  const total = weighted.reduce((sum, w) => sum + (w.weight ?? 0), 0);
  return weighted.map(w => {
    const d: DestinationShape = w.destination ?? {};
    const weight = w.weight ?? 0;
    const kube = d.kube;
    const percent = total > 0 ? (weight / total) * 100 : 0;
    if (d.consul) {
      const c = d.consul;
      return {
        upstream: c.serviceName as string,
        namespace: '',
        kind: DestinationKind.CONSUL,
        weight,
        percent,
        ...(c.tags ? { tags: [...c.tags] } : {}),
        ...(c.dataCenters ? { dataCenters: [...c.dataCenters] } : {}),
      };
    }
    // a manifest without the names yields `undefined` names, as before: the simulator reports, it does not check
    return {
      upstream: (kube ? kube.ref?.name : d.upstream?.name) as string,
      namespace: (kube ? kube.ref?.namespace : (d.upstream?.namespace ?? ownerNs)) as string,
      kind: kube ? DestinationKind.KUBE : DestinationKind.UPSTREAM,
      functionName: d.destinationSpec?.rest?.functionName,
      ...(d.destinationSpec && d.destinationSpec.rest === undefined ? { functionSpec: sortedJson(d.destinationSpec) } : {}),
      weight,
      percent,
      ...(d.subset?.values ? { subset: d.subset.values } : {}),
    };
  });
}

/** The Gloo object a construct means: its `_glooModelJson()` (the library's resources), or a Gloo ApiObject's JSON. */
function glooModelOf(c: IConstruct): ManifestShape | undefined {
  const model = (c as { _glooModelJson?: unknown })._glooModelJson;
  if (typeof model === 'function') return model.call(c) as ManifestShape;
  if (ApiObject.isApiObject(c) && (c.apiVersion === 'gateway.solo.io/v1' || c.apiVersion === 'gloo.solo.io/v1')) return c.toJson();
  return undefined;
}

/** Throws for a request property the simulator would not read (a typo would simulate another request). */
function refuseUnknownKeys(request: unknown, iface: 'SimulatedRequest' | 'SimulatedHostRequest'): void {
  const unknown = unknownKeys(request, iface)[0];
  if (unknown) throw new Error(`request.${unknown.key}: got ${JSON.stringify(unknown.given)}, expected ${unknown.expected} (hint: ${unknown.hint})`);
}

/** `value` as JSON with the keys of every object sorted, so that equal values read alike. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map(k => [k, (v as { [k: string]: unknown })[k]])) : v));
}
