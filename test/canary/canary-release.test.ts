import { Chart, Testing, Yaml } from 'cdk8s';
import {
  CanaryRelease,
  CanaryReleaseProps,
  CanaryStage,
  Destination,
  HeaderMatchType,
  PathMatch,
  RouteAction,
  RoutingSimulator,
  TrafficSplit,
  Upstream,
  VirtualService,
} from '../../src';
import { STAGES_ENV } from '../../src/canary/release-registry';
import { newChart, vsRoutes } from '../util';

const FUNCTIONS = { findPets: { method: 'GET', path: '/api/pets' }, findPetById: { method: 'GET', path: '/api/pets/{{ id }}' } };
const V1 = 'default-petstore-v1-8080';
const V2 = 'default-petstore-v2-8080';

function setup(chart: Chart = newChart()) {
  const v1 = new Upstream(chart, 'v1', { serviceName: 'petstore-v1', servicePort: 8080, functions: FUNCTIONS });
  const v2 = new Upstream(chart, 'v2', { serviceName: 'petstore-v2', servicePort: 8080, functions: FUNCTIONS });
  const vs = new VirtualService(chart, 'vs', { metadata: { name: 'coalmine', namespace: 'gloo-system' } });
  return { chart, v1, v2, vs };
}

const ALL_STAGES = () => [
  CanaryStage.stable(), CanaryStage.header(), CanaryStage.mirror(5), CanaryStage.weight(10, { keepHeaderRoute: true }),
  CanaryStage.weight(50), CanaryStage.promote(), CanaryStage.rollback(),
];

function release(stage: string, extra: Partial<CanaryReleaseProps> = {}) {
  const ctx = setup();
  const r = new CanaryRelease(ctx.vs, 'find-pets', {
    routeContainer: ctx.vs,
    routes: [{ path: '/findPets', functionName: 'findPets' }],
    stable: ctx.v1,
    canary: ctx.v2,
    stages: ALL_STAGES(),
    stage,
    ...extra,
  });
  ctx.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/other') }], action: RouteAction.forward(Destination.upstream(ctx.v1)) });
  return { ...ctx, release: r };
}

const shares = (vs: VirtualService, headers: { [k: string]: string } = {}) => RoutingSimulator.sharesByUpstream(RoutingSimulator.simulateRequest(vs, { path: '/findPets', headers }));

