import { Duration } from 'cdk8s';
import { crdProblems, errorOf, fixture, render, rulesOf } from './render-fixture';
import {
  Destination, HashPolicy, HeaderMatch, HostRewrite, PathMatch, QueryParameterMatch, RedirectResponseCode, RouteAction, RouteTable, Upstream,
  UpstreamGroup,
} from '../../src';
import { scaleWeights } from '../../src/gateway-api/backend-render';
import { unmovedHint } from '../../src/gateway-api/unmoved-fields';

const V1_REF = { name: 'shop-v1', port: 8080 };
const V2_REF = { name: 'shop-v2', port: 8080 };

describe('renderHttpRoutes: the HTTPRoute', () => {
  test('attaches to the Gateway, in the route namespace, with the hostnames given; passes the CRD schema and rules', () => {
    const f = fixture();
    const rendering = render([{ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.forward(Destination.upstream(f.v1)) }],
      { hostnames: ['shop.example.com'] }, f);
    expect(rendering.manifests).toEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'shop', namespace: 'apps' },
      spec: {
        parentRefs: [{ name: 'gw', namespace: 'gateways' }],
        hostnames: ['shop.example.com'],
        rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [V1_REF] }],
      },
    }]);
    expect(crdProblems(rendering.manifests)).toEqual([]);
    expect(rendering.acceptedDifferences).toEqual([]);
  });

  test('more than 16 rules go to further HTTPRoutes named -02, -03, ... that route alike in either creation order', () => {
    const f = fixture();
    const routes = Array.from({ length: 17 }, (_, i) => ({ matchers: [{ path: PathMatch.exact(`/p${i}`) }], action: RouteAction.forward(Destination.upstream(i % 2 ? f.v1 : f.v2)) }));
    const rendering = render(routes, {}, f);
    expect(rendering.manifests.map(m => [m.metadata.name, m.spec.rules.length])).toEqual([['shop', 16], ['shop-02', 1]]);
    expect(crdProblems(rendering.manifests)).toEqual([]);
  });

  test('a backend in another namespace than the route names its namespace', () => {
    const f = fixture();
    const other = new Upstream(f.chart, 'other', { serviceName: 'legacy', serviceNamespace: 'old', servicePort: 80 });
    expect(rulesOf(render([{ action: RouteAction.forward(Destination.upstream(other)) }], {}, f))[0].backendRefs).toEqual([{ name: 'legacy', namespace: 'old', port: 80 }]);
  });

  test('a kube Service destination is its own backendRef', () => {
    const rules = rulesOf(render([{ action: RouteAction.forward(Destination.kubeService({ serviceName: 'web', serviceNamespace: 'apps', port: 80 })) }]));
    expect(rules[0].backendRefs).toEqual([{ name: 'web', port: 80 }]);
  });
});

