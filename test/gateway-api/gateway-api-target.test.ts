/**
 * `GatewayApiTarget`: what one line changes in an app, and every input the target cannot express
 * failing with the construct path, the field, the value and what was expected.
 */
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import { errorOf } from './render-fixture';
import {
  CanaryRelease, CanaryStage, CrdSchemaCheck, Destination, GatewayApiTarget, GatewayApiTargetProps, glooJestMatchers, HeaderMatch, PathMatch,
  RouteAction, RouteTable, RoutingSimulator, Upstream, UpstreamGroup, VirtualService,
} from '../../src';

expect.extend(glooJestMatchers);
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toRouteRequest(request: { path: string; method?: string; headers?: { [name: string]: string } }, expected: { [upstream: string]: number }): R;
    }
  }
}

const TARGET: GatewayApiTargetProps = { gatewayName: 'http', gatewayNamespace: 'kgateway-system' };

/** An app with the target, a chart, and Upstreams in front of `apps/shop-v1` and `apps/shop-v2`. */
function setup(props: GatewayApiTargetProps = TARGET) {
  const app = Testing.app();
  GatewayApiTarget.apply(app, props);
  const chart = new Chart(app, 'test');
  const upstream = (version: string, namespace = 'apps') => new Upstream(chart, version, { serviceName: `shop-${version}`, serviceNamespace: namespace, servicePort: 8080 });
  return { app, chart, v1: upstream('v1'), v2: upstream('v2'), upstream };
}

const forward = (u: Upstream) => RouteAction.forward(Destination.upstream(u));
const synth = (chart: Chart): any[] => Testing.synth(chart);
const ofKind = (manifests: any[], kind: string) => manifests.filter(m => m.kind === kind);

