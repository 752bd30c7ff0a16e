import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Destination, HeaderMatch, PathMatch, QueryParameterMatch, RouteAction, RouteTable, Upstream, UpstreamGroup, VirtualService } from '../../src';
import { newChart, onlyManifest, synthYaml, vsRoutes } from '../util';

function setup() {
  const chart = newChart();
  const v1 = new Upstream(chart, 'v1', {
    serviceName: 'petstore-v1',
    servicePort: 8080,
    functions: { findPets: { method: 'GET', path: '/api/pets' }, findPetById: { method: 'GET', path: '/api/pets/{{ id }}' } },
  });
  const v2 = new Upstream(chart, 'v2', {
    serviceName: 'petstore-v2',
    servicePort: 8080,
    functions: { findPets: { method: 'GET', path: '/api/pets' }, findPetById: { method: 'GET', path: '/api/pets/{{ id }}' } },
  });
  const plain = new Upstream(chart, 'plain', { serviceName: 'plain', servicePort: 80 });
  const vs = new VirtualService(chart, 'vs', { metadata: { name: 'coalmine', namespace: 'gloo-system' }, displayName: 'coalmine' });
  return { chart, v1, v2, plain, vs };
}

describe('VirtualService', () => {
  test('defaults: domain *, no routes', () => {
    const chart = newChart();
    new VirtualService(chart, 'vs');
    expect(onlyManifest(chart, 'VirtualService').spec).toEqual({ virtualHost: { domains: ['*'] } });
  });

  test('renders every kind of matcher and action in the 1.x shape', () => {
    // GIVEN
    const { chart, v1, v2, plain, vs } = setup();
    const group = new UpstreamGroup(chart, 'group', { metadata: { name: 'pets' }, destinations: [{ destination: Destination.upstream(v1), weight: 9 }, { destination: Destination.upstream(v2), weight: 1 }] });
    const table = new RouteTable(chart, 'table', { metadata: { name: 'pets-rt', namespace: 'gloo-system' } });
    table.addRoute({ matchers: [{ path: PathMatch.prefix('/team/a') }], action: RouteAction.forward(Destination.upstream(plain)) });

    // WHEN
    vs.addRoute({
      name: 'header-canary',
      matchers: [{
        path: PathMatch.prefix('/findPets', { caseSensitive: false }),
        headers: [
          HeaderMatch.valueIs('x-canary', 'true'),
          HeaderMatch.valueMatchesRegex('x-beta', 'b.*'),
          HeaderMatch.isPresent('x-present'),
          HeaderMatch.valueIsNot('x-not', 'no'),
        ],
        queryParameters: [QueryParameterMatch.valueIs('debug', '1'), QueryParameterMatch.valueMatchesRegex('v', '[0-9]+')],
        methods: ['GET', 'HEAD'],
      }],
      action: RouteAction.forward(Destination.restFunction(v2, 'findPets')),
    });
    vs.addRoute({
      matchers: [{ path: PathMatch.exact('/one') }, { path: PathMatch.regex('/two/[a-z]+') }],
      action: RouteAction.forward(Destination.kubeService({ serviceName: 'svc', serviceNamespace: 'default', port: 80 })),
    });
    vs.addRoute({
      matchers: [{ path: PathMatch.prefix('/findPetWithId') }],
      action: RouteAction.weightedForward([
        { destination: Destination.restFunction(v2, 'findPetById', { parameters: { headers: { ':path': '/findPetWithId/{id}' } } }), weight: 10 },
        { destination: Destination.restFunction(v1, 'findPetById', { parameters: { headers: { ':path': '/findPetWithId/{id}' } } }), weight: 90 },
      ]),
    });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/group') }], action: RouteAction.upstreamGroup(group) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/team') }], action: RouteAction.delegate(table) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/petstore') }], action: RouteAction.forward(Destination.upstream(v1)), options: { prefixRewrite: '/api/pets', extra: { timeout: '5s' } } });

    // THEN
    expect(synthYaml(chart)).toMatchSnapshot();
  });

  test('routes render in the order added, which is the order Gloo evaluates them in', () => {
    const { chart, v1, v2, vs } = setup();
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/a') }], action: RouteAction.forward(Destination.upstream(v1)) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/b'), headers: [HeaderMatch.valueIs('x', '1')] }], action: RouteAction.forward(Destination.upstream(v2)) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/b') }], action: RouteAction.forward(Destination.upstream(v1)) });
    expect(vsRoutes(chart).map(r => [r.matchers[0].prefix, r.routeAction.single.upstream.name])).toEqual([
      ['/a', v1.name], ['/b', v2.name], ['/b', v1.name],
    ]);
    expect(vs.routes.map(r => r._label)).toEqual(['routes[0]', 'routes[1]', 'routes[2]']);
  });

  test('routes given as props come first, then added ones', () => {
    const { chart: first, v1 } = setup();
    const chart = new Chart(first.node.root as any, 'other');
    const vs = new VirtualService(chart, 'other', { domains: ['api.example.com'], routes: [{ matchers: [{ path: PathMatch.prefix('/x') }], action: RouteAction.forward(Destination.upstream(v1)) }] });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/y') }], action: RouteAction.forward(Destination.upstream(v1)) });
    const manifest = onlyManifest(chart, 'VirtualService');
    expect(manifest.spec.virtualHost.domains).toEqual(['api.example.com']);
    expect(manifest.spec.virtualHost.routes.map((r: any) => r.matchers[0].prefix)).toEqual(['/x', '/y']);
  });

  test('a function on an imported upstream is not checked', () => {
    const { chart, vs } = setup();
    const ext = Upstream.fromUpstreamName(chart, 'ext', 'default-ext-80');
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }], action: RouteAction.forward(Destination.restFunction(ext, 'anything')) });
    expect(vsRoutes(chart)[0].routeAction.single).toEqual({
      destinationSpec: { rest: { functionName: 'anything', parameters: {} } },
      upstream: { name: 'default-ext-80', namespace: 'gloo-system' },
    });
  });

  test('the escape hatch reaches the generated object', () => {
    const { chart, vs } = setup();
    ApiObject.of(vs).addJsonPatch(JsonPatch.add('/spec/virtualHost/options', { cors: { allowOrigin: ['*'] } }));
    expect(onlyManifest(chart, 'VirtualService').spec.virtualHost.options).toEqual({ cors: { allowOrigin: ['*'] } });
  });
});

