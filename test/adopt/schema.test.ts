import { adoptManifests, formatReport } from '../../src/adopt/adopt';
import { readManifestText } from '../../src/adopt/reader';

// An input field the API server would prune, or a VirtualService left without a virtual host,
// fails adopt naming the document, the object, the field and the value; no code is written.

function adopt(text: string) {
  return adoptManifests(readManifestText(text, 'input.yaml'));
}

const ROUTES = `    routes:
      - matchers: [{ prefix: / }]
        routeAction: { single: { upstream: { name: web, namespace: gloo-system } } }`;

test('a typo in a field name (virtualHoost) is refused, not kept as a plain ApiObject', () => {
  const r = adopt(`apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: gloo-system }
spec:
  virtualHoost:
    domains: ['*']
${ROUTES}`);
  expect(r.ok).toBe(false);
  expect(r.code).toBeUndefined();
  expect(r.report.problems).toEqual([
    expect.stringMatching(/^input\.yaml document 0 \(VirtualService gloo-system\/shop\) spec\.virtualHoost: got \{.*\}, expected what the VirtualService CRD keeps \(unknown field, pruned by the API server\)$/),
    'input.yaml document 0 (VirtualService gloo-system/shop) spec.virtualHost: got nothing, expected a virtual host (domains and routes); '
    + 'without one the VirtualService routes nothing (check the indentation under virtualHost:)',
  ]);
});

test('virtualHost: null (its fields indented one level too little) is refused, naming the field', () => {
  const r = adopt(`apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: gloo-system }
spec:
  virtualHost:
  domains: ['*']
`);
  expect(r.ok).toBe(false);
  expect(r.report.problems.join('\n')).toContain('(VirtualService gloo-system/shop) spec.domains: got ["*"], expected what the VirtualService CRD keeps');
  expect(r.report.problems.join('\n')).toContain('(VirtualService gloo-system/shop) spec.virtualHost: got nothing, expected a virtual host');
  expect(formatReport(r.report)).toMatch(/^problems:\n {2}input\.yaml document 0/m);
});

test.each([
  ['a weight that is not a number', `apiVersion: gloo.solo.io/v1
kind: UpstreamGroup
metadata: { name: split, namespace: gloo-system }
spec:
  destinations:
    - { destination: { upstream: { name: a, namespace: gloo-system } }, weight: ten }`, 'spec.destinations[0].weight: got "ten"'],
  ['an unknown Upstream field', `apiVersion: gloo.solo.io/v1
kind: Upstream
metadata: { name: web, namespace: gloo-system }
spec:
  kube: { serviceName: web, serviceNamespace: default, servicePort: 80, servicPort: 81 }`, 'spec.kube.servicPort: got 81'],
  ['an unknown RouteTable route field', `apiVersion: gateway.solo.io/v1
kind: RouteTable
metadata: { name: api, namespace: gloo-system }
spec:
  routes:
    - matchers: [{ prefix: /api }]
      routeAcion: { single: { upstream: { name: web, namespace: gloo-system } } }`, 'spec.routes[0].routeAcion: got {'],
])('%s is refused, naming the field and the value', (_, text, expected) => {
  const r = adopt(text);
  expect(r.ok).toBe(false);
  expect(r.code).toBeUndefined();
  expect(r.report.problems.join('\n')).toContain(expected);
});
