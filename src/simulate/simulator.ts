import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { IVirtualService } from '../gloo/virtual-service';
import { re2FullMatch } from '../validation/path-rules';

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

/** One destination a matched request is split across, and its share. */
export interface SimulatedShare {
  /** The upstream name, or the Service name for a kube destination. */
  readonly upstream: string;
  /** The upstream's namespace (the Service's, for a kube destination). */
  readonly namespace: string;
  /** `upstream` or `kube`. */
  readonly kind: string;
  /** The REST function called, if any. */
  readonly functionName?: string;
  /** The declared weight (1 for a single destination). */
  readonly weight: number;
  /** The share of the matched traffic, in percent (weight / total weight × 100). */
  readonly percent: number;
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
}

/**
 * Simulates Gloo's routing over synthesized manifests, without a cluster.
 *
 * It follows Gloo's semantics: routes are tried in order and the first match wins; the matchers of
 * a route are ORed and the conditions inside one matcher ANDed; paths match by prefix, exactly or
 * by an RE2 regex over the whole path, never including the query string; `caseSensitive: false`
 * ignores case; headers match exactly, by RE2 regex, by presence, or inverted (a missing header
 * only satisfies an inverted presence match, as in Envoy); query parameters and methods likewise;
 * delegating routes descend into their RouteTable, and when none of its routes matches, the next
 * route is tried. Weighted destinations and UpstreamGroups share traffic by weight / total.
 */
export class RoutingSimulator {
  /** A simulator over every Gloo object of the app that `scope` belongs to. */
  public static fromApp(scope: IConstruct): RoutingSimulator {
    const manifests: any[] = [];
    for (const c of scope.node.root.node.findAll()) {
      if (ApiObject.isApiObject(c) && (c.apiVersion === 'gateway.solo.io/v1' || c.apiVersion === 'gloo.solo.io/v1')) {
        manifests.push(c.toJson());
      }
    }
    return new RoutingSimulator(manifests);
  }

  private readonly objects = new Map<string, any>();

  /** @param manifests synthesized manifests; only Gloo objects are used */
  constructor(manifests: any[]) {
    for (const m of manifests) {
      if (m?.kind && m?.metadata?.name) this.objects.set(key(m.kind, m.metadata.namespace, m.metadata.name), m);
    }
  }

  /** Simulates a request against the VirtualService of the given name (and namespace). */
  public simulate(virtualServiceName: string, request: SimulatedRequest, namespace?: string): SimulationResult {
    const vs = this.objects.get(key('VirtualService', namespace, virtualServiceName))
      ?? [...this.objects.values()].find(o => o.kind === 'VirtualService' && o.metadata.name === virtualServiceName && namespace === undefined);
    if (!vs) throw new Error(`no VirtualService ${namespace ? `${namespace}/` : ''}${virtualServiceName} among the manifests`);
    const req = normalize(request);
    const routes: any[] = vs.spec?.virtualHost?.routes ?? [];
    for (let i = 0; i < routes.length; i++) {
      const hit = this.matchRoute(routes[i], req, vs.metadata.namespace, new Set());
      if (hit) {
        return {
          matched: true,
          routeIndex: i,
          routeName: hit.route.name ?? undefined,
          routeTable: hit.table,
          routeTableRouteIndex: hit.tableIndex,
          destinations: hit.destinations,
          unresolved: hit.unresolved,
          ...(hit.route.options?.shadowing ? { mirror: mirrorOf(hit.route.options.shadowing, vs.metadata.namespace) } : {}),
        };
      }
    }
    return { matched: false, destinations: [] };
  }

  private matchRoute(route: any, req: Req, ownerNs: string | undefined, visiting: Set<string>): Hit | undefined {
    const matchers: any[] = route.matchers && route.matchers.length > 0 ? route.matchers : [{ prefix: '/' }];
    if (!matchers.some(m => matcherMatches(m, req))) return undefined;
    if (route.delegateAction) {
      const ref = route.delegateAction.ref ?? { name: route.delegateAction.name, namespace: route.delegateAction.namespace };
      const tableKey = key('RouteTable', ref.namespace ?? ownerNs, ref.name);
      const table = this.objects.get(tableKey);
      if (!table) return { route, destinations: [], unresolved: `RouteTable ${ref.namespace ?? ownerNs}/${ref.name}` };
      if (visiting.has(tableKey)) return undefined;
      visiting.add(tableKey);
      const childRoutes: any[] = table.spec?.routes ?? [];
      for (let j = 0; j < childRoutes.length; j++) {
        const hit = this.matchRoute(childRoutes[j], req, table.metadata.namespace, visiting);
        if (hit) return hit.table ? hit : { ...hit, table: `${table.metadata.namespace ?? ''}/${table.metadata.name}`, tableIndex: j };
      }
      visiting.delete(tableKey);
      return undefined;
    }
    return { route, ...this.destinationsOf(route.routeAction, ownerNs) };
  }