describe('CanaryRelease', () => {
  test.each(ALL_STAGES().map(s => s.name))('stage %s: the VirtualService YAML is locked', (stage) => {
    const { chart } = release(stage);
    expect(Yaml.stringify(...Testing.synth(chart).filter((m: any) => m.kind === 'VirtualService'))).toMatchSnapshot();
  });

  test.each<[string, { [k: string]: number }, { [k: string]: number }]>([
    ['stable', { [V1]: 100 }, { [V1]: 100 }],
    ['header', { [V2]: 100 }, { [V1]: 100 }],
    ['mirror-5', { [V1]: 100 }, { [V1]: 100 }],
    ['weight-10', { [V2]: 100 }, { [V2]: 10, [V1]: 90 }],
    ['weight-50', { [V2]: 50, [V1]: 50 }, { [V2]: 50, [V1]: 50 }],
    ['promote', { [V2]: 100 }, { [V2]: 100 }],
    ['rollback', { [V1]: 100 }, { [V1]: 100 }],
  ])('stage %s routes as declared (with the header: %j, without: %j)', (stage, withHeader, without) => {
    const { vs } = release(stage);
    expect(shares(vs, { 'x-canary': 'true' })).toEqual(withHeader);
    expect(shares(vs)).toEqual(without);
  });

  test('mirror copies the given share to the canary with Gloo\'s shadowing option', () => {
    const { vs } = release('mirror-5');
    expect(RoutingSimulator.simulateRequest(vs, { path: '/findPets' }).mirror).toEqual({ upstream: V2, namespace: 'gloo-system', percent: 5 });
  });

  test('promote is a plain single-destination route in the release\'s place, with no header route left', () => {
    const { chart } = release('promote');
    const routes = vsRoutes(chart);
    expect(routes).toHaveLength(2);
    expect(routes[0]).toEqual({
      matchers: [{ prefix: '/findPets' }],
      routeAction: { single: { destinationSpec: { rest: { functionName: 'findPets', parameters: {} } }, upstream: { name: V2, namespace: 'gloo-system' } } },
    });
  });

  describe('a more specific route added before the release keeps its traffic in every stage', () => {
    function reviewsApp(stage: string) {
      const chart = newChart('c');
      const admin = new Upstream(chart, 'admin', { serviceName: 'admin', servicePort: 8080 });
      const v1 = new Upstream(chart, 'reviews-v1', { serviceName: 'reviews-v1', servicePort: 8080, metadata: { name: 'reviews-v1' } });
      const v2 = new Upstream(chart, 'reviews-v2', { serviceName: 'reviews-v2', servicePort: 8080, metadata: { name: 'reviews-v2' } });
      const vs = new VirtualService(chart, 'vs', { metadata: { name: 'api' } });
      vs.addRoute({ matchers: [{ path: PathMatch.prefix('/api/reviews/admin') }], action: RouteAction.forward(Destination.upstream(admin)) });
      new CanaryRelease(vs, 'r', {
        routeContainer: vs,
        routes: [{ path: '/api/reviews' }],
        stable: v1,
        canary: v2,
        header: { name: 'x-canary', value: 's3cr3t' },
        stages: [CanaryStage.stable(), CanaryStage.header(), CanaryStage.weight(50, { keepHeaderRoute: true }), CanaryStage.promote()],
        stage,
      });
      Testing.synth(chart); // every synth-time rule passes, shadowing included
      return { vs, admin };
    }

    test.each(['stable', 'header', 'weight-50', 'promote'])('at %s', (stage) => {
      const { vs, admin } = reviewsApp(stage);
      for (const headers of [{ 'x-canary': 's3cr3t' }, {}] as Array<{ [k: string]: string }>) {
        expect(RoutingSimulator.sharesByUpstream(RoutingSimulator.simulateRequest(vs, { path: '/api/reviews/admin', headers }))).toEqual({ [admin.name]: 100 });
      }
    });

    test('while the release moves the rest of /api/reviews', () => {
      const { vs } = reviewsApp('header');
      expect(RoutingSimulator.sharesByUpstream(RoutingSimulator.simulateRequest(vs, { path: '/api/reviews/1', headers: { 'x-canary': 's3cr3t' } }))).toEqual({ 'reviews-v2': 100 });
      expect(RoutingSimulator.sharesByUpstream(RoutingSimulator.simulateRequest(vs, { path: '/api/reviews/1' }))).toEqual({ 'reviews-v1': 100 });
    });
  });

  test('without a header stage, promote keeps the release\'s place', () => {
    const { chart } = release('promote', { stages: [CanaryStage.weight(10), CanaryStage.promote()] });
    expect(vsRoutes(chart).map(r => r.matchers[0].prefix)).toEqual(['/findPets', '/other']);
  });

  test('fractional percentages become weights over 1000, 10000, ...', () => {
    const { chart } = release('weight-0.5', { stages: [CanaryStage.weight(0.5)] });
    expect(vsRoutes(chart)[0].routeAction.multi.destinations.map((d: any) => d.weight)).toEqual([5, 995]);
  });

  test('several routes move together', () => {
    const ctx = setup();
    new CanaryRelease(ctx.vs, 'pets', {
      routeContainer: ctx.vs,
      routes: [
        { path: '/findPets', functionName: 'findPets' },
        { path: '/findPetWithId', functionName: 'findPetById', parameters: { headers: { ':path': '/findPetWithId/{id}' } } },
      ],
      stable: ctx.v1,
      canary: ctx.v2,
      stages: [CanaryStage.weight(20)],
      stage: 'weight-20',
    });
    expect(RoutingSimulator.sharesByUpstream(RoutingSimulator.simulateRequest(ctx.vs, { path: '/findPets' }))).toEqual({ [V2]: 20, [V1]: 80 });
    expect(RoutingSimulator.sharesByUpstream(RoutingSimulator.simulateRequest(ctx.vs, { path: '/findPetWithId/3' }))).toEqual({ [V2]: 20, [V1]: 80 });
  });

  test('with TrafficSplit.UPSTREAM_GROUP every route points at one UpstreamGroup whose weights move', () => {
    const ctx = setup();
    const r = new CanaryRelease(ctx.vs, 'pets', {
      routeContainer: ctx.vs,
      routes: [{ path: '/a' }, { path: '/b' }],
      stable: ctx.v1,
      canary: ctx.v2,
      stages: [CanaryStage.weight(30)],
      stage: 'weight-30',
      trafficSplit: TrafficSplit.UPSTREAM_GROUP,
      upstreamGroupMetadata: { name: 'pets-canary' },
    });
    expect(r.upstreamGroup?.name).toBe('pets-canary');
    const manifests = Testing.synth(ctx.chart);
    expect(Yaml.stringify(...manifests.filter((m: any) => m.kind === 'UpstreamGroup' || m.kind === 'VirtualService'))).toMatchSnapshot();
    expect(RoutingSimulator.sharesByUpstream(RoutingSimulator.simulateRequest(ctx.vs, { path: '/b' }))).toEqual({ [V2]: 30, [V1]: 70 });
  });

  test('the CLI\'s process-wide choice selects another stage (used by plan and synth-stages)', () => {
    process.env[STAGES_ENV] = JSON.stringify({ 'test/vs/find-pets': 'promote' });
    try {
      const { release: r, vs } = release('stable');
      expect(r.activeStage.name).toBe('promote');
      expect(shares(vs)).toEqual({ [V2]: 100 });
    } finally {
      delete process.env[STAGES_ENV];
    }
  });

  describe('fails', () => {
    const build = (extra: Partial<CanaryReleaseProps>) => () => release('stable', extra);

    test('fails when two stages share a name', () => {
      expect(build({ stages: [CanaryStage.stable(), CanaryStage.weight(10), CanaryStage.weight(10)] })).toThrow(
        '[test/vs/find-pets] stages[2].name: got "weight-10", expected a stage name not used by an earlier stage (hint: give one of them a name with { name: ... })');
    });

    test('fails when the active stage does not exist', () => {
      expect(() => release('weight-20', { stages: [CanaryStage.stable(), CanaryStage.weight(10)] })).toThrow(
        '[test/vs/find-pets] stage: got "weight-20", expected one of the stage names: stable, weight-10');
    });

    test.each([120, -1, NaN])('fails when a weight is %p', (w) => {
      expect(build({ stages: [CanaryStage.stable(), CanaryStage.weight(w, { name: 'bad' })] })).toThrow(
        /\[test\/vs\/find-pets\] stages\[1\] \(bad\)\.percent: got .*, expected a percentage from 0 to 100/);
    });

    test('fails when the canary share goes down before a rollback', () => {
      expect(build({ stages: [CanaryStage.stable(), CanaryStage.weight(50), CanaryStage.weight(10)] })).toThrow(
        '[test/vs/find-pets] stages[2] (weight-10): got "10% to the canary after 50% in weight-50", expected stages whose canary share does not go down before a rollback');
    });

    test('an out-of-order schedule is fine when it says so', () => {
      const { release: r } = release('stable', { stages: [CanaryStage.stable(), CanaryStage.weight(50), CanaryStage.weight(10)], allowOutOfOrderStages: true });
      expect(r.stageNames).toEqual(['stable', 'weight-50', 'weight-10']);
    });

    test('fails for a bad schedule, naming the release', () => {
      expect(build({ stages: [CanaryStage.stable(), ...CanaryStage.linear({ stepWeight: -5 })] })).toThrow(
        '[test/vs/find-pets] stages[1].stepWeight: got -5, expected a percentage above 0 and at most 100');
    });

    test('fails for a presence-only header without the opt-in', () => {
      expect(build({ header: { name: 'x-canary', match: HeaderMatchType.PRESENT } })).toThrow(
        '[test/vs/find-pets] header.match: got "present", expected a header matched by value (EXACT or REGEX) (hint: any client can send a header');
    });

    test('a presence-only header works with the opt-in', () => {
      const { vs } = release('header', { header: { name: 'x-canary', match: HeaderMatchType.PRESENT }, allowHeaderPresenceMatch: true });
      expect(shares(vs, { 'x-canary': 'anything' })).toEqual({ [V2]: 100 });
    });

    test('fails when the canary lacks the function', () => {
      const ctx = setup();
      const v3 = new Upstream(ctx.chart, 'v3', { serviceName: 'petstore-v3', servicePort: 8080, functions: { other: {} } });
      expect(() => new CanaryRelease(ctx.vs, 'r', { routeContainer: ctx.vs, routes: [{ path: '/findPets', functionName: 'findPets' }], stable: ctx.v1, canary: v3, stages: [CanaryStage.stable()], stage: 'stable' })).toThrow(
        '[test/vs/r] routes[0] canary.destinationSpec.rest.functionName: got "findPets", expected one of the functions of upstream default-petstore-v3-8080: other');
    });

    test('fails when stable and canary are the same', () => {
      const ctx = setup();
      expect(() => new CanaryRelease(ctx.vs, 'r', { routeContainer: ctx.vs, routes: [{ path: '/x' }], stable: ctx.v1, canary: ctx.v1, stages: [CanaryStage.stable()], stage: 'stable' })).toThrow(
        '[test/vs/r] canary: got "gloo-system/default-petstore-v1-8080", expected a canary that differs from the stable upstream and function');
    });

    test('fails when an UpstreamGroup release has routes with different functions', () => {
      expect(build({ trafficSplit: TrafficSplit.UPSTREAM_GROUP, routes: [{ path: '/a', functionName: 'findPets' }, { path: '/b', functionName: 'findPetById' }] })).toThrow(
        '[test/vs/find-pets] routes[1]: got "findPetById", expected the same function and parameters as routes[0]');
    });

    test.each(['stable', 'canary'] as const)('fails when %s is missing, as JavaScript callers can pass, with a GlooInputError and no TypeError', (field) => {
      let error: any;
      try {
        build({ [field]: undefined })();
      } catch (e) {
        error = e;
      }
      expect(error?.name).toBe('GlooInputError');
      expect(error?.message).toBe(`[test/vs/find-pets] ${field}: got nothing, expected an Upstream, such as new Upstream(...) or Upstream.fromUpstreamName(...)`);
    });

    test('fails when a presence-only header has a value, as a CanaryRoute does', () => {
      expect(build({ header: { name: 'x-canary', value: 'true', match: HeaderMatchType.PRESENT }, allowHeaderPresenceMatch: true })).toThrow(
        '[test/vs/find-pets] header.value: got "true", expected no value with HeaderMatchType.PRESENT (hint: use HeaderMatchType.EXACT to match a value)');
    });

    test('fails when the header name is not an HTTP token', () => {
      expect(build({ header: { name: 'x canary', value: 's3cr3t' } })).toThrow(
        '[test/vs/find-pets] header.name: got "x canary", expected a header name that is an HTTP token');
    });

    test('fails when a route\'s prefix rewrite does not start with "/"', () => {
      const { chart } = release('header', { routes: [{ path: '/findPets', functionName: 'findPets', prefixRewrite: 'api/pets' }] });
      expect(() => Testing.synth(chart)).toThrow(
        '[test/vs/find-pets] routes[0].options.prefixRewrite: got "api/pets", expected a prefix rewrite that starts with "/"');
    });

    test('fails without routes or stages', () => {
      expect(build({ routes: [], stages: [] })).toThrow(/3 problems:\n {2}\[test\/vs\/find-pets\] routes: got \[\], expected at least one route to release\n {2}\[test\/vs\/find-pets\] stages: got \[\], expected at least one stage/);
    });
  });
});

describe('the release description the CLI plans with', () => {
  test('names the method of each route whose function is not called with GET', () => {
    const chart = newChart();
    const functions = { ...FUNCTIONS, deletePet: { method: 'DELETE', path: '/api/pets/{{ id }}' } };
    const v1 = new Upstream(chart, 'v1', { serviceName: 'petstore-v1', servicePort: 8080, functions });
    const v2 = new Upstream(chart, 'v2', { serviceName: 'petstore-v2', servicePort: 8080, functions });
    const vs = new VirtualService(chart, 'vs');
    const build = (routes: CanaryReleaseProps['routes'], id: string) => new CanaryRelease(chart, id, {
      routeContainer: vs, routes, stable: v1, canary: v2, stages: [CanaryStage.stable(), CanaryStage.weight(10)], stage: 'stable',
    });
    expect(build([{ path: '/findPets', functionName: 'findPets' }, { path: '/deletePet', functionName: 'deletePet' }], 'a')._description.routeMethods)
      .toEqual(['GET', 'DELETE']);
    expect(build([{ path: '/findPetWithId', functionName: 'findPetById' }], 'b')._description.routeMethods).toBeUndefined();
  });
});
