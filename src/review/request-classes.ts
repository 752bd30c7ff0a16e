import { hostAccepted } from '../gateway-api/http-route-matching';
import { asArray, asString, isManifestOf, jsonAt } from '../private/json';
import type { ConditionShape, MatcherShape } from '../simulate/gloo-manifest';
import { deriveRequests } from '../simulate/request-set';
import type { SimulatedRequest } from '../simulate/simulator';

/** A request to one host: what `diff` routes on both sides. */
export interface HostRequest extends SimulatedRequest {
  readonly host: string;
}

/**
 * The hosts the manifests serve, each with the routes (in Gloo's matcher shape) whose matchers the
 * requests to it are derived from: a VirtualService's domains with its routes, an HTTPRoute's
 * hostnames with its rules' matches. RouteTables and delegated child HTTPRoutes (no hostnames of
 * their own) add their routes to every host. Several calls add up, so that both sides of a diff
 * ask the same requests.
 */
export class HostRoutes {
  private readonly byHost = new Map<string, unknown[]>();
  private readonly everywhere: unknown[] = [];

  /** Adds the hosts and routes of one side's manifests. */
  public add(manifests: unknown[]): this {
    for (const m of manifests) {
      if (isManifestOf(m, 'gateway.solo.io', 'VirtualService')) {
        const domains = asArray(jsonAt(m, 'spec', 'virtualHost', 'domains')).map(d => asString(d)).filter((d): d is string => d !== undefined);
        const routes = asArray(jsonAt(m, 'spec', 'virtualHost', 'routes'));
        for (const domain of domains.length > 0 ? domains : ['*']) this.addRoutes(hostOfDomain(domain), routes);
      } else if (isManifestOf(m, 'gateway.solo.io', 'RouteTable')) {
        this.everywhere.push(...asArray(jsonAt(m, 'spec', 'routes')));
      } else if (isManifestOf(m, 'gateway.networking.k8s.io', 'HTTPRoute')) {
        const routes = asArray(jsonAt(m, 'spec', 'rules')).map(rule => ({ matchers: asArray(jsonAt(rule, 'matches')).map(matcherOf) }));
        const parents = asArray(jsonAt(m, 'spec', 'parentRefs'));
        if (parents.length > 0 && parents.every(p => jsonAt(p, 'kind') === 'HTTPRoute')) {
          this.everywhere.push(...routes);
          continue;
        }
        const hostnames = asArray(jsonAt(m, 'spec', 'hostnames')).map(h => asString(h)).filter((h): h is string => h !== undefined);
        for (const hostname of hostnames.length > 0 ? hostnames : [undefined]) this.addRoutes(hostAccepted(hostname), routes);
      }
    }
    return this;
  }

  /** The requests of every host, hosts in order: those `deriveRequests` gives for the host's routes. */
  public requests(): HostRequest[] {
    const out: HostRequest[] = [];
    for (const host of [...this.byHost.keys()].sort()) {
      for (const r of deriveRequests([...this.byHost.get(host)!, ...this.everywhere])) out.push({ host, ...r });
    }
    return out;
  }

  private addRoutes(host: string, routes: unknown[]): void {
    const list = this.byHost.get(host) ?? [];
    list.push(...routes);
    this.byHost.set(host, list);
  }
}

/**
 * A host a Gloo domain serves, as the Gateway API target's hostname for it would be asked:
 * `*` (every host) as `example.com`, like an HTTPRoute without hostnames; `*.example.com` as
 * `a.example.com`; `example.*` as `example.com`.
 */
function hostOfDomain(domain: string): string {
  if (domain === '*') return hostAccepted(undefined);
  if (domain.endsWith('*')) return `${domain.slice(0, -1)}com`;
  return hostAccepted(domain.toLowerCase());
}

/** An HTTPRoute match in Gloo's matcher shape, for `deriveRequests`. */
function matcherOf(match: unknown): MatcherShape {
  const type = asString(jsonAt(match, 'path', 'type')) ?? 'PathPrefix';
  const value = asString(jsonAt(match, 'path', 'value')) ?? '/';
  const condition = (c: unknown): ConditionShape => ({
    name: asString(jsonAt(c, 'name')) ?? '',
    value: asString(jsonAt(c, 'value')),
    regex: jsonAt(c, 'type') === 'RegularExpression',
  });
  const method = asString(jsonAt(match, 'method'));
  return {
    ...(type === 'Exact' ? { exact: value } : type === 'RegularExpression' ? { regex: value } : { prefix: value }),
    headers: asArray(jsonAt(match, 'headers')).map(condition),
    queryParameters: asArray(jsonAt(match, 'queryParams')).map(condition),
    ...(method !== undefined ? { methods: [method] } : {}),
  };
}
