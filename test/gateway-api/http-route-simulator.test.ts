import { byPrecedence, Candidate, GatewayApiOutcome, GatewayApiRequest, HttpRouteSimulator, precedenceOf } from '../../src/gateway-api/http-route-simulator';

/** An HTTPRoute attached to the Gateway `gw`. */
function httpRoute(name: string, spec: any, metadata: any = {}): any {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, ...metadata },
    spec: { parentRefs: [{ name: 'gw' }], ...spec },
  };
}

/** A rule sending everything it matches to the Service `backend`. */
function rule(backend: string, ...matches: any[]): any {
  return { matches, backendRefs: [{ name: backend, port: 80 }] };
}

function prefix(value: string, extra: any = {}): any {
  return { path: { type: 'PathPrefix', value }, ...extra };
}

function exact(value: string, extra: any = {}): any {
  return { path: { type: 'Exact', value }, ...extra };
}

function routeOf(manifests: any[], request: Partial<GatewayApiRequest>) {
  return HttpRouteSimulator.forGateway('gw', manifests).route({ host: 'example.com', path: '/', ...request });
}

/** The Service names the request is sent to. */
function backendOf(manifests: any[], request: Partial<GatewayApiRequest>): string[] {
  return routeOf(manifests, request).backends.map(b => b.name);
}

describe('attaching routes', () => {
  test('takes only HTTPRoutes with a parentRef to the named Gateway', () => {
    const other = { ...httpRoute('other', { rules: [rule('x')] }), spec: { parentRefs: [{ name: 'gw2' }], rules: [rule('x')] } };
    const notGateway = { ...httpRoute('svc', {}), spec: { parentRefs: [{ name: 'gw', kind: 'Service', group: '' }] } };
    const sim = HttpRouteSimulator.forGateway('gw', [httpRoute('mine', {}), other, notGateway, { kind: 'Service', metadata: { name: 'gw' } }]);
    expect(sim.attachedRoutes).toEqual(['default/mine']);
  });

  test('with gatewayNamespace, a parentRef without a namespace points at the route\'s namespace', () => {
    const sameNs = httpRoute('a', {}, { namespace: 'infra' });
    const elsewhere = httpRoute('b', {}, { namespace: 'apps' });
    const explicit = { ...httpRoute('c', {}, { namespace: 'apps' }), spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }] } };
    const sim = HttpRouteSimulator.forGateway('gw', [sameNs, elsewhere, explicit], { gatewayNamespace: 'infra' });
    expect(sim.attachedRoutes).toEqual(['infra/a', 'apps/c']);
  });

  test('a request no rule matches gets NOT_FOUND (404)', () => {
    const result = routeOf([httpRoute('r', { rules: [rule('v1', prefix('/api'))] })], { path: '/other?x=1' });
    expect(result).toEqual({ outcome: GatewayApiOutcome.NOT_FOUND, backends: [], mirrors: [], path: '/other?x=1', host: 'example.com', headers: {} });
  });
});

