import * as path from 'path';
import { adoptManifests, AdoptionResult } from '../../src/adopt/adopt';
import { readManifestFiles } from '../../src/adopt/reader';
import { synthesizeGenerated } from '../../src/adopt/run-generated';
import { RoutingSimulator } from '../../src/simulate/simulator';

const BLOG = path.join(__dirname, '..', 'fixtures', 'gloo-canary-example');
const WORKLOADS = ['default-petstore-v1-8080-upstream.yaml', 'petstore-v1.yaml', 'petstore-v2.yaml'];
const V1 = 'default-petstore-v1-8080';
const V2 = 'default-petstore-v2-8080';

function adoptStep(file: string): AdoptionResult {
  return adoptManifests(readManifestFiles([file, ...WORKLOADS], BLOG));
}

/** Where the generated code sends a request, by upstream share. */
function routeGenerated(result: AdoptionResult, p: string, headers: { [k: string]: string } = {}) {
  const sim = new RoutingSimulator(synthesizeGenerated(result.code!, 'AdoptedChart'));
  return RoutingSimulator.sharesByUpstream(sim.simulate('coalmine', { path: p, headers }, 'gloo-system'));
}

describe.each([
  ['coalmine-virtual-service-part-1.yaml', 0],
  ['coalmine-virtual-service-part-2-header.yaml', 1],
  ['coalmine-virtual-service-part-2-v2.yaml', 0],
  ['coalmine-virtual-service-part-3-weighted.yaml', 1],
  ['coalmine-virtual-service-part-3-weighted-50-50.yaml', 1],
])('the blog step %s', (file, releases) => {
  const result = adoptStep(file);

  test('adopts into code that routes and reads as the input, field by field', () => {
    expect(result.report.problems).toEqual([]);
    expect(result.report.synthError).toBeUndefined();
    expect(result.report.comparison?.routingDifferences).toEqual([]);
    expect(result.report.comparison?.objectDifferences).toEqual([]);
    expect(result.report.comparison?.requests).toBeGreaterThanOrEqual(16);
    expect(result.ok).toBe(true);
  });

  test('recognises the release of the step', () => {
    expect(result.report.releases).toHaveLength(releases);
  });

  test('translates every 0.x field and refers to the v2 upstream by name', () => {
    expect(result.report.translations.some(t => t.includes('spec.virtualHost.name "gloo-system.coalmine" dropped'))).toBe(true);
    expect(result.report.translations.some(t => t.includes('routePlugins.prefixRewrite.prefixRewrite -> spec.virtualHost.routes'))).toBe(true);
    expect(result.report.translations.some(t => t.includes('glooctl output (upstreamSpec'))).toBe(true);
    if (file !== 'coalmine-virtual-service-part-1.yaml') expect(result.report.externals).toEqual([`Upstream gloo-system/${V2}: not in the input, referenced with Upstream.fromUpstreamName`]);
  });
});

test('part 1 sends everything to v1, with the prefix rewrite of /petstore', () => {
  const result = adoptStep('coalmine-virtual-service-part-1.yaml');
  expect(routeGenerated(result, '/findPets')).toEqual({ [V1]: 100 });
  expect(routeGenerated(result, '/findPetWithId/1')).toEqual({ [V1]: 100 });
  expect(result.code).toContain("options: { prefixRewrite: '/api/pets' }");
});

test('part 2 (header) becomes a CanaryRelease at its header stage, the header matched as a regex as in the input', () => {
  const result = adoptStep('coalmine-virtual-service-part-2-header.yaml');
  expect(result.code).toContain("stage: 'header'");
  expect(result.code).toContain("header: { name: 'x-canary', value: 'true', match: HeaderMatchType.REGEX }");
  expect(routeGenerated(result, '/findPets', { 'x-canary': 'true' })).toEqual({ [V2]: 100 });
  expect(routeGenerated(result, '/findPets')).toEqual({ [V1]: 100 });
  expect(result.report.comparison?.reordered).toHaveLength(1);
});

test('part 3 becomes a CanaryRelease at weight-10, and the 50/50 step at weight-50', () => {
  const ten = adoptStep('coalmine-virtual-service-part-3-weighted.yaml');
  expect(ten.code).toContain("stage: 'weight-10'");
  expect(routeGenerated(ten, '/findPetWithId/1')).toEqual({ [V2]: 10, [V1]: 90 });
  expect(routeGenerated(ten, '/findPets')).toEqual({ [V2]: 100 });
  const half = adoptStep('coalmine-virtual-service-part-3-weighted-50-50.yaml');
  expect(half.code).toContain("stage: 'weight-50'");
  expect(routeGenerated(half, '/findPetWithId/1')).toEqual({ [V2]: 50, [V1]: 50 });
});

test('the Service and Deployment of v1 are adopted, those of v2 (no upstream points at them) are skipped', () => {
  const result = adoptStep('coalmine-virtual-service-part-1.yaml');
  expect(result.report.read).toBe(6);
  expect(result.report.adopted).toBe(4);
  expect(result.report.skipped).toEqual([
    'petstore-v2.yaml document 0 (Service default/petstore-v2): no upstream of the input points at it',
    'petstore-v2.yaml document 1 (Deployment default/petstore-v2): no upstream of the input points at it',
  ]);
  expect(result.code).toContain('service: petstoreV1Service,');
});
