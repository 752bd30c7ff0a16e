import { FunctionCall, functionCall, functionHint, isRefusal } from './function-rewrite';
import { headerModifiers } from './header-modifiers';
import { GATEWAY_API_GROUP } from './http-route-model';
import type { HttpBackendRef } from './http-route-types';
import { unmovedHint } from './unmoved-fields';
import { ImportedResource } from '../gloo/imported-resource';
import { routeOutputOf } from '../gloo/route-output';
import { RouteTable } from '../gloo/route-table';
import { StaticUpstream } from '../gloo/static-upstream';
import { Upstream } from '../gloo/upstream';
import { UpstreamGroup } from '../gloo/upstream-group';
import { Destination } from '../model/destination';
import { IUpstream, IUpstreamGroup } from '../model/references';
import { DirectResponse, Redirect, RouteAction, RouteActionType, WeightedDestination } from '../model/route-action';

/** The Gateway API group, of the child HTTPRoutes a delegating rule names. */

/** kgateway's API group, of the Backends that stand for static Upstreams. */
export const KGATEWAY_GROUP = 'gateway.kgateway.dev';

/** The largest `backendRefs[].weight` (HTTPRoute CRD `maximum`). */
export const MAX_GATEWAY_WEIGHT = 1_000_000;

/** A problem of a route's action, relative to the route (`routeAction.single.upstream`, ...). */
export interface ActionProblem {
  readonly field: string;
  readonly given: unknown;
  readonly expected: string;
  readonly hint?: string;
}

/** A route's action in Gateway API terms: the backendRefs, and the function call all of them make (if any). */
export interface RenderedAction {
  readonly backendRefs: HttpBackendRef[];
  /** The function the destinations call; `undefined` when they forward the request as it is. */
  readonly call?: FunctionCall;
  /** The redirect that answers the request instead of a backend (a `RequestRedirect` filter). */
  readonly redirect?: Redirect;
  /** The response that answers the request instead of a backend (a kgateway `DirectResponse`, named by an `ExtensionRef` filter). */
  readonly directResponse?: DirectResponse;
  /** The RouteTable whose HTTPRoute the rule delegates to (kgateway route delegation). */
  readonly delegateTo?: RouteTable;
}

/**
 * The backendRefs of an action: one per destination, a Kubernetes Service reference (the Service
 * behind the Upstream, or the `kube` Service itself), with weights for a weighted forward or an
 * UpstreamGroup. Every destination must call the same function, or none.
 */
export function renderAction(
  action: RouteAction, routeNamespace: string, prefix: string | undefined, delegation: boolean,
): RenderedAction | ActionProblem {
  switch (action.type) {
    case RouteActionType.FORWARD:
      return renderDestinations([{ destination: action.destination!, weight: 1 }], 'routeAction.single', routeNamespace, prefix, false);
    case RouteActionType.WEIGHTED_FORWARD:
      return renderDestinations(action.destinations!, 'routeAction.multi.destinations', routeNamespace, prefix, true);
    case RouteActionType.UPSTREAM_GROUP: {
      const ref = action.targetGroup!;
      const group = knownGroup(ref);
      if (!group) {
        return { field: 'routeAction.upstreamGroup', given: `${ref.namespace}/${ref.name}`, expected: 'an UpstreamGroup defined in this app, whose destinations are known' };
      }
      const rendered = renderDestinations(group.destinations, 'routeAction.upstreamGroup', routeNamespace, prefix, true);
      return 'field' in rendered ? { ...rendered, field: rendered.field.replace('routeAction.upstreamGroup', `routeAction.upstreamGroup(${group.node.path}).destinations`) } : rendered;
    }
    case RouteActionType.DIRECT_RESPONSE: {
      const r = action.response!;
      if (r.body !== undefined && r.body.length > 4096) {
        return { field: 'directResponseAction.body', given: `${r.body.length} characters`, expected: 'a body of at most 4096 characters (kgateway\'s DirectResponse)' };
      }
      return { backendRefs: [], directResponse: r };
    }
    case RouteActionType.REDIRECT:
      return { backendRefs: [], redirect: action.redirectTo };
    case RouteActionType.CLUSTER_HEADER:
      return { field: 'routeAction.clusterHeader', given: action.clusterHeaderName, expected: 'a forward, weighted forward or UpstreamGroup action', hint: 'gateway api routes to Services, not to a cluster a header names' };
    case RouteActionType.DYNAMIC_FORWARD_PROXY:
      return {
        field: 'routeAction.dynamicForwardProxy',
        given: action.forwardProxy,
        expected: 'a forward, weighted forward or UpstreamGroup action',
        hint: unmovedHint('route', 'dynamicForwardProxy'),
      };
    default: {
      const table = action.routeTable;
      const given = table ? `${table.namespace ?? ''}/${table.name}` : undefined;
      if (!delegation) {
        return { field: 'delegateAction', given, expected: 'no delegation from a RouteTable (nested delegation is not rendered yet)', hint: 'move the nested table\'s routes into this table' };
      }
      if (!RouteTable.isRouteTable(table)) {
        return {
          field: 'delegateAction.ref',
          given,
          expected: 'a RouteTable defined in this app, whose routes the target renders as the child HTTPRoute',
          hint: 'without its routes the delegation cannot be proven; adopt the RouteTable with the VirtualService (cdk8s-gloo-canary adopt reads several files), or build it with new RouteTable(...)',
        };
      }
      const namespace = table.namespace!;
      return {
        backendRefs: [{ group: GATEWAY_API_GROUP, kind: 'HTTPRoute', name: table.name, ...(namespace !== routeNamespace ? { namespace } : {}) }],
        delegateTo: table,
      };
    }
  }
}

