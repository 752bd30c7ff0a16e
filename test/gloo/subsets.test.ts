import { Chart, Testing } from 'cdk8s';
import { Destination, GatewayApiTarget, PathMatch, RouteAction, RoutingSimulator, StaticUpstream, Upstream, VirtualService } from '../../src';
import { newChart, onlyManifest, vsRoutes } from '../util';

function setup(subsets?: string[][]) {
  const chart = newChart();
  const up = new Upstream(chart, 'up', { serviceName: 'shop', servicePort: 8080, subsets, functions: { f: { path: '/f' } } });
  const vs = new VirtualService(chart, 'vs', { domains: ['shop.example.com'] });
  return { chart, up, vs };
}

describe('subsets', () => {
  test('an Upstream declares them, a destination picks one, and the simulator says which pods', () => {
    const { chart, up, vs } = setup([['version'], ['version', 'zone']]);
    vs.addRoute({
      matchers: [{ path: PathMatch.prefix('/') }],
      action: RouteAction.weightedForward([
        { destination: Destination.upstream(up, { subset: { version: 'v1' } }), weight: 9 },
        { destination: Destination.restFunction(up, 'f', { subset: { zone: 'a', version: 'v2' } }), weight: 1 },
      ]),
    });
    expect(onlyManifest(chart, 'Upstream').spec.kube.subsetSpec).toEqual({ selectors: [{ keys: ['version'] }, { keys: ['version', 'zone'] }] });
    expect(vsRoutes(chart)[0].routeAction.multi.destinations.map((d: any) => d.destination.subset)).toEqual([{ values: { version: 'v1' } }, { values: { version: 'v2', zone: 'a' } }]);
    expect(RoutingSimulator.fromApp(chart).route({ host: 'shop.example.com', path: '/x' }).destinations.map(d => d.subset))
      .toEqual([{ version: 'v1' }, { version: 'v2', zone: 'a' }]);
  });

  test('a destination subset the Upstream does not declare is refused, as Gloo does', () => {
    const { up, vs } = setup([['version']]);
    expect(() => vs.addRoute({ action: RouteAction.forward(Destination.upstream(up, { subset: { zone: 'a' } })) }))
      .toThrow('[test/vs] routes[0].routeAction.single.subset: got {"zone":"a"}, expected labels with exactly the keys of one subset of upstream default-shop-8080: [version]');
  });

  test('a subset on an Upstream without subsets is refused: Envoy would send to every pod', () => {
    const { up, vs } = setup();
    expect(() => vs.addRoute({ action: RouteAction.forward(Destination.upstream(up, { subset: { version: 'v1' } })) }))
      .toThrow('routes[0].routeAction.single.subset: got {"version":"v1"}, expected an upstream with subsets, but upstream default-shop-8080 declares none');
    const chart = newChart();
    const api = new StaticUpstream(chart, 'api', { hosts: [{ address: 'a.example.com', port: 80 }] });
    const vs2 = new VirtualService(chart, 'vs2');
    expect(() => vs2.addRoute({ action: RouteAction.forward(Destination.upstream(api, { subset: { v: '1' } })) })).toThrow('declares none');
  });

  test.each([
    [[[]], 'kube.subsetSpec.selectors[0].keys: got [], expected a non-empty list of label keys'],
    [[['bad key']], 'kube.subsetSpec.selectors[0].keys[0]: got "bad key", expected'],
  ])('an Upstream subset that is not one is refused: %j', (subsets, message) => {
    expect(() => setup(subsets as any)).toThrow(message);
  });

  test('subset labels that are not labels are refused', () => {
    const { up, vs } = setup([['version']]);
    expect(() => vs.addRoute({ action: RouteAction.forward(Destination.upstream(up, { subset: { version: 2 } as any })) }))
      .toThrow('routes[0].routeAction.single.subset.values: got {"version":2}, expected labels and their values');
    expect(() => vs.addRoute({ action: RouteAction.forward(Destination.upstream(up, { subsets: {} } as any)) }))
      .toThrow('routes[0].routeAction.single.subsets: got {}, expected a property UpstreamDestinationOptions has: destinationSpec, subset');
  });

  test('the Gateway API target refuses an Upstream\'s subsets by name, rather than drop them', () => {
    const app = Testing.app();
    GatewayApiTarget.apply(app, { gatewayName: 'gw', gatewayNamespace: 'gw' });
    const chart = new Chart(app, 'test');
    expect(() => new Upstream(chart, 'up', { serviceName: 'shop', servicePort: 8080, subsets: [['version']] }))
      .toThrow('[test/up] subsets: got [["version"]], expected no subsets under the gateway api target (the Upstream becomes its Service there) '
        + '(hint: no gateway api or kgateway field carries it: the Gateway API has no endpoint subsets: make a Kubernetes Service per subset');
  });

  test('the Gateway API target refuses a mirror\'s host by name', () => {
    const app = Testing.app();
    GatewayApiTarget.apply(app, { gatewayName: 'gw', gatewayNamespace: 'gw' });
    const chart = new Chart(app, 'test');
    const up = new Upstream(chart, 'up', { serviceName: 'shop', servicePort: 8080 });
    const vs = new VirtualService(chart, 'vs', { domains: ['shop.example.com'] });
    vs.addRoute({ action: RouteAction.forward(Destination.upstream(up)), mirror: { upstream: up, percent: 5, host: 'shadow.internal' } });
    expect(() => app.synth()).toThrow('routes[0].mirror.host: got "shadow.internal", expected a mirror without host or keepHost under the gateway api target '
      + '(hint: no gateway api or kgateway field carries it: a Gateway API RequestMirror sends the request as it is');
  });
});
