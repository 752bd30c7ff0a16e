import { ApiObject } from 'cdk8s';
import { knownGroup, serviceOf, upstreamService } from './backend-render';
import { Route } from '../gloo/route';
import { RouteOutputSource } from '../gloo/route-output';
import { RouteActionType } from '../model/route-action';
import { GatewayHttpRoute, GatewayReferenceGrant } from '../private/gvk';

/**
 * Adds, under the HTTPRoute that `source` synthesizes as, a ReferenceGrant in each namespace whose
 * Services the route sends or mirrors to when that is not the HTTPRoute's own namespace: Gateway
 * API ignores a cross-namespace `backendRef` without one.
 *
 * The grant lets HTTPRoutes of the route's namespace reach every Service of the target namespace,
 * not only those of the current stage, so advancing a release never changes it. Its id is
 * `ReferenceGrant-<namespace>` and its name `<route namespace>-<route name>`.
 */
export function addReferenceGrants(source: RouteOutputSource, route: Route): void {
  const from = source.namespace ?? 'default';
  for (const namespace of backendNamespaces(route)) {
    const id = `ReferenceGrant-${namespace}`;
    if (namespace === from || source.node.tryFindChild(id)) continue;
    new ApiObject(source, id, {
      ...GatewayReferenceGrant.GVK,
      metadata: { name: `${from}-${source.name}`, namespace },
      spec: {
        from: [{ group: GatewayHttpRoute.GVK.apiVersion.split('/')[0], kind: GatewayHttpRoute.GVK.kind, namespace: from }],
        to: [{ group: '', kind: 'Service' }],
      },
    });
  }
}

/** The namespaces of the Services a route's destinations, UpstreamGroup and mirror are behind, sorted. */
function backendNamespaces(route: Route): string[] {
  const action = route.action;
  const destinations = [
    ...(action.destination ? [action.destination] : []),
    ...(action.destinations ?? []).map(d => d.destination),
    ...(action.type === RouteActionType.UPSTREAM_GROUP ? knownGroup(action.targetGroup)?.destinations ?? [] : []).map(d => d.destination),
  ];
  const namespaces = new Set<string>();
  for (const d of destinations) {
    const service = serviceOf(d);
    if ('namespace' in service) namespaces.add(service.namespace);
  }
  const mirror = route._props.mirror ? upstreamService(route._props.mirror.upstream) : undefined;
  if (mirror && 'namespace' in mirror) namespaces.add(mirror.namespace);
  return [...namespaces].sort();
}
