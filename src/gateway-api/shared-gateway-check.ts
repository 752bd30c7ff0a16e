import { HttpRouteSimulator } from './http-route-simulator';
import { routingMeanings } from './routing-comparison';
import { RouteOutputSource } from '../gloo/route-output';
import { Problem } from '../private/errors';
import { deriveRequests, describeRequest } from '../simulate/request-set';
import { RoutingSimulator } from '../simulate/simulator';

/** A VirtualService under the target, with what it synthesized as. */
export interface SharedGatewaySource {
  readonly source: RouteOutputSource;
  /** The Gloo VirtualService its routes mean. */
  readonly glooModel: unknown;
  /** Its HTTPRoute manifest. */
  readonly httpRoute: {
    readonly apiVersion: string;
    readonly kind: string;
    readonly metadata: { readonly name: string; readonly namespace: string };
    readonly spec: unknown;
  };
}

/**
 * The check across the VirtualServices of one Gateway. Gloo gives a request to the one
 * VirtualService whose domains match its host best, and only that one's routes are tried; Gateway
 * API merges the rules of every HTTPRoute whose hostnames accept the host, so a request a
 * VirtualService does not route can be taken by another's HTTPRoute (a `*` one, or one with a
 * wildcard hostname). The per-VirtualService check cannot see this.
 *
 * It runs only over VirtualServices whose domains overlap (`*`, or a wildcard that covers another's
 * domain): for a host of each domain, and every request derived from all their routes, a request
 * the Gateway gives to an HTTPRoute other than the one of the VirtualService Gloo chose must route
 * alike. Each such request is a problem on the VirtualService whose HTTPRoute took it.
 */
export function sharedGatewayProblems(
  candidates: RouteOutputSource[],
  render: (sources: RouteOutputSource[]) => SharedGatewaySource[],
  companions: () => { gloo: unknown[]; gatewayApi: unknown[] },
  gatewayName: string,
  gatewayNamespace: string | undefined,
): Map<RouteOutputSource, Problem[]> {
  const out = new Map<RouteOutputSource, Problem[]>();
  const overlapping = render(overlappingSources(candidates));
  if (overlapping.length < 2) return out;
  // the Upstreams, groups and RouteTables of the app; the delegation children and DirectResponses of the HTTPRoutes
  const { gloo: glooObjects, gatewayApi: gatewayObjects } = companions();
  const manifests = [...overlapping.map(s => s.glooModel), ...glooObjects];
  const gloo = new RoutingSimulator(manifests);
  const gateway = HttpRouteSimulator.forGateway(gatewayName, [...overlapping.map(s => s.httpRoute), ...gatewayObjects], { gatewayNamespace });
  const meanings = routingMeanings(manifests);
  const byRoute = new Map(overlapping.map(s => [`${s.httpRoute.metadata.namespace}/${s.httpRoute.metadata.name}`, s]));
  const bySource = new Map(overlapping.map(s => [`${s.source.namespace}/${s.source.name}`, s]));
  const requests = deriveRequests([...overlapping.flatMap(s => routesOf(s.glooModel)), ...glooObjects.flatMap(tableRoutesOf)]);
  const hosts = hostsOf(overlapping, gloo);
  const reported = new Set<string>();
  for (const host of hosts) {
    for (const request of requests) {
      const a = gateway.decide({ ...request, host });
      if (!a) continue;
      const g = gloo.route({ ...request, host });
      const chosen = g.virtualServiceName === undefined ? undefined : bySource.get(`${g.virtualServiceNamespace}/${g.virtualServiceName}`);
      const taker = byRoute.get(a.attachedRoute);
      if (!taker || taker === chosen) continue;
      const glooMeaning = meanings.gloo(g);
      const gatewayMeaning = meanings.gatewayApi(a);
      if (glooMeaning === gatewayMeaning) continue;
      const key = `${taker.source.node.path}\n${request.path}\n${host}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const list = out.get(taker.source) ?? [];
      list.push({
        path: taker.source.node.path,
        field: 'domains',
        given: `${describeRequest(request)} to host ${host}`,
        expected: `only requests its own VirtualService takes in gloo (gloo: ${chosen ? `${chosen.source.node.path} gives ${glooMeaning}` : 'no VirtualService serves the host, 404'}; `
          + `gateway api: HTTPRoute ${a.route} rules[${a.ruleIndex}] gives ${gatewayMeaning})`,
        hint: 'gateway api merges the HTTPRoutes whose hostnames accept a host, where gloo tries one VirtualService; give the VirtualServices domains that do not overlap, or put their routes in one',
      });
      out.set(taker.source, list);
    }
  }
  return out;
}

/** The routes of a Gloo RouteTable manifest (none for other kinds). */
function tableRoutesOf(m: unknown): unknown[] {
  const t = m as { kind?: string; spec?: { routes?: unknown[] } };
  return t?.kind === 'RouteTable' && Array.isArray(t.spec?.routes) ? t.spec!.routes : [];
}

/** The routes of a Gloo VirtualService manifest. */
function routesOf(vs: unknown): unknown[] {
  const routes = (vs as { spec?: { virtualHost?: { routes?: unknown[] } } })?.spec?.virtualHost?.routes;
  return Array.isArray(routes) ? routes : [];
}

/**
 * For each domain of each VirtualService, a host on which Gloo chooses that VirtualService: the
 * domain itself, or for a wildcard the first of a few hosts it covers that no more specific domain
 * takes (`*.example.com` is tried with `a.example.com`, `b.example.com`, ... when another
 * VirtualService serves `a.example.com`). Sorted.
 */
function hostsOf(sources: SharedGatewaySource[], gloo: RoutingSimulator): string[] {
  const hosts = new Set<string>();
  for (const s of sources) {
    for (const domain of s.source.domains) {
      const chosen = candidateHosts(domain.toLowerCase()).find(host => {
        const g = gloo.route({ host, path: '/' });
        return g.virtualServiceName === s.source.name && g.virtualServiceNamespace === s.source.namespace;
      });
      if (chosen) hosts.add(chosen);
    }
  }
  return [...hosts].sort();
}

/** Hosts a domain serves, to try in order. */
function candidateHosts(domain: string): string[] {
  const labels = ['a', 'b', 'c', 'x', 'any-host-0'];
  if (domain === '*') return labels.map(l => `${l}.invalid`);
  if (domain.startsWith('*.')) return labels.map(l => `${l}${domain.slice(1)}`);
  return [domain];
}

/**
 * The VirtualServices whose domains overlap another's. Gloo refuses equal domains on one gateway,
 * so only `*` and `*.suffix` domains can overlap; without them there is nothing to compare.
 */
function overlappingSources(sources: RouteOutputSource[]): RouteOutputSource[] {
  const isWild = (s: RouteOutputSource) => s.domains.some(d => d.startsWith('*'));
  const wild = sources.filter(isWild);
  if (wild.length === 0) return [];
  return sources.filter(s => (isWild(s) ? sources : wild).some(o => o !== s && domainsOverlap(s.domains, o.domains)));
}

/** Whether two VirtualServices' domains could both serve one host. */
function domainsOverlap(a: string[], b: string[]): boolean {
  return a.some(x => b.some(y => domainOverlap(x.toLowerCase(), y.toLowerCase())));
}

function domainOverlap(x: string, y: string): boolean {
  if (x === '*' || y === '*' || x === y) return true;
  const covers = (wild: string, other: string) => wild.startsWith('*.') && (other.endsWith(wild.slice(1)) || other === wild);
  return covers(x, y) || covers(y, x);
}
