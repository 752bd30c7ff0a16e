import { RoutingSimulator } from '../../src';

// Cases from Gloo's own docs: the RouteTable proto comment (route_table.proto), the
// RouteTableSelector and Route field comments (virtual_service.proto), the guides
// "Delegating with Route Tables" and "Route ordering in delegation"
// (docs/content/guides/traffic_management/destination_types/delegation/), and "Subsets"
// (…/destination_types/subsets/). The vendored CRDs carry no field descriptions, so the
// semantics follow those comments and Gloo's gateway translator (converter.go).

const to = (name: string) => ({ routeAction: { single: { upstream: { name } } } });

function virtualService(routes: any[], namespace = 'gloo-system'): any {
  return { apiVersion: 'gateway.solo.io/v1', kind: 'VirtualService', metadata: { name: 'example', namespace }, spec: { virtualHost: { domains: ['example.com'], routes } } };
}

function routeTable(name: string, namespace: string, routes: any[], extra: { labels?: object; weight?: number } = {}): any {
  return {
    apiVersion: 'gateway.solo.io/v1',
    kind: 'RouteTable',
    metadata: { name, namespace, ...(extra.labels ? { labels: extra.labels } : {}) },
    spec: { routes, ...(extra.weight !== undefined ? { weight: extra.weight } : {}) },
  };
}

/** Where a request goes: the upstream name, or 'none'. */
function upstreamFor(manifests: any[], path: string, more: object = {}): string {
  const r = new RoutingSimulator(manifests).route({ host: 'example.com', path, ...more });
  return r.destinations[0]?.upstream ?? (r.unresolved ? `unresolved ${r.unresolved}` : 'none');
}

describe('delegation by reference (guide "Delegating with Route Tables", route_table.proto)', () => {
  const manifests = [
    virtualService([
      { matchers: [{ prefix: '/a' }], delegateAction: { ref: { name: 'a-routes', namespace: 'a' } } },
      { matchers: [{ prefix: '/b' }], delegateAction: { ref: { name: 'b-routes', namespace: 'b' } } },
    ]),
    routeTable('a-routes', 'a', [{ matchers: [{ prefix: '/a/1' }], ...to('foo-upstream') }, { matchers: [{ prefix: '/a/2' }], ...to('bar-upstream') }]),
    routeTable('b-routes', 'b', [
      { matchers: [{ regex: '/b/3' }], ...to('baz-upstream') },
      { matchers: [{ prefix: '/b/c/' }], delegateAction: { ref: { name: 'c-routes', namespace: 'c' } } },
    ]),
    routeTable('c-routes', 'c', [{ matchers: [{ exact: '/b/c/4' }], ...to('qux-upstream') }]),
  ];

  // "Would produce the following route config: /a/1 -> foo-upstream, /a/2 -> bar-upstream, /b/3 -> baz-upstream, /b/c/4 -> qux-upstream"
  test.each([
    ['/a/1', 'foo-upstream'], ['/a/2/x', 'bar-upstream'], ['/b/3', 'baz-upstream'], ['/b/c/4', 'qux-upstream'], ['/b/c/5', 'none'], ['/a/3', 'none'],
  ])('%s → %s', (path, expected) => {
    expect(upstreamFor(manifests, path)).toBe(expected);
  });

  test('reports the innermost table, its route index and the VirtualService route', () => {
    expect(new RoutingSimulator(manifests).route({ host: 'example.com', path: '/b/c/4' })).toMatchObject({
      routeIndex: 1, routeTable: 'c/c-routes', routeTableRouteIndex: 0, destinations: [{ upstream: 'qux-upstream', namespace: 'c' }],
    });
  });

  test('a child route that does not start with the delegated prefix is dropped ("/a" delegating to "/v2" is not valid)', () => {
    const invalid = [
      virtualService([{ matchers: [{ prefix: '/api' }], delegateAction: { ref: { name: 'rt', namespace: 'gloo-system' } } }]),
      routeTable('rt', 'gloo-system', [{ matchers: [{ prefix: '/api/v1' }], ...to('v1') }, { matchers: [{ prefix: '/v2' }], ...to('v2') }]),
    ];
    expect(upstreamFor(invalid, '/api/v1')).toBe('v1');
    expect(upstreamFor(invalid, '/v2')).toBe('none');
  });

  test('the deprecated name/namespace win over ref (virtual_service.proto DelegateAction)', () => {
    const legacy = [
      virtualService([{ matchers: [{ prefix: '/' }], delegateAction: { name: 'old', namespace: 'gloo-system', ref: { name: 'new', namespace: 'gloo-system' } } }]),
      routeTable('old', 'gloo-system', [{ matchers: [{ prefix: '/' }], ...to('old-upstream') }]),
      routeTable('new', 'gloo-system', [{ matchers: [{ prefix: '/' }], ...to('new-upstream') }]),
    ];
    expect(upstreamFor(legacy, '/x')).toBe('old-upstream');
  });

  test('a missing table is reported unresolved; a delegation cycle is skipped', () => {
    const cyclic = [
      virtualService([
        { matchers: [{ prefix: '/loop' }], delegateAction: { ref: { name: 'loop', namespace: 'gloo-system' } } },
        { matchers: [{ prefix: '/gone' }], delegateAction: { ref: { name: 'gone' } } },
        { matchers: [{ prefix: '/' }], ...to('fallback') },
      ]),
      routeTable('loop', 'gloo-system', [{ matchers: [{ prefix: '/loop' }], delegateAction: { ref: { name: 'loop', namespace: 'gloo-system' } } }]),
    ];
    expect(upstreamFor(cyclic, '/loop/1')).toBe('fallback');
    expect(upstreamFor(cyclic, '/gone')).toBe('unresolved RouteTable (no namespace)/gone');
  });

  test('a ref without a namespace finds no table, not even one in the owner\'s namespace (converter.go getRouteTableRef, Find)', () => {
    const unqualified = [
      virtualService([{ matchers: [{ prefix: '/a' }], delegateAction: { ref: { name: 'a-routes' } } }, { matchers: [{ prefix: '/' }], ...to('fallback') }], 'a'),
      routeTable('a-routes', 'a', [{ matchers: [{ prefix: '/a' }], ...to('child') }]),
    ];
    expect(upstreamFor(unqualified, '/a/1')).toBe('unresolved RouteTable (no namespace)/a-routes');
  });
});

