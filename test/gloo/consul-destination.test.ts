import { Chart, Testing } from 'cdk8s';
import { Destination, DestinationKind, GatewayApiTarget, PathMatch, RouteAction, RoutingSimulator, VirtualService } from '../../src';
import { adoptManifests } from '../../src/adopt/adopt';
import { readManifestText } from '../../src/adopt/reader';
import { newChart, vsRoutes } from '../util';

describe('a Consul service as a destination', () => {
  test('renders as destination.consul, and the simulator sends the share to the service with its tags', () => {
    const chart = newChart();
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'gloo-system' } });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/db') }], action: RouteAction.forward(Destination.consulService({ serviceName: 'my-db', tags: ['secondary'], dataCenters: ['dc1'] })) });
    expect(vsRoutes(chart)[0].routeAction).toEqual({ single: { consul: { serviceName: 'my-db', tags: ['secondary'], dataCenters: ['dc1'] } } });
    const result = RoutingSimulator.fromApp(chart).simulate('shop', { path: '/db/1' }, 'gloo-system');
    expect(result.destinations).toEqual([
      { upstream: 'my-db', namespace: '', kind: DestinationKind.CONSUL, weight: 1, percent: 100, tags: ['secondary'], dataCenters: ['dc1'] },
    ]);
  });

  test.each([
    ['a service without a name', { serviceName: '' }, 'routes[0].routeAction.single.consul.serviceName: got "", expected the name of a service in Consul'],
    ['tags that are not a list', { serviceName: 'db', tags: 'primary' }, 'routes[0].routeAction.single.consul.tags: got "primary", expected a list of tags, none of them empty'],
    ['an empty data center name', { serviceName: 'db', dataCenters: [''] }, 'routes[0].routeAction.single.consul.dataCenters: got [""], expected a list of data center names, none of them empty'],
  ])('%s is refused where it is given', (_what, service, message) => {
    const vs = new VirtualService(newChart(), 'vs', {});
    expect(() => vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.forward(Destination.consulService(service as any)) })).toThrow(message);
  });

  test('the Gateway API target refuses it by name', () => {
    const app = Testing.app();
    GatewayApiTarget.apply(app, { gatewayName: 'gw', gatewayNamespace: 'gw' });
    const vs = new VirtualService(new Chart(app, 'test'), 'vs', {});
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.forward(Destination.consulService({ serviceName: 'db' })) });
    expect(() => app.synth()).toThrow(/routes\[0\]\.routeAction\.single\.consul: got \{"serviceName":"db"\}, expected an Upstream or a Kubernetes Service \(hint: no gateway api or kgateway field carries it: kgateway v2\.2 has no Consul discovery; route to a Backend of type Static/);
  });

  test('adopt writes Destination.consul', () => {
    const r = adoptManifests(readManifestText(`apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: gloo-system }
spec:
  virtualHost:
    domains: ['*']
    routes:
    - matchers: [{ prefix: /db }]
      routeAction: { single: { consul: { serviceName: my-db, tags: [secondary] } } }
`, 'in.yaml'));
    expect(r.ok).toBe(true);
    expect(r.report.escapeHatch).toEqual([]);
    expect(r.code).toContain("action: RouteAction.forward(Destination.consulService({ serviceName: 'my-db', tags: ['secondary'] })),");
  });
});
