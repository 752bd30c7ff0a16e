/**
 * The petstore example rendered to Gateway API: every blog step and every stage of its two
 * releases either renders to HTTPRoutes that pass the CRD schema and rules and route every derived
 * request like Gloo, or is refused for the documented reason (findPets' query template).
 */
import { Testing } from 'cdk8s';
import { crdProblems, errorOf } from './render-fixture';
import { ACTIVE_STEP } from '../../examples/petstore-canary/active-step';
import { buildPetstoreCanary, PetstoreChart } from '../../examples/petstore-canary/app';
import { STEPS } from '../../examples/petstore-canary/steps';
import { CanaryRelease, CanaryStage, Destination, PathMatch, Route, RouteAction, TrafficSplit, VirtualService } from '../../src';
import { renderHttpRoutes } from '../../src/gateway-api/http-route-render';

const OPTIONS = { gatewayName: 'gw', gatewayNamespace: 'gloo-system', name: 'coalmine', namespace: 'gloo-system' };
const FIND_PETS_REFUSAL = /^\[coalmine\/find-pets\] routes\[\d\]\.routeAction\.single\.upstream\.functions\.findPets\.path: got "\/api\/pets\?tags=.*", expected a path without a query template \(gateway api cannot rewrite the query string\) \(hint: function findPets of upstream default-petstore-v[12]-8080 .*TrafficPolicy/;

/** Renders routes, checks the output and returns the kinds of the accepted differences. */
function renderAndCheck(routes: Route[]): string[] {
  const rendering = renderHttpRoutes(routes, { ...OPTIONS, acceptNarrowedPrefixes: true });
  expect(crdProblems(rendering.manifests)).toEqual([]);
  return [...new Set(rendering.acceptedDifferences.map(d => d.expected!))].sort();
}

/** Whether every problem of an error is findPets' query template. */
function refusedForFindPets(message: string): boolean {
  const lines = message.split('\n').filter(l => !/^\d+ problems:$/.test(l)).map(l => l.trim());
  return lines.length > 0 && lines.every(l => FIND_PETS_REFUSAL.test(l));
}

const notFindPets = (r: Route) => r._owner.node.id !== 'find-pets';

describe('the petstore example on Gateway API, step by step', () => {
  test.each(STEPS)('%s is refused for findPets\' query template', step => {
    const { coalmine } = buildPetstoreCanary(Testing.app(), step);
    expect(refusedForFindPets(errorOf(() => renderHttpRoutes(coalmine.virtualService.routes, OPTIONS)))).toBe(true);
  });

  test.each(STEPS)('%s without the findPets release routes like Gloo', step => {
    const { coalmine } = buildPetstoreCanary(Testing.app(), step);
    expect(renderAndCheck(coalmine.virtualService.routes.filter(notFindPets))).toEqual(['function method', 'narrowed prefix']);
  });
});

/** The example at its active step, with one release moved to `stage`. */
function atStage(release: 'findPetById' | 'findPets', stage: string) {
  const probe = buildPetstoreCanary(Testing.app(), ACTIVE_STEP).coalmine[release];
  const app = Testing.app();
  CanaryRelease.selectStages(app, { [probe.releaseName]: stage });
  return buildPetstoreCanary(app, ACTIVE_STEP).coalmine;
}

const stagesOf = (release: 'findPetById' | 'findPets') => buildPetstoreCanary(Testing.app(), ACTIVE_STEP).coalmine[release].stageNames;

describe('every stage of the example\'s releases on Gateway API', () => {
  test.each(stagesOf('findPetById'))('findPetById at %s routes like Gloo', stage => {
    const coalmine = atStage('findPetById', stage);
    expect(renderAndCheck(coalmine.virtualService.routes.filter(r => r._owner === coalmine.findPetById))).toEqual(['function method', 'narrowed prefix']);
  });

  test.each(stagesOf('findPets'))('findPets at %s is refused for its query template', stage => {
    const coalmine = atStage('findPets', stage);
    const routes = coalmine.virtualService.routes.filter(r => r._owner === coalmine.findPets);
    expect(refusedForFindPets(errorOf(() => renderHttpRoutes(routes, OPTIONS)))).toBe(true);
  });
});

/** Every stage kind, in both traffic-split modes, on a release without functions or rewrites: no difference at all. */
describe('every stage kind of a plain release routes exactly like Gloo', () => {
  const STAGES = [
    CanaryStage.stable(), CanaryStage.header(), CanaryStage.mirror(5), CanaryStage.weight(10), CanaryStage.promote(), CanaryStage.rollback(),
  ];
  const cases = [TrafficSplit.INLINE, TrafficSplit.UPSTREAM_GROUP].flatMap(split => STAGES.map(s => [split, s.name] as const));
  test.each(cases)('%s split at %s', (split, stage) => {
    const app = Testing.app();
    const petstore = new PetstoreChart(app, 'petstore');
    const vs = new VirtualService(petstore, 'vs', { metadata: { name: 'shop', namespace: 'gloo-system' } });
    new CanaryRelease(petstore, 'release', {
      routeContainer: vs,
      routes: [{ path: '/api' }],
      stable: petstore.v1.upstream,
      canary: petstore.v2.upstream,
      stages: STAGES,
      stage,
      trafficSplit: split,
    });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.forward(Destination.upstream(petstore.v1.upstream)) });
    const rendering = renderHttpRoutes(vs.routes, OPTIONS);
    expect(crdProblems(rendering.manifests)).toEqual([]);
    expect(rendering.acceptedDifferences).toEqual([]);
  });
});
