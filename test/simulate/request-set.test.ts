import { RoutingSimulator } from '../../src';
import { deriveRequests, describeRequest, routingMeaning } from '../../src/simulate/request-set';

const to = (upstream: string) => ({ single: { upstream: { name: upstream, namespace: 'gloo-system' } } });
const HEADER = { matchers: [{ prefix: '/findPets', headers: [{ name: 'x-canary', value: 'true' }] }], routeAction: to('v2') };
const PLAIN = { matchers: [{ prefix: '/findPets' }], routeAction: to('v1') };
const OTHER = { matchers: [{ prefix: '/findPetWithId' }], routeAction: to('v1') };

function vs(routes: any[]) {
  return { apiVersion: 'gateway.solo.io/v1', kind: 'VirtualService', metadata: { name: 'vs', namespace: 'gloo-system' }, spec: { virtualHost: { domains: ['*'], routes } } };
}

/** The requests on which two route lists route differently. */
function differences(a: any[], b: any[]): string[] {
  const simA = new RoutingSimulator([vs(a)]);
  const simB = new RoutingSimulator([vs(b)]);
  return deriveRequests([...a, ...b])
    .filter(r => routingMeaning(simA.simulate('vs', r, 'gloo-system')) !== routingMeaning(simB.simulate('vs', r, 'gloo-system')))
    .map(describeRequest);
}

describe('deriveRequests', () => {
  test('probes every path boundary of a prefix, with and without each header', () => {
    const paths = deriveRequests([HEADER]).map(describeRequest);
    expect(paths).toEqual(expect.arrayContaining([
      'GET /findPets', 'GET /findPets/', 'GET /findPets/x', 'GET /findPetsx', 'GET /findPet',
      'GET /findPets {"x-canary":"true"}', 'GET /findPets {"x-canary":"true-other"}',
    ]));
  });

  test('names every method and query parameter a matcher uses', () => {
    const requests = deriveRequests([{ matchers: [{ exact: '/a', methods: ['POST'], queryParameters: [{ name: 'v', value: '2' }] }] }]);
    expect(requests.map(describeRequest)).toEqual(expect.arrayContaining(['POST /a?v=2', 'GET /a?v=2', 'POST /a']));
  });

  test('is deterministic', () => {
    expect(deriveRequests([HEADER, PLAIN, OTHER])).toEqual(deriveRequests([HEADER, PLAIN, OTHER]));
  });
});

describe('routing equivalence on derived requests', () => {
  test('fails when a header route moves behind the route it overrides', () => {
    expect(differences([HEADER, PLAIN], [PLAIN, HEADER])).toContain('GET /findPets {"x-canary":"true"}');
  });

  test('routes no request can match both of may swap places', () => {
    expect(differences([HEADER, OTHER, PLAIN], [OTHER, HEADER, PLAIN])).toEqual([]);
  });

  test('fails when a character prefix swaps with a longer one (/find covers /findPets)', () => {
    const find = { matchers: [{ prefix: '/find' }], routeAction: to('v3') };
    expect(differences([PLAIN, find], [find, PLAIN])).toContain('GET /findPets');
  });

  test('weights count by share, not by number', () => {
    const split = (a: number, b: number) => ({ matchers: [{ prefix: '/' }], routeAction: { multi: { destinations: [{ destination: { upstream: { name: 'v1' } }, weight: a }, { destination: { upstream: { name: 'v2' } }, weight: b }] } } });
    expect(differences([split(90, 10)], [split(9, 1)])).toEqual([]);
    expect(differences([split(90, 10)], [split(50, 50)])).toContain('GET /');
  });

  test('a subset, Consul tags or data centers make another destination: the same upstream or service with other ones routes differently', () => {
    const subset = (values: object) => ({ matchers: [{ prefix: '/' }], routeAction: { single: { upstream: { name: 'v1' }, subset: { values } } } });
    expect(differences([subset({ version: 'v1' })], [subset({ version: 'v1' })])).toEqual([]);
    expect(differences([subset({ version: 'v1' })], [subset({ version: 'v2' })])).toContain('GET /');
    const consul = (c: object) => ({ matchers: [{ prefix: '/' }], routeAction: { single: { consul: { serviceName: 'db', ...c } } } });
    expect(differences([consul({ tags: ['a', 'b'] })], [consul({ tags: ['b', 'a'] })])).toEqual([]);
    expect(differences([consul({ tags: ['primary'] })], [consul({ tags: ['secondary'] })])).toContain('GET /');
    expect(differences([consul({ dataCenters: ['dc1'] })], [consul({})])).toContain('GET /');
  });

  test('calls of other functions than REST ones (Lambda, Azure, gRPC) are destinations of their own', () => {
    const call = (spec: object) => ({ matchers: [{ prefix: '/' }], routeAction: { single: { upstream: { name: 'fn' }, destinationSpec: spec } } });
    expect(differences([call({ aws: { logicalName: 'a', wrapAsApiGateway: true } })], [call({ aws: { wrapAsApiGateway: true, logicalName: 'a' } })])).toEqual([]);
    expect(differences([call({ aws: { logicalName: 'a' } })], [call({ aws: { logicalName: 'b' } })])).toContain('GET /');
  });
});