describe('renderHttpRoutes: matchers', () => {
  const forward = (f: ReturnType<typeof fixture>) => RouteAction.forward(Destination.upstream(f.v1));

  test('a character prefix is a PathPrefix plus a RegularExpression for the rest of the element', () => {
    const f = fixture();
    expect(rulesOf(render([{ matchers: [{ path: PathMatch.prefix('/api.v1') }], action: forward(f) }], {}, f))[0].matches).toEqual([
      { path: { type: 'PathPrefix', value: '/api.v1' } },
      { path: { type: 'RegularExpression', value: '/api\\.v1[^/].*' } },
    ]);
  });

  test('a prefix ending in / is a RegularExpression (a PathPrefix would match the path without the slash)', () => {
    const f = fixture();
    expect(rulesOf(render([{ matchers: [{ path: PathMatch.prefix('/api/') }], action: forward(f) }], {}, f))[0].matches).toEqual([
      { path: { type: 'RegularExpression', value: '/api/.*' } },
    ]);
  });

  test('exact is Exact, regex is RegularExpression, caseSensitive false is a (?i) RegularExpression', () => {
    const f = fixture();
    const rules = rulesOf(render([
      { matchers: [{ path: PathMatch.exact('/healthz') }], action: forward(f) },
      { matchers: [{ path: PathMatch.regex('/pets/[0-9]+') }], action: forward(f) },
      { matchers: [{ path: PathMatch.prefix('/Shop', { caseSensitive: false }) }], action: forward(f) },
    ], {}, f));
    expect(rules.map(r => r.matches)).toEqual([
      [{ path: { type: 'Exact', value: '/healthz' } }],
      [{ path: { type: 'RegularExpression', value: '/pets/[0-9]+' } }],
      [{ path: { type: 'RegularExpression', value: '(?i)/Shop.*' } }],
    ]);
  });

  test('headers and query parameters match by value or regex; each method is a match of its own', () => {
    const f = fixture();
    const rules = rulesOf(render([{
      matchers: [{
        path: PathMatch.prefix('/'),
        headers: [HeaderMatch.valueIs('x-canary', 'true'), HeaderMatch.valueMatchesRegex('x-user', 'a.*')],
        queryParameters: [QueryParameterMatch.valueIs('v', '2'), QueryParameterMatch.valueMatchesRegex('id', '[0-9]+')],
        methods: ['GET', 'POST'],
      }],
      action: forward(f),
    }], {}, f));
    const common = {
      path: { type: 'PathPrefix', value: '/' },
      headers: [{ name: 'x-canary', type: 'Exact', value: 'true' }, { name: 'x-user', type: 'RegularExpression', value: 'a.*' }],
      queryParams: [{ name: 'v', type: 'Exact', value: '2' }, { name: 'id', type: 'RegularExpression', value: '[0-9]+' }],
    };
    expect(rules[0].matches).toEqual([{ ...common, method: 'GET' }, { ...common, method: 'POST' }]);
  });

  test('fails when a header condition is presence-only or inverted', () => {
    const f = fixture();
    expect(errorOf(() => render([
      { matchers: [{ path: PathMatch.prefix('/a'), headers: [HeaderMatch.isPresent('x-canary')] }], action: forward(f) },
      { matchers: [{ path: PathMatch.prefix('/b'), headers: [HeaderMatch.valueIsNot('x-canary', 'true')] }], action: forward(f) },
    ], {}, f))).toBe([
      '2 problems:',
      '  [test/vs] routes[0].matchers[0].headers[0]: got {"name":"x-canary"}, expected a header matched by value or regex (a presence condition has no gateway api equivalent: header matches need a value and cannot be inverted) (hint: match a value, e.g. HeaderMatch.valueIs("x-canary", "true"))',
      '  [test/vs] routes[1].matchers[0].headers[0]: got {"name":"x-canary","value":"true","invertMatch":true}, expected a header matched by value or regex (an inverted condition has no gateway api equivalent: header matches need a value and cannot be inverted) (hint: match a value, e.g. HeaderMatch.valueIs("x-canary", "true"))',
    ].join('\n'));
  });

  test('fails when a query parameter condition is presence-only', () => {
    const f = fixture();
    expect(errorOf(() => render([{ matchers: [{ path: PathMatch.prefix('/a'), queryParameters: [QueryParameterMatch.isPresent('debug')] }], action: forward(f) }], {}, f)))
      .toBe('[test/vs] routes[0].matchers[0].queryParameters[0]: got {"name":"debug"}, expected a query parameter matched by value or regex (a presence condition has no gateway api equivalent)');
  });

  test('fails when gateway api precedence would route a request to another route than gloo\'s first match', () => {
    const f = fixture();
    expect(errorOf(() => render([
      { matchers: [{ path: PathMatch.prefix('/api'), headers: [HeaderMatch.valueIs('x-canary', 'true')] }], action: RouteAction.forward(Destination.upstream(f.v2)) },
      { matchers: [{ path: PathMatch.exact('/api/users') }], action: forward(f) },
    ], {}, f))).toBe('[test/vs] routes[0] and routes[1]: got "GET /api/users {\\"x-canary\\":\\"true\\"}", expected the same routing from both gateways '
      + '(gloo: apps/shop-v2:8080=100%; gateway api: apps/shop-v1:8080=100% by apps/shop rules[1]) (hint: gateway api picks the most specific match '
      + '(exact path, longest prefix, method, headers, query) where gloo takes the first route; reorder the routes or make the earlier one more specific)');
  });
});