  private destinationsOf(action: any, ownerNs: string | undefined): { destinations: SimulatedShare[]; unresolved?: string } {
    if (!action) return { destinations: [] };
    if (action.single) return { destinations: shares([{ destination: action.single, weight: 1 }], ownerNs) };
    if (action.multi) return { destinations: shares(action.multi.destinations ?? [], ownerNs) };
    if (action.upstreamGroup) {
      const ns = action.upstreamGroup.namespace ?? ownerNs;
      const group = this.objects.get(key('UpstreamGroup', ns, action.upstreamGroup.name));
      if (!group) return { destinations: [], unresolved: `UpstreamGroup ${ns}/${action.upstreamGroup.name}` };
      return { destinations: shares(group.spec?.destinations ?? [], group.metadata.namespace) };
    }
    return { destinations: [] };
  }
}

/** Simulates a request against a VirtualService of an app; see `RoutingSimulator`. */
export function simulate(virtualService: IVirtualService, request: SimulatedRequest): SimulationResult {
  return RoutingSimulator.fromApp(virtualService).simulate(virtualService.name, request, virtualService.namespace);
}

/**
 * The shares of a simulation by upstream name, in percent, e.g. `{ 'default-petstore-v1-8080': 90,
 * 'default-petstore-v2-8080': 10 }`. Shares of the same upstream are added up. Empty when nothing matched.
 */
export function sharesByUpstream(result: SimulationResult): { [upstream: string]: number } {
  const out: { [upstream: string]: number } = {};
  for (const d of result.destinations) out[d.upstream] = (out[d.upstream] ?? 0) + d.percent;
  return out;
}

interface Req {
  readonly path: string;
  readonly method: string;
  readonly headers: Map<string, string>;
  readonly query: URLSearchParams;
}

interface Hit {
  readonly route: any;
  readonly destinations: SimulatedShare[];
  readonly unresolved?: string;
  readonly table?: string;
  readonly tableIndex?: number;
}

function key(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

function normalize(request: SimulatedRequest): Req {
  const [path, query = ''] = request.path.split('?', 2);
  const headers = new Map<string, string>();
  for (const [k, v] of Object.entries(request.headers ?? {})) headers.set(k.toLowerCase(), v);
  return { path, method: request.method ?? 'GET', headers, query: new URLSearchParams(query) };
}

function matcherMatches(m: any, req: Req): boolean {
  const header = (name: string) => req.headers.get(name.toLowerCase());
  const query = (name: string) => (req.query.has(name) ? req.query.get(name)! : undefined);
  return pathMatches(m, req.path)
    && (m.headers ?? []).every((h: any) => conditionHolds(h, header(h.name)))
    && (m.queryParameters ?? []).every((q: any) => conditionHolds({ ...q, invertMatch: false }, query(q.name)))
    && (!m.methods || m.methods.length === 0 || m.methods.includes(req.method));
}

function pathMatches(m: any, path: string): boolean {
  const sensitive = m.caseSensitive ?? true;
  const norm = (s: string) => (sensitive ? s : s.toLowerCase());
  if (m.prefix !== undefined && m.prefix !== null) return norm(path).startsWith(norm(m.prefix));
  if (m.exact !== undefined && m.exact !== null) return norm(path) === norm(m.exact);
  if (m.regex !== undefined && m.regex !== null) return re2FullMatch(m.regex, path, !sensitive);
  return false;
}

/** One header or query condition against the request's value (`undefined` when absent). */
function conditionHolds(c: any, value: string | undefined): boolean {
  const presence = c.value === undefined || c.value === null || c.value === '';
  if (value === undefined) return presence && c.invertMatch === true;
  let result: boolean;
  if (presence) result = true;
  else if (c.regex) result = re2FullMatch(c.value, value);
  else result = value === c.value;
  return c.invertMatch ? !result : result;
}

function mirrorOf(shadowing: any, ownerNs: string | undefined): SimulatedMirror {
  return { upstream: shadowing.upstream?.name, namespace: shadowing.upstream?.namespace ?? ownerNs, percent: shadowing.percentage ?? 0 };
}

function shares(weighted: any[], ownerNs: string | undefined): SimulatedShare[] {
  const total = weighted.reduce((sum, w) => sum + (w.weight ?? 0), 0);
  return weighted.map(w => {
    const d = w.destination ?? {};
    const weight = w.weight ?? 0;
    const kube = d.kube;
    return {
      upstream: kube ? kube.ref?.name : d.upstream?.name,
      namespace: kube ? kube.ref?.namespace : (d.upstream?.namespace ?? ownerNs),
      kind: kube ? 'kube' : 'upstream',
      functionName: d.destinationSpec?.rest?.functionName,
      weight,
      percent: total > 0 ? (weight / total) * 100 : 0,
    };
  });
}
