import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { CanaryRelease, CanaryReleaseProps, CanaryStage, TrafficSplit, Upstream, VirtualService } from '../../src';
import { newChart } from '../util';

const FUNCTIONS = { findPets: { method: 'GET', path: '/api/pets' } };

/** A release split through an UpstreamGroup, at a weight stage, created under the scope `place` picks. */
function groupNames(place: (chart: Construct, vs: VirtualService) => Construct, id = 'find-pets', extra: Partial<CanaryReleaseProps> = {}) {
  const chart = newChart();
  const v1 = new Upstream(chart, 'v1', { serviceName: 'petstore-v1', servicePort: 8080, functions: FUNCTIONS });
  const v2 = new Upstream(chart, 'v2', { serviceName: 'petstore-v2', servicePort: 8080, functions: FUNCTIONS });
  const vs = new VirtualService(chart, 'vs', { metadata: { name: 'coalmine' } });
  new CanaryRelease(place(chart, vs), id, {
    routeContainer: vs,
    routes: [{ path: '/findPets', functionName: 'findPets' }],
    stable: v1,
    canary: v2,
    stages: [CanaryStage.stable(), CanaryStage.weight(10)],
    stage: 'weight-10',
    trafficSplit: TrafficSplit.UPSTREAM_GROUP,
    ...extra,
  });
  return Testing.synth(chart).filter((m: any) => m.kind === 'UpstreamGroup').map((m: any) => `${m.metadata.namespace}/${m.metadata.name}`);
}

const PLACES: { [where: string]: (chart: Construct, vs: VirtualService) => Construct } = {
  'the VirtualService': (_chart, vs) => vs,
  'the chart': chart => chart,
  'a construct of its own': chart => new Construct(chart, 'releases'),
  'two levels down': chart => new Construct(new Construct(chart, 'team'), 'pets'),
};

describe('the UpstreamGroup a release creates', () => {
  test('is named <route container>-<release>, in gloo-system', () => {
    expect(groupNames(PLACES['the chart'])).toEqual(['gloo-system/coalmine-find-pets']);
  });

  test.each(Object.keys(PLACES))('keeps its name when the release is created under %s', (where) => {
    expect(groupNames(PLACES[where])).toEqual(['gloo-system/coalmine-find-pets']);
  });

  test('keeps its name wherever the release goes, whatever its id (property)', () => {
    fc.assert(fc.property(
      fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,20}$/),
      fc.constantFrom(...Object.keys(PLACES)), fc.constantFrom(...Object.keys(PLACES)),
      (id, a, b) => {
        expect(groupNames(PLACES[a], id)).toEqual(groupNames(PLACES[b], id));
      }), { numRuns: 40 });
  });

  test('is named from the releaseName when one is given, lowercased', () => {
    expect(groupNames(PLACES['the chart'], 'FindPets')).toEqual(['gloo-system/coalmine-findpets']);
    expect(groupNames(PLACES['the chart'], 'x', { releaseName: 'pets_2026' })).toEqual(['gloo-system/coalmine-pets-2026']);
  });

  test('takes the name and namespace set in upstreamGroupMetadata', () => {
    expect(groupNames(PLACES['the chart'], 'find-pets', { upstreamGroupMetadata: { name: 'pets-split', namespace: 'shop' } }))
      .toEqual(['shop/pets-split']);
  });

  test('fails when two releases would write UpstreamGroups of the same name', () => {
    // GIVEN two releases of the same name on one VirtualService, under two scopes
    const chart = newChart();
    const v1 = new Upstream(chart, 'v1', { serviceName: 'petstore-v1', servicePort: 8080, functions: FUNCTIONS });
    const v2 = new Upstream(chart, 'v2', { serviceName: 'petstore-v2', servicePort: 8080, functions: FUNCTIONS });
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'coalmine' } });
    const props = (path: string): CanaryReleaseProps => ({
      routeContainer: vs,
      routes: [{ path, functionName: 'findPets' }],
      stable: v1,
      canary: v2,
      stages: [CanaryStage.weight(10)],
      stage: 'weight-10',
      trafficSplit: TrafficSplit.UPSTREAM_GROUP,
    });
    new CanaryRelease(new Construct(chart, 'a'), 'pets', props('/a'));

    // WHEN / THEN
    expect(() => new CanaryRelease(new Construct(chart, 'b'), 'pets', props('/b'))).toThrow(
      '[test/b/pets] upstreamGroupMetadata.name: got "gloo-system/coalmine-pets", expected an UpstreamGroup name no other release of the app uses '
      + '(hint: test/a/pets/UpstreamGroup writes an UpstreamGroup of that name too; set upstreamGroupMetadata: { name: ... } or a releaseName on one of them)');
  });

  test('fails when the derived name is not a valid object name', () => {
    expect(() => groupNames(PLACES['the chart'], 'x', { releaseName: 'r'.repeat(250) })).toThrow(
      /upstreamGroupMetadata\.name: got "coalmine-r+", expected a name derived from the route container and the release that is a valid object name/);
  });
});