describe('delegation by selector (guide "Delegating with Route Tables", RouteTableSelector)', () => {
  const selectorVs = (selector: object) => virtualService([{ matchers: [{ prefix: '/' }], delegateAction: { selector } }]);
  // the guide's a-routes (weight 20, /a) and a-b-routes (weight 10, regex /a/b)
  const aRoutes = routeTable('a-routes', 'gloo-system', [{ matchers: [{ prefix: '/a' }], ...to('foo-upstream') }], { labels: { domain: 'example.com' }, weight: 20 });
  const abRoutes = routeTable('a-b-routes', 'gloo-system', [{ matchers: [{ regex: '/a/b' }], ...to('bar-upstream') }], { labels: { domain: 'example.com' }, weight: 10 });

  test('tables are visited by ascending weight: /a/b comes before /a', () => {
    const manifests = [selectorVs({ labels: { domain: 'example.com' }, namespaces: ['gloo-system'] }), aRoutes, abRoutes];
    expect(upstreamFor(manifests, '/a/b')).toBe('bar-upstream');
    expect(upstreamFor(manifests, '/a/c')).toBe('foo-upstream');
    // swap the weights and /a short-circuits /a/b
    const swapped = [selectorVs({ labels: { domain: 'example.com' } }), { ...aRoutes, spec: { ...aRoutes.spec, weight: 5 } }, abRoutes];
    expect(upstreamFor(swapped, '/a/b')).toBe('foo-upstream');
  });

  test('expressions: In and DoesNotExist, ANDed (the guide\'s expression example)', () => {
    const excluded = routeTable('excluded', 'gloo-system', [{ matchers: [{ prefix: '/a/b' }], ...to('excluded-upstream') }], { labels: { domain: 'example.com', shouldnotexist: 'x' }, weight: 0 });
    const manifests = [selectorVs({ expressions: [{ key: 'domain', operator: 'In', values: ['example.com'] }, { key: 'shouldnotexist', operator: 'DoesNotExist' }], namespaces: ['gloo-system'] }), aRoutes, abRoutes, excluded];
    expect(upstreamFor(manifests, '/a/b')).toBe('bar-upstream');
  });

  test.each<[string, object, string]>([
    ['NotEquals', { key: 'tier', operator: 'NotEquals', values: ['gold'] }, 'silver-upstream'],
    ['NotIn (a table without the label qualifies)', { key: 'tier', operator: 'NotIn', values: ['gold', 'silver'] }, 'plain-upstream'],
    ['Exists', { key: 'tier', operator: 'Exists' }, 'gold-upstream'],
    ['GreaterThan', { key: 'rank', operator: 'GreaterThan', values: ['1'] }, 'silver-upstream'],
    ['LessThan, by enum number', { key: 'rank', operator: 8, values: ['2'] }, 'gold-upstream'],
    ['== symbol', { key: 'tier', operator: '==', values: ['silver'] }, 'silver-upstream'],
  ])('expression operator %s', (_name, expression, expected) => {
    const manifests = [
      selectorVs({ expressions: [expression] }),
      routeTable('gold', 'gloo-system', [{ matchers: [{ prefix: '/' }], ...to('gold-upstream') }], { labels: { tier: 'gold', rank: '1' }, weight: 1 }),
      routeTable('silver', 'gloo-system', [{ matchers: [{ prefix: '/' }], ...to('silver-upstream') }], { labels: { tier: 'silver', rank: '2' }, weight: 2 }),
      routeTable('plain', 'gloo-system', [{ matchers: [{ prefix: '/' }], ...to('plain-upstream') }], { weight: 3 }),
    ];
    expect(upstreamFor(manifests, '/x')).toBe(expected);
  });

  test('namespaces: the owner\'s by default, a list, or "*" for all', () => {
    const elsewhere = routeTable('team', 'team-ns', [{ matchers: [{ prefix: '/' }], ...to('team-upstream') }], { labels: { app: 'x' } });
    const home = routeTable('home', 'gloo-system', [{ matchers: [{ prefix: '/' }], ...to('home-upstream') }], { labels: { app: 'x' }, weight: 1 });
    expect(upstreamFor([selectorVs({ labels: { app: 'x' } }), elsewhere, home], '/')).toBe('home-upstream');
    expect(upstreamFor([selectorVs({ labels: { app: 'x' }, namespaces: ['team-ns'] }), elsewhere, home], '/')).toBe('team-upstream');
    expect(upstreamFor([selectorVs({ labels: { app: 'x' }, namespaces: ['*'] }), elsewhere, home], '/')).toBe('team-upstream');
  });

  test('labels and expressions together select nothing ("labels and expressions cannot be used together")', () => {
    expect(upstreamFor([selectorVs({ labels: { app: 'x' }, expressions: [{ key: 'app', operator: 'Exists' }] }), aRoutes], '/a')).toMatch(/^unresolved RouteTables selected by .*labels and expressions cannot be used together/);
  });

  test('equal weights: the routes of the tables are sorted by specificity (guide "Route ordering in delegation")', () => {
    // The guide's regex example: '.' sorts after '-', so /(?i)api/homepage.* comes before the beta-flag route.
    const broad = routeTable('rt-broad', 'gloo-system', [{ matchers: [{ regex: '/(?i)api/homepage.*' }], ...to('main-upstream') }], { labels: { app: 'myapp' } });
    const specific = routeTable('rt-specific', 'gloo-system', [{ matchers: [{ regex: '/(?i)api/homepage-beta-flag.*' }], ...to('beta-upstream') }], { labels: { app: 'myapp' } });
    const sameWeight = [selectorVs({ labels: { app: 'myapp' } }), specific, broad];
    expect(upstreamFor(sameWeight, '/api/homepage-beta-flag/1')).toBe('main-upstream');
    // "To ensure the more specific pattern is evaluated first, assign the RouteTable that contains it a lower weight."
    const weighted = [selectorVs({ labels: { app: 'myapp' } }), { ...specific, spec: { ...specific.spec, weight: 10 } }, { ...broad, spec: { ...broad.spec, weight: 20 } }];
    expect(upstreamFor(weighted, '/api/homepage-beta-flag/1')).toBe('beta-upstream');
    // route_table.proto: equal weights are sorted "making sure /foo/bar comes before /foo"; exact before prefix
    const foo = routeTable('foo', 'gloo-system', [{ matchers: [{ prefix: '/foo' }], ...to('foo') }], { labels: { app: 'myapp' } });
    const fooBar = routeTable('zz-foo-bar', 'gloo-system', [{ matchers: [{ prefix: '/foo/bar' }], ...to('foo-bar') }, { matchers: [{ exact: '/foo' }], ...to('exact-foo') }], { labels: { app: 'myapp' } });
    expect(upstreamFor([selectorVs({ labels: { app: 'myapp' } }), foo, fooBar], '/foo/bar/1')).toBe('foo-bar');
    expect(upstreamFor([selectorVs({ labels: { app: 'myapp' } }), foo, fooBar], '/foo')).toBe('exact-foo');
  });
});