describe('renderHttpRoutes: actions', () => {
  test('a weighted forward keeps its weights', () => {
    const f = fixture();
    const rules = rulesOf(render([{
      action: RouteAction.weightedForward([
        { destination: Destination.upstream(f.v2), weight: 10 },
        { destination: Destination.upstream(f.v1), weight: 90 },
      ]),
    }], {}, f));
    expect(rules[0].backendRefs).toEqual([{ ...V2_REF, weight: 10 }, { ...V1_REF, weight: 90 }]);
  });

  test('weights above 1,000,000 are scaled, keeping their ratio and keeping a weight above 0 above 0', () => {
    expect(scaleWeights([10, 90])).toEqual([10, 90]);
    expect(scaleWeights([2_000_000, 6_000_000])).toEqual([1, 3]);
    expect(scaleWeights([1, 4_294_967_295, 0])).toEqual([1, 1_000_000, 0]);
  });

  test('an UpstreamGroup becomes its weights on the route', () => {
    const f = fixture();
    const group = new UpstreamGroup(f.chart, 'group', {
      destinations: [{ destination: Destination.upstream(f.v1), weight: 3 }, { destination: Destination.upstream(f.v2), weight: 1 }],
    });
    const rules = rulesOf(render([{ action: RouteAction.upstreamGroup(group) }], {}, f));
    expect(rules[0].backendRefs).toEqual([{ ...V1_REF, weight: 3 }, { ...V2_REF, weight: 1 }]);
  });

  test('a mirror is a RequestMirror filter with percent, or with a fraction for a fractional share', () => {
    const f = fixture();
    const rules = rulesOf(render([
      { matchers: [{ path: PathMatch.exact('/a') }], action: RouteAction.forward(Destination.upstream(f.v1)), mirror: { upstream: f.v2, percent: 25 } },
      { matchers: [{ path: PathMatch.exact('/b') }], action: RouteAction.forward(Destination.upstream(f.v1)), mirror: { upstream: f.v2, percent: 0.5 } },
    ], {}, f));
    expect(rules.map(r => r.filters)).toEqual([
      [{ type: 'RequestMirror', requestMirror: { backendRef: V2_REF, percent: 25 } }],
      [{ type: 'RequestMirror', requestMirror: { backendRef: V2_REF, fraction: { numerator: 5, denominator: 1000 } } }],
    ]);
  });

  test('a prefix rewrite is a URLRewrite ReplacePrefixMatch, one rule per prefix', () => {
    const f = fixture();
    const rendering = render([{
      matchers: [{ path: PathMatch.prefix('/petstore') }, { path: PathMatch.prefix('/shop') }],
      action: RouteAction.forward(Destination.upstream(f.v1)),
      options: { prefixRewrite: '/api/pets' },
    }], { acceptNarrowedPrefixes: true }, f);
    const rewrite = [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/api/pets' } } }];
    expect(rulesOf(rendering)).toEqual([
      { matches: [{ path: { type: 'PathPrefix', value: '/petstore' } }], filters: rewrite, backendRefs: [V1_REF] },
      { matches: [{ path: { type: 'PathPrefix', value: '/shop' } }], filters: rewrite, backendRefs: [V1_REF] },
    ]);
    expect(crdProblems(rendering.manifests)).toEqual([]);
    expect([...new Set(rendering.acceptedDifferences.map(d => `${d.request.split(' ')[1]} ${d.expected}`))]).toEqual(['/petstorex narrowed prefix', '/shopx narrowed prefix']);
  });

  test('fails when a rewritten character prefix would stop matching paths, unless that is accepted', () => {
    const f = fixture();
    expect(errorOf(() => render([{ matchers: [{ path: PathMatch.prefix('/petstore') }], action: RouteAction.forward(Destination.upstream(f.v1)), options: { prefixRewrite: '/api' } }], {}, f)))
      .toBe('[test/vs] routes[0]: got "GET /petstorex", expected the same routing from both gateways (gloo: apps/shop-v1:8080=100%; gateway api: no route) '
        + '(hint: a gloo character prefix that is rewritten cannot be matched by a PathPrefix; set acceptNarrowedPrefixes to accept that such paths are not routed)');
  });

  test('fails when a prefix rewrite is on a regex or case-insensitive exact matcher', () => {
    const f = fixture();
    expect(errorOf(() => render([{ matchers: [{ path: PathMatch.regex('/a.*') }], action: RouteAction.forward(Destination.upstream(f.v1)), options: { prefixRewrite: '/b' } }], {}, f)))
      .toBe('[test/vs] routes[0].matchers[0].regex: got "/a.*", expected prefix or exact matchers only on a route that rewrites the prefix '
        + '(replacePrefixMatch needs a PathPrefix match; an exact path is replaced in full)');
    expect(errorOf(() => render([{ matchers: [{ path: PathMatch.exact('/a', { caseSensitive: false }) }], action: RouteAction.forward(Destination.upstream(f.v1)), options: { prefixRewrite: '/b' } }], {}, fixture())))
      .toContain('routes[0].matchers[0].caseSensitive: got false, expected a case-sensitive prefix matcher on a route that rewrites the prefix');
  });

  test('a prefix rewrite on an exact matcher replaces the full path in that matcher\'s rule (Envoy swaps the whole path an exact match matched)', () => {
    const f = fixture();
    const rendering = render([{
      matchers: [{ path: PathMatch.exact('/old') }, { path: PathMatch.prefix('/legacy') }],
      action: RouteAction.forward(Destination.upstream(f.v1)),
      options: { prefixRewrite: '/api/' },
    }], { acceptNarrowedPrefixes: true }, f);
    expect(crdProblems(rendering.manifests)).toEqual([]);
    expect(rulesOf(rendering).map(r => [r.matches[0].path, r.filters[0].urlRewrite.path])).toEqual([
      [{ type: 'Exact', value: '/old' }, { type: 'ReplaceFullPath', replaceFullPath: '/api/' }],
      [{ type: 'PathPrefix', value: '/legacy' }, { type: 'ReplacePrefixMatch', replacePrefixMatch: '/api/' }],
    ]);
    const redirect = render([{ matchers: [{ path: PathMatch.exact('/moved') }], action: RouteAction.redirect({ prefixRewrite: '/here' }) }]);
    expect(rulesOf(redirect)[0].filters[0].requestRedirect.path).toEqual({ type: 'ReplaceFullPath', replaceFullPath: '/here' });
  });

  test('fails when the route delegates to a RouteTable that is not under the target, or from a RouteTable', () => {
    const f = fixture();
    const table = new RouteTable(f.chart, 'table', { metadata: { name: 'shop-routes', namespace: 'apps' } });
    expect(errorOf(() => render([{ matchers: [{ path: PathMatch.prefix('/api') }], action: RouteAction.delegate(table) }], { delegation: true }, f)))
      .toBe('[test/vs] routes[0].delegateAction.ref: got "apps/shop-routes", expected a RouteTable under the gateway api target');
    expect(errorOf(() => render([{ matchers: [{ path: PathMatch.prefix('/api') }], action: RouteAction.delegate(table) }], {}, fixture())))
      .toContain('routes[0].delegateAction: got "apps/shop-routes", expected no delegation from a RouteTable (nested delegation is not rendered yet)');
  });

  test('fails when an Upstream or an UpstreamGroup is imported, so its Service or weights are unknown', () => {
    const f = fixture();
    const imported = Upstream.fromUpstreamName(f.chart, 'imported', 'default-legacy-80');
    const group = UpstreamGroup.fromUpstreamGroupName(f.chart, 'imported-group', 'canary');
    expect(errorOf(() => render([
      { matchers: [{ path: PathMatch.prefix('/a') }], action: RouteAction.forward(Destination.upstream(imported)) },
      { matchers: [{ path: PathMatch.prefix('/b') }], action: RouteAction.upstreamGroup(group) },
    ], {}, f))).toBe([
      '2 problems:',
      '  [test/vs] routes[0].routeAction.single.upstream: got "gloo-system/default-legacy-80", expected an Upstream whose Kubernetes Service is known (an imported Upstream has none unless the app says it) '
        + '(hint: say which Service it stands for: Upstream.fromUpstreamName(scope, id, name, { service: { serviceName, serviceNamespace, port } }), '
        + 'or Upstream.fromDiscoveredService(scope, id, { serviceName, serviceNamespace, port }) for one Gloo\'s discovery made; or define it with new Upstream(...))',
      '  [test/vs] routes[1].routeAction.upstreamGroup: got "gloo-system/canary", expected an UpstreamGroup defined in this app, whose destinations are known',
    ].join('\n'));
  });

  test('fails when the route sets gloo options that have no mapping', () => {
    const f = fixture();
    expect(errorOf(() => render([{ action: RouteAction.forward(Destination.upstream(f.v1)), options: { extra: { timeout: '5s' } } }], {}, f)))
      .toBe('[test/vs] routes[0].options.timeout: got "5s", expected no gloo route options other than prefixRewrite, headerManipulation, timeout, hostRewrite, retries, csrf, extauth, regexRewrite, cors under the gateway api target '
        + '(hint: the gateway api target does not know this route option; keep it on Gloo until it moves, or drop it)');
  });

  test('a destination\'s header manipulation is its backendRef\'s filters; its other options are refused, naming the destination', () => {
    const f = fixture();
    const rendering = render([{
      action: RouteAction.weightedForward([
        { destination: Destination.upstream(f.v1), weight: 1 },
        { destination: Destination.upstream(f.v2), weight: 1, options: { headerManipulation: { requestHeadersToRemove: ['x-a'], responseHeadersToAdd: [{ name: 'x-v', value: '2' }] } } },
      ]),
    }], {}, f);
    expect(crdProblems(rendering.manifests)).toEqual([]);
    expect(rulesOf(rendering)[0].backendRefs).toEqual([
      { name: 'shop-v1', port: 8080, weight: 1 },
      {
        name: 'shop-v2',
        port: 8080,
        weight: 1,
        filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { remove: ['x-a'] } }, { type: 'ResponseHeaderModifier', responseHeaderModifier: { add: [{ name: 'x-v', value: '2' }] } }],
      },
    ]);
    const g = fixture();
    expect(errorOf(() => render([{
      action: RouteAction.weightedForward([
        { destination: Destination.upstream(g.v1), weight: 1 },
        { destination: Destination.upstream(g.v2), weight: 1, options: { csrf: { enforcedPercent: 100 } } },
      ]),
    }], {}, g))).toBe('[test/vs] routes[0].routeAction.multi.destinations[1].options.csrf: got {"enforcedPercent":100}, '
      + 'expected no per-destination options other than headerManipulation under the gateway api target (hint: no gateway api or kgateway field carries it: '
      + 'kgateway attaches policies to an HTTPRoute or its rules, not to one of a rule\'s backends; set the option on the whole route if every share may have it, '
      + 'or keep this VirtualService on Gloo until it moves)');
  });

  test('fails, naming the field, for a direct response kgateway cannot send as Gloo did, and for a redirect that strips the query', () => {
    expect(errorOf(() => render([{ action: RouteAction.directResponse({ status: 200, body: 'x'.repeat(4097) }) }])))
      .toBe('[test/vs] routes[0].directResponseAction.body: got "4097 characters", expected a body of at most 4096 characters (kgateway\'s DirectResponse)');
    expect(errorOf(() => render([{ action: RouteAction.directResponse({ status: 200 }), options: { headerManipulation: { responseHeadersToRemove: ['x'] } } }])))
      .toContain('routes[0].options.headerManipulation: got {"responseHeadersToRemove":["x"]}, expected no header manipulation, cors, rewrite or mirror on a direct response');
    expect(errorOf(() => render([{ action: RouteAction.directResponse({ status: 200 }), options: { cors: { allowOrigin: ['*'] } } }])))
      .toContain('routes[0].options.cors: got {"allowOrigin":["*"]}, expected no header manipulation, cors, rewrite or mirror on a direct response');
    expect(errorOf(() => render([{ action: RouteAction.redirect({ https: true }), options: { cors: { allowOrigin: ['*'] } } }])))
      .toContain('routes[0].options.cors: got {"allowOrigin":["*"]}, expected no cors on a redirect');
    expect(errorOf(() => render([{ action: RouteAction.redirect({ https: true, stripQuery: true }) }], {}, fixture())))
      .toBe('[test/vs] routes[0].redirectAction.stripQuery: got true, expected a redirect that keeps the query string (hint: gateway api\'s RequestRedirect has no way to drop it)');
  });

  test.each([
    ['faults', { abort: { percent: 10, httpStatus: 503 } }, 'no gateway api or kgateway field carries it: kgateway v2.2 has no fault injection'],
    ['hashPolicies', [HashPolicy.header('x-user')], 'kgateway has BackendConfigPolicy loadBalancer.ringHash.hashPolicies, loadBalancer.maglev.hashPolicies'],
    // the options typed from the CRD
    ['jwt', { disable: true }, 'kgateway has TrafficPolicy jwtAuth.extensionRef'],
    ['stagedTransformations', { regular: { requestTransforms: [{ requestTransformation: { transformationTemplate: { headers: { 'x-a': { text: 'b' } } } } }] } }, 'TrafficPolicy transformation.request'],
    ['bufferPerRoute', { buffer: { maxRequestBytes: 1024 } }, 'kgateway has TrafficPolicy buffer.maxRequestSize, buffer.disable (it always buffers; Gloo buffered a route only when its Gateway\'s listener had the buffer filter)'],
  ])('fails, naming the field and what to do instead, when the route sets the typed option %s', (field, value, fragment) => {
    const f = fixture();
    const message = errorOf(() => render([{ action: RouteAction.forward(Destination.upstream(f.v1)), options: { [field]: value } }], {}, f));
    const head = `[test/vs] routes[0].options.${field}: got `;
    expect(message.startsWith(head)).toBe(true);
    expect(message).toContain(fragment);
    expect(message.endsWith(', expected no gloo route options other than prefixRewrite, headerManipulation, timeout, hostRewrite, retries, csrf, extauth, regexRewrite, cors '
      + `under the gateway api target (hint: ${unmovedHint('route option', field)})`)).toBe(true);
  });

  test('fails, naming the field, when the route names RouteOption objects', () => {
    const f = fixture();
    expect(errorOf(() => render([{ action: RouteAction.forward(Destination.upstream(f.v1)), optionsConfigRefs: [{ name: 'shared', namespace: 'gloo-system' }] }], {}, f)))
      .toBe('[test/vs] routes[0].optionsConfigRefs: got [{"name":"shared","namespace":"gloo-system"}], expected no RouteOption references under the gateway api target '
        + '(hint: no gateway api or kgateway field carries it: write the referenced options inline (cdk8s-gloo-canary adopt reads the RouteOption or VirtualHostOption '
        + 'with the VirtualService), then they move as options)');
  });
});

