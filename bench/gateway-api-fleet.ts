/**
 * The fleet of ./fleet.ts synthesized for the Kubernetes Gateway API (kgateway), built two ways that
 * must give byte-identical YAML: with this library under `GatewayApiTarget.apply` (all validation
 * and the differential check on), and with raw cdk8s ApiObjects (no validation, no check).
 *
 * The same services, Upstreams and releases as the Gloo fleet, with two differences the target
 * needs:
 *
 * - each VirtualService holds 16 routes, the most one HTTPRoute takes (16 rules; each route here
 *   renders as one rule), so 1,000 services are 63 HTTPRoutes;
 * - each route is `/svc-<i>/pets` calling `findPetById` with the parameter template
 *   `/svc-<i>/pets/{id}`, so the function renders as a GET match and a `URLRewrite`
 *   `ReplacePrefixMatch: /api/pets` (the Gloo fleet's `/svc-<i>/` with `/svc/{id}` has no Gateway
 *   API rendering). `acceptNarrowedPrefixes` accepts that `/svc-<i>/petsx` gets no route, and
 *   `acceptFunctionMethodMatch` that the route answers only GET, the function's method.
 *
 * The VirtualServices stay in `gloo-system` and the Services in `default`, so the HTTPRoutes come
 * with one ReferenceGrant in `default` (one per pair of namespaces), after the first HTTPRoute.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import { addLibraryFleet, addRawWorkload, virtualServiceProps } from './fleet';
import { GatewayApiTarget } from '../src';

/** Routes per VirtualService (HTTPRoute): the CRD's maximum of rules per HTTPRoute. */
export const ROUTES_PER_HTTP_ROUTE = 16;
const GATEWAY = { gatewayName: 'http', gatewayNamespace: 'kgateway-system' };

const path = (i: number) => `/svc-${i}/pets`;

/** The fleet through the library's constructs, under the Gateway API target. */
export function buildGatewayApiWithLibrary(n: number): App {
  const app = new App({ outdir: 'unused' });
  GatewayApiTarget.apply(app, { ...GATEWAY, acceptNarrowedPrefixes: true, acceptFunctionMethodMatch: true });
  addLibraryFleet(app, n, ROUTES_PER_HTTP_ROUTE, i => ({
    path: path(i),
    functionName: 'findPetById',
    parameters: { headers: { ':path': `${path(i)}/{id}` } },
  }));
  return app;
}

/** The same HTTPRoutes, ReferenceGrants, Deployments and Services as raw ApiObjects. */
export function buildGatewayApiRaw(n: number): App {
  const app = new App({ outdir: 'unused' });
  const chart = new Chart(app, 'fleet');
  for (let i = 0; i < n; i++) {
    if (i % ROUTES_PER_HTTP_ROUTE === 0) {
      const group = i / ROUTES_PER_HTTP_ROUTE;
      const { metadata, domains } = virtualServiceProps(group);
      const rules = [];
      for (let j = i; j < Math.min(n, i + ROUTES_PER_HTTP_ROUTE); j++) rules.push(rule(j));
      new ApiObject(chart, `route-${group}`, {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata,
        spec: { parentRefs: [{ name: GATEWAY.gatewayName, namespace: GATEWAY.gatewayNamespace }], hostnames: domains, rules },
      });
      if (group === 0) {
        new ApiObject(chart, 'grant', {
          apiVersion: 'gateway.networking.k8s.io/v1beta1',
          kind: 'ReferenceGrant',
          metadata: { name: `httproutes-from-${metadata.namespace}`, namespace: 'default' },
          spec: {
            from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: metadata.namespace }],
            to: [{ group: '', kind: 'Service' }],
          },
        });
      }
    }
    addRawWorkload(chart, `svc-${i}`);
  }
  return app;
}

/** The rule of service i at 10%: GET on its prefix, rewritten to the function's path, 10 to v2 and 90 to v1. */
function rule(i: number): any {
  const backend = (name: string, weight: number) => ({ name, namespace: 'default', port: 8080, weight });
  return {
    backendRefs: [backend(`svc-${i}-v2`, 10), backend(`svc-${i}`, 90)],
    filters: [{ type: 'URLRewrite', urlRewrite: { path: { replacePrefixMatch: '/api/pets', type: 'ReplacePrefixMatch' } } }],
    matches: [{ method: 'GET', path: { type: 'PathPrefix', value: path(i) } }],
  };
}