describe('hostnames', () => {
  const routes = [
    httpRoute('exact', { hostnames: ['test.example.com'], rules: [rule('exact-host')] }),
    httpRoute('wild', { hostnames: ['*.example.com'], rules: [rule('wildcard-host')] }),
  ];

  test.each([
    ['test.example.com', ['exact-host']],
    ['TEST.example.com:8080', ['exact-host']],
    ['foo.example.com', ['wildcard-host']],
    ['foo.test.example.com', ['wildcard-host']],
    ['example.com', []],
    ['test.example.net', []],
  ])('host %s routes to %p', (host, expected) => {
    expect(backendOf(routes, { host })).toEqual(expected);
  });

  test('a route without hostnames matches any host', () => {
    expect(backendOf([httpRoute('any', { rules: [rule('v1')] })], { host: 'anything.test' })).toEqual(['v1']);
  });

  test('precedence 0a: the route with the longer matching non-wildcard hostname wins over a more specific path', () => {
    const manifests = [
      httpRoute('a-host', { hostnames: ['foo.example.com'], rules: [rule('by-host', prefix('/'))] }),
      httpRoute('b-path', { hostnames: ['*.example.com'], rules: [rule('by-path', exact('/x'))] }),
    ];
    expect(backendOf(manifests, { host: 'foo.example.com', path: '/x' })).toEqual(['by-host']);
    expect(backendOf(manifests, { host: 'bar.example.com', path: '/x' })).toEqual(['by-path']);
  });

  test('precedence 0a: a non-wildcard hostname wins over a wildcard of the same length', () => {
    const manifests = [
      httpRoute('a', { hostnames: ['*.example.com'], rules: [rule('wildcard')] }),
      httpRoute('b', { hostnames: ['x.example.com'], rules: [rule('exact')] }),
    ];
    expect(backendOf(manifests, { host: 'x.example.com' })).toEqual(['exact']);
  });

  test('precedence 0b: between wildcards, the longer matching hostname wins', () => {
    const manifests = [
      httpRoute('a', { hostnames: ['*.example.com'], rules: [rule('short')] }),
      httpRoute('b', { hostnames: ['*.foo.example.com'], rules: [rule('long')] }),
    ];
    expect(backendOf(manifests, { host: 'x.foo.example.com' })).toEqual(['long']);
  });
});

describe('path matching', () => {
  test.each([
    ['/foo', true], ['/foo/', true], ['/foo/bar', true], ['/foobar', false], ['/fo', false], ['/', false], ['/foo?q=1', true],
  ])('PathPrefix /foo against %s: %p', (path, matches) => {
    expect(backendOf([httpRoute('r', { rules: [rule('v1', prefix('/foo'))] })], { path })).toEqual(matches ? ['v1'] : []);
  });

  test.each([['/foo', true], ['/foo/', true], ['/foo/bar', true], ['/foobar', false]])('PathPrefix /foo/ (trailing slash ignored) against %s: %p', (path, matches) => {
    expect(backendOf([httpRoute('r', { rules: [rule('v1', prefix('/foo/'))] })], { path })).toEqual(matches ? ['v1'] : []);
  });

  test.each([['/foo', true], ['/foo/', false], ['/foo/bar', false], ['/Foo', false]])('Exact /foo against %s: %p', (path, matches) => {
    expect(backendOf([httpRoute('r', { rules: [rule('v1', exact('/foo'))] })], { path })).toEqual(matches ? ['v1'] : []);
  });

  test('RegularExpression matches the whole path (without the query) in RE2', () => {
    const manifests = [httpRoute('r', { rules: [rule('v1', { path: { type: 'RegularExpression', value: '/pets/[0-9]+' } })] })];
    expect(backendOf(manifests, { path: '/pets/12?x=y' })).toEqual(['v1']);
    expect(backendOf(manifests, { path: '/pets/12/x' })).toEqual([]);
  });

  test('fails when a regular expression is not RE2, naming the route and match', () => {
    const manifests = [httpRoute('r', { rules: [rule('v1', prefix('/a')), rule('v2', { path: { type: 'RegularExpression', value: '/(?=x)' } })] })];
    expect(() => backendOf(manifests, { path: '/b' })).toThrow(/^\[default\/r\] spec\.rules\[1\]\.matches\[0\]: /);
  });

  test('a rule without matches, and a match without a path, match everything (PathPrefix /)', () => {
    expect(backendOf([httpRoute('r', { rules: [{ backendRefs: [{ name: 'v1', port: 80 }] }] })], { path: '/any/thing' })).toEqual(['v1']);
    expect(backendOf([httpRoute('r', { rules: [rule('v1', { method: 'GET' })] })], { path: '/any' })).toEqual(['v1']);
  });

  test('the CRD\'s own matches example: (/foo AND version: v2) OR /v2/foo', () => {
    const manifests = [httpRoute('r', {
      rules: [rule('v2', { path: { value: '/foo' }, headers: [{ name: 'version', value: 'v2' }] }, { path: { value: '/v2/foo' } })],
    })];
    expect(backendOf(manifests, { path: '/foo', headers: { version: 'v2' } })).toEqual(['v2']);
    expect(backendOf(manifests, { path: '/foo' })).toEqual([]);
    expect(backendOf(manifests, { path: '/v2/foo' })).toEqual(['v2']);
    expect(routeOf(manifests, { path: '/v2/foo/x' }).matchIndex).toBe(1);
  });
});