describe('renderHttpRoutes: REST functions', () => {
  test('findPetById with its id from the path is a GET match and a ReplacePrefixMatch to the function\'s path', () => {
    const f = fixture();
    const rendering = render([{
      matchers: [{ path: PathMatch.prefix('/findPetWithId') }],
      action: RouteAction.forward(Destination.restFunction(f.v1, 'findPetById', { parameters: { headers: { ':path': '/findPetWithId/{id}' } } })),
    }], { acceptNarrowedPrefixes: true, acceptFunctionMethodMatch: true }, f);
    expect(rulesOf(rendering)).toEqual([{
      matches: [{ path: { type: 'PathPrefix', value: '/findPetWithId' }, method: 'GET' }],
      filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/api/pets' } } }],
      backendRefs: [V1_REF],
    }]);
    expect(crdProblems(rendering.manifests)).toEqual([]);
    // Gloo calls the function whatever the request's method; the Gateway only routes GET there, and answers others 404.
    expect(rendering.acceptedDifferences.filter(d => d.expected === 'function method').map(d => d.request)).toContain('POST /findPetWithId/x');
  });

  test('refuses the method difference of a function route unless acceptFunctionMethodMatch is set', () => {
    const f = fixture();
    expect(errorOf(() => render([{
      matchers: [{ path: PathMatch.prefix('/findPetWithId') }],
      action: RouteAction.forward(Destination.restFunction(f.v1, 'findPetById', { parameters: { headers: { ':path': '/findPetWithId/{id}' } } })),
    }], { acceptNarrowedPrefixes: true }, f))).toMatch(
      /^3 problems:\n {2}\[test\/vs\] routes\[0\]: got "POST \/findPetWithId", expected the same routing from both gateways \(gloo: apps\/shop-v1:8080=100%; gateway api: no route\) \(hint: gloo calls the function whatever the request's method, .*set acceptFunctionMethodMatch/);
  });

  test('deletePet sets its constant content-type with a RequestHeaderModifier', () => {
    const f = fixture();
    const rules = rulesOf(render([{
      matchers: [{ path: PathMatch.prefix('/pets') }],
      action: RouteAction.forward(Destination.restFunction(f.v1, 'deletePet', { parameters: { headers: { ':path': '/pets/{id}' } } })),
    }], { acceptNarrowedPrefixes: true, acceptFunctionMethodMatch: true }, f));
    expect(rules[0]).toEqual({
      matches: [{ path: { type: 'PathPrefix', value: '/pets' }, method: 'DELETE' }],
      filters: [
        { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/api/pets' } } },
        { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'content-type', value: 'application/json' }] } },
      ],
      backendRefs: [V1_REF],
    });
  });

  test('fails when the function\'s path has a query template (findPets)', () => {
    const f = fixture();
    expect(errorOf(() => render([{ matchers: [{ path: PathMatch.prefix('/findPets') }], action: RouteAction.forward(Destination.restFunction(f.v1, 'findPets')) }], {}, f)))
      .toBe('[test/vs] routes[0].routeAction.single.upstream.functions.findPets.path: got "/api/pets?tags={{default(tags, \\"\\")}}&limit={{default(limit, \\"\\")}}", '
        + 'expected a path without a query template (gateway api cannot rewrite the query string) (hint: function findPets of upstream apps-shop-v1-8080 '
        + 'cannot be written as gateway api filters; a kgateway TrafficPolicy transformation (inja templates) can express it, which this renderer does not write; '
        + 'if a constant path does what the call needs, set gatewayApiPath on the function)');
  });

  test('fails when the function has a body template (addPet)', () => {
    const f = fixture();
    expect(errorOf(() => render([{ matchers: [{ path: PathMatch.exact('/addPet') }], action: RouteAction.forward(Destination.restFunction(f.v1, 'addPet')) }], {}, f)))
      .toMatch(/^\[test\/vs\] routes\[0\]\.routeAction\.single\.upstream\.functions\.addPet\.body: got .*, expected no body template \(gateway api cannot write a request body\) \(hint: function addPet/);
  });

  test('fails when a parameter comes from another header than :path', () => {
    const f = fixture();
    expect(errorOf(() => render([{
      matchers: [{ path: PathMatch.prefix('/pet') }],
      action: RouteAction.forward(Destination.restFunction(f.v1, 'findPetById', { parameters: { headers: { 'x-id': '{id}' } } })),
    }], {}, f))).toMatch(/^\[test\/vs\] routes\[0\]\.routeAction\.single\.destinationSpec\.rest\.parameters\.headers\.x-id: got "\{id\}", expected parameters from the :path header only \(hint: function findPetById/);
  });

  test('fails when the :path template does not take the parameter from the element after the prefix', () => {
    const f = fixture();
    expect(errorOf(() => render([{
      matchers: [{ path: PathMatch.prefix('/pet') }],
      action: RouteAction.forward(Destination.restFunction(f.v1, 'findPetById', { parameters: { headers: { ':path': '/other/{id}' } } })),
    }], {}, f))).toMatch(/^\[test\/vs\] routes\[0\]\.routeAction\.single\.destinationSpec\.rest\.parameters\.headers\.:path: got "\/other\/\{id\}", expected a template "\/pet\/\{id\}"/);
  });

  test('fails when the function is called on an imported Upstream', () => {
    const f = fixture();
    const imported = Upstream.fromUpstreamName(f.chart, 'imported', 'default-legacy-80');
    expect(errorOf(() => render([{ matchers: [{ path: PathMatch.prefix('/a') }], action: RouteAction.forward(Destination.restFunction(imported, 'findPetById')) }], {}, f)))
      .toMatch(/^\[test\/vs\] routes\[0\]\.routeAction\.single\.upstream: got "gloo-system\/default-legacy-80", expected an Upstream whose Kubernetes Service is known/);
  });
});

describe('renderHttpRoutes: header manipulation', () => {
  test('becomes header modifiers: appended headers add, the others set, removed ones remove; responses likewise', () => {
    const f = fixture();
    const rendering = render([{
      action: RouteAction.forward(Destination.upstream(f.v1)),
      options: {
        headerManipulation: {
          requestHeadersToAdd: [{ name: 'x-team', value: 'pets' }, { name: 'x-env', value: 'prod', append: false }],
          requestHeadersToRemove: ['x-debug'],
          responseHeadersToAdd: [{ name: 'strict-transport-security', value: 'max-age=600', append: false }],
          responseHeadersToRemove: ['server'],
        },
      },
    }], {}, f);
    expect(crdProblems(rendering.manifests)).toEqual([]);
    expect(rulesOf(rendering)[0].filters).toEqual([
      { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-env', value: 'prod' }], add: [{ name: 'x-team', value: 'pets' }], remove: ['x-debug'] } },
      { type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'strict-transport-security', value: 'max-age=600' }], remove: ['server'] } },
    ]);
  });

  test('a value Envoy would format is refused', () => {
    const f = fixture();
    expect(errorOf(() => render([{
      action: RouteAction.forward(Destination.upstream(f.v1)),
      options: { headerManipulation: { requestHeadersToAdd: [{ name: 'x-client', value: '%DOWNSTREAM_REMOTE_ADDRESS%' }] } },
    }], {}, f))).toContain('routes[0].options.headerManipulation.requestHeadersToAdd[0].header.value: got "%DOWNSTREAM_REMOTE_ADDRESS%", expected a value without %');
  });
});

