import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { CrdSchemaValidator, PetstoreService, RouteProps, Upstream, VirtualService } from '../../src';
import { formatHttpRouteProblem } from '../../src/gateway-api/http-route-problems';
import { HttpRouteRenderOptions, HttpRouteRendering, renderHttpRoutes } from '../../src/gateway-api/http-route-render';
import { HttpRouteRules } from '../../src/gateway-api/http-route-rules';

const SCHEMA = CrdSchemaValidator.fromFiles([path.join(__dirname, '..', '..', 'imports', 'gateway.networking.k8s.io.yaml')]);

/** The options every test renders with, unless it says otherwise. */
export const OPTIONS: HttpRouteRenderOptions = { gatewayName: 'gw', gatewayNamespace: 'gateways', name: 'shop', namespace: 'apps' };

/** A chart with two Upstreams in front of the Services `apps/shop-v1` and `apps/shop-v2` (port 8080), with the petstore's functions. */
export function fixture() {
  const chart = new Chart(Testing.app(), 'test');
  const upstream = (version: string) => new Upstream(chart, version, {
    serviceName: `shop-${version}`, serviceNamespace: 'apps', servicePort: 8080, functions: PetstoreService.FUNCTIONS,
  });
  const v1 = upstream('v1');
  const v2 = upstream('v2');
  const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'gloo-system' } });
  return { chart, v1, v2, vs };
}

/** Adds the routes to the fixture's VirtualService and renders them. */
export function render(routes: RouteProps[], options: Partial<HttpRouteRenderOptions> = {}, f = fixture()): HttpRouteRendering {
  for (const r of routes) f.vs.addRoute(r);
  return renderHttpRoutes(f.vs.routes, { ...OPTIONS, ...options });
}

/** The rules of a rendering's only HTTPRoute. */
export function rulesOf(rendering: HttpRouteRendering): any[] {
  expect(rendering.manifests).toHaveLength(1);
  return rendering.manifests[0].spec.rules;
}

/** The problems the vendored CRD's schema and the HTTPRoute rules find in the manifests, as lines. */
export function crdProblems(manifests: any[]): string[] {
  return [...SCHEMA.validate(manifests).map(CrdSchemaValidator.formatViolation), ...HttpRouteRules.check(manifests).map(formatHttpRouteProblem)];
}

/** The message of what `fn` throws. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}
