import { adoptManifests, AdoptionResult } from '../../src/adopt/adopt';
import { readManifestText } from '../../src/adopt/reader';

// Canaries as people write them: a weighted `multi` route or an UpstreamGroup, any two weights in
// any order. Which side is stable follows the documented rule (docs in README "Adopting existing
// YAML"): the Upstream other routes still use alone; else the older version by name; else the
// larger share. The shapes below are our own, modelled on the Gloo docs' canary pages.

function upstream(name: string): string {
  return `apiVersion: gloo.solo.io/v1
kind: Upstream
metadata: { name: ${name}, namespace: gloo-system }
spec: { kube: { serviceName: ${name}, serviceNamespace: default, servicePort: 8080 } }`;
}

const dest = (name: string) => `{ upstream: { name: ${name}, namespace: gloo-system } }`;

function vs(routes: string): string {
  return `apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: echo, namespace: gloo-system }
spec:
  virtualHost:
    domains: ['*']
    routes:
${routes}`;
}

function weighted(path: string, a: [string, number], b: [string, number]): string {
  return `    - matchers: [{ prefix: ${path} }]
      routeAction:
        multi:
          destinations:
            - { destination: ${dest(a[0])}, weight: ${a[1]} }
            - { destination: ${dest(b[0])}, weight: ${b[1]} }`;
}

function adopt(...docs: string[]): AdoptionResult {
  return adoptManifests(readManifestText(docs.join('\n---\n'), 'input.yaml'));
}

function expectProven(r: AdoptionResult): void {
  expect(r.report.problems).toEqual([]);
  expect(r.report.synthError).toBeUndefined();
  expect(r.report.comparison?.routingDifferences).toEqual([]);
  expect(r.report.comparison?.objectDifferences).toEqual([]);
  expect(r.ok).toBe(true);
}

/** The stable and canary Upstream constants and the stage of the one release the code holds. */
function release(r: AdoptionResult): { stable: string; canary: string; stage: string } {
  const code = r.code ?? '';
  const at = code.indexOf('new CanaryRelease(');
  expect(at).toBeGreaterThan(-1);
  const body = code.slice(at);
  return {
    stable: /stable: (\w+),/.exec(body)![1],
    canary: /canary: (\w+),/.exec(body)![1],
    stage: /stage: '([^']+)'/.exec(body)![1],
  };
}

const UPSTREAMS = [upstream('echo-v1'), upstream('echo-v2')];

describe.each([
  [9, 1, 'weight-10'],
  [1, 9, 'weight-90'],
  [90, 10, 'weight-10'],
  [10, 90, 'weight-90'],
  [95, 5, 'weight-5'],
  [5, 95, 'weight-95'],
  [1, 1, 'weight-50'],
])('a weighted route, v1 %i and v2 %i', (v1, v2, stage) => {
  test.each([['v1 listed first', true], ['v2 listed first', false]])('%s: a release with v1 stable, proven', (_, v1First) => {
    const a: [string, number] = ['echo-v1', v1];
    const b: [string, number] = ['echo-v2', v2];
    const r = adopt(...UPSTREAMS, vs(v1First ? weighted('/', a, b) : weighted('/', b, a)));
    expectProven(r);
    expect(r.report.releases).toHaveLength(1);
    // v1 is the older version by name, whatever the shares and the order
    expect(release(r)).toEqual({ stable: 'echoV1', canary: 'echoV2', stage });
    expect(r.code).toContain('stable is echo-v1 because its name is the older version\'s');
  });
});

test('the Upstream other routes still use alone is stable, whatever the names and shares', () => {
  const r = adopt(upstream('blue'), upstream('green'), vs(`${weighted('/checkout', ['blue', 1], ['green', 9])}
    - matchers: [{ prefix: / }]
      routeAction: { single: ${dest('green')} }`));
  expectProven(r);
  expect(release(r)).toEqual({ stable: 'green', canary: 'blue', stage: 'weight-10' });
  expect(r.code).toContain('stable is green because other routes still send all their requests to it');
});