describe('renderHttpRoutes: timeout and host rewrite', () => {
  test('a timeout is the rule\'s request timeout, and a literal host rewrite the URLRewrite hostname beside the path', () => {
    const f = fixture();
    const rendering = render([{
      matchers: [{ path: PathMatch.prefix('/api') }],
      action: RouteAction.forward(Destination.upstream(f.v1)),
      options: { timeout: Duration.millis(90_250), hostRewrite: HostRewrite.literal('api.internal'), prefixRewrite: '/v2' },
    }], { acceptNarrowedPrefixes: true }, f);
    expect(crdProblems(rendering.manifests)).toEqual([]);
    const rule = rulesOf(rendering)[0];
    expect(rule.timeouts).toEqual({ request: '1m30s250ms' });
    expect(rule.filters).toEqual([{ type: 'URLRewrite', urlRewrite: { hostname: 'api.internal', path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } } }]);
  });

  test('a host rewrite from a header, or a host with a port, is refused by name', () => {
    expect(errorOf(() => render([{ action: RouteAction.forward(Destination.upstream(fixture().v1)), options: { hostRewrite: HostRewrite.fromHeader('x-host') } }])))
      .toContain('routes[0].options.hostRewrite: got {"type":"from-header","value":"x-host"}, expected a literal or automatic host rewrite (HostRewrite.literal, HostRewrite.auto)');
    expect(errorOf(() => render([{ action: RouteAction.forward(Destination.upstream(fixture().v1)), options: { hostRewrite: HostRewrite.literal('api:8080') } }])))
      .toContain('routes[0].options.hostRewrite: got "api:8080", expected a host name without a port');
  });
});

