import type { HostRequest } from './request-classes';
import { HttpRouteSimulator } from '../gateway-api/http-route-simulator';
import { routingOutcomes, ServiceOutcome } from '../gateway-api/routing-comparison';
import { asArray, asString, isManifestOf, jsonAt } from '../private/json';
import type { ManifestShape } from '../simulate/gloo-manifest';
import { routingMeaning } from '../simulate/request-set';
import { RoutingSimulator, SimulatedShare, SimulationResult } from '../simulate/simulator';
import { selectVirtualService } from '../simulate/virtual-host-selection';

/** Where one side of a diff sends a request. */
export interface SideRouting {
  /** The object that took it: `VirtualService ns/name` or `HTTPRoute ns/name`; `undefined` when none did. */
  readonly object?: string;
  /** The Services and shares (the differential check's terms, the same on both targets). */
  readonly outcome: ServiceOutcome;
  /**
   * What else the target says of it, for a comparison with the same target: Gloo's Upstreams,
   * functions and rewrites, or the path, host and headers the Gateway forwards.
   */
  readonly detail: string;
  /** `detail` with the values of the headers it names masked as `***`, to show. */
  readonly maskedDetail: string;
}

/**
 * One side of a diff: its manifests routed as the proxy would, with the Gloo simulator for its
 * VirtualServices and the Gateway API simulator for its HTTPRoutes (per Gateway their parentRefs
 * name). A request an HTTPRoute takes is routed there; any other by the VirtualServices. The outcomes
 * are put in Services with the differential check's own words (`routingOutcomes`), so a Gloo side
 * and a Gateway API side compare.
 */
export class RoutingSide {
  /** `gloo`, `gateway api`, both (`gloo + gateway api`), or `none` when the manifests hold no routes. */
  public readonly target: string;
  private readonly gloo?: RoutingSimulator;
  private readonly virtualServices: ManifestShape[];
  private readonly gateways: HttpRouteSimulator[];
  private readonly outcomes: ReturnType<typeof routingOutcomes>;

  constructor(manifests: unknown[]) {
    this.virtualServices = manifests.filter(m => isManifestOf(m, 'gateway.solo.io', 'VirtualService')) as ManifestShape[];
    const hasVirtualServices = this.virtualServices.length > 0;
    const routes = manifests.filter(m => isManifestOf(m, 'gateway.networking.k8s.io', 'HTTPRoute'));
    this.gloo = hasVirtualServices ? new RoutingSimulator(manifests) : undefined;
    this.gateways = gatewaysOf(routes).map(g => HttpRouteSimulator.forGateway(g.name, manifests, { gatewayNamespace: g.namespace }));
    this.outcomes = routingOutcomes(manifests);
    this.target = [hasVirtualServices ? 'gloo' : undefined, this.gateways.length > 0 ? 'gateway api' : undefined].filter(x => x).join(' + ') || 'none';
  }

  /**
   * Routes the requests, in order. The requests of one host go to the same VirtualService, whose
   * routes are flattened once for all of them, as the differential check does.
   */
  public routeAll(requests: HostRequest[]): SideRouting[] {
    const out: SideRouting[] = new Array(requests.length);
    const byHost = new Map<string, number[]>();
    requests.forEach((r, i) => byHost.set(r.host, [...(byHost.get(r.host) ?? []), i]));
    const glooOutcomes = new Map<SimulatedShare[], ServiceOutcome>();
    for (const [host, indices] of byHost) {
      const forGloo: number[] = [];
      for (const i of indices) {
        const taken = this.gatewayRouting(requests[i]);
        if (taken) out[i] = taken;
        else forGloo.push(i);
      }
      const vs = this.gloo && forGloo.length > 0 ? selectVirtualService(this.virtualServices, host, false)?.vs : undefined;
      const results = vs ? this.gloo!._simulateEach(vs.metadata.name, forGloo.map(i => requests[i]), vs.metadata.namespace) : [];
      forGloo.forEach((i, k) => {
        const result: SimulationResult | undefined = results[k];
        out[i] = result?.matched
          ? this.glooRouting(vs!, result, glooOutcomes)
          : { outcome: this.outcomes.gatewayApi(undefined), detail: 'no route', maskedDetail: 'no route' };
      });
    }
    return out;
  }

  /** A Gloo result; its detail names Upstreams, functions and rewrites, no header values. */
  private glooRouting(vs: ManifestShape, result: SimulationResult, memo: Map<SimulatedShare[], ServiceOutcome>): SideRouting {
    const detail = routingMeaning(result);
    return { object: `VirtualService ${vs.metadata.namespace ?? ''}/${vs.metadata.name}`, outcome: this.glooOutcome(result, memo), detail, maskedDetail: detail };
  }

  /** The Services of a Gloo result, worked out once per route (the results of a route share their destinations). */
  private glooOutcome(result: SimulationResult, memo: Map<SimulatedShare[], ServiceOutcome>): ServiceOutcome {
    if (result.redirect || result.directResponse || result.unresolved) return this.outcomes.gloo(result);
    let o = memo.get(result.destinations);
    if (o === undefined) {
      o = this.outcomes.gloo(result);
      memo.set(result.destinations, o);
    }
    return o;
  }

  /** The routing of the first Gateway whose HTTPRoutes take the request, if one does. */
  private gatewayRouting(request: HostRequest): SideRouting | undefined {
    for (const gateway of this.gateways) {
      const decision = gateway.decide(request);
      if (decision === undefined) continue;
      const routing = gateway.route(request);
      const outcome = this.outcomes.gatewayApi(decision);
      const detail = `${outcome.words} path ${routing.path} host ${routing.host}`;
      const names = Object.keys(routing.headers);
      const headers = names.length > 0 ? ` headers ${JSON.stringify(routing.headers)}` : '';
      const masked = names.length > 0 ? ` headers ${JSON.stringify(Object.fromEntries(names.map(n => [n, '***'])))}` : '';
      return { object: `HTTPRoute ${decision.attachedRoute}`, outcome, detail: `${detail}${headers}`, maskedDetail: `${detail}${masked}` };
    }
    return undefined;
  }
}

/** The Gateways the HTTPRoutes attach to (their parentRefs of kind Gateway), sorted. */
function gatewaysOf(routes: unknown[]): Array<{ name: string; namespace: string }> {
  const found = new Map<string, { name: string; namespace: string }>();
  for (const r of routes) {
    const own = asString(jsonAt(r, 'metadata', 'namespace')) ?? 'default';
    for (const p of asArray(jsonAt(r, 'spec', 'parentRefs'))) {
      if ((asString(jsonAt(p, 'kind')) ?? 'Gateway') !== 'Gateway') continue;
      const name = asString(jsonAt(p, 'name'));
      if (name === undefined) continue;
      const namespace = asString(jsonAt(p, 'namespace')) ?? own;
      found.set(`${namespace}/${name}`, { name, namespace });
    }
  }
  return [...found.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, g]) => g);
}
