import { Chart, Testing } from 'cdk8s';
import { Destination, GatewayApiTarget, LoadBalancer, PathMatch, RouteAction, RoutingSimulator, StaticUpstream, Upstream, VirtualService } from '../../src';
import { newChart, onlyManifest } from '../util';

describe('StaticUpstream', () => {
  test('renders spec.static, named after its first host by default, and routes like any Upstream', () => {
    const chart = newChart();
    const api = new StaticUpstream(chart, 'api', {
      hosts: [{ address: 'api.example.com', port: 443 }, { address: '10.0.0.7', port: 8443, sniAddress: 'api.example.com' }, { address: 'fd00::7', port: 443 }],
      useTls: true,
    });
    expect(api.name).toBe('api-example-com-443');
    expect(api.namespace).toBe('gloo-system');
    expect(onlyManifest(chart, 'Upstream')).toEqual({
      apiVersion: 'gloo.solo.io/v1',
      kind: 'Upstream',
      metadata: { name: 'api-example-com-443', namespace: 'gloo-system' },
      spec: { static: { hosts: [{ addr: 'api.example.com', port: 443 }, { addr: '10.0.0.7', port: 8443, sniAddr: 'api.example.com' }, { addr: 'fd00::7', port: 443 }], useTls: true } },
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
    ['an address with a port', { hosts: [{ address: '10.0.0.7:8080', port: 8080 }] }, 'static.hosts[0].addr: got "10.0.0.7:8080", expected a host name or an IP address'],
    ['a bare colon', { hosts: [{ address: ':', port: 80 }] }, 'static.hosts[0].addr: got ":", expected a host name or an IP address'],
    ['a port out of range', { hosts: [{ address: 'api.example.com', port: 0 }] }, 'static.hosts[0].port: got 0, expected'],
    ['a misspelt host field', { hosts: [{ addr: 'api.example.com', port: 443 }] }, 'static.hosts[0].addr: got "api.example.com", expected a property StaticHost has: address, port, sniAddress'],
    ['useTls that is not a boolean', { metadata: { name: 'api' }, hosts: [{ address: 'a.example.com', port: 1 }], useTls: 'yes' }, 'static.useTls: got "yes", expected true or false'],
  ];
  test.each(cases)('refuses %s', (_what, props, message) => {
    expect(() => new StaticUpstream(newChart(), 'api', props)).toThrow(message);
  });

  describe('under the Gateway API target: a kgateway Backend', () => {
    function synth(build: (chart: Chart) => void, target: { httpRouteNamespace?: string } = { httpRouteNamespace: 'shop' }): any[] {
      const app = Testing.app();
      GatewayApiTarget.apply(app, { gatewayName: 'gw', gatewayNamespace: 'gw', ...target });
      const chart = new Chart(app, 'test');
      build(chart);
      app.synth();
      return chart.toJson();
    }

    test('its hosts become a Backend in the HTTPRoutes\' namespace, which routes name by kind, without a port; shares are proven as Gloo\'s', () => {
      const out = synth(chart => {
        const api = new StaticUpstream(chart, 'api', { hosts: [{ address: 'api.example.com', port: 443 }, { address: '10.0.0.7', port: 8443 }], useTls: false });
        const pets = new Upstream(chart, 'pets', { serviceName: 'pets', serviceNamespace: 'shop', servicePort: 8080 });
        const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop' } });
        vs.addRoute({ matchers: [{ path: PathMatch.prefix('/api') }], action: RouteAction.forward(Destination.upstream(api)) });
        vs.addRoute({
          matchers: [{ path: PathMatch.prefix('/') }],
          action: RouteAction.weightedForward([
            { destination: Destination.upstream(pets), weight: 3 },
            { destination: Destination.upstream(api), weight: 1 },
          ]),
        });
      });
      expect(out.find(m => m.kind === 'Backend')).toEqual({
        apiVersion: 'gateway.kgateway.dev/v1alpha1',
        kind: 'Backend',
        metadata: { name: 'api-example-com-443', namespace: 'shop' },
        spec: { type: 'Static', static: { hosts: [{ host: 'api.example.com', port: 443 }, { host: '10.0.0.7', port: 8443 }] } },
      });
      const rules = out.find(m => m.kind === 'HTTPRoute').spec.rules;
      expect(rules.map((r: any) => r.backendRefs)).toEqual([
        [{ group: 'gateway.kgateway.dev', kind: 'Backend', name: 'api-example-com-443' }],
        [{ name: 'pets', port: 8080, weight: 3 }, { group: 'gateway.kgateway.dev', kind: 'Backend', name: 'api-example-com-443', weight: 1 }],
      ]);
      expect(out.filter(m => m.kind === 'Upstream')).toEqual([]);
    });

    test('TLS as Gloo uses it (useTls, or unset with a host on port 443), a load balancer and sslConfig go to a BackendConfigPolicy on the Backend', () => {
      const policy = (props: any) => synth(chart => new StaticUpstream(chart, 'api', { metadata: { name: 'api' }, hosts: [{ address: 'api.example.com', port: 443 }], ...props }))
        .find(m => m.kind === 'BackendConfigPolicy');
      const target = [{ group: 'gateway.kgateway.dev', kind: 'Backend', name: 'api' }];
      expect(policy({})).toEqual({
        apiVersion: 'gateway.kgateway.dev/v1alpha1',
        kind: 'BackendConfigPolicy',
        metadata: { name: 'api', namespace: 'shop' },
        spec: { targetRefs: target, tls: { insecureSkipVerify: true, sni: 'api.example.com' } },
      });
      expect(policy({ useTls: false })).toBeUndefined();
      expect(policy({ hosts: [{ address: '10.0.0.7', port: 8443 }], useTls: true }).spec.tls).toEqual({ insecureSkipVerify: true, sni: '10.0.0.7' });
      expect(policy({ loadBalancer: LoadBalancer.random(), useTls: false }).spec).toEqual({ targetRefs: target, loadBalancer: { random: {} } });
      expect(policy({ options: { sslConfig: { secretRef: { name: 'api-ca', namespace: 'shop' } } } }).spec.tls)
        .toEqual({ secretRef: { name: 'api-ca' }, sni: 'api.example.com' });
    });

    test('what a BackendConfigPolicy cannot carry is refused by name; so is a host\'s SNI, and a Backend in another namespace than the HTTPRoute', () => {
      const build = (props: any) => () => synth(chart => new StaticUpstream(chart, 'api', { hosts: [{ address: 'api.example.com', port: 443 }], ...props }));
      expect(build({ options: { connectionConfig: { maxRequestsPerConnection: 1 } } }))
        .toThrow('[test/api] options.connectionConfig: got {"maxRequestsPerConnection":1}, expected no Upstream options other than sslConfig under the gateway api target');
      expect(build({ options: { sslConfig: { secretRef: { name: 'api-ca', namespace: 'gloo-system' } } } }))
        .toThrow('[test/api] options.sslConfig.secretRef: got "gloo-system/api-ca", expected a Secret in shop, the namespace of the BackendConfigPolicy');
      expect(build({ hosts: [{ address: 'a.example.com', port: 443 }, { address: '10.0.0.7', port: 443 }] }))
        .toThrow('[test/api] static.hosts: got ["a.example.com","10.0.0.7"], expected hosts of one address over TLS');
      expect(build({ options: { sslConfig: { sni: 'edge.example.com' } } }))
        .toThrow('[test/api] options.sslConfig.sni: got "edge.example.com", expected the host\'s address api.example.com, which gloo sends as SNI instead');
      expect(build({ hosts: [{ address: '10.0.0.7', port: 443, sniAddress: 'api.example.com' }] }))
        .toThrow('[test/api] static.hosts[0].sniAddr: got "api.example.com", expected no sniAddr under the gateway api target');
      expect(() => synth(chart => {
        const api = new StaticUpstream(chart, 'api', { hosts: [{ address: 'api.example.com', port: 80 }] });
        new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'shop' } }).addRoute({ action: RouteAction.forward(Destination.upstream(api)) });
      }, {})).toThrow('routes[0].routeAction.single.upstream: got "gloo-system/api-example-com-80", expected a static Upstream whose kgateway Backend is in the HTTPRoute\'s namespace shop');
    });

    test('a mirror to it is refused by name', () => {
      expect(() => synth(chart => {
        const api = new StaticUpstream(chart, 'api', { hosts: [{ address: 'api.example.com', port: 443 }] });
        const pets = new Upstream(chart, 'pets', { serviceName: 'pets', serviceNamespace: 'shop', servicePort: 8080 });
        new VirtualService(chart, 'vs', { metadata: { name: 'shop' } }).addRoute({ action: RouteAction.forward(Destination.upstream(pets)), mirror: { upstream: api, percent: 10 } });
      })).toThrow('options.shadowing.upstream: got "api-example-com-443", expected a mirror to an Upstream in front of a Kubernetes Service under the gateway api target '
        + '(hint: no gateway api or kgateway field carries it: a mirror to a static Upstream (a kgateway Backend) is not rendered');
    });
  });
});