describe('renderHttpRoutes: direct responses', () => {
  test('a rule without backends whose ExtensionRef filter names a kgateway DirectResponse, named after the HTTPRoute and rule', () => {
    const f = fixture();
    const rendering = render([
      { matchers: [{ path: PathMatch.exact('/healthz') }], action: RouteAction.directResponse({ status: 200, body: 'ok' }) },
      { matchers: [{ path: PathMatch.prefix('/gone') }], action: RouteAction.directResponse({ status: 410 }) },
      { matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.forward(Destination.upstream(f.v1)) },
    ], {}, f);
    expect(crdProblems(rendering.manifests)).toEqual([]);
    const [health, gone] = rulesOf(rendering);
    expect(health).toEqual({
      matches: [{ path: { type: 'Exact', value: '/healthz' } }],
      filters: [{ type: 'ExtensionRef', extensionRef: { group: 'gateway.kgateway.dev', kind: 'DirectResponse', name: 'shop-healthz' } }],
    });
    expect(gone.filters[0].extensionRef.name).toBe('shop-gone');
  });

  test('a direct response shadowed by Gateway API precedence differently from Gloo is found by the proof', () => {
    const f = fixture();
    // Gloo answers /gone/x with the forward (first match); Gateway API picks the longer prefix, the direct response
    expect(errorOf(() => render([
      { matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.forward(Destination.upstream(f.v1)) },
      { matchers: [{ path: PathMatch.prefix('/gone/') }], action: RouteAction.directResponse({ status: 410 }) },
    ], {}, f))).toContain('gateway api: direct response 410 by apps/shop rules[1]');
  });
});

