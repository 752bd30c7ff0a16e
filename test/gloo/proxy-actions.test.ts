import { Chart, Testing } from 'cdk8s';
import { DestinationKind, GatewayApiTarget, PathMatch, RouteAction, RoutingSimulator, VirtualService } from '../../src';
import { adoptManifests } from '../../src/adopt/adopt';
import { readManifestText } from '../../src/adopt/reader';
import { routingMeaning } from '../../src/simulate/request-set';
import { newChart, vsRoutes } from '../util';

describe('a cluster a header names, and a dynamic forward proxy', () => {
  test('render as routeAction.clusterHeader and routeAction.dynamicForwardProxy, and simulate as destinations of their own', () => {
    const chart = newChart();
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'gloo-system' } });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/by-cluster') }], action: RouteAction.clusterHeader('x-cluster') });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/proxy') }], action: RouteAction.dynamicForwardProxy({ hostFromHeader: 'x-target' }) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.dynamicForwardProxy() });
    expect(vsRoutes(chart).map(r => r.routeAction)).toEqual([
      { clusterHeader: 'x-cluster' }, { dynamicForwardProxy: { autoHostRewriteHeader: 'x-target' } }, { dynamicForwardProxy: {} },
    ]);
    const sim = RoutingSimulator.fromApp(chart);
    const byCluster = sim.simulate('shop', { path: '/by-cluster/a' }, 'gloo-system');
    expect(byCluster.destinations).toEqual([{ upstream: '', namespace: '', kind: DestinationKind.CLUSTER_HEADER, weight: 1, percent: 100, header: 'x-cluster' }]);
    // the two proxies differ by the header naming the host: the proofs tell them apart
    expect(routingMeaning(sim.simulate('shop', { path: '/proxy/a' }, 'gloo-system'))).not.toBe(routingMeaning(sim.simulate('shop', { path: '/a' }, 'gloo-system')));
  });

  test.each([
    ['a cluster header that is not a header name', () => RouteAction.clusterHeader('x cluster'), 'routeAction.clusterHeader: got "x cluster", expected a header name'],
    ['a proxy with both host rewrites', () => RouteAction.dynamicForwardProxy({ hostRewrite: 'a.example.com', hostFromHeader: 'x-host' }),
      'routeAction.dynamicForwardProxy.autoHostRewriteHeader: got "x-host", expected no hostFromHeader together with hostRewrite'],
    ['a proxy host with a scheme', () => RouteAction.dynamicForwardProxy({ hostRewrite: 'https://a.example.com' }),
      'routeAction.dynamicForwardProxy.hostRewrite: got "https://a.example.com", expected a host name, optionally with a port'],
  ])('%s is refused where it is given', (_what, action, message) => {
    const vs = new VirtualService(newChart(), 'vs', {});
    expect(() => vs.addRoute({ action: action() })).toThrow(message);
  });

  test('the Gateway API target refuses both by name', () => {
    const app = Testing.app();
    GatewayApiTarget.apply(app, { gatewayName: 'gw', gatewayNamespace: 'gw' });
    const vs = new VirtualService(new Chart(app, 'test'), 'vs', {});
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/a') }], action: RouteAction.clusterHeader('x-cluster') });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/b') }], action: RouteAction.dynamicForwardProxy({ hostFromHeader: 'x-host' }) });
    const message = (() => { try { app.synth(); return ''; } catch (e) { return (e as Error).message; } })();
    expect(message).toMatch(/routes\[0\]\.routeAction\.clusterHeader: got "x-cluster", expected a forward, weighted forward or UpstreamGroup action/);
    expect(message).toMatch(/routes\[1\]\.routeAction\.dynamicForwardProxy: got \{"hostFromHeader":"x-host"\}, expected a forward, weighted forward or UpstreamGroup action \(hint: kgateway has Backend dynamicForwardProxy \(type DynamicForwardProxy\), which the target does not write yet: write a kgateway Backend/);
  });

  test('adopt writes them typed', () => {
    const r = adoptManifests(readManifestText(`apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: gloo-system }
spec:
  virtualHost:
    domains: ['*']
    routes:
    - matchers: [{ prefix: /by-cluster }]
      routeAction: { clusterHeader: x-cluster }
    - matchers: [{ prefix: / }]
      routeAction: { dynamicForwardProxy: { autoHostRewriteHeader: x-target } }
`, 'in.yaml'));
    expect(r.ok).toBe(true);
    expect(r.report.escapeHatch).toEqual([]);
    expect(r.code).toContain("action: RouteAction.clusterHeader('x-cluster'),");
    expect(r.code).toContain("action: RouteAction.dynamicForwardProxy({ hostFromHeader: 'x-target' }),");
  });
});
