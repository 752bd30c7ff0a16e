import { Testing } from 'cdk8s';
import { buildPetstoreCanary } from '../../examples/petstore-canary/app';
import { Step } from '../../examples/petstore-canary/steps';
import {
  Destination,
  glooJestMatchers,
  HeaderMatch,
  PathMatch,
  QueryParameterMatch,
  RouteAction,
  RouteTable,
  RoutingSimulator,
  Upstream,
  UpstreamGroup,
  VirtualService,
} from '../../src';
import { newChart } from '../util';

expect.extend(glooJestMatchers);
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toRouteRequest(request: { path: string; method?: string; headers?: { [k: string]: string } }, expected: { [upstream: string]: number }): R;
    }
  }
}

const V1 = 'default-petstore-v1-8080';
const V2 = 'default-petstore-v2-8080';

function example(step: Step): VirtualService {
  return buildPetstoreCanary(Testing.app(), step).coalmine.virtualService;
}

describe('the simulator on the blog example', () => {
  test.each<[Step, string, { [k: string]: string }, { [k: string]: number }]>([
    ['part-1-function-routing', '/findPets', {}, { [V1]: 100 }],
    ['part-1-function-routing', '/findPets', { 'x-canary': 'true' }, { [V1]: 100 }],
    ['part-1-function-routing', '/findPetWithId/1', {}, { [V1]: 100 }],
    ['part-2-header-canary', '/findPets', { 'x-canary': 'true' }, { [V2]: 100 }],
    ['part-2-header-canary', '/findPets', { 'X-Canary': 'true' }, { [V2]: 100 }],
    ['part-2-header-canary', '/findPets', { 'x-canary': 'false' }, { [V1]: 100 }],
    ['part-2-header-canary', '/findPets', {}, { [V1]: 100 }],
    ['part-2-header-canary', '/findPetWithId/1', { 'x-canary': 'true' }, { [V1]: 100 }],
    ['part-2-findpets-v2', '/findPets', {}, { [V2]: 100 }],
    ['part-2-findpets-v2', '/findPetWithId/1', {}, { [V1]: 100 }],
    ['part-3-weighted-10', '/findPetWithId/1', {}, { [V2]: 10, [V1]: 90 }],
    ['part-3-weighted-10', '/findPets', { 'x-canary': 'true' }, { [V2]: 100 }],
    ['part-3-weighted-50', '/findPetWithId/1', {}, { [V2]: 50, [V1]: 50 }],
    ['part-3-weighted-50', '/petstore/1', {}, { [V1]: 100 }],
    ['part-3-weighted-50', '/other', {}, {}],
  ])('%s: GET %s %j → %j', (step, path, headers, expected) => {
    expect(example(step)).toRouteRequest({ path, headers }, expected);
  });

  test('reports the route, function and weights', () => {
    const result = RoutingSimulator.simulateRequest(example('part-3-weighted-10'), { path: '/findPetWithId/7?x=1' });
    expect(result).toEqual({
      matched: true,
      routeIndex: 0,
      routeName: undefined,
      routeTable: undefined,
      routeTableRouteIndex: undefined,
      unresolved: undefined,
      destinations: [
        { upstream: V2, namespace: 'gloo-system', kind: 'upstream', functionName: 'findPetById', weight: 10, percent: 10 },
        { upstream: V1, namespace: 'gloo-system', kind: 'upstream', functionName: 'findPetById', weight: 90, percent: 90 },
      ],
    });
  });

  test('the matcher fails when the routing differs', () => {
    const outcome = glooJestMatchers.toRouteRequest.call({}, example('part-3-weighted-10'), { path: '/findPetWithId/1' }, { [V2]: 50, [V1]: 50 });
    expect(outcome.pass).toBe(false);
    expect(outcome.message()).toBe(`expected GET /findPetWithId/1 {} to be routed as {"${V2}":50,"${V1}":50}, got {"${V2}":10,"${V1}":90}`);
  });
});