describe('renderHttpRoutes: redirects', () => {
  test('a redirect is a RequestRedirect filter without backends, its status always written; a prefix rewrite needs one prefix match per rule', () => {
    const f = fixture();
    const rendering = render([
      { matchers: [{ path: PathMatch.prefix('/old') }], action: RouteAction.redirect({ host: 'www.example.com', prefixRewrite: '/new', https: true }) },
      { matchers: [{ path: PathMatch.exact('/moved') }], action: RouteAction.redirect({ path: '/here', responseCode: RedirectResponseCode.FOUND, port: 8443 }) },
    ], { acceptNarrowedPrefixes: true }, f);
    expect(crdProblems(rendering.manifests)).toEqual([]);
    const [prefix, full] = rulesOf(rendering);
    expect(prefix.backendRefs).toBeUndefined();
    expect(prefix.filters).toEqual([{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', hostname: 'www.example.com', path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' }, statusCode: 301 } }]);
    expect(full.filters).toEqual([{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/here' }, port: 8443, statusCode: 302 } }]);
  });
});

test('a redirect with header manipulation is refused by name, not rendered without it', () => {
  const f = fixture();
  expect(errorOf(() => render([{ action: RouteAction.redirect({ https: true }), options: { headerManipulation: { responseHeadersToRemove: ['server'] } } }], {}, f)))
    .toContain('routes[0].options.headerManipulation: got {"responseHeadersToRemove":["server"]}, expected no headerManipulation on a redirect');
});