describe('header, method and query matching', () => {
  test('header names are case-insensitive, values exact; RegularExpression values match whole', () => {
    const manifests = [httpRoute('r', {
      rules: [
        rule('exact', prefix('/', { headers: [{ name: 'X-Canary', value: 'true' }] })),
        rule('regex', prefix('/', { headers: [{ name: 'x-user', type: 'RegularExpression', value: 'tester-[0-9]+' }] })),
      ],
    })];
    expect(backendOf(manifests, { headers: { 'x-canary': 'true' } })).toEqual(['exact']);
    expect(backendOf(manifests, { headers: { 'x-canary': 'TRUE' } })).toEqual([]);
    expect(backendOf(manifests, { headers: { 'X-USER': 'tester-7' } })).toEqual(['regex']);
    expect(backendOf(manifests, { headers: { 'x-user': 'tester-7x' } })).toEqual([]);
  });

  test('of repeated header names only the first counts', () => {
    const manifests = [httpRoute('r', { rules: [rule('v1', prefix('/', { headers: [{ name: 'x', value: 'a' }, { name: 'X', value: 'b' }] }))] })];
    expect(backendOf(manifests, { headers: { x: 'a' } })).toEqual(['v1']);
  });

  test('query param names are case-sensitive; the first of repeated params counts', () => {
    const manifests = [httpRoute('r', {
      rules: [
        rule('exact', prefix('/', { queryParams: [{ name: 'limit', value: '1' }] })),
        rule('regex', prefix('/', { queryParams: [{ name: 'id', type: 'RegularExpression', value: '[0-9]+' }] })),
      ],
    })];
    expect(backendOf(manifests, { path: '/findPets?limit=1' })).toEqual(['exact']);
    expect(backendOf(manifests, { path: '/findPets?Limit=1' })).toEqual([]);
    expect(backendOf(manifests, { path: '/findPets?limit=2&limit=1' })).toEqual([]);
    expect(backendOf(manifests, { path: '/x?id=42' })).toEqual(['regex']);
  });

  test('a method match needs that method', () => {
    const manifests = [httpRoute('r', { rules: [rule('v1', prefix('/', { method: 'POST' }))] })];
    expect(backendOf(manifests, { method: 'POST' })).toEqual(['v1']);
    expect(backendOf(manifests, {})).toEqual([]);
  });
});