function renderDestinations(
  weighted: WeightedDestination[], field: string, routeNamespace: string, prefix: string | undefined, withWeights: boolean,
): RenderedAction | ActionProblem {
  const weights = scaleWeights(weighted.map(w => w.weight));
  const refs: HttpBackendRef[] = [];
  let call: FunctionCall | undefined;
  for (let i = 0; i < weighted.length; i++) {
    const at = withWeights ? `${field}[${i}].destination` : field;
    const d = weighted[i].destination;
    const options = (weighted[i].options ?? {}) as { [field: string]: unknown };
    const other = Object.keys(options).sort().find(k => k !== 'headerManipulation' && options[k] !== undefined);
    if (other !== undefined) {
      return {
        field: `${field}[${i}].options.${other}`,
        given: options[other],
        expected: 'no per-destination options other than headerManipulation under the gateway api target',
        hint: unmovedHint('destination option', other),
      };
    }
    // a share's own header changes: the backendRef's header modifier filters, as Gloo's weighted cluster carries them
    const headers = headerModifiers(weighted[i].options?.headerManipulation, undefined);
    if ('field' in headers) return { ...headers, field: `${field}[${i}].${headers.field}` };
    const filters = [
      ...(headers.request ? [{ type: 'RequestHeaderModifier' as const, requestHeaderModifier: headers.request }] : []),
      ...(headers.response ? [{ type: 'ResponseHeaderModifier' as const, responseHeaderModifier: headers.response }] : []),
    ];
    const service = serviceOf(d);
    if ('expected' in service) return { ...service, field: `${at}.${service.field}` };
    const backend = StaticUpstream.isStaticUpstream(d.targetUpstream) ? d.targetUpstream : undefined;
    if (d.destinationSpec !== undefined) {
      return {
        field: `${at}.destinationSpec`,
        given: d.destinationSpec,
        expected: 'a destination without a function other than a REST function under the gateway api target',
        hint: unmovedHint('route', 'destinationSpec'),
      };
    }
    if (d.functionName !== undefined) {
      const c = functionCall(d, prefix);
      if (isRefusal(c)) return { ...c, field: c.field.startsWith('functions.') ? `${at}.upstream.${c.field}` : `${at}.${c.field}`, hint: functionHint(d) };
      if (i > 0 && JSON.stringify(c) !== JSON.stringify(call)) {
        return { field: `${at}.destinationSpec`, given: d.functionName, expected: 'the same function call on every destination of the route (one rewrite per rule)' };
      }
      call = c;
    } else if (i > 0 && call !== undefined) {
      return { field: `${at}.destinationSpec`, given: undefined, expected: 'the same function call on every destination of the route (one rewrite per rule)' };
    }
    if (backend && service.namespace !== routeNamespace) {
      return {
        field: `${at}.upstream`,
        given: `${backend.namespace}/${backend.name}`,
        expected: `a static Upstream whose kgateway Backend is in the HTTPRoute's namespace ${routeNamespace} (it is in ${service.namespace})`,
        hint: 'set httpRouteNamespace, which places the Backends with the HTTPRoutes, or put the StaticUpstream in the VirtualService\'s namespace',
      };
    }
    refs.push({
      ...(backend ? { group: KGATEWAY_GROUP, kind: 'Backend' } : {}),
      name: service.name,
      ...(service.namespace !== routeNamespace ? { namespace: service.namespace } : {}),
      // a Backend takes no port (kgateway refuses one)
      ...(backend ? {} : { port: service.port }),
      ...(withWeights ? { weight: weights[i] } : {}),
      ...(filters.length > 0 ? { filters } : {}),
    });
  }
  return { backendRefs: refs, call };
}

