import { adoptManifests } from '../../src/adopt/adopt';
import { readManifestText } from '../../src/adopt/reader';

// The comparison, with one object difference added (say a reference moved to another namespace
// while every request still routes the same): writing is blocked as for a routing difference.
jest.mock('../../src/adopt/compare', () => {
  const actual = jest.requireActual('../../src/adopt/compare');
  return {
    ...actual,
    compareAdoption: (...args: unknown[]) => {
      const c = actual.compareAdoption(...args);
      return { ...c, objectDifferences: ['VirtualService gloo-system/shop spec.virtualHost.routes[0].routeAction.single.upstream.namespace: input "a", generated "b"'] };
    },
  };
});

test('an object difference blocks writing, the routing being the same', () => {
  const r = adoptManifests(readManifestText(`apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: gloo-system }
spec:
  virtualHost:
    domains: ['*']
    routes:
      - matchers: [{ prefix: / }]
        routeAction: { single: { upstream: { name: web, namespace: gloo-system } } }
`, 'input.yaml'));
  expect(r.report.comparison?.routingDifferences).toEqual([]);
  expect(r.ok).toBe(false);
});
