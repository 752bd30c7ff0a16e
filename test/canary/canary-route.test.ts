import { Chart } from 'cdk8s';
import {
  CanaryRoute,
  Destination,
  FunctionRoute,
  HeaderMatchType,
  PathMatch,
  RouteAction,
  RoutingSimulator,
  Upstream,
  VirtualService,
  WeightedFunctionRoute,
} from '../../src';
import { newChart, synthYaml, vsRoutes } from '../util';

const FUNCTIONS = { findPets: { method: 'GET', path: '/api/pets' }, findPetById: { method: 'GET', path: '/api/pets/{{ id }}' } };

function setup() {
  const chart = newChart();
  const v1 = new Upstream(chart, 'v1', { serviceName: 'petstore-v1', servicePort: 8080, functions: FUNCTIONS });
  const v2 = new Upstream(chart, 'v2', { serviceName: 'petstore-v2', servicePort: 8080, functions: FUNCTIONS });
  const vs = new VirtualService(chart, 'vs', { metadata: { name: 'coalmine', namespace: 'gloo-system' } });
  return { chart, v1, v2, vs };
}

const target = (r: any) => [r.matchers[0].prefix, r.matchers[0].headers?.[0]?.name ?? '-', r.routeAction.single.upstream.name];

describe('FunctionRoute', () => {
  test('routes a prefix to one function, with parameters and prefix rewrite', () => {
    const { chart, v1, vs } = setup();
    new FunctionRoute(vs, 'by-id', {
      routeContainer: vs,
      path: '/findPetWithId',
      upstream: v1,
      functionName: 'findPetById',
      parameters: { headers: { ':path': '/findPetWithId/{id}' } },
      prefixRewrite: '/',
    });
    expect(vsRoutes(chart)).toEqual([{
      matchers: [{ prefix: '/findPetWithId' }],
      options: { prefixRewrite: '/' },
      routeAction: {
        single: {
          destinationSpec: { rest: { functionName: 'findPetById', parameters: { headers: { ':path': '/findPetWithId/{id}' } } } },
          upstream: { name: 'default-petstore-v1-8080', namespace: 'gloo-system' },
        },
      },
    }]);
  });

  test('fails when the upstream lacks the function, naming the FunctionRoute', () => {
    const { v1, vs } = setup();
    expect(() => new FunctionRoute(vs, 'by-id', { routeContainer: vs, path: '/x', upstream: v1, functionName: 'addPet' })).toThrow(
      '[test/vs/by-id] routeAction.single.destinationSpec.rest.functionName: got "addPet", expected one of the functions of upstream default-petstore-v1-8080: findPetById, findPets');
  });
});

