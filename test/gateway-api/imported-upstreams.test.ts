import { Chart, Testing } from 'cdk8s';
import { errorOf } from './render-fixture';
import { Destination, GatewayApiTarget, PathMatch, RouteAction, Upstream, VirtualService } from '../../src';

function app() {
  const a = Testing.app();
  GatewayApiTarget.apply(a, { gatewayName: 'gw', gatewayNamespace: 'gw' });
  return { a, chart: new Chart(a, 'test') };
}

describe('Upstreams defined outside the app, with the Service they stand for', () => {
  test('a discovered Upstream sends its routes to its Service, with a grant across namespaces, proven like the others', () => {
    const { a, chart } = app();
    const pets = Upstream.fromDiscoveredService(chart, 'pets', { serviceName: 'petstore', serviceNamespace: 'default', port: 8080 });
    expect(pets.name).toBe('default-petstore-8080');
    const named = Upstream.fromUpstreamName(chart, 'orders', 'orders-up', { service: { serviceName: 'orders', serviceNamespace: 'shop', port: 9090 } });
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'shop' } });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/pets') }], action: RouteAction.forward(Destination.upstream(pets)) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/orders') }], action: RouteAction.forward(Destination.upstream(named)) });
    const manifests = a.charts[0].toJson();
    const route = manifests.find((m: any) => m.kind === 'HTTPRoute');
    expect(route.spec.rules.map((r: any) => r.backendRefs)).toEqual([
      [{ name: 'petstore', namespace: 'default', port: 8080 }],
      [{ name: 'orders', port: 9090 }],
    ]);
    expect(manifests.filter((m: any) => m.kind === 'ReferenceGrant').map((m: any) => m.metadata.namespace)).toEqual(['default']);
    expect(() => a.synth()).not.toThrow();
  });

  test('an imported Upstream without its Service is refused, saying how to state it', () => {
    const { a, chart } = app();
    const up = Upstream.fromUpstreamName(chart, 'up', 'default-petstore-8080');
    const vs = new VirtualService(chart, 'vs', {});
    vs.addRoute({ action: RouteAction.forward(Destination.upstream(up)) });
    expect(errorOf(() => a.synth())).toContain('routes[0].routeAction.single.upstream: got "gloo-system/default-petstore-8080", expected an Upstream whose Kubernetes Service is known');
  });

  test('a Service that is not one is refused where it is given', () => {
    const { chart } = app();
    expect(() => Upstream.fromUpstreamName(chart, 'up', 'x', { service: { serviceName: 'Pets', serviceNamespace: 'default', port: 0 } }))
      .toThrow(/service\.serviceName: got "Pets".*\n?.*service\.port: got 0/s);
  });
});
