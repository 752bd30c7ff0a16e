import { sourceLine, where } from './reader';
import { TranslatedObject } from './translate';
import { ManifestShape, RouteShape, UpstreamKubeShape } from '../simulate/gloo-manifest';

/** The objects adoption builds, and what it left out. */
export interface InputSet {
  /** Gloo objects, and the Services and Deployments their Upstreams point at, in input order. */
  readonly objects: TranslatedObject[];
  /** One line per problem: duplicate names, delegation cycles, delegation by selector. */
  readonly problems: string[];
  /** Services and Deployments no Upstream points at. */
  readonly skipped: string[];
}

/** `Kind namespace/name`, the identity of an object. */
export function objectKey(m: ManifestShape): string {
  return `${m.kind} ${m.metadata?.namespace ?? ''}/${m.metadata?.name}`;
}

/**
 * Checks the translated objects as a whole (duplicate names, delegation cycles) and keeps the
 * Services that an Upstream points at and the Deployments that back them.
 */
export function selectInputSet(all: TranslatedObject[]): InputSet {
  const problems: string[] = [];
  const seen = new Map<string, TranslatedObject>();
  for (const o of all) {
    const key = objectKey(o.manifest);
    const first = seen.get(key);
    if (first) {
      problems.push(sourceLine(o.source, o.manifest, 'metadata.name', o.manifest.metadata.name,
        `a name not used by another ${o.manifest.kind} of namespace ${o.manifest.metadata.namespace ?? '(none)'}; ${where(first.source)} has it`));
    } else {
      seen.set(key, o);
    }
  }
  const unique = [...seen.values()];
  problems.push(...delegationProblems(unique));

  const upstreams = unique.filter(o => o.manifest.kind === 'Upstream').map(o => o.manifest.spec?.kube).filter((k): k is UpstreamKubeShape => !!k);
  const services = unique.filter(o => o.manifest.kind === 'Service' && upstreams.some(k =>
    k.serviceName === o.manifest.metadata.name && (k.serviceNamespace ?? 'default') === (o.manifest.metadata.namespace ?? 'default')));
  const deployments = unique.filter(o => o.manifest.kind === 'Deployment' && services.some(s => backs(o.manifest, s.manifest)));
  const kept = new Set<TranslatedObject>([...services, ...deployments]);
  const objects = unique.filter(o => !['Service', 'Deployment'].includes(o.manifest.kind) || kept.has(o));
  const skipped = unique.filter(o => !objects.includes(o)).map(o => `${where(o.source, o.manifest)}: no upstream of the input points at it`);
  return { objects, problems, skipped };
}

/** Whether a Deployment's pods are selected by a Service of its namespace. */
function backs(deployment: ManifestShape, service: ManifestShape): boolean {
  const selector = service.spec?.selector ?? {};
  const labels = deployment.spec?.template?.metadata?.labels ?? {};
  return (deployment.metadata.namespace ?? 'default') === (service.metadata.namespace ?? 'default')
    && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** The routes of a VirtualService or RouteTable, with the field path of the list. */
export function routesOf(m: ManifestShape): { field: string; routes: RouteShape[] } {
  if (m.kind === 'VirtualService') return { field: 'spec.virtualHost.routes', routes: m.spec?.virtualHost?.routes ?? [] };
  if (m.kind === 'RouteTable') return { field: 'spec.routes', routes: m.spec?.routes ?? [] };
  return { field: '', routes: [] };
}

/** The RouteTable a route delegates to, as `namespace/name` (a ref without a namespace is refused above). */
export function delegateTarget(route: RouteShape | null | undefined): string | undefined {
  const ref = route?.delegateAction?.ref;
  return ref?.name !== undefined ? `${ref.namespace ?? ''}/${ref.name}` : undefined;
}

function delegationProblems(objects: TranslatedObject[]): string[] {
  const problems: string[] = [];
  const tables = new Map<string, TranslatedObject>();
  for (const o of objects) if (o.manifest.kind === 'RouteTable') tables.set(`${o.manifest.metadata.namespace ?? ''}/${o.manifest.metadata.name}`, o);
  for (const o of objects) {
    const { field, routes } = routesOf(o.manifest);
    routes.forEach((r, i) => {
      if (r?.delegateAction?.selector !== undefined) {
        problems.push(sourceLine(o.source, o.manifest, `${field}[${i}].delegateAction.selector`, r.delegateAction.selector,
          'delegation by ref (delegateAction.ref); delegation by selector is not adopted'));
      } else if (r?.delegateAction && typeof r.delegateAction.ref?.name !== 'string') {
        problems.push(sourceLine(o.source, o.manifest, `${field}[${i}].delegateAction.ref`, r.delegateAction.ref,
          'a RouteTable to delegate to, as ref: { name, namespace }'));
      } else if (r?.delegateAction && !r.delegateAction.ref?.namespace) {
        problems.push(sourceLine(o.source, o.manifest, `${field}[${i}].delegateAction.ref.namespace`, r.delegateAction.ref?.namespace,
          `the namespace of RouteTable ${r.delegateAction.ref?.name} (${o.manifest.metadata.namespace}, if it is there): gloo looks a delegated table `
          + 'up by the namespace the reference gives, never the owner\'s, so as written the route finds no table and gloo drops it '
          + '(projects/gateway/pkg/translator/converter.go getRouteTableRef)'));
      }
      if (r && typeof r === 'object' && !['routeAction', 'delegateAction', 'directResponseAction', 'redirectAction'].some(k => (r as { [k: string]: unknown })[k] !== undefined)) {
        problems.push(sourceLine(o.source, o.manifest, `${field}[${i}]`, r,
          'a route with an action (routeAction, delegateAction, directResponseAction or redirectAction): gloo rejects a route without one ("route must specify an action"); an empty field is null, and the API server drops it'));
      }
      const group = r?.routeAction?.upstreamGroup;
      if (group && !group.namespace) {
        problems.push(sourceLine(o.source, o.manifest, `${field}[${i}].routeAction.upstreamGroup.namespace`, group.namespace,
          `the namespace of UpstreamGroup ${group.name} (${o.manifest.metadata.namespace}, if it is there): unlike an upstream reference, gloo `
          + 'does not fill in the owner\'s namespace here, so as written the route finds no group and fails '
          + '(projects/gloo/pkg/translator/route_config.go)'));
      }
    });
  }
  const reported = new Set<string>();
  const visit = (key: string, trail: string[]) => {
    const table = tables.get(key);
    if (!table) return;
    const { routes } = routesOf(table.manifest);
    routes.forEach((r, i) => {
      const next = delegateTarget(r);
      if (next === undefined) return;
      const at = trail.indexOf(next);
      if (at >= 0) {
        const cycle = [...trail.slice(at), key, next];
        const id = [...cycle.slice(0, -1)].sort().join(' ');
        if (!reported.has(id)) {
          reported.add(id);
          problems.push(sourceLine(table.source, table.manifest, `spec.routes[${i}].delegateAction.ref`, next,
            `a route table that does not delegate back to itself (cycle ${cycle.join(' -> ')})`));
        }
      } else if (next !== key) {
        visit(next, [...trail, key]);
      } else if (!reported.has(key)) {
        reported.add(key);
        problems.push(sourceLine(table.source, table.manifest, `spec.routes[${i}].delegateAction.ref`, next,
          `a route table other than itself (cycle ${key} -> ${key})`));
      }
    });
  };
  for (const key of tables.keys()) visit(key, []);
  return problems;
}