describe('precedence across rules and routes', () => {
  test('1: an Exact path match wins over a PathPrefix of the same length', () => {
    const manifests = [httpRoute('r', { rules: [rule('prefix', prefix('/foo')), rule('exact', exact('/foo'))] })];
    expect(backendOf(manifests, { path: '/foo' })).toEqual(['exact']);
  });

  test('1: a RegularExpression path wins over a longer PathPrefix and loses to Exact (kgateway\'s order)', () => {
    const manifests = [httpRoute('r', {
      rules: [
        rule('prefix', prefix('/foo/bar')),
        rule('regex', { path: { type: 'RegularExpression', value: '/f.*' } }),
        rule('exact', exact('/foo/bar/exact')),
      ],
    })];
    expect(backendOf(manifests, { path: '/foo/bar/x' })).toEqual(['regex']);
    expect(backendOf(manifests, { path: '/foo/bar/exact' })).toEqual(['exact']);
  });

  test('2: the longer PathPrefix wins, whatever the rule order', () => {
    const manifests = [httpRoute('r', { rules: [rule('short', prefix('/foo')), rule('long', prefix('/foo/bar'))] })];
    expect(backendOf(manifests, { path: '/foo/bar/x' })).toEqual(['long']);
    expect(backendOf(manifests, { path: '/foo/barx' })).toEqual(['short']);
  });

  test('3: a method match wins over more header matches', () => {
    const manifests = [httpRoute('r', {
      rules: [
        rule('headers', prefix('/foo', { headers: [{ name: 'a', value: '1' }, { name: 'b', value: '1' }] })),
        rule('method', prefix('/foo', { method: 'GET' })),
      ],
    })];
    expect(backendOf(manifests, { path: '/foo', headers: { a: '1', b: '1' } })).toEqual(['method']);
  });

  test('4: more header matches win over more query-param matches', () => {
    const manifests = [httpRoute('r', {
      rules: [
        rule('query', prefix('/foo', { queryParams: [{ name: 'a', value: '1' }, { name: 'b', value: '1' }] })),
        rule('header', prefix('/foo', { headers: [{ name: 'x', value: '1' }] })),
      ],
    })];
    expect(backendOf(manifests, { path: '/foo?a=1&b=1', headers: { x: '1' } })).toEqual(['header']);
  });

  test('5: more query-param matches win over rule order', () => {
    const manifests = [httpRoute('r', { rules: [rule('plain', prefix('/foo')), rule('query', prefix('/foo', { queryParams: [{ name: 'a', value: '1' }] }))] })];
    expect(backendOf(manifests, { path: '/foo?a=1' })).toEqual(['query']);
  });

  test('6: on a tie the oldest route (creationTimestamp) wins over the alphabetical order', () => {
    const manifests = [
      httpRoute('a', { rules: [rule('newer', prefix('/'))] }, { creationTimestamp: '2026-02-01T00:00:00Z' }),
      httpRoute('b', { rules: [rule('older', prefix('/'))] }, { creationTimestamp: '2026-01-01T00:00:00Z' }),
      httpRoute('c', { rules: [rule('no-timestamp', prefix('/'))] }),
    ];
    expect(backendOf(manifests, {})).toEqual(['older']);
  });

  test('7: then {namespace}/{name} alphabetically, whatever the input order', () => {
    const manifests = [
      httpRoute('a', { rules: [rule('beta-a', prefix('/'))] }, { namespace: 'beta' }),
      httpRoute('z', { rules: [rule('alpha-z', prefix('/'))] }, { namespace: 'alpha' }),
    ];
    expect(backendOf(manifests, {})).toEqual(['alpha-z']);
    expect(routeOf(manifests, {}).route).toBe('alpha/z');
  });

  test('8: then the first rule in list order, then the first match in the rule (comparator)', () => {
    const route = { manifest: {}, rules: [], origins: [], name: 'r', namespace: 'default', hostnames: [] };
    const match = { path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] };
    const candidate = (ruleIndex: number, matchIndex: number): Candidate => ({
      route, ruleIndex, matchIndex, hostScore: [0, 0], match, precedence: precedenceOf(match),
    });
    expect(byPrecedence(candidate(0, 5), candidate(1, 0))).toBeLessThan(0);
    expect(byPrecedence(candidate(1, 0), candidate(0, 5))).toBeGreaterThan(0);
    expect(byPrecedence(candidate(2, 0), candidate(2, 1))).toBeLessThan(0);
    expect(byPrecedence(candidate(2, 1), candidate(2, 0))).toBeGreaterThan(0);
  });

  test('8: the first of two equal rules wins, and reports its indices', () => {
    const manifests = [httpRoute('r', { rules: [rule('first', prefix('/x')), rule('second', prefix('/x'), prefix('/y'))] })];
    expect(routeOf(manifests, { path: '/x' })).toMatchObject({ route: 'default/r', ruleIndex: 0, matchIndex: 0, backends: [{ name: 'first' }] });
    expect(routeOf(manifests, { path: '/y' })).toMatchObject({ ruleIndex: 1, matchIndex: 1 });
  });
});