describe('VirtualService input checks', () => {
  let chart: Chart; let v1: Upstream; let v2: Upstream; let plain: Upstream; let vs: VirtualService;
  beforeEach(() => ({ chart, v1, v2, plain, vs } = setup()));

  test('fails when a weight is not an integer', () => {
    expect(() => vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.weightedForward([{ destination: Destination.upstream(v1), weight: 1.5 }]) })).toThrow(
      '[test/vs] routes[0].routeAction.multi.destinations[0].weight: got 1.5, expected an integer from 0 to 4294967295 (hint: weights are uint32 ratios, not percentages)');
  });

  test.each([-1, 4294967296, NaN])('fails when a weight is %p', (weight) => {
    expect(() => vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.weightedForward([{ destination: Destination.upstream(v1), weight }]) })).toThrow(
      /routes\[0\]\.routeAction\.multi\.destinations\[0\]\.weight: got .*, expected an integer from 0 to 4294967295/);
  });

  test('fails when weighted destinations are empty', () => {
    expect(() => vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.weightedForward([]) })).toThrow(
      '[test/vs] routes[0].routeAction.multi.destinations: got [], expected at least one weighted destination');
  });

  test('fails when the weights add up to less than 1', () => {
    expect(() => vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.weightedForward([{ destination: Destination.upstream(v1), weight: 0 }, { destination: Destination.upstream(v2), weight: 0 }]) })).toThrow(
      '[test/vs] routes[0].routeAction.multi.destinations[*].weight: got 0, expected weights that add up to at least 1 (got 0 + 0)');
  });

  test('a single weight of 0 is fine when the total is at least 1', () => {
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.weightedForward([{ destination: Destination.upstream(v1), weight: 0 }, { destination: Destination.upstream(v2), weight: 1 }]) });
    expect(vsRoutes(chart)[0].routeAction.multi.destinations.map((d: any) => d.weight)).toEqual([0, 1]);
  });

  test('fails when a route has no action', () => {
    expect(() => vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }] } as any)).toThrow(
      '[test/vs] routes[0]: got {"matchers":[{"prefix":"/x"}]}, expected a route with an action: RouteAction.forward(...), RouteAction.weightedForward([...]), RouteAction.upstreamGroup(...), RouteAction.delegate(...), RouteAction.directResponse({...}) or RouteAction.redirect({...}) (hint: gloo rejects a route without an action');
  });

  test('fails when a JavaScript caller gives an action that is not a RouteAction', () => {
    expect(() => vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }], action: { single: { upstream: v1 } } } as any)).toThrow(
      '[test/vs] routes[0].action: got {"single":{"upstream":"<test/v1>"}}, expected a RouteAction: RouteAction.forward(...)');
  });

  test('fails when a JavaScript caller gives actions in the old shape, not a RouteAction', () => {
    const group = new UpstreamGroup(chart, 'g', { destinations: [{ destination: Destination.upstream(v1), weight: 1 }] });
    expect(() => vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }], destination: { upstream: v1 }, upstreamGroup: group } as any)).toThrow(
      '[test/vs] routes[0]: got {"matchers":[{"prefix":"/x"}]}, expected a route with an action: RouteAction.forward(...)');
  });

  test('fails when a matcher has headers but no path', () => {
    expect(() => vs.addRoute({ matchers: [{ headers: [HeaderMatch.valueIs('x-canary', 'true')] } as any], action: RouteAction.forward(Destination.upstream(v1)) })).toThrow(
      '[test/vs] routes[0].matchers[0]: got {"headers":[{"name":"x-canary","value":"true"}]}, expected a matcher with a path match, such as { path: PathMatch.prefix(\'/findPets\') } (hint: gloo rejects');
  });

  test('fails when a JavaScript caller gives a matcher in the old shape, with two path specifiers', () => {
    expect(() => vs.addRoute({ matchers: [{ prefix: '/a', exact: '/a' } as any], action: RouteAction.forward(Destination.upstream(v1)) })).toThrow(
      '[test/vs] routes[0].matchers[0]: got {"prefix":"/a","exact":"/a"}, expected a matcher with a path match, such as { path: PathMatch.prefix(\'/findPets\') }');
  });

  test('fails when a function is missing on an upstream of the app', () => {
    expect(() => vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }], action: RouteAction.forward(Destination.restFunction(v1, 'findPet')) })).toThrow(
      '[test/vs] routes[0].routeAction.single.destinationSpec.rest.functionName: got "findPet", expected one of the functions of upstream default-petstore-v1-8080: findPetById, findPets (hint: gloo rejects the route ("unknown function"))');
  });

  test('fails when a function route goes to an upstream without REST spec', () => {
    expect(() => vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }], action: RouteAction.forward(Destination.restFunction(plain, 'f')) })).toThrow(
      /routes\[0\]\.routeAction\.single\.destinationSpec\.rest\.functionName: got "f", expected an upstream with a REST spec, but upstream default-plain-80 has no functions/);
  });

  test('fails when a JavaScript caller gives a destination in the old shape, with no type or two', () => {
    expect(() => vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }], action: RouteAction.forward({} as any) })).toThrow(
      '[test/vs] routes[0].routeAction.single: got {}, expected a Destination, such as Destination.upstream(upstream) or Destination.restFunction(upstream, \'findPets\') (hint: gloo rejects a destination with no type');
    const both = { upstream: v1, kube: { serviceName: 's', serviceNamespace: 'd', port: 80 } };
    expect(() => vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }], action: RouteAction.forward(both as any) })).toThrow(
      '[test/vs] routes[0].routeAction.single: got {"upstream":"<test/v1>","kube":{"serviceName":"s","serviceNamespace":"d","port":80}}, expected exactly one of upstream, kube; got upstream and kube (hint: make a Destination with one of Destination.upstream, Destination.kubeService)');
  });

  test('fails for an invalid Kubernetes name', () => {
    expect(() => new VirtualService(chart, 'bad', { metadata: { name: 'Coal_Mine' } })).toThrow(
      '[test/bad] metadata.name: got "Coal_Mine", expected a lowercase RFC 1123 subdomain name');
  });

  test('fails for an empty domain', () => {
    expect(() => new VirtualService(chart, 'bad', { domains: [''] })).toThrow('[test/bad] domains[0]: got "", expected a non-empty domain');
  });

  test.each(['Bad_NS', 'n'.repeat(64)])('fails when the namespace is %p', (namespace) => {
    expect(() => new VirtualService(chart, 'bad', { metadata: { name: 'bad', namespace } })).toThrow(`[test/bad] metadata.namespace: got "${namespace}", expected a`);
    expect(() => new RouteTable(chart, 'rt', { metadata: { namespace } })).toThrow(`[test/rt] metadata.namespace: got "${namespace}", expected a`);
  });

  test('fails when two domains differ only in case', () => {
    expect(() => new VirtualService(chart, 'd', { domains: ['api.example.com', 'API.example.com'] })).toThrow(
      '[test/d] domains[1]: got "API.example.com", expected each domain once, ignoring case (domains[0] is "api.example.com") (hint: envoy lowercases domains and rejects a virtual host with duplicate domains)');
  });

  test.each(['https://x.example.com', 'x.example.com/api'])('fails when a domain is the URL %p', (domain) => {
    expect(() => new VirtualService(chart, 'd', { domains: [domain] })).toThrow(`[test/d] domains[0]: got "${domain}", expected a host name without a`);
  });

  test('fails when a kube destination names a Service no Service can have', () => {
    expect(() => vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.forward(Destination.kubeService({ serviceName: 'Reviews_V1', serviceNamespace: 'default', port: 80 })) })).toThrow(
      '[test/vs] routes[0].routeAction.single.kube.ref.name: got "Reviews_V1", expected a Service name that is a lowercase RFC 1035 label');
  });

  test('fails when a header matcher name has a space', () => {
    expect(() => vs.addRoute({ matchers: [{ path: PathMatch.prefix('/'), headers: [HeaderMatch.isPresent('x canary')] }], action: RouteAction.forward(Destination.upstream(v1)) })).toThrow(
      '[test/vs] routes[0].matchers[0].headers[0].name: got "x canary", expected a header name that is an HTTP token (letters, digits and !#$%&\'*+-.^_`|~, no spaces), such as "x-canary" (hint: envoy refuses requests with such a header, so the matcher never matches)');
  });

  test('reports every problem of a route at once', () => {
    expect(() => vs.addRoute({ matchers: [{ path: PathMatch.prefix('findPets'), methods: ['get'] }], action: RouteAction.weightedForward([{ destination: Destination.upstream(v1), weight: -1 }]) })).toThrow(
      /^3 problems:\n {2}\[test\/vs\] routes\[0\]\.matchers\[0\]\.prefix: got "findPets", .*\n {2}\[test\/vs\] routes\[0\]\.matchers\[0\]\.methods\[0\]: .*\n {2}\[test\/vs\] routes\[0\]\.routeAction\.multi\.destinations\[0\]\.weight: /);
  });
});
