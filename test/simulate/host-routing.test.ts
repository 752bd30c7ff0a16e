import { Testing } from 'cdk8s';
import { Destination, PathMatch, RouteAction, RoutingSimulator, Upstream, VirtualService } from '../../src';
import { newChart } from '../util';

/** A VirtualService manifest with the given domains and one catch-all route to `upstream`. */
function vs(name: string, domains: string[] | undefined, upstream = name, namespace = 'gloo-system'): any {
  return {
    apiVersion: 'gateway.solo.io/v1',
    kind: 'VirtualService',
    metadata: { name, namespace },
    spec: { virtualHost: { ...(domains ? { domains } : {}), routes: [{ matchers: [{ prefix: '/' }], routeAction: { single: { upstream: { name: upstream } } } }] } },
  };
}

const servedBy = (sim: RoutingSimulator, host: string, extra: object = {}) => {
  const r = sim.route({ host, path: '/', ...extra });
  return r.virtualServiceName ?? 'none';
};

describe('which VirtualService serves a host', () => {
  // Envoy's VirtualHost.domains (which Gloo's VirtualHost.domains says it obeys): exact, then suffix
  // wildcards, then prefix wildcards, then "*"; the longest wildcard first.
  const sim = new RoutingSimulator([
    vs('exact', ['www.foo.com']),
    vs('suffix', ['*.foo.com']),
    vs('longer-suffix', ['*-bar.foo.com']),
    vs('prefix', ['foo.*']),
    vs('longer-prefix', ['foo-bar.*']),
    vs('default', undefined),
  ]);

  test.each([
    ['www.foo.com', 'exact'],
    ['api.foo.com', 'suffix'],
    ['baz-bar.foo.com', 'longer-suffix'],
    // "the wildcard will not match the empty string": *-bar.foo.com does not match -bar.foo.com
    ['-bar.foo.com', 'suffix'],
    ['foo.org', 'prefix'],
    ['foo-bar.org', 'longer-prefix'],
    ['api.foo.com.evil', 'default'],
    ['WWW.Foo.COM', 'exact'],
  ])('%s → %s', (host, expected) => {
    expect(servedBy(sim, host)).toBe(expected);
  });

  test('a VirtualService without domains serves "*" (Gloo: "If domains is empty, gloo will set the domain to *")', () => {
    expect(sim.route({ host: 'anything.example', path: '/x' })).toMatchObject({
      virtualServiceName: 'default',
      virtualServiceNamespace: 'gloo-system',
      domain: '*',
      matched: true,
      routeIndex: 0,
      destinations: [{ upstream: 'default', namespace: 'gloo-system', percent: 100 }],
    });
  });

  test('the port is part of the host unless stripAnyHostPort is set', () => {
    const withPort = new RoutingSimulator([vs('plain', ['shop.example.com']), vs('ported', ['shop.example.com:8080'])]);
    expect(servedBy(withPort, 'shop.example.com:8080')).toBe('ported');
    expect(servedBy(withPort, 'shop.example.com:9090')).toBe('none');
    expect(servedBy(withPort, 'shop.example.com:9090', { stripAnyHostPort: true })).toBe('plain');
    expect(servedBy(withPort, '[::1]:9090', { stripAnyHostPort: true })).toBe('none');
  });

  test('no VirtualService for the host: nothing matches', () => {
    const only = new RoutingSimulator([vs('exact', ['www.foo.com'])]);
    expect(only.route({ host: 'other.com', path: '/' })).toEqual({ matched: false, destinations: [] });
  });

  test('the gateway filter keeps only the VirtualServices bound to it', () => {
    const two = new RoutingSimulator([vs('a', undefined, 'a', 'team-a'), vs('b', undefined, 'b', 'team-b')]);
    expect(servedBy(two, 'x.com', { virtualServices: ['team-b/b'] })).toBe('b');
  });

  test('fails when two VirtualServices on one gateway claim a domain (Gloo: "A domain must be unique across all virtual hosts on a gateway")', () => {
    const clash = new RoutingSimulator([vs('a', ['api.example.com']), vs('b', ['shop.example.com', 'API.example.com'])]);
    expect(() => clash.route({ host: 'shop.example.com', path: '/' })).toThrow(expect.objectContaining({ name: 'GlooInputError' }));
    expect(() => clash.route({ host: 'shop.example.com', path: '/' })).toThrow(
      '[gloo-system/b] virtualHost.domains[1]: got "API.example.com", expected a domain no other virtualservice on the gateway serves (gloo-system/a serves "api.example.com")',
    );
    const twoDefaults = new RoutingSimulator([vs('a', undefined), vs('b', [])]);
    expect(() => twoDefaults.route({ host: 'x', path: '/' })).toThrow('[gloo-system/b] virtualHost.domains: got [], expected a domain no other virtualservice');
  });

  test('fromApp(scope).route() over an app', () => {
    const chart = newChart();
    const shop = new Upstream(chart, 'shop', { serviceName: 'shop', servicePort: 80 });
    const admin = new Upstream(chart, 'admin', { serviceName: 'admin', servicePort: 80 });
    new VirtualService(chart, 'shop-vs', { metadata: { name: 'shop' }, domains: ['shop.example.com'] })
      .addRoute({ matchers: [{ path: PathMatch.prefix('/api') }], action: RouteAction.forward(Destination.upstream(shop)) });
    new VirtualService(chart, 'admin-vs', { metadata: { name: 'admin' }, domains: ['*.admin.example.com'] })
      .addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.forward(Destination.upstream(admin)) });
    new VirtualService(chart, 'internal-vs', { metadata: { name: 'internal' }, domains: ['shop.example.com'], gatewayName: 'internal' })
      .addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.forward(Destination.upstream(admin)) });
    const app = RoutingSimulator.fromApp(chart);
    const result = app.route({ host: 'shop.example.com', path: '/api/cart', method: 'POST', headers: { 'x-user': '1' } });
    expect(result).toMatchObject({ virtualServiceName: 'shop', domain: 'shop.example.com', routeIndex: 0, destinations: [{ upstream: 'default-shop-80', percent: 100 }] });
    expect(app.route({ host: 'eu.admin.example.com', path: '/' }).destinations[0].upstream).toBe('default-admin-80');
    expect(app.route({ host: 'shop.example.com', path: '/other' })).toMatchObject({ virtualServiceName: 'shop', matched: false, destinations: [] });
    expect(app.route({ host: 'shop.example.com', path: '/', gateway: 'internal' })).toMatchObject({ virtualServiceName: 'internal', destinations: [{ upstream: 'default-admin-80' }] });
    // the same answer from the synthesized manifests, which do not say which gateway serves what
    const fromManifests = new RoutingSimulator(Testing.synth(chart));
    const request = { host: 'shop.example.com', path: '/api/cart', virtualServices: ['default/shop', 'default/admin'] };
    expect(fromManifests.route(request)).toEqual(app.route(request));
  });
});
