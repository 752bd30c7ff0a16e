/**
 * Valid but unusual inputs: Kubernetes, Gloo and Envoy accept them, so the library must too.
 * A false positive is a defect as much as a missed error.
 */
import { Chart, Testing } from 'cdk8s';
import {
  CanaryRelease,
  CanaryRoute,
  CanaryStage,
  Destination,
  HeaderMatch,
  HeaderMatchType,
  PathMatch,
  QueryParameterMatch,
  RouteAction,
  RouteTable,
  RoutingSimulator,
  Upstream,
  UpstreamGroup,
  VirtualService,
} from '../../src';
import { newChart, onlyManifest, vsRoutes } from '../util';

function setup(chart: Chart = newChart()) {
  const functions = { findPets: { method: 'GET', path: '/api/pets' } };
  const v1 = new Upstream(chart, 'v1', { serviceName: 'petstore-v1', servicePort: 8080, functions });
  const v2 = new Upstream(chart, 'v2', { serviceName: 'petstore-v2', servicePort: 8080, functions });
  const vs = new VirtualService(chart, 'vs', { metadata: { name: 'vs' } });
  return { chart, v1, v2, vs };
}

describe('valid but unusual inputs are accepted', () => {
  test('weight 0 on one destination beside a non-zero one', () => {
    const { chart, v1, v2, vs } = setup();
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.weightedForward([{ destination: Destination.upstream(v2), weight: 0 }, { destination: Destination.upstream(v1), weight: 100 }]) });
    expect(vsRoutes(chart)[0].routeAction.multi.destinations.map((d: any) => d.weight)).toEqual([0, 100]);
  });

  test('an RE2 regex matcher, an exact "/" and a prefix, in one VirtualService', () => {
    const { chart, v1, v2, vs } = setup();
    vs.addRoute({ matchers: [{ path: PathMatch.regex('/pets/[0-9]+') }], action: RouteAction.forward(Destination.upstream(v2)) });
    vs.addRoute({ matchers: [{ path: PathMatch.exact('/') }], action: RouteAction.forward(Destination.upstream(v1)) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/pets') }], action: RouteAction.forward(Destination.upstream(v1)) });
    expect(vsRoutes(chart).map((r: any) => r.matchers[0])).toEqual([{ regex: '/pets/[0-9]+' }, { exact: '/' }, { prefix: '/pets' }]);
    expect(RoutingSimulator.simulateRequest(vs, { path: '/pets/42' }).routeIndex).toBe(0);
  });

  test('an inverted header match, a header regex and a pseudo-header', () => {
    const { chart, v1, v2, vs } = setup();
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/a'), headers: [HeaderMatch.valueIsNot('x-beta', 'yes')] }], action: RouteAction.forward(Destination.upstream(v1)) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/b'), headers: [HeaderMatch.valueMatchesRegex('X-Canary_Group', 'team-[a-z]+')] }], action: RouteAction.forward(Destination.upstream(v2)) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/c'), headers: [HeaderMatch.valueIs(':authority', 'api.example.com')] }], action: RouteAction.forward(Destination.upstream(v2)) });
    expect(vsRoutes(chart).map((r: any) => r.matchers[0].headers[0].name)).toEqual(['x-beta', 'X-Canary_Group', ':authority']);
  });

  test.each([
    [['*.example.com']],
    [['*']],
    [['*-api.example.com', 'api.example.*']],
    [['example.com:8080', 'example.com']],
    [['API.Example.com']],
    [['[::1]:8443', '10.0.0.1']],
  ])('the domains %p', (domains) => {
    const chart = newChart();
    new VirtualService(chart, 'vs', { domains });
    expect(onlyManifest(chart, 'VirtualService').spec.virtualHost.domains).toEqual(domains);
  });

  test('caseSensitive: false, query parameter matchers and methods GET and HEAD', () => {
    const { chart, v1, vs } = setup();
    vs.addRoute({
      matchers: [{
        path: PathMatch.prefix('/Pets', { caseSensitive: false }),
        queryParameters: [QueryParameterMatch.isPresent('filter[status]'), QueryParameterMatch.valueMatchesRegex('page', '[0-9]+'), QueryParameterMatch.valueIs('q', 'a b')],
        methods: ['GET', 'HEAD'],
      }],
      action: RouteAction.forward(Destination.upstream(v1)),
    });
    const m = vsRoutes(chart)[0].matchers[0];
    expect(m.caseSensitive).toBe(false);
    expect(m.queryParameters.map((q: any) => q.name)).toEqual(['filter[status]', 'page', 'q']);
    expect(m.methods).toEqual(['GET', 'HEAD']);
  });

  test('a 253-character object name and a 63-character namespace', () => {
    const chart = newChart();
    const name = `${'a'.repeat(62)}.${'b'.repeat(62)}.${'c'.repeat(62)}.${'d'.repeat(64)}`;
    expect(name).toHaveLength(253);
    const ns = 'n'.repeat(63);
    new VirtualService(chart, 'vs', { metadata: { name, namespace: ns } });
    new RouteTable(chart, 'rt', { metadata: { name, namespace: ns } });
    new UpstreamGroup(chart, 'g', { metadata: { name, namespace: ns }, destinations: [{ destination: Destination.upstream(Upstream.fromUpstreamName(chart, 'u', name, { namespace: ns })), weight: 1 }] });
    const kinds = Testing.synth(chart).map((m: any) => [m.kind, m.metadata.name.length, m.metadata.namespace.length]);
    expect(kinds).toEqual([['VirtualService', 253, 63], ['RouteTable', 253, 63], ['UpstreamGroup', 253, 63]]);
  });

  test('a 63-character Service name, and a kube destination with RFC 1035 names', () => {
    const { chart, vs } = setup();
    const up = new Upstream(chart, 'long', { serviceName: `s${'1'.repeat(61)}z`, serviceNamespace: `n${'-'.repeat(61)}9`, servicePort: 65535 });
    expect(up.name.length).toBeLessThanOrEqual(63);
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/k') }], action: RouteAction.forward(Destination.kubeService({ serviceName: 'reviews-v1', serviceNamespace: '1-team', port: 1 })) });
    expect(vsRoutes(chart)[0].routeAction.single.kube).toEqual({ ref: { name: 'reviews-v1', namespace: '1-team' }, port: 1 });
  });

  test('an empty prefixRewrite, which Gloo ignores, and "/"', () => {
    const { chart, v1, vs } = setup();
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/a') }], action: RouteAction.forward(Destination.upstream(v1)), options: { prefixRewrite: '' } });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/b') }], action: RouteAction.forward(Destination.upstream(v1)), options: { prefixRewrite: '/' } });
    expect(vsRoutes(chart).map((r: any) => r.options.prefixRewrite)).toEqual(['', '/']);
  });

  test('a presence canary header, opted into, on a release and on a CanaryRoute', () => {
    const { chart, v1, v2, vs } = setup();
    new CanaryRelease(vs, 'r', {
      routeContainer: vs,
      routes: [{ path: '/findPets', functionName: 'findPets' }],
      stable: v1,
      canary: v2,
      stages: [CanaryStage.stable(), CanaryStage.header()],
      stage: 'header',
      header: { name: 'x-canary', match: HeaderMatchType.PRESENT },
      allowHeaderPresenceMatch: true,
    });
    new CanaryRoute(vs, 'cr', { routeContainer: vs, path: '/other', functionName: 'findPets', stable: v1, canary: v2, header: { name: "x-b3-flags~!#$%&'*+.^_`|", match: HeaderMatchType.PRESENT } });
    expect(vsRoutes(chart).filter((r: any) => r.matchers[0].headers).map((r: any) => r.matchers[0].headers)).toEqual([
      [{ name: 'x-canary' }],
      [{ name: "x-b3-flags~!#$%&'*+.^_`|" }],
    ]);
  });
});
