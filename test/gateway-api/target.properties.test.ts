/**
 * The Gateway API target as a property: for random route lists (overlapping prefixes, exact and
 * regex paths, header and method conditions, weighted splits, a canary release at any stage),
 * synth under `GatewayApiTarget` either fails with a `GlooInputError`, or writes an HTTPRoute that
 * routes random requests, not only the ones the synth-time check derives, to the same Services with
 * the same shares as the Gloo output of the same code. A difference is allowed only where the check
 * allows one: a path past a rewritten character prefix, which `acceptNarrowedPrefixes` accepts.
 */
import { App, Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import {
  CanaryRelease, CanaryStage, Destination, GatewayApiTarget, HeaderMatch, PathMatch, RouteAction, RouteMatcher, Upstream, VirtualService,
} from '../../src';
import { compareRouting } from '../../src/gateway-api/routing-comparison';
import { SimulatedRequest } from '../../src/simulate/simulator';

const SEGMENTS = ['/api', '/api/', '/api/v1', '/apix', '/web', '/'];
const HEADER = 'x-canary';

interface RouteSpec {
  readonly kind: 'prefix' | 'exact' | 'regex';
  readonly path: string;
  readonly header?: string;
  readonly method?: string;
  readonly rewrite: boolean;
  /** Weights over the three Services; one non-zero means a plain forward. */
  readonly weights: [number, number, number];
}

interface AppSpec {
  readonly routes: RouteSpec[];
  readonly release?: { readonly path: string; readonly stage: string; readonly at: number };
}

const STAGES = () => [
  CanaryStage.stable(), CanaryStage.header(), CanaryStage.mirror(5), CanaryStage.weight(10), CanaryStage.promote(), CanaryStage.rollback(),
];

const routeSpec: fc.Arbitrary<RouteSpec> = fc.record({
  kind: fc.constantFrom('prefix' as const, 'exact' as const, 'regex' as const),
  path: fc.constantFrom(...SEGMENTS),
  header: fc.option(fc.constantFrom('on', 'off'), { nil: undefined }),
  method: fc.option(fc.constantFrom('GET', 'POST'), { nil: undefined }),
  rewrite: fc.boolean(),
  weights: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }))
    .filter(w => w.some(x => x > 0)) as fc.Arbitrary<[number, number, number]>,
});

const appSpec: fc.Arbitrary<AppSpec> = fc.record({
  routes: fc.array(routeSpec, { minLength: 1, maxLength: 4 }),
  release: fc.option(fc.record({
    path: fc.constantFrom('/api', '/api/v1', '/web'),
    stage: fc.constantFrom(...STAGES().map(s => s.name)),
    at: fc.nat({ max: 4 }),
  }), { nil: undefined }),
});

function matcherOf(r: RouteSpec): RouteMatcher {
  const path = r.kind === 'prefix' ? PathMatch.prefix(r.path)
    : r.kind === 'exact' ? PathMatch.exact(r.path)
      : PathMatch.regex(`${r.path.replace(/\/$/, '')}/[a-z0-9]+`);
  return { path, headers: r.header ? [HeaderMatch.valueIs(HEADER, r.header)] : undefined, methods: r.method ? [r.method] : undefined };
}

/** Every manifest of the app for a target, or undefined when synth refuses it with a GlooInputError. */
function synth(spec: AppSpec, target: boolean): any[] | undefined {
  const app = Testing.app();
  if (target) GatewayApiTarget.apply(app, { gatewayName: 'gw', gatewayNamespace: 'gw', acceptNarrowedPrefixes: true });
  try {
    build(app, spec);
    return app.charts.flatMap(c => c.toJson());
  } catch (e) {
    const message = (e as Error).message;
    // a refusal names what the target cannot express; a schema or rule violation is a bug
    if (/crd schema|do not match their CRD schema/.test(message)) throw e;
    if ((e as Error).name === 'GlooInputError' || /Validation failed/.test(message)) return undefined;
    throw e;
  }
}

function build(app: App, spec: AppSpec): void {
  const chart = new Chart(app, 'p');
  const services = ['s0', 's1', 's2'].map(name => new Upstream(chart, name, { serviceName: name, serviceNamespace: 'apps', servicePort: 80 }));
  const vs = new VirtualService(chart, 'vs', { metadata: { name: 'vs', namespace: 'apps' } });
  const addRelease = () => new CanaryRelease(chart, 'release', {
    routeContainer: vs,
    routes: [{ path: spec.release!.path }],
    stable: services[0],
    canary: services[1],
    header: { name: HEADER, value: 'on' },
    stages: STAGES(),
    stage: spec.release!.stage,
  });
  spec.routes.forEach((r, i) => {
    if (spec.release && spec.release.at === i) addRelease();
    const weighted = r.weights.map((weight, k) => ({ destination: Destination.upstream(services[k]), weight })).filter(w => w.weight > 0);
    vs.addRoute({
      matchers: [matcherOf(r)],
      action: weighted.length === 1 ? RouteAction.forward(weighted[0].destination) : RouteAction.weightedForward(weighted),
      options: r.rewrite && r.kind === 'prefix' ? { prefixRewrite: '/backend' } : undefined,
      allowShadowing: true,
    });
  });
  if (spec.release && spec.release.at >= spec.routes.length) addRelease();
}

/** Random requests: any of the paths around the segments, with or without the header, either method. */
const request: fc.Arbitrary<SimulatedRequest> = fc.record({
  path: fc.tuple(fc.constantFrom(...SEGMENTS), fc.constantFrom('', '/', 'x', '/x', '/x/y', 'v1', '/v1/z')).map(([a, b]) => `${a}${b}`.replace(/\/\/+/g, '/')),
  header: fc.constantFrom(undefined, 'on', 'off', 'other'),
  method: fc.constantFrom('GET', 'POST', 'PUT'),
}).map(r => ({ path: r.path, method: r.method, headers: r.header ? { [HEADER]: r.header } : undefined }));

/** Whether a path goes on past a prefix of a rewritten route within its last path element. */
function pastRewrittenPrefix(spec: AppSpec, path: string): boolean {
  return spec.routes.some(r => r.rewrite && r.kind === 'prefix' && r.path !== '/' && !r.path.endsWith('/')
    && path.startsWith(r.path) && path.length > r.path.length && path[r.path.length] !== '/');
}

describe('the Gateway API target, for random route lists', () => {
  test('is refused, or routes random requests like the Gloo output', () => {
    let compared = 0;
    fc.assert(fc.property(appSpec, fc.array(request, { minLength: 20, maxLength: 20 }), (spec, requests) => {
      const gatewayApi = synth(spec, true);
      if (!gatewayApi) return;
      const gloo = synth(spec, false);
      expect(gloo).toBeDefined();
      const differences = compareRouting({
        glooManifests: gloo!,
        virtualService: { name: 'vs', namespace: 'apps' },
        httpRoutes: gatewayApi,
        gatewayName: 'gw',
        gatewayNamespace: 'gw',
        host: 'example.com',
        requests,
      });
      compared++;
      for (const d of differences) {
        const path = d.request.split(' ')[1];
        expect({ request: d.request, gloo: d.gloo, gatewayApi: d.gatewayApi, allowed: d.gatewayApi === 'no route' && pastRewrittenPrefix(spec, path) })
          .toEqual({ request: d.request, gloo: d.gloo, gatewayApi: d.gatewayApi, allowed: true });
      }
    }), { numRuns: 400, seed: 12 });
    // the property is not vacuous: many random apps are accepted and compared
    expect(compared).toBeGreaterThan(30);
  });
});
