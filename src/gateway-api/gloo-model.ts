import { knownGroup } from './backend-render';
import { ImportedResource } from '../gloo/imported-resource';
import { Route } from '../gloo/route';
import { renderRoute } from '../gloo/route-render';
import { RouteTable } from '../gloo/route-table';
import { StaticUpstream } from '../gloo/static-upstream';
import { Upstream } from '../gloo/upstream';
import { UpstreamGroup } from '../gloo/upstream-group';
import type { VirtualServiceSpec } from '../imports/gateway.solo.io';
import type { UpstreamGroupSpec, UpstreamSpec } from '../imports/gloo.solo.io';
import { IUpstream } from '../model/references';
import { RouteActionType } from '../model/route-action';

/** The name of the VirtualService that `glooModelManifests` holds the routes in. */
export const MODEL_VIRTUAL_SERVICE = { name: 'gateway-api-model', namespace: 'gloo-system' };

/** @internal A Gloo manifest of the model: the VirtualService, a RouteTable, an UpstreamGroup or an Upstream. */
export interface GlooModelManifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace: string };
  readonly spec: VirtualServiceSpec | UpstreamGroupSpec | UpstreamSpec;
}

/**
 * @internal
 * The Gloo manifests that a list of routes means, for the Gloo simulator: one VirtualService with
 * the routes in order, the RouteTables (of this app) they delegate to, the UpstreamGroups they and
 * the tables' routes name and the Upstreams (of this app) they send to or mirror to, which say
 * which Kubernetes Service (or, for a static one, which hosts) is behind each.
 */
export function glooModelManifests(routes: Route[]): GlooModelManifest[] {
  const upstreams = new Map<string, { name: string; namespace: string; spec: UpstreamSpec }>();
  const groups = new Map<string, UpstreamGroup>();
  const addUpstream = (u: IUpstream | undefined) => {
    if (Upstream.isUpstream(u) || StaticUpstream.isStaticUpstream(u)) upstreams.set(`${u.namespace}/${u.name}`, { name: u.name, namespace: u.namespace, spec: u._renderSpec() });
    // an imported Upstream whose Service the app states: the Upstream Gloo's discovery would have made
    const service = ImportedResource.isImportedResource(u) ? u.kubeService : undefined;
    if (u && service) {
      upstreams.set(`${u.namespace}/${u.name}`, {
        name: u.name,
        namespace: u.namespace,
        spec: { kube: { serviceName: service.serviceName, serviceNamespace: service.serviceNamespace, servicePort: service.port } },
      });
    }
  };
  const tables = new Map<string, RouteTable>();
  const pending = [...routes];
  while (pending.length > 0) {
    const route = pending.shift()!;
    const action = route.action;
    const table = action.type === RouteActionType.DELEGATE && RouteTable.isRouteTable(action.routeTable) ? action.routeTable : undefined;
    if (table && !tables.has(`${table.namespace}/${table.name}`)) {
      tables.set(`${table.namespace}/${table.name}`, table);
      pending.push(...table.routes);
    }
    addUpstream(action.destination?.targetUpstream);
    for (const d of action.destinations ?? []) addUpstream(d.destination.targetUpstream);
    const group = action.type === RouteActionType.UPSTREAM_GROUP ? knownGroup(action.targetGroup) : undefined;
    if (group) {
      groups.set(`${group.namespace}/${group.name}`, group);
      for (const d of group.destinations) addUpstream(d.destination.targetUpstream);
    }
    addUpstream(route._props.mirror?.upstream);
  }
  const virtualService: GlooModelManifest = {
    apiVersion: 'gateway.solo.io/v1',
    kind: 'VirtualService',
    metadata: MODEL_VIRTUAL_SERVICE,
    spec: { virtualHost: { domains: ['*'], routes: routes.map(r => renderRoute(r._props)) } },
  };
  const sorted = <T>(m: Map<string, T>) => [...m.keys()].sort().map(k => m.get(k)!);
  return [
    virtualService,
    ...sorted(tables).map(t => t._glooModelJson() as GlooModelManifest),
    ...sorted(groups).map(g => ({ apiVersion: 'gloo.solo.io/v1', kind: 'UpstreamGroup', metadata: { name: g.name, namespace: g.namespace }, spec: g._renderSpec() })),
    ...sorted(upstreams).map(u => ({ apiVersion: 'gloo.solo.io/v1', kind: 'Upstream', metadata: { name: u.name, namespace: u.namespace }, spec: u.spec })),
  ];
}
