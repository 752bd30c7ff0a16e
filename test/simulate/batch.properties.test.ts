/**
 * Both simulators keep work between requests: the matchers whose path holds for the last path, and
 * what each route or rule does. As a property: routing a list of requests through one simulator
 * gives, for each request, what a fresh simulator gives for that request alone, whatever the
 * routes and whatever the order of the requests (sorted by path, as the differential check sends
 * them, or not).
 */
import * as fc from 'fast-check';
import { HttpRouteSimulator } from '../../src/gateway-api/http-route-simulator';
import { RoutingSimulator, SimulatedRequest } from '../../src/simulate/simulator';

const PATHS = ['/', '/api', '/api/', '/api/v1', '/apix', '/API', '/web'];
const HEADER_VALUES = ['on', 'off', ''];

const request: fc.Arbitrary<SimulatedRequest> = fc.record({
  path: fc.tuple(fc.constantFrom(...PATHS), fc.constantFrom('', '?q=1', '?q=2')).map(([p, q]) => `${p}${q}`),
  method: fc.constantFrom('GET', 'POST'),
  headers: fc.option(fc.constantFrom(...HEADER_VALUES), { nil: undefined })
    .map((v): { [k: string]: string } => (v === undefined ? {} : { 'X-Canary': v })),
});

/** Requests with repeated paths, in random order, and the same requests sorted by path. */
const byPath = (a: SimulatedRequest, b: SimulatedRequest) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
const requests = fc.array(request, { minLength: 1, maxLength: 12 }).chain(list => fc.constantFrom(list, [...list].sort(byPath)));

const glooMatcher = fc.record({
  path: fc.oneof(
    fc.constantFrom(...PATHS).map(p => ({ prefix: p })),
    fc.constantFrom(...PATHS).map(p => ({ exact: p })),
    fc.constantFrom('/api.*', '/a[^/]*', '/(web|api)/?').map(r => ({ regex: r })),
  ),
  caseSensitive: fc.option(fc.boolean(), { nil: undefined }),
  headers: fc.option(fc.record({
    name: fc.constantFrom('x-canary', 'X-Canary'),
    value: fc.constantFrom('on', 'o.*', ''),
    regex: fc.boolean(),
    invertMatch: fc.boolean(),
  }), { nil: undefined }),
  query: fc.option(fc.constantFrom('1', ''), { nil: undefined }),
  methods: fc.option(fc.constantFrom(['GET'], ['POST', 'PUT']), { nil: undefined }),
}).map(m => ({
  ...m.path,
  ...(m.caseSensitive === undefined ? {} : { caseSensitive: m.caseSensitive }),
  ...(m.headers ? { headers: [m.headers] } : {}),
  ...(m.query !== undefined ? { queryParameters: [{ name: 'q', value: m.query }] } : {}),
  ...(m.methods ? { methods: m.methods } : {}),
}));

const virtualService = fc.array(fc.array(glooMatcher, { maxLength: 2 }), { minLength: 1, maxLength: 5 }).map(routes => ({
  apiVersion: 'gateway.solo.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'vs', namespace: 'gloo-system' },
  spec: {
    virtualHost: {
      domains: ['*'],
      routes: routes.map((matchers, i) => ({ matchers, routeAction: { single: { upstream: { name: `u${i}`, namespace: 'gloo-system' } } } })),
    },
  },
}));

const httpMatch = fc.record({
  path: fc.oneof(
    fc.constantFrom(...PATHS).map(value => ({ type: 'PathPrefix', value })),
    fc.constantFrom(...PATHS).map(value => ({ type: 'Exact', value })),
    fc.constantFrom('/api.*', '(?i)/api').map(value => ({ type: 'RegularExpression', value })),
  ),
  method: fc.option(fc.constantFrom('GET', 'POST'), { nil: undefined }),
  headers: fc.option(fc.constantFrom({ name: 'x-canary', value: 'on' }, { name: 'X-CANARY', type: 'RegularExpression', value: 'o.*' }), { nil: undefined }),
  queryParams: fc.option(fc.constantFrom({ name: 'q', value: '1' }), { nil: undefined }),
}).map(m => ({
  path: m.path,
  ...(m.method ? { method: m.method } : {}),
  ...(m.headers ? { headers: [m.headers] } : {}),
  ...(m.queryParams ? { queryParams: [m.queryParams] } : {}),
}));

/** One to three HTTPRoutes on the Gateway: different hostnames and ages, so precedence crosses routes. */
const httpRoutes = fc.array(fc.record({
  rules: fc.array(fc.array(httpMatch, { maxLength: 3 }), { minLength: 1, maxLength: 4 }),
  hostnames: fc.constantFrom([], ['example.com'], ['*.example.com'], ['a.example.com', 'other.org']),
  created: fc.option(fc.constantFrom('2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z'), { nil: undefined }),
}), { minLength: 1, maxLength: 3 }).map(routes => routes.map((r, k) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: `r${k}`, namespace: k === 1 ? 'apps' : 'default', ...(r.created ? { creationTimestamp: r.created } : {}) },
  spec: {
    parentRefs: [{ name: 'gw', namespace: 'default' }],
    ...(r.hostnames.length > 0 ? { hostnames: r.hostnames } : {}),
    rules: r.rules.map((matches, i) => ({ matches, backendRefs: [{ name: `svc-${k}-${i}`, port: 80 }] })),
  },
})));

/** Requests to a few hosts, so the same path comes with another host. */
const hostRequests = requests.chain(list => fc.array(fc.constantFrom('example.com', 'a.example.com', 'A.example.com:8080', 'other.org'), {
  minLength: list.length, maxLength: list.length,
}).map(hosts => list.map((r, i) => ({ ...r, host: hosts[i] }))));

describe('a simulator routes each request of a list as a fresh one routes it alone', () => {
  test('gloo', () => {
    fc.assert(fc.property(virtualService, requests, (vs, list) => {
      const batch = new RoutingSimulator([vs])._simulateEach('vs', list, 'gloo-system');
      const alone = list.map(r => new RoutingSimulator([vs]).simulate('vs', r, 'gloo-system'));
      expect(batch).toEqual(alone);
    }), { numRuns: 300 });
  });

  test('gateway api', () => {
    fc.assert(fc.property(httpRoutes, hostRequests, (manifests, list) => {
      const fresh = () => HttpRouteSimulator.forGateway('gw', manifests, { gatewayNamespace: 'default' });
      const simulator = fresh();
      const reused = list.map(r => [simulator.route(r), simulator.decide(r)]);
      const alone = list.map(r => [fresh().route(r), fresh().decide(r)]);
      expect(reused).toEqual(alone);
    }), { numRuns: 300 });
  });
});