describe('under GatewayApiTarget', () => {
  test('a VirtualService synthesizes as an HTTPRoute of its name; Upstreams and UpstreamGroups are not synthesized', () => {
    const { chart, v1, v2 } = setup();
    const group = new UpstreamGroup(chart, 'group', { destinations: [{ destination: Destination.upstream(v1), weight: 3 }, { destination: Destination.upstream(v2), weight: 1 }] });
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'apps' }, domains: ['Shop.Example.com', '*.shop.example.com'] });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.upstreamGroup(group) });

    const manifests = synth(chart);
    expect(manifests.map(m => `${m.apiVersion}/${m.kind}`)).toEqual(['gateway.networking.k8s.io/v1/HTTPRoute']);
    expect(manifests[0].metadata).toEqual({ name: 'shop', namespace: 'apps' });
    expect(manifests[0].spec).toEqual({
      parentRefs: [{ name: 'http', namespace: 'kgateway-system' }],
      hostnames: ['shop.example.com', '*.shop.example.com'],
      rules: [{
        matches: [{ path: { type: 'PathPrefix', value: '/' } }],
        backendRefs: [{ name: 'shop-v1', port: 8080, weight: 3 }, { name: 'shop-v2', port: 8080, weight: 1 }],
      }],
    });
    // the kept-out resources still work as references, and their ids stay taken
    expect(Upstream.isUpstream(v1)).toBe(true);
    expect(ApiObject.isApiObject(chart.node.tryFindChild('v1'))).toBe(false);
    expect(v1.node.path).toBe('test/v1');
    expect(errorOf(() => new Upstream(chart, 'v1', { serviceName: 'x', servicePort: 80 }))).toMatch(/There is already a Construct with name 'v1'/);
  });

  test('the same code without the target synthesizes the Gloo objects', () => {
    const chart = new Chart(Testing.app(), 'test');
    const v1 = new Upstream(chart, 'v1', { serviceName: 'shop-v1', serviceNamespace: 'apps', servicePort: 8080 });
    new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'apps' }, routes: [{ action: forward(v1) }] });
    expect(synth(chart).map(m => m.kind)).toEqual(['Upstream', 'VirtualService']);
  });

  test('httpRouteNamespace moves every HTTPRoute; a ReferenceGrant is added for each other namespace of the app\'s Services', () => {
    const { chart, v1, upstream } = setup({ ...TARGET, httpRouteNamespace: 'apps' });
    const other = upstream('v3', 'legacy');
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'gloo-system' } });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/old') }], action: forward(other) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: forward(v1), mirror: { upstream: other, percent: 5 } });

    const manifests = synth(chart);
    expect(ofKind(manifests, 'HTTPRoute')[0].metadata).toEqual({ name: 'shop', namespace: 'apps' });
    expect(ofKind(manifests, 'ReferenceGrant')).toEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: 'httproutes-from-apps', namespace: 'legacy' },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'apps' }], to: [{ group: '', kind: 'Service' }] },
    }]);
  });

  test('the ReferenceGrants do not depend on the stage, or on when a destination is added', () => {
    const grantsAt = (stage: string) => {
      const { chart, v1 } = setup();
      const canary = new Upstream(chart, 'canary', { serviceName: 'shop-canary', serviceNamespace: 'canaries', servicePort: 8080 });
      const group = new UpstreamGroup(chart, 'group');
      const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'apps' } });
      new CanaryRelease(chart, 'release', { routeContainer: vs, routes: [{ path: '/api' }], stable: v1, canary, stages: [CanaryStage.stable(), CanaryStage.weight(10)], stage });
      vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.upstreamGroup(group) });
      const late = new Upstream(chart, 'late', { serviceName: 'shop-late', serviceNamespace: 'late', servicePort: 8080 });
      group.addDestination({ destination: Destination.upstream(late), weight: 1 });
      return ofKind(synth(chart), 'ReferenceGrant').map(g => `${g.metadata.namespace}/${g.metadata.name} from ${g.spec.from[0].namespace}`);
    };
    expect(grantsAt('stable')).toEqual(['canaries/httproutes-from-apps from apps', 'late/httproutes-from-apps from apps']);
    expect(grantsAt('weight-10')).toEqual(grantsAt('stable'));
  });

  test('a VirtualService that failed leaves the grants of its namespace in place', () => {
    const { chart, upstream } = setup();
    const legacy = upstream('v3', 'legacy');
    expect(() => new VirtualService(chart, 'bad', { metadata: { name: 'shop', namespace: 'apps' }, routes: [{ action: forward(legacy) }, { matchers: [{ path: PathMatch.prefix('no-slash') }], action: forward(legacy) }] }))
      .toThrow(/no-slash/);
    new VirtualService(chart, 'good', { metadata: { name: 'shop', namespace: 'apps' }, routes: [{ action: forward(legacy) }] });
    const manifests = synth(chart);
    expect(ofKind(manifests, 'ReferenceGrant').map(g => `${g.metadata.namespace}/${g.metadata.name}`)).toEqual(['legacy/httproutes-from-apps']);
    expect(ofKind(manifests, 'HTTPRoute')).toHaveLength(1);
  });

  test('a kube destination of an UpstreamGroup gets a grant, whenever it is added', () => {
    const { chart } = setup();
    const kube = (namespace: string) => Destination.kubeService({ serviceName: 'svc', serviceNamespace: namespace, port: 80 });
    const group = new UpstreamGroup(chart, 'g', { destinations: [{ destination: kube('legacy'), weight: 1 }] });
    new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'apps' }, routes: [{ action: RouteAction.upstreamGroup(group) }] });
    group.addDestination({ destination: kube('later'), weight: 1 });
    expect(ofKind(synth(chart), 'ReferenceGrant').map(g => g.metadata.namespace)).toEqual(['legacy', 'later']);
  });

  test('HTTPRoutes of two namespaces get grants of distinct names', () => {
    const { chart, upstream } = setup();
    const legacy = upstream('v3', 'legacy');
    new VirtualService(chart, 'a', { metadata: { name: 'b-c', namespace: 'a' }, domains: ['a.example.com'], routes: [{ action: forward(legacy) }] });
    new VirtualService(chart, 'b', { metadata: { name: 'c', namespace: 'a-b' }, domains: ['b.example.com'], routes: [{ action: forward(legacy) }] });
    const grants = ofKind(synth(chart), 'ReferenceGrant').map(g => `${g.metadata.namespace}/${g.metadata.name}`).sort();
    expect(grants).toEqual(['apps/httproutes-from-a', 'apps/httproutes-from-a-b', 'legacy/httproutes-from-a', 'legacy/httproutes-from-a-b']);
  });

  test('a REST function whose path Gateway API cannot compute renders with gatewayApiPath, and is refused without it', () => {
    const build = (gatewayApiPath?: string) => {
      const { chart } = setup({ ...TARGET, acceptFunctionMethodMatch: true });
      const fn = { method: 'GET', path: '/api/pets?tags={{default(tags, "")}}', gatewayApiPath };
      const u = new Upstream(chart, 'fn', { serviceName: 'pets', serviceNamespace: 'apps', servicePort: 80, functions: { findPets: fn } });
      new VirtualService(chart, 'vs', { metadata: { name: 'pets', namespace: 'apps' }, routes: [{ matchers: [{ path: PathMatch.exact('/findPets') }], action: RouteAction.forward(Destination.restFunction(u, 'findPets')) }] });
      return chart;
    };
    expect(synth(build('/api/pets'))[0].spec.rules).toEqual([{
      matches: [{ method: 'GET', path: { type: 'Exact', value: '/findPets' } }],
      filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath', replaceFullPath: '/api/pets' } } }],
      backendRefs: [{ name: 'pets', port: 80 }],
    }]);
    expect(errorOf(() => synth(build()))).toMatch(/\[test\/vs\] routes\[0\]\.routeAction\.single\.upstream\.functions\.findPets\.path: got .*expected a path without a query template .*set gatewayApiPath on the function/);
  });

  test('a route list whose order Gateway API precedence would override fails, naming the routes and the request', () => {
    const { chart, v1, v2 } = setup();
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'apps' } });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: forward(v1) });
    vs.addRoute({ matchers: [{ path: PathMatch.exact('/api') }], action: forward(v2), allowShadowing: true });
    expect(errorOf(() => synth(chart))).toMatch(/\[test\/vs\] routes\[0\] and routes\[1\]: got "GET \/api", expected the same routing from both gateways \(gloo: apps\/shop-v1:8080=100%; gateway api: apps\/shop-v2:8080=100%/);
  });

  test('the Gloo simulator and the jest matcher answer for the Gloo model, as without the target', () => {
    const routeOf = (withTarget: boolean) => {
      const app = Testing.app();
      if (withTarget) GatewayApiTarget.apply(app, TARGET);
      const chart = new Chart(app, 'test');
      const v1 = new Upstream(chart, 'v1', { serviceName: 'shop-v1', serviceNamespace: 'apps', servicePort: 8080 });
      const v2 = new Upstream(chart, 'v2', { serviceName: 'shop-v2', serviceNamespace: 'apps', servicePort: 8080 });
      const group = new UpstreamGroup(chart, 'group', { destinations: [{ destination: Destination.upstream(v1), weight: 9 }, { destination: Destination.upstream(v2), weight: 1 }] });
      const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'apps' } });
      vs.addRoute({ matchers: [{ path: PathMatch.prefix('/api') }], action: RouteAction.upstreamGroup(group) });
      vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: forward(v1) });
      return vs;
    };
    for (const request of [{ path: '/api/x' }, { path: '/other' }]) {
      const withTarget = RoutingSimulator.sharesByUpstream(RoutingSimulator.simulateRequest(routeOf(true), request));
      expect(withTarget).toEqual(RoutingSimulator.sharesByUpstream(RoutingSimulator.simulateRequest(routeOf(false), request)));
      expect(Object.keys(withTarget).length).toBeGreaterThan(0);
    }
    expect(routeOf(true)).toRouteRequest({ path: '/api/x' }, { 'apps-shop-v1-8080': 90, 'apps-shop-v2-8080': 10 });
  });

  test('a problem of a resource kept out of the output is still reported, with its path', () => {
    const { chart, v1 } = setup();
    const group = new UpstreamGroup(chart, 'group', { destinations: [{ destination: Destination.upstream(v1), weight: 0 }] });
    new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'apps' }, routes: [{ action: RouteAction.upstreamGroup(group) }] });
    expect(errorOf(() => synth(chart))).toMatch(/\[test\] \[test\/group\] destinations\[\*\]\.weight: got 0, expected /);
  });

  test('the HTTPRoute is checked against the Gateway API CRD schema at synth', () => {
    const { chart, v1 } = setup();
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'apps' }, routes: [{ action: forward(v1) }] });
    ApiObject.of(vs).addJsonPatch(JsonPatch.add('/spec/timeout', '5s'));
    expect(errorOf(() => synth(chart))).toMatch(/\[test\/vs\] spec\.timeout: got "5s", expected what the gateway\.networking\.k8s\.io\/v1\/HTTPRoute crd schema accepts/);
  });
});