/** The namespace of the kgateway Backend written for a static Upstream: the HTTPRoutes' when the target fixes it, else the Upstream's. */
export function backendNamespaceOf(upstream: StaticUpstream): string {
  return routeOutputOf(upstream)?.namespaceOf(upstream.namespace) ?? upstream.namespace;
}

/** The UpstreamGroup of this app behind a reference; `undefined` for an imported one, whose destinations are unknown. */
export function knownGroup(ref: IUpstreamGroup | undefined): UpstreamGroup | undefined {
  return UpstreamGroup.isUpstreamGroup(ref) ? ref : undefined;
}

/** The Kubernetes Service a destination sends to. */
export function serviceOf(d: Destination): { name: string; namespace: string; port: number } | ActionProblem {
  if (d.kube) return { name: d.kube.serviceName, namespace: d.kube.serviceNamespace, port: d.kube.port };
  if (d.consul) {
    return { field: 'consul', given: d.consul, expected: 'an Upstream or a Kubernetes Service', hint: unmovedHint('route', 'consul') };
  }
  return upstreamService(d.targetUpstream!);
}

/**
 * The Service behind an Upstream of this app; for a static Upstream, the kgateway Backend the
 * target writes for it (its name, in the namespace of the HTTPRoutes, port 0: a Backend takes none).
 * An imported Upstream has none that is known.
 */
export function upstreamService(upstream: IUpstream): { name: string; namespace: string; port: number } | ActionProblem {
  if (Upstream.isUpstream(upstream)) return { name: upstream.serviceName, namespace: upstream.serviceNamespace, port: upstream.servicePort };
  if (StaticUpstream.isStaticUpstream(upstream)) return { name: upstream.name, namespace: backendNamespaceOf(upstream), port: 0 };
  const service = ImportedResource.isImportedResource(upstream) ? upstream.kubeService : undefined;
  if (service) return { name: service.serviceName, namespace: service.serviceNamespace, port: service.port };
  return {
    field: 'upstream',
    given: `${upstream.namespace}/${upstream.name}`,
    expected: 'an Upstream whose Kubernetes Service is known (an imported Upstream has none unless the app says it)',
    hint: 'say which Service it stands for: Upstream.fromUpstreamName(scope, id, name, { service: { serviceName, serviceNamespace, port } }), '
      + 'or Upstream.fromDiscoveredService(scope, id, { serviceName, serviceNamespace, port }) for one Gloo\'s discovery made; or define it with new Upstream(...)',
  };
}

/**
 * Gloo weights (uint32 ratios) as Gateway API weights (0..1,000,000): kept as they are when they
 * fit; otherwise divided by their greatest common divisor and, if the largest is still above the
 * maximum, scaled down in proportion and rounded, a weight above 0 staying at least 1. The shares
 * then differ from Gloo's by less than a millionth of the total; the differential check compares
 * shares to a thousandth of a percent.
 */
export function scaleWeights(weights: number[]): number[] {
  if (Math.max(0, ...weights) <= MAX_GATEWAY_WEIGHT) return [...weights];
  const divisor = weights.reduce((g, w) => gcd(g, w), 0) || 1;
  const reduced = weights.map(w => w / divisor);
  const max = Math.max(0, ...reduced);
  if (max <= MAX_GATEWAY_WEIGHT) return reduced;
  return reduced.map(w => (w === 0 ? 0 : Math.max(1, Math.round((w * MAX_GATEWAY_WEIGHT) / max))));
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