test('a route that sends only header-matched requests to an Upstream does not make it stable', () => {
  const r = adopt(upstream('blue'), upstream('green'), vs(`    - matchers: [{ prefix: /a, headers: [{ name: x-team, value: qa }] }]
      routeAction: { single: ${dest('green')} }
${weighted('/b', ['blue', 9], ['green', 1])}`));
  expectProven(r);
  // no version in the names: the larger share is stable
  expect(release(r)).toEqual({ stable: 'blue', canary: 'green', stage: 'weight-10' });
  expect(r.code).toContain('stable is blue because it has the larger share');
});

test('a name that says canary is the canary', () => {
  const r = adopt(upstream('echo'), upstream('echo-canary'), vs(weighted('/', ['echo-canary', 80], ['echo', 20])));
  expectProven(r);
  expect(release(r)).toEqual({ stable: 'echo', canary: 'echoCanary', stage: 'weight-80' });
});

test('names compare by number, not by text: v10 is newer than v9', () => {
  const r = adopt(upstream('echo-v9'), upstream('echo-v10'), vs(weighted('/', ['echo-v10', 1], ['echo-v9', 4])));
  expectProven(r);
  expect(release(r)).toEqual({ stable: 'echoV9', canary: 'echoV10', stage: 'weight-20' });
});

test('equal shares and nothing else to tell: the first listed is stable, and the comment says so', () => {
  const r = adopt(upstream('blue'), upstream('green'), vs(weighted('/', ['green', 5], ['blue', 5])));
  expectProven(r);
  expect(release(r)).toEqual({ stable: 'green', canary: 'blue', stage: 'weight-50' });
  expect(r.code).toContain('stable is green because the shares are equal and it is listed first (swap stable and canary if blue is the running version)');
});

function group(weights: [string, number][]): string {
  return `apiVersion: gloo.solo.io/v1
kind: UpstreamGroup
metadata: { name: echo-split, namespace: gloo-system }
spec:
  destinations:
${weights.map(([n, w]) => `    - { destination: ${dest(n)}, weight: ${w} }`).join('\n')}`;
}

const groupRoute = (path: string) => `    - matchers: [{ prefix: ${path} }]
      routeAction: { upstreamGroup: { name: echo-split, namespace: gloo-system } }`;

test.each([[9, 1], [1, 9]])('an UpstreamGroup v1 %i, v2 %i used by one route: a release through the group, v1 stable', (v1, v2) => {
  const r = adopt(...UPSTREAMS, group([['echo-v1', v1], ['echo-v2', v2]]), vs(groupRoute('/')));
  expectProven(r);
  expect(release(r)).toEqual({ stable: 'echoV1', canary: 'echoV2', stage: `weight-${(100 * v2) / (v1 + v2)}` });
  expect(r.code).toContain('trafficSplit: TrafficSplit.UPSTREAM_GROUP');
  expect(r.code).toMatch(/upstreamGroupMetadata: \{\s+name: 'echo-split'/);
});

test('an UpstreamGroup used by two consecutive routes of one VirtualService: one release carrying both routes', () => {
  const r = adopt(...UPSTREAMS, group([['echo-v2', 1], ['echo-v1', 9]]), vs(`${groupRoute('/api')}\n${groupRoute('/web')}`));
  expectProven(r);
  expect(r.report.releases).toHaveLength(1);
  expect(r.report.releases[0]).toContain('2 routes on /api, /web to UpstreamGroup echo-split');
  expect(release(r)).toEqual({ stable: 'echoV1', canary: 'echoV2', stage: 'weight-10' });
  expect((r.code!.match(/path: '\/(api|web)'/g) ?? []).length).toBe(2);
});

test('an UpstreamGroup used by routes with another route between them stays an UpstreamGroup, proven', () => {
  const r = adopt(...UPSTREAMS, group([['echo-v2', 1], ['echo-v1', 9]]), vs(`${groupRoute('/api')}
    - matchers: [{ prefix: /other }]
      routeAction: { single: ${dest('echo-v1')} }
${groupRoute('/web')}`));
  expectProven(r);
  expect(r.report.releases).toEqual([]);
  expect(r.code).toContain('new UpstreamGroup(');
});
