/**
 * Where a release puts its routes, as a property: for random VirtualServices with overlapping
 * prefixes and a release on one of them, at any stage, every request the stage does not name
 * routes exactly as it does at `stable`; and the requests it names go where the stage says.
 */
import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import {
  CanaryRelease,
  CanaryStage,
  Destination,
  PathMatch,
  RouteAction,
  RoutingSimulator,
  SimulatedRequest,
  Upstream,
  VirtualService,
} from '../../src';
import { deriveRequests, describeRequest, routingMeaning } from '../../src/simulate/request-set';

/** Prefixes that overlap as character prefixes and as path elements. */
const PREFIXES = ['/api', '/api/', '/api/reviews', '/api/reviews/admin', '/api/reviewsx', '/apix', '/other'];
const HEADER = { name: 'x-canary', value: 's3cr3t' };

const STAGES = () => [
  CanaryStage.stable(), CanaryStage.header(), CanaryStage.mirror(5), CanaryStage.weight(10, { keepHeaderRoute: true }),
  CanaryStage.weight(50), CanaryStage.promote(), CanaryStage.rollback(),
];

interface AppSpec {
  /** Prefixes of the user's own routes, each to its own upstream, in the order added. */
  readonly before: string[];
  readonly after: string[];
  /** The release's path, and whether it is a CanaryRelease or a CanaryRoute. */
  readonly releasePath: string;
  readonly stage: string;
}

const appSpec: fc.Arbitrary<AppSpec> = fc.record({
  before: fc.uniqueArray(fc.constantFrom(...PREFIXES), { maxLength: 3 }),
  after: fc.uniqueArray(fc.constantFrom(...PREFIXES), { maxLength: 3 }),
  releasePath: fc.constantFrom(...PREFIXES),
  stage: fc.constantFrom(...STAGES().map(s => s.name)),
});

/** The app's VirtualService manifest at a stage, or undefined when a synth-time rule refuses it. */
function synth(spec: AppSpec, stage: string): any[] | undefined {
  const chart = new Chart(Testing.app(), 'p');
  const upstream = (name: string) => new Upstream(chart, name, { serviceName: name, servicePort: 80, metadata: { name } });
  const vs = new VirtualService(chart, 'vs', { metadata: { name: 'vs', namespace: 'gloo-system' } });
  const own = (prefix: string, i: number, where: string) => vs.addRoute({
    matchers: [{ path: PathMatch.prefix(prefix) }],
    action: RouteAction.forward(Destination.upstream(upstream(`own-${where}-${i}`))),
  });
  spec.before.forEach((p, i) => own(p, i, 'before'));
  new CanaryRelease(vs, 'release', {
    routeContainer: vs,
    routes: [{ path: spec.releasePath }],
    stable: upstream('stable'),
    canary: upstream('canary'),
    header: HEADER,
    stages: STAGES(),
    stage,
  });
  spec.after.forEach((p, i) => own(p, i, 'after'));
  try {
    return Testing.synth(chart);
  } catch (e) {
    if (/routes\[\d+\]\.matchers: got .* expected a route that can match/.test((e as Error).message)) return undefined;
    throw e;
  }
}

const simulate = (manifests: any[], r: SimulatedRequest) => new RoutingSimulator(manifests).simulate('vs', r, 'gloo-system');

describe('release placement', () => {
  test('every request a stage does not name routes as it does at stable', () => {
    fc.assert(fc.property(appSpec, (spec) => {
      const stable = synth(spec, 'stable');
      fc.pre(stable !== undefined); // an app whose own routes shadow each other is refused at every stage
      const staged = synth(spec, spec.stage);
      expect(staged).toBeDefined(); // a stage never adds a shadowing problem the stable app lacks
      const routes = [stable!, staged!].flatMap(ms => ms.find(m => m.kind === 'VirtualService').spec.virtualHost.routes);
      for (const request of deriveRequests(routes)) {
        const before = simulate(stable!, request);
        const named = before.destinations.some(d => d.upstream === 'stable');
        const after = simulate(staged!, request);
        if (!named) {
          expect([describeRequest(request), routingMeaning(after)]).toEqual([describeRequest(request), routingMeaning(before)]);
        } else {
          // the release's own requests reach stable and/or canary only
          expect(after.destinations.map(d => d.upstream).filter(u => u !== 'stable' && u !== 'canary')).toEqual([]);
        }
      }
    }), { numRuns: 150 });
  });
});