describe('Gloo matching semantics', () => {
  function vsWith(...routes: any[]) {
    const chart = newChart();
    const a = new Upstream(chart, 'a', { serviceName: 'a', servicePort: 80 });
    const b = new Upstream(chart, 'b', { serviceName: 'b', servicePort: 80 });
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'vs' } });
    for (const r of routes) vs.addRoute({ ...r(a, b), allowShadowing: true });
    return { chart, vs, a, b };
  }
  const to = (up: Upstream) => ({ action: RouteAction.forward(Destination.upstream(up)) });
  const hit = (vs: VirtualService, request: any) => Object.keys(RoutingSimulator.sharesByUpstream(RoutingSimulator.simulateRequest(vs, request)));

  test('the first matching route wins', () => {
    const { vs } = vsWith((a: Upstream) => ({ matchers: [{ path: PathMatch.prefix('/x') }], ...to(a) }), (_a: Upstream, b: Upstream) => ({ matchers: [{ path: PathMatch.prefix('/x') }], ...to(b) }));
    expect(hit(vs, { path: '/x' })).toEqual(['default-a-80']);
  });

  test('matchers are ORed, conditions inside one matcher ANDed', () => {
    const { vs } = vsWith((a: Upstream) => ({ matchers: [{ path: PathMatch.prefix('/p'), headers: [HeaderMatch.valueIs('h', '1')], methods: ['POST'] }, { path: PathMatch.exact('/q') }], ...to(a) }));
    expect(hit(vs, { path: '/p', method: 'POST', headers: { h: '1' } })).toEqual(['default-a-80']);
    expect(hit(vs, { path: '/p', method: 'GET', headers: { h: '1' } })).toEqual([]);
    expect(hit(vs, { path: '/p', method: 'POST' })).toEqual([]);
    expect(hit(vs, { path: '/q', method: 'DELETE' })).toEqual(['default-a-80']);
  });

  test('prefix, exact and whole-path regex, without the query string', () => {
    const { vs } = vsWith(
      (a: Upstream) => ({ matchers: [{ path: PathMatch.exact('/e') }], ...to(a) }),
      (a: Upstream) => ({ matchers: [{ path: PathMatch.regex('/r/[0-9]+') }], ...to(a) }),
    );
    expect(hit(vs, { path: '/e?x=1' })).toEqual(['default-a-80']);
    expect(hit(vs, { path: '/e/more' })).toEqual([]);
    expect(hit(vs, { path: '/r/12?q' })).toEqual(['default-a-80']);
    expect(hit(vs, { path: '/r/12x' })).toEqual([]);
  });

  test('case sensitivity', () => {
    const { vs } = vsWith((a: Upstream) => ({ matchers: [{ path: PathMatch.prefix('/Pets', { caseSensitive: false }) }], ...to(a) }), (_a: Upstream, b: Upstream) => ({ matchers: [{ path: PathMatch.prefix('/X') }], ...to(b) }));
    expect(hit(vs, { path: '/pETs/1' })).toEqual(['default-a-80']);
    expect(hit(vs, { path: '/x' })).toEqual([]);
  });

  test('headers: exact, regex, presence and inversion; a missing header only satisfies an inverted presence match', () => {
    const { vs } = vsWith(
      (a: Upstream) => ({ matchers: [{ path: PathMatch.prefix('/exact'), headers: [HeaderMatch.valueIs('h', 'v')] }], ...to(a) }),
      (a: Upstream) => ({ matchers: [{ path: PathMatch.prefix('/regex'), headers: [HeaderMatch.valueMatchesRegex('h', 'v[0-9]')] }], ...to(a) }),
      (a: Upstream) => ({ matchers: [{ path: PathMatch.prefix('/present'), headers: [HeaderMatch.isPresent('h')] }], ...to(a) }),
      (a: Upstream) => ({ matchers: [{ path: PathMatch.prefix('/absent'), headers: [HeaderMatch.isAbsent('h')] }], ...to(a) }),
      (a: Upstream) => ({ matchers: [{ path: PathMatch.prefix('/not'), headers: [HeaderMatch.valueIsNot('h', 'v')] }], ...to(a) }),
    );
    expect(hit(vs, { path: '/exact', headers: { h: 'v' } })).toHaveLength(1);
    expect(hit(vs, { path: '/exact', headers: { h: 'vv' } })).toHaveLength(0);
    expect(hit(vs, { path: '/regex', headers: { h: 'v1' } })).toHaveLength(1);
    expect(hit(vs, { path: '/regex', headers: { h: 'xv1' } })).toHaveLength(0);
    expect(hit(vs, { path: '/present', headers: { H: '' } })).toHaveLength(1);
    expect(hit(vs, { path: '/present' })).toHaveLength(0);
    expect(hit(vs, { path: '/absent' })).toHaveLength(1);
    expect(hit(vs, { path: '/absent', headers: { h: 'x' } })).toHaveLength(0);
    expect(hit(vs, { path: '/not', headers: { h: 'w' } })).toHaveLength(1);
    expect(hit(vs, { path: '/not', headers: { h: 'v' } })).toHaveLength(0);
    expect(hit(vs, { path: '/not' })).toHaveLength(0);
  });

  test('query parameters: exact, regex and presence', () => {
    const { vs } = vsWith((a: Upstream) => ({ matchers: [{ path: PathMatch.prefix('/'), queryParameters: [QueryParameterMatch.valueMatchesRegex('v', '[0-9]+'), QueryParameterMatch.isPresent('debug')] }], ...to(a) }));
    expect(hit(vs, { path: '/x?v=12&debug' })).toHaveLength(1);
    expect(hit(vs, { path: '/x?v=1a&debug=1' })).toHaveLength(0);
    expect(hit(vs, { path: '/x?v=1' })).toHaveLength(0);
  });

  test('delegation descends into the RouteTable, and goes on when none of its routes matches', () => {
    const chart = newChart();
    const a = new Upstream(chart, 'a', { serviceName: 'a', servicePort: 80 });
    const b = new Upstream(chart, 'b', { serviceName: 'b', servicePort: 80 });
    const rt = new RouteTable(chart, 'rt', { metadata: { name: 'team', namespace: 'teams' } });
    rt.addRoute({ matchers: [{ path: PathMatch.prefix('/team/a') }], action: RouteAction.forward(Destination.upstream(a)) });
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'vs' } });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/team') }], action: RouteAction.delegate(rt) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.forward(Destination.upstream(b)) });
    const viaTable = RoutingSimulator.simulateRequest(vs, { path: '/team/a/1' });
    expect([viaTable.routeIndex, viaTable.routeTable, viaTable.routeTableRouteIndex, viaTable.destinations[0].upstream]).toEqual([0, 'teams/team', 0, 'default-a-80']);
    const fallThrough = RoutingSimulator.simulateRequest(vs, { path: '/team/z' });
    expect([fallThrough.routeIndex, fallThrough.destinations[0].upstream]).toEqual([1, 'default-b-80']);
  });

  test('UpstreamGroups share by weight; an external one is reported unresolved', () => {
    const chart = newChart();
    const a = new Upstream(chart, 'a', { serviceName: 'a', servicePort: 80 });
    const b = new Upstream(chart, 'b', { serviceName: 'b', servicePort: 80 });
    const group = new UpstreamGroup(chart, 'g', { metadata: { name: 'g' }, destinations: [{ destination: Destination.upstream(a), weight: 3 }, { destination: Destination.upstream(b), weight: 1 }] });
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'vs' } });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/g') }], action: RouteAction.upstreamGroup(group) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/ext') }], action: RouteAction.upstreamGroup(UpstreamGroup.fromUpstreamGroupName(chart, 'e', 'elsewhere')) });
    expect(RoutingSimulator.sharesByUpstream(RoutingSimulator.simulateRequest(vs, { path: '/g' }))).toEqual({ 'default-a-80': 75, 'default-b-80': 25 });
    expect(RoutingSimulator.simulateRequest(vs, { path: '/ext' })).toMatchObject({ matched: true, destinations: [], unresolved: 'UpstreamGroup gloo-system/elsewhere' });
  });

  test('works on synthesized manifests too', () => {
    const { vs, chart } = vsWith((a: Upstream) => ({ matchers: [{ path: PathMatch.prefix('/') }], ...to(a) }));
    const sim = new RoutingSimulator(Testing.synth(chart));
    expect(sim.simulate('vs', { path: '/x' }).destinations.map(d => d.upstream)).toEqual(['default-a-80']);
    expect(() => sim.simulate('nope', { path: '/' })).toThrow('no VirtualService nope among the manifests');
    expect(vs.name).toBe('vs');
  });
});