describe('backends and shares', () => {
  const split = (backendRefs: any[]) => routeOf([httpRoute('r', { rules: [{ backendRefs }] })], {});

  test('shares are weight / total weight in percent, in declared order, with namespace and port', () => {
    const result = split([{ name: 'v1', port: 8080, weight: 90 }, { name: 'v2', namespace: 'canary', port: 8080, weight: 10 }]);
    expect(result.outcome).toBe(GatewayApiOutcome.FORWARD);
    expect(result.backends).toEqual([
      { name: 'v1', namespace: 'default', kind: 'Service', port: 8080, weight: 90, percent: 90 },
      { name: 'v2', namespace: 'canary', kind: 'Service', port: 8080, weight: 10, percent: 10 },
    ]);
  });

  test('weight defaults to 1', () => {
    expect(split([{ name: 'v1', port: 80 }, { name: 'v2', port: 80 }]).backends.map(b => b.percent)).toEqual([50, 50]);
  });

  test('a backend of weight 0 gets nothing', () => {
    expect(split([{ name: 'v1', port: 80, weight: 0 }, { name: 'v2', port: 80, weight: 3 }]).backends.map(b => [b.name, b.percent])).toEqual([['v2', 100]]);
  });

  test('a rule whose backends all weigh 0, or that has none, is NO_BACKEND, not a 404', () => {
    const zero = split([{ name: 'v1', port: 80, weight: 0 }, { name: 'v2', port: 80, weight: 0 }]);
    expect(zero).toMatchObject({ outcome: GatewayApiOutcome.NO_BACKEND, route: 'default/r', ruleIndex: 0, backends: [] });
    expect(split([]).outcome).toBe(GatewayApiOutcome.NO_BACKEND);
    expect(routeOf([httpRoute('r', {})], {}).outcome).toBe(GatewayApiOutcome.NO_BACKEND);
  });

  test('a RequestRedirect filter answers instead of a backend', () => {
    const manifests = [httpRoute('r', { rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }] }] })];
    expect(routeOf(manifests, {})).toMatchObject({ outcome: GatewayApiOutcome.REDIRECT, backends: [] });
  });
});