describe('inheritableMatchers and inheritablePathMatchers (virtual_service.proto Route)', () => {
  const table = (routes: any[]) => routeTable('rt', 'gloo-system', routes);
  const delegating = (extra: object, matcher: object = { prefix: '/api', headers: [{ name: 'x-team', value: 'a' }], methods: ['GET'] }) =>
    virtualService([{ matchers: [matcher], delegateAction: { ref: { name: 'rt', namespace: 'gloo-system' } }, ...extra }, { matchers: [{ prefix: '/' }], ...to('fallback') }]);

  test('without inheritance a child must repeat the parent\'s headers and methods, or it is dropped', () => {
    const manifests = [delegating({}), table([
      { matchers: [{ prefix: '/api/a' }], ...to('dropped') },
      { matchers: [{ prefix: '/api/b', headers: [{ name: 'x-team', value: 'a' }], methods: ['GET', 'POST'] }], ...to('kept') },
    ])];
    expect(upstreamFor(manifests, '/api/a')).toBe('fallback');
    expect(upstreamFor(manifests, '/api/b', { headers: { 'x-team': 'a' }, method: 'POST' })).toBe('kept');
  });

  test('"whether this route as a child should inherit headers, methods, and query parameter matchers from the parent"', () => {
    const manifests = [delegating({ inheritableMatchers: true }), table([{ matchers: [{ prefix: '/api/a', queryParameters: [{ name: 'v', value: '2' }] }], ...to('child') }])];
    expect(upstreamFor(manifests, '/api/a?v=2', { headers: { 'x-team': 'a' } })).toBe('child');
    expect(upstreamFor(manifests, '/api/a?v=2')).toBe('fallback');
    expect(upstreamFor(manifests, '/api/a?v=2', { headers: { 'x-team': 'a' }, method: 'POST' })).toBe('fallback');
    expect(upstreamFor(manifests, '/api/a', { headers: { 'x-team': 'a' } })).toBe('fallback');
  });

  test('a child can turn inheritance off; "defaults to value of parent", also down a nested table', () => {
    const manifests = [
      delegating({ inheritableMatchers: true }),
      table([
        { matchers: [{ prefix: '/api/off' }], inheritableMatchers: false, ...to('dropped') },
        { matchers: [{ prefix: '/api/nested' }], delegateAction: { ref: { name: 'inner', namespace: 'gloo-system' } } },
      ]),
      routeTable('inner', 'gloo-system', [{ matchers: [{ prefix: '/api/nested/x' }], ...to('inner-child') }]),
    ];
    expect(upstreamFor(manifests, '/api/off', { headers: { 'x-team': 'a' } })).toBe('fallback');
    expect(upstreamFor(manifests, '/api/nested/x', { headers: { 'x-team': 'a' } })).toBe('inner-child');
    expect(upstreamFor(manifests, '/api/nested/x')).toBe('fallback');
  });

  test('inheritablePathMatchers: children take the parent\'s path and case sensitivity (as Flagger\'s header-only canary tables rely on)', () => {
    const manifests = [
      delegating({ inheritablePathMatchers: true }, { prefix: '/Podinfo', caseSensitive: false }),
      table([
        { matchers: [{ headers: [{ name: 'x-canary', value: 'insider' }] }], ...to('canary') },
        { ...to('primary') },
      ]),
    ];
    expect(upstreamFor(manifests, '/podinfo/1', { headers: { 'x-canary': 'insider' } })).toBe('canary');
    expect(upstreamFor(manifests, '/PODINFO')).toBe('primary');
    expect(upstreamFor(manifests, '/other')).toBe('fallback');
  });

  test('a child whose caseSensitive differs from the parent\'s is dropped (unset differs from true, as Gloo compares them)', () => {
    const manifests = [delegating({}, { prefix: '/api' }), table([
      { matchers: [{ prefix: '/api/x', caseSensitive: true }], ...to('dropped') },
      { matchers: [{ prefix: '/api/y' }], ...to('kept') },
    ])];
    expect(upstreamFor(manifests, '/api/x')).toBe('fallback');
    expect(upstreamFor(manifests, '/api/y')).toBe('kept');
  });

  test('a delegating matcher without a path delegates "/"; one with an exact path is rejected and skipped', () => {
    const noPath = [virtualService([{ matchers: [{}], delegateAction: { ref: { name: 'rt', namespace: 'gloo-system' } } }]), table([{ matchers: [{ prefix: '/any' }], ...to('child') }])];
    expect(upstreamFor(noPath, '/any')).toBe('child');
    const exact = [virtualService([{ matchers: [{ exact: '/api' }], delegateAction: { ref: { name: 'rt', namespace: 'gloo-system' } } }, { matchers: [{ prefix: '/' }], ...to('fallback') }]), table([{ matchers: [{ exact: '/api' }], ...to('child') }])];
    expect(upstreamFor(exact, '/api')).toBe('fallback');
  });
});

