import { Chart, Testing } from 'cdk8s';
import { Destination, GatewayApiTarget, PathMatch, RouteAction, RoutingSimulator, StaticUpstream, Upstream, VirtualService } from '../../src';
import { newChart, onlyManifest } from '../util';

describe('StaticUpstream', () => {
  test('renders spec.static, named after its first host by default, and routes like any Upstream', () => {
    const chart = newChart();
    const api = new StaticUpstream(chart, 'api', { hosts: [{ address: 'api.example.com', port: 443 }, { address: '10.0.0.7', port: 8443, sniAddress: 'api.example.com' }], useTls: true });
    expect(api.name).toBe('api-example-com-443');
    expect(api.namespace).toBe('gloo-system');
    expect(onlyManifest(chart, 'Upstream')).toEqual({
      apiVersion: 'gloo.solo.io/v1',
      kind: 'Upstream',
      metadata: { name: 'api-example-com-443', namespace: 'gloo-system' },
      spec: { static: { hosts: [{ addr: 'api.example.com', port: 443 }, { addr: '10.0.0.7', port: 8443, sniAddr: 'api.example.com' }], useTls: true } },
    });
    const vs = new VirtualService(chart, 'vs', { domains: ['shop.example.com'] });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/api') }], action: RouteAction.forward(Destination.upstream(api)) });
    expect(RoutingSimulator.fromApp(chart).route({ host: 'shop.example.com', path: '/api/x' }).destinations)
      .toEqual([expect.objectContaining({ upstream: 'api-example-com-443', namespace: 'gloo-system', percent: 100 })]);
    expect(StaticUpstream.isStaticUpstream(api)).toBe(true);
    expect(Upstream.isUpstream(api)).toBe(false);
  });

  const cases: Array<[string, any, string]> = [
    ['no hosts', { hosts: [] }, 'static.hosts: got [], expected at least one host { address, port }'],
    ['an address with a scheme', { hosts: [{ address: 'https://api.example.com', port: 443 }] }, 'static.hosts[0].addr: got "https://api.example.com", expected a host name or an IP address'],
    ['a port out of range', { hosts: [{ address: 'api.example.com', port: 0 }] }, 'static.hosts[0].port: got 0, expected'],
    ['a misspelt host field', { hosts: [{ addr: 'api.example.com', port: 443 }] }, 'static.hosts[0].addr: got "api.example.com", expected a property StaticHost has: address, port, sniAddress'],
    ['useTls that is not a boolean', { metadata: { name: 'api' }, hosts: [{ address: 'a.example.com', port: 1 }], useTls: 'yes' }, 'static.useTls: got "yes", expected true or false'],
  ];
  test.each(cases)('refuses %s', (_what, props, message) => {
    expect(() => new StaticUpstream(newChart(), 'api', props)).toThrow(message);
  });

  test('the Gateway API target refuses a route to it, naming the Upstream', () => {
    const app = Testing.app();
    GatewayApiTarget.apply(app, { gatewayName: 'gw', gatewayNamespace: 'gw' });
    const chart = new Chart(app, 'test');
    const api = new StaticUpstream(chart, 'api', { hosts: [{ address: 'api.example.com', port: 443 }] });
    const vs = new VirtualService(chart, 'vs', { domains: ['shop.example.com'] });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/api') }], action: RouteAction.forward(Destination.upstream(api)) });
    expect(() => app.synth()).toThrow('routes[0].routeAction.single.upstream: got "gloo-system/api-example-com-443", expected an Upstream of a Kubernetes Service (a static Upstream\'s hosts have no gateway api mapping yet)');
  });
});