describe('load balancers and discovery labels', () => {
  test('render as Gloo\'s loadBalancerConfig and discoveryMetadata, on both kinds of Upstream', () => {
    const chart = newChart();
    new Upstream(chart, 'shop', { serviceName: 'shop', servicePort: 8080, loadBalancer: LoadBalancer.ringHash({ minimumRingSize: 10, maximumRingSize: 200 }), discoveryLabels: { app: 'shop' } });
    new StaticUpstream(chart, 'api', { hosts: [{ address: 'a.example.com', port: 80 }], loadBalancer: LoadBalancer.leastRequest({ choiceCount: 3 }) });
    new Upstream(chart, 'maglev', { serviceName: 'm', servicePort: 80, loadBalancer: LoadBalancer.maglev() });
    const specs = chart.toJson().map((m: any) => ({ lb: m.spec.loadBalancerConfig, labels: m.spec.discoveryMetadata }));
    expect(specs).toEqual([
      { lb: { ringHash: { ringHashConfig: { minimumRingSize: 10, maximumRingSize: 200 } } }, labels: { labels: { app: 'shop' } } },
      { lb: { leastRequest: { choiceCount: 3 } }, labels: undefined },
      { lb: { maglev: {} }, labels: undefined },
    ]);
  });

  test.each([
    [{ loadBalancer: LoadBalancer.ringHash({ minimumRingSize: 300, maximumRingSize: 200 }) }, 'loadBalancerConfig.ringHash.ringHashConfig.minimumRingSize: got 300, expected at most maximumRingSize (200)'],
    [{ loadBalancer: LoadBalancer.leastRequest({ choiceCount: 1 }) }, 'loadBalancerConfig.leastRequest.choiceCount: got 1, expected a whole number of at least 2'],
    [{ loadBalancer: { ringHash: {} } }, 'loadBalancerConfig: got {"ringHash":{}}, expected a LoadBalancer'],
    [{ discoveryLabels: { 'bad key': 'x' } }, 'discoveryMetadata.labels.bad key: got "bad key", expected'],
  ])('refuses a bad one: %#', (props, message) => {
    expect(() => new Upstream(newChart(), 'u', { serviceName: 's', servicePort: 80, ...(props as any) })).toThrow(message);
  });
});