describe('subsets (guide "Subsets")', () => {
  test('the share goes to the upstream\'s pods with the subset\'s labels', () => {
    const upstream = {
      apiVersion: 'gloo.solo.io/v1',
      kind: 'Upstream',
      metadata: { name: 'default-petstore-8080', namespace: 'gloo-system' },
      spec: { kube: { selector: { app: 'petstore' }, serviceName: 'petstore', serviceNamespace: 'default', servicePort: 8080, subsetSpec: { selectors: [{ keys: ['color'] }] } } },
    };
    const vs = virtualService([{
      matchers: [{ prefix: '/petstore/findPetById' }],
      routeAction: { single: { subset: { values: { color: 'blue' } }, upstream: { name: 'default-petstore-8080', namespace: 'gloo-system' } } },
    }, {
      matchers: [{ prefix: '/split' }],
      routeAction: {
        multi: {
          destinations: [
            { weight: 1, destination: { upstream: { name: 'default-petstore-8080' }, subset: { values: { color: 'blue' } } } },
            { weight: 3, destination: { upstream: { name: 'default-petstore-8080' }, subset: { values: { color: 'green' } } } },
          ],
        },
      },
    }]);
    const sim = new RoutingSimulator([upstream, vs]);
    expect(sim.route({ host: 'example.com', path: '/petstore/findPetById/1' }).destinations).toEqual([
      { upstream: 'default-petstore-8080', namespace: 'gloo-system', kind: 'upstream', functionName: undefined, weight: 1, percent: 100, subset: { color: 'blue' } },
    ]);
    expect(sim.route({ host: 'example.com', path: '/split' }).destinations.map(d => [d.subset, d.percent])).toEqual([[{ color: 'blue' }, 25], [{ color: 'green' }, 75]]);
  });
});