describe('a route the simulator cannot read fails only the requests that reach it', () => {
  const upstream = (name: string) => ({ single: { upstream: { name, namespace: 'gloo-system' } } });
  const manifests = (broken: unknown) => [{
    apiVersion: 'gateway.solo.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'vs', namespace: 'gloo-system' },
    spec: { virtualHost: { routes: [{ matchers: [{ prefix: '/a' }], routeAction: upstream('a') }, { matchers: [broken], routeAction: upstream('b') }] } },
  }];

  test.each<[string, unknown, string]>([
    ['a regex RE2 refuses', { regex: '/b(?=x)' }, 'invalid or unsupported Perl syntax'],
    ['a matcher that is not an object', null, 'Cannot read properties of null'],
    ['a header without a name', { prefix: '/b', headers: [{ value: 'x' }] }, 'Cannot read properties of undefined'],
    ['methods that are not a list', { prefix: '/b', methods: 5 }, 'is not a function'],
  ])('%s', (_, broken, message) => {
    const sim = new RoutingSimulator(manifests(broken));
    // Gloo takes the first match: the earlier route still routes what it matches
    expect(sim._simulateEach('vs', [{ path: '/a' }, { path: '/a/x' }], 'gloo-system').map(r => r.routeIndex)).toEqual([0, 0]);
    expect(() => sim.simulate('vs', { path: '/b' }, 'gloo-system')).toThrow(message);
  });
});

describe('the query string', () => {
  test('is everything after the first "?", as Envoy reads it', () => {
    const sim = new RoutingSimulator([{
      apiVersion: 'gateway.solo.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'vs', namespace: 'gloo-system' },
      spec: {
        virtualHost: {
          routes: [
            { matchers: [{ prefix: '/', queryParameters: [{ name: 'a', value: '1' }] }], routeAction: { single: { upstream: { name: 'one' } } } },
            { matchers: [{ prefix: '/', queryParameters: [{ name: 'a', value: '1?b=2' }] }], routeAction: { single: { upstream: { name: 'both' } } } },
          ],
        },
      },
    }]);
    expect(sim.simulate('vs', { path: '/x?a=1' }, 'gloo-system').routeIndex).toBe(0);
    expect(sim.simulate('vs', { path: '/x?a=1?b=2' }, 'gloo-system').routeIndex).toBe(1);
  });
});