describe('what the Gateway API target refuses', () => {
  test('apply on an app that already has children, or on a chart', () => {
    const app = Testing.app();
    const early = new Chart(app, 'early');
    expect(errorOf(() => GatewayApiTarget.apply(app, TARGET)))
      .toBe('[(app)] GatewayApiTarget.apply: got "an app with children (early)", expected an app nothing was added to yet (hint: call GatewayApiTarget.apply on the app right after creating it, before its charts)');
    expect(errorOf(() => GatewayApiTarget.apply(new Chart(early, 'late'), TARGET)))
      .toMatch(/^\[early\/late\] GatewayApiTarget\.apply: got "construct early\/late", expected the app: one target for all its charts/);
  });

  test('two VirtualServices that would be the same HTTPRoute', () => {
    const { chart, v1 } = setup({ ...TARGET, httpRouteNamespace: 'apps' });
    new VirtualService(chart, 'a', { metadata: { name: 'shop', namespace: 'gloo-system' }, domains: ['a.example.com'], routes: [{ action: forward(v1) }] });
    new VirtualService(chart, 'b', { metadata: { name: 'shop', namespace: 'team-b' }, domains: ['b.example.com'], routes: [{ action: forward(v1) }] });
    const message = errorOf(() => synth(chart));
    expect(message).toMatch(/\[test\/a\] metadata\.name: got "apps\/shop", expected an HTTPRoute name of its own \(test\/b synthesizes as HTTPRoute apps\/shop too\)/);
    expect(message).toMatch(/\[test\/b\] metadata\.name: got "apps\/shop", expected an HTTPRoute name of its own \(test\/a synthesizes/);
  });

  test('VirtualServices on different Gloo gateways, which would share the one Gateway', () => {
    const { chart, v1, v2 } = setup();
    new VirtualService(chart, 'pub', { metadata: { name: 'pub', namespace: 'apps' }, gatewayName: 'public', routes: [{ action: forward(v1) }] });
    new VirtualService(chart, 'int', { metadata: { name: 'int', namespace: 'apps' }, gatewayName: 'internal', routes: [{ matchers: [{ path: PathMatch.prefix('/admin') }], action: forward(v2) }] });
    expect(errorOf(() => synth(chart))).toMatch(/\[test\/pub\] gatewayName: got "public", expected the Gloo gateway of every other VirtualService under the target \(they are on internal, public\), since every HTTPRoute attaches to the one Gateway http/);
  });

  test('props that name no Gateway or no namespace', () => {
    expect(errorOf(() => GatewayApiTarget.apply(new App(), { gatewayName: '', gatewayNamespace: 'Kgateway', httpRouteNamespace: 'a_b' }))).toBe([
      '3 problems:',
      '  [(app)] gatewayName: got "", expected the name of a Gateway, 1 to 253 characters',
      '  [(app)] gatewayNamespace: got "Kgateway", expected a namespace name (an RFC 1123 label of at most 63 characters)',
      '  [(app)] httpRouteNamespace: got "a_b", expected a namespace name (an RFC 1123 label of at most 63 characters)',
    ].join('\n'));
  });

  test('a RouteTable without routes', () => {
    const { chart } = setup();
    new RouteTable(chart, 'rt', { metadata: { name: 'empty' } });
    expect(errorOf(() => synth(chart))).toMatch(/\[test\/rt\] routes: got \[\], expected at least one route/);
  });

  test('a VirtualService without routes', () => {
    const { chart } = setup();
    new VirtualService(chart, 'vs');
    expect(errorOf(() => synth(chart))).toMatch(/\[test\/vs\] routes: got \[\], expected at least one route/);
  });

  test('a domain with a port or a suffix wildcard, each named', () => {
    const { chart, v1 } = setup();
    new VirtualService(chart, 'vs', { domains: ['shop.example.com:8080', 'shop.*'], routes: [{ action: forward(v1) }] });
    const message = errorOf(() => synth(chart));
    expect(message).toMatch(/\[test\/vs\] domains\[0\]: got "shop\.example\.com:8080", expected a domain that is an HTTPRoute hostname/);
    expect(message).toMatch(/\[test\/vs\] domains\[1\]: got "shop\.\*", expected a domain that is an HTTPRoute hostname/);
  });

  test('a header presence match, which Gateway API cannot express', () => {
    const { chart, v1, v2 } = setup();
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'apps' } });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/'), headers: [HeaderMatch.isPresent('x-canary')] }], action: forward(v2) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: forward(v1) });
    expect(errorOf(() => synth(chart))).toMatch(/\[test\/vs\] routes\[0\]\.matchers\[0\]\.headers\[0\]: got .*x-canary.*, expected /);
  });

  test('routes that need more than one HTTPRoute', () => {
    const { chart, v1 } = setup();
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'apps' } });
    for (let i = 0; i < 17; i++) vs.addRoute({ matchers: [{ path: PathMatch.exact(`/p${i}`) }], action: forward(v1) });
    expect(errorOf(() => synth(chart))).toMatch(/\[test\/vs\] routes: got "17 routes, 17 HTTPRoute rules", expected routes that fit one HTTPRoute: at most 16 rules and 128 matches \(hint: spread the routes over several VirtualServices/);
  });

  test('a request that another VirtualService\'s HTTPRoute would take on the shared Gateway', () => {
    const { chart, v1, v2 } = setup();
    new VirtualService(chart, 'api', { metadata: { name: 'api', namespace: 'apps' }, domains: ['api.example.com'], routes: [{ matchers: [{ path: PathMatch.prefix('/v1') }], action: forward(v1) }] });
    new VirtualService(chart, 'all', { metadata: { name: 'all', namespace: 'apps' }, routes: [{ action: forward(v2) }] });
    expect(errorOf(() => synth(chart))).toMatch(new RegExp([
      '\\[test/all\\] domains: got "GET / to host api\\.example\\.com", expected only requests its own VirtualService takes in gloo ',
      '\\(gloo: test/api gives no route; gateway api: HTTPRoute apps/all rules\\[0\\] gives apps/shop-v2:8080=100%\\)',
    ].join('')));
  });

  test('a wildcard VirtualService is tried on a host it serves, not on one a more specific domain takes', () => {
    const { chart, v1, v2 } = setup();
    new VirtualService(chart, 'exact', { metadata: { name: 'exact', namespace: 'apps' }, domains: ['a.example.com'], routes: [{ action: forward(v1) }] });
    new VirtualService(chart, 'wild', { metadata: { name: 'wild', namespace: 'apps' }, domains: ['*.example.com'], routes: [{ matchers: [{ path: PathMatch.prefix('/y') }], action: forward(v1) }] });
    new VirtualService(chart, 'any', { metadata: { name: 'any', namespace: 'apps' }, routes: [{ matchers: [{ path: PathMatch.prefix('/x') }], action: forward(v2) }] });
    expect(errorOf(() => synth(chart))).toMatch(/\[test\/any\] domains: got "GET \/x to host b\.example\.com", expected only requests its own VirtualService takes in gloo \(gloo: test\/wild gives no route/);
  });

  test('VirtualServices on one Gateway whose domains do not overlap are accepted', () => {
    const { chart, v1, v2 } = setup();
    new VirtualService(chart, 'a', { metadata: { name: 'a', namespace: 'apps' }, domains: ['a.example.com'], routes: [{ action: forward(v1) }] });
    new VirtualService(chart, 'b', { metadata: { name: 'b', namespace: 'apps' }, domains: ['*.b.example.com'], routes: [{ action: forward(v2) }] });
    expect(ofKind(synth(chart), 'HTTPRoute').map(r => r.spec.hostnames)).toEqual([['a.example.com'], ['*.b.example.com']]);
  });

  test('a JSON patch written for the Gloo VirtualService', () => {
    const { chart, v1 } = setup();
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'apps' }, routes: [{ action: forward(v1) }] });
    ApiObject.of(vs).addJsonPatch(JsonPatch.add('/spec/virtualHost/options', { cors: {} }));
    expect(errorOf(() => synth(chart))).toMatch(/\[test\/vs\] addJsonPatch: got .*, expected patches that apply to the gateway\.networking\.k8s\.io\/v1 HTTPRoute it synthesizes as under the gateway api target/);
  });

  test('a JSON patch written for the Gloo VirtualService, with the schema check off', () => {
    const { chart, v1 } = setup();
    CrdSchemaCheck.disable(chart);
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'apps' }, routes: [{ action: forward(v1) }] });
    ApiObject.of(vs).addJsonPatch(JsonPatch.replace('/spec/virtualHost/domains', ['a.example.com']));
    expect(errorOf(() => synth(chart))).toMatch(/^\[test\/vs\] addJsonPatch: got .*, expected patches that apply to the gateway\.networking\.k8s\.io\/v1 HTTPRoute/);
  });

  test('a second target for the same app', () => {
    const app = Testing.app();
    GatewayApiTarget.apply(app, TARGET);
    expect(errorOf(() => GatewayApiTarget.apply(app, TARGET))).toMatch(/^\[\(app\)\] GatewayApiTarget\.apply: got "a second target", expected one GatewayApiTarget\.apply per app/);
  });

  test('a gatewayApiPath that is not a constant path', () => {
    const { chart } = setup();
    expect(errorOf(() => new Upstream(chart, 'u', { serviceName: 's', servicePort: 80, functions: { f: { method: 'GET', gatewayApiPath: '/a?b=1' } } })))
      .toBe('[test/u] functions.f.gatewayApiPath: got "/a?b=1", expected a constant path starting with "/", without query, fragment or template');
  });
});