describe('CanaryRoute', () => {
  test('requests with the header go to the canary, all others to stable', () => {
    const { chart, v1, v2, vs } = setup();
    new CanaryRoute(vs, 'find-pets', { routeContainer: vs, path: '/findPets', functionName: 'findPets', stable: v1, canary: v2 });
    expect(synthYaml(chart)).toMatchSnapshot();
    const [header, stable] = vsRoutes(chart);
    expect(header.matchers).toEqual([{ prefix: '/findPets', headers: [{ name: 'x-canary', value: 'true' }] }]);
    expect(header.routeAction.single.upstream.name).toBe('default-petstore-v2-8080');
    expect(stable.matchers).toEqual([{ prefix: '/findPets' }]);
    expect(stable.routeAction.single.upstream.name).toBe('default-petstore-v1-8080');
  });

  test('the header route comes right before the route it overrides, after every route added earlier', () => {
    const { chart, v1, v2, vs } = setup();
    new FunctionRoute(vs, 'by-id', { routeContainer: vs, path: '/findPetWithId', upstream: v1, functionName: 'findPetById' });
    new CanaryRoute(vs, 'find-pets', { routeContainer: vs, path: '/findPets', functionName: 'findPets', stable: v1, canary: v2 });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.forward(Destination.upstream(v1)) });
    expect(vsRoutes(chart).map(target)).toEqual([
      ['/findPetWithId', '-', 'default-petstore-v1-8080'],
      ['/findPets', 'x-canary', 'default-petstore-v2-8080'],
      ['/findPets', '-', 'default-petstore-v1-8080'],
      ['/', '-', 'default-petstore-v1-8080'],
    ]);
  });

  test('a more specific route added before it keeps its traffic, with or without the header', () => {
    const { chart, v1, v2, vs } = setup();
    const admin = new Upstream(chart, 'admin', { serviceName: 'admin', servicePort: 8080 });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/findPets/admin') }], action: RouteAction.forward(Destination.upstream(admin)) });
    new CanaryRoute(vs, 'find-pets', { routeContainer: vs, path: '/findPets', functionName: 'findPets', stable: v1, canary: v2, header: { name: 'x-canary', value: 's3cr3t' } });
    const shares = (headers: { [k: string]: string }) => RoutingSimulator.sharesByUpstream(RoutingSimulator.simulateRequest(vs, { path: '/findPets/admin', headers }));
    expect(shares({ 'x-canary': 's3cr3t' })).toEqual({ [admin.name]: 100 });
    expect(shares({})).toEqual({ [admin.name]: 100 });
    expect(RoutingSimulator.sharesByUpstream(RoutingSimulator.simulateRequest(vs, { path: '/findPets', headers: { 'x-canary': 's3cr3t' } }))).toEqual({ [v2.name]: 100 });
  });

  test.each([
    [{ name: 'x-beta', value: 'yes' }, { name: 'x-beta', value: 'yes' }],
    [{ name: 'x-beta', value: '(a|b)', match: HeaderMatchType.REGEX }, { name: 'x-beta', value: '(a|b)', regex: true }],
    [{ name: 'x-beta', match: HeaderMatchType.PRESENT }, { name: 'x-beta' }],
  ])('header %p renders as %p', (header, rendered) => {
    const { chart, v1, v2, vs } = setup();
    new CanaryRoute(vs, 'c', { routeContainer: vs, path: '/findPets', functionName: 'findPets', stable: v1, canary: v2, header });
    expect(vsRoutes(chart)[0].matchers[0].headers).toEqual([rendered]);
  });

  describe('fails', () => {
    let chart: Chart; let v1: Upstream; let v2: Upstream; let vs: VirtualService;
    beforeEach(() => ({ chart, v1, v2, vs } = setup()));

    test('fails when the canary header has no name', () => {
      expect(() => new CanaryRoute(vs, 'c', { routeContainer: vs, path: '/findPets', functionName: 'findPets', stable: v1, canary: v2, header: { name: '' } })).toThrow(
        '[test/vs/c] header.name: got "", expected a non-empty header name, such as "x-canary"');
    });

    test('fails when the canary upstream lacks the function', () => {
      const v3 = new Upstream(chart, 'v3', { serviceName: 'petstore-v3', servicePort: 8080, functions: { other: {} } });
      expect(() => new CanaryRoute(vs, 'c', { routeContainer: vs, path: '/findPets', functionName: 'findPets', stable: v1, canary: v3 })).toThrow(
        '[test/vs/c] canary.destinationSpec.rest.functionName: got "findPets", expected one of the functions of upstream default-petstore-v3-8080: other');
    });

    test('fails when the stable upstream lacks the function', () => {
      const v0 = new Upstream(chart, 'v0', { serviceName: 'petstore-v0', servicePort: 8080 });
      expect(() => new CanaryRoute(vs, 'c', { routeContainer: vs, path: '/findPets', functionName: 'findPets', stable: v0, canary: v2 })).toThrow(
        /\[test\/vs\/c\] stable\.destinationSpec\.rest\.functionName: got "findPets", expected an upstream with a REST spec, but upstream default-petstore-v0-8080 has no functions/);
    });

    test('fails when stable and canary are the same upstream and function', () => {
      expect(() => new CanaryRoute(vs, 'c', { routeContainer: vs, path: '/findPets', functionName: 'findPets', stable: v1, canary: v1 })).toThrow(
        '[test/vs/c] canary: got "default-petstore-v1-8080 findPets", expected a canary that differs from the stable upstream and function');
    });

    test('a different function on the same upstream is a valid canary', () => {
      new CanaryRoute(vs, 'c', { routeContainer: vs, path: '/findPets', functionName: 'findPets', canaryFunctionName: 'findPetById', stable: v1, canary: v1 });
      expect(vsRoutes(chart)[0].routeAction.single.destinationSpec.rest.functionName).toBe('findPetById');
    });

    test('fails when an empty header value is given', () => {
      expect(() => new CanaryRoute(vs, 'c', { routeContainer: vs, path: '/findPets', functionName: 'findPets', stable: v1, canary: v2, header: { name: 'x', value: '' } })).toThrow(
        '[test/vs/c] header.value: got "", expected a non-empty value');
    });
  });
});

describe('WeightedFunctionRoute', () => {
  test('splits one function across upstreams by weight, in the order given', () => {
    const { chart, v1, v2, vs } = setup();
    new WeightedFunctionRoute(vs, 'by-id', {
      routeContainer: vs,
      path: '/findPetWithId',
      functionName: 'findPetById',
      parameters: { headers: { ':path': '/findPetWithId/{id}' } },
      targets: [{ upstream: v2, weight: 10 }, { upstream: v1, weight: 90 }],
    });
    expect(synthYaml(chart)).toMatchSnapshot();
  });

  test('a single weight of 0 is allowed', () => {
    const { chart, v1, v2, vs } = setup();
    new WeightedFunctionRoute(vs, 'by-id', { routeContainer: vs, path: '/x', functionName: 'findPets', targets: [{ upstream: v2, weight: 0 }, { upstream: v1, weight: 100 }] });
    expect(vsRoutes(chart)[0].routeAction.multi.destinations.map((d: any) => d.weight)).toEqual([0, 100]);
  });

  test('fails when the weights add up to less than 1', () => {
    const { v1, v2, vs } = setup();
    expect(() => new WeightedFunctionRoute(vs, 'by-id', { routeContainer: vs, path: '/x', functionName: 'findPets', targets: [{ upstream: v2, weight: 0 }, { upstream: v1, weight: 0 }] })).toThrow(
      '[test/vs/by-id] routeAction.multi.destinations[*].weight: got 0, expected weights that add up to at least 1 (got 0 + 0)');
  });

  test('fails when a target upstream lacks the function', () => {
    const { chart, v1, vs } = setup();
    const other = new Upstream(chart, 'o', { serviceName: 'o', servicePort: 80, functions: { x: {} } });
    expect(() => new WeightedFunctionRoute(vs, 'by-id', { routeContainer: vs, path: '/x', functionName: 'findPets', targets: [{ upstream: other, weight: 50 }, { upstream: v1, weight: 50 }] })).toThrow(
      '[test/vs/by-id] routeAction.multi.destinations[0].destination.destinationSpec.rest.functionName: got "findPets", expected one of the functions of upstream default-o-80: x');
  });
});