describe('filters', () => {
  const withFilters = (filters: any[], match: any = prefix('/')) => [httpRoute('r', { rules: [{ matches: [match], filters, backendRefs: [{ name: 'v1', port: 80 }] }] })];
  const mirror = (requestMirror: any) => ({ type: 'RequestMirror', requestMirror: { backendRef: { name: 'shadow', port: 80 }, ...requestMirror } });

  test('RequestMirror: percent, fraction, or 100 % when neither is given', () => {
    const result = routeOf(withFilters([mirror({ percent: 10 }), mirror({ fraction: { numerator: 1, denominator: 4 } }), mirror({})]), {});
    expect(result.mirrors).toEqual([
      { name: 'shadow', namespace: 'default', port: 80, percent: 10 },
      { name: 'shadow', namespace: 'default', port: 80, percent: 25 },
      { name: 'shadow', namespace: 'default', port: 80, percent: 100 },
    ]);
    expect(result.backends.map(b => b.name)).toEqual(['v1']);
  });

  test('a fraction\'s denominator defaults to 100', () => {
    expect(routeOf(withFilters([mirror({ fraction: { numerator: 5 } })]), {}).mirrors[0].percent).toBe(5);
  });

  const rewrite = (replacePrefixMatch: string) => ({ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch } } });

  // The table of HTTPPathModifier.ReplacePrefixMatch in the Gateway API v1.6.1 source (apis/v1/httproute_types.go).
  test.each([
    ['/foo/bar', '/foo', '/xyz', '/xyz/bar'],
    ['/foo/bar', '/foo', '/xyz/', '/xyz/bar'],
    ['/foo/bar', '/foo/', '/xyz', '/xyz/bar'],
    ['/foo/bar', '/foo/', '/xyz/', '/xyz/bar'],
    ['/foo', '/foo', '/xyz', '/xyz'],
    ['/foo/', '/foo', '/xyz', '/xyz/'],
    ['/foo/bar', '/foo', '', '/bar'],
    ['/foo/', '/foo', '', '/'],
    ['/foo', '/foo', '', '/'],
    ['/foo/', '/foo', '/', '/'],
    ['/foo', '/foo', '/', '/'],
  ])('ReplacePrefixMatch: %s with prefix %s and replacement %p becomes %s', (path, matched, replacement, expected) => {
    expect(routeOf(withFilters([rewrite(replacement)], prefix(matched)), { path }).path).toBe(expected);
  });

  test('ReplacePrefixMatch: the petstore function route /findPetWithId/3 becomes /api/pets/3, query kept', () => {
    const manifests = withFilters([rewrite('/api/pets')], prefix('/findPetWithId', { method: 'GET' }));
    expect(routeOf(manifests, { path: '/findPetWithId/3' }).path).toBe('/api/pets/3');
    expect(routeOf(manifests, { path: '/findPetWithId/3?verbose=1' }).path).toBe('/api/pets/3?verbose=1');
  });

  test('ReplacePrefixMatch under PathPrefix / prepends the replacement', () => {
    expect(routeOf(withFilters([rewrite('/api')]), { path: '/pets/1' }).path).toBe('/api/pets/1');
  });

  test('ReplaceFullPath and hostname rewrites', () => {
    const filters = [{ type: 'URLRewrite', urlRewrite: { hostname: 'backend.internal', path: { type: 'ReplaceFullPath', replaceFullPath: '/new' } } }];
    expect(routeOf(withFilters(filters), { path: '/old/path?q=1' })).toMatchObject({ path: '/new?q=1', host: 'backend.internal' });
  });

  test('RequestHeaderModifier: the CRD\'s set, add and remove examples', () => {
    const modify = (requestHeaderModifier: any, headers: { [k: string]: string }) =>
      routeOf(withFilters([{ type: 'RequestHeaderModifier', requestHeaderModifier }]), { headers }).headers;
    expect(modify({ set: [{ name: 'my-header', value: 'bar' }] }, { 'my-header': 'foo' })).toEqual({ 'my-header': 'bar' });
    expect(modify({ add: [{ name: 'my-header', value: 'bar,baz' }] }, { 'my-header': 'foo' })).toEqual({ 'my-header': 'foo,bar,baz' });
    expect(modify({ remove: ['my-header1', 'My-Header3'] }, { 'my-header1': 'foo', 'my-header2': 'bar', 'my-header3': 'baz' })).toEqual({ 'my-header2': 'bar' });
  });

  test('a header set by a filter does not change which rule matched', () => {
    const manifests = [httpRoute('r', {
      rules: [
        { filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-canary', value: 'true' }] } }], backendRefs: [{ name: 'stable', port: 80 }] },
        rule('canary', prefix('/', { headers: [{ name: 'x-canary', value: 'true' }] })),
      ],
    })];
    expect(routeOf(manifests, {})).toMatchObject({ backends: [{ name: 'stable' }], headers: { 'x-canary': 'true' } });
  });
});

describe('kgateway DirectResponse filters', () => {
  const direct = (name: string) => ({ type: 'ExtensionRef', extensionRef: { group: 'gateway.kgateway.dev', kind: 'DirectResponse', name } });
  const response = (name: string, status: number, namespace = 'default') => ({
    apiVersion: 'gateway.kgateway.dev/v1alpha1', kind: 'DirectResponse', metadata: { name, namespace }, spec: { status },
  });

  test('a rule whose ExtensionRef names a DirectResponse answers with its status', () => {
    const r = routeOf([httpRoute('r', { rules: [{ matches: [prefix('/')], filters: [direct('teapot')] }] }), response('teapot', 418)], {});
    expect([r.outcome, r.status, r.backends]).toEqual([GatewayApiOutcome.DIRECT_RESPONSE, 418, []]);
  });

  test('a DirectResponse of another namespace, or none, answers 500; so does one on a rule with backends', () => {
    const missing = routeOf([httpRoute('r', { rules: [{ matches: [prefix('/')], filters: [direct('teapot')] }] }), response('teapot', 418, 'other')], {});
    expect([missing.outcome, missing.status]).toEqual([GatewayApiOutcome.DIRECT_RESPONSE, 500]);
    const withBackends = routeOf([httpRoute('r', { rules: [{ ...rule('svc', prefix('/')), filters: [direct('teapot')] }] }), response('teapot', 418)], {});
    expect([withBackends.outcome, withBackends.backends]).toEqual([GatewayApiOutcome.NO_BACKEND, []]);
  });
});
