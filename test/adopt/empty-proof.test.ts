import { compareAdoption } from '../../src/adopt/compare';

// whatever makes the derived requests empty (here: a stand-in that derives none), a proof that
// compared no request proves nothing, and says so
jest.mock('../../src/simulate/request-set', () => ({ ...jest.requireActual('../../src/simulate/request-set'), deriveRequests: () => [] }));

test('a proof that compares no request for an input with routes is a failure', () => {
  const table: any = {
    apiVersion: 'gateway.solo.io/v1',
    kind: 'RouteTable',
    metadata: { name: 't', namespace: 'a' },
    spec: { routes: [{ matchers: [{ prefix: '/x' }], routeAction: { single: { upstream: { name: 'web', namespace: 'a' } } } }] },
  };
  const c = compareAdoption([table], [table]);
  expect(c.requests).toBe(0);
  expect(c.routingDifferences).toEqual(['no request was compared, though the input has 1 routes: a proof that routes nothing proves nothing']);
});
