import * as fc from 'fast-check';
import { adoptManifests, AdoptionResult } from '../../src/adopt/adopt';
import { readManifestText } from '../../src/adopt/reader';

// Namespaces as Gloo and kubectl see them, nulls as the API server sees them, and a proof for
// every object. Facts from Gloo's source:
// - an upstream reference without a namespace, on a route, resolves in the namespace of the
//   VirtualService or RouteTable that holds it (projects/gateway/pkg/translator/converter.go);
// - in an UpstreamGroup, in the group's namespace (projects/gloo/pkg/translator/upstream_groups.go);
// - a delegateAction.ref or routeAction.upstreamGroup without a namespace is looked up as given
//   and finds nothing (converter.go getRouteTableRef, route_table.sk.go Find; route_config.go).

function adopt(text: string, namespace?: string): AdoptionResult {
  return adoptManifests(readManifestText(text, 'in.yaml'), { namespace });
}

function expectProven(r: AdoptionResult): void {
  expect(r.report.problems).toEqual([]);
  expect(r.report.synthError).toBeUndefined();
  expect(r.report.comparison?.routingDifferences).toEqual([]);
  expect(r.report.comparison?.objectDifferences).toEqual([]);
  expect(r.report.comparison?.requests).toBeGreaterThan(0);
  expect(r.ok).toBe(true);
}

const upstream = (name: string, ns?: string) => `apiVersion: gloo.solo.io/v1
kind: Upstream
metadata: { name: ${name}${ns ? `, namespace: ${ns}` : ''} }
spec: { kube: { serviceName: ${name}, serviceNamespace: default, servicePort: 80 } }`;

describe('references without a namespace', () => {
  test('a RouteTable alone in namespace a: its unqualified upstreams stay in a, and its routes are proven under a parent made for the proof', () => {
    const r = adopt([upstream('nginx', 'a'), `apiVersion: gateway.solo.io/v1
kind: RouteTable
metadata: { name: team, namespace: a }
spec:
  routes:
    - matchers: [{ prefix: /team/one }]
      routeAction: { single: { upstream: { name: nginx } } }`].join('\n---\n'));
    expectProven(r);
    expect(r.code).toContain("metadata: { name: 'nginx', namespace: 'a' }");
    expect(r.code).toContain('action: RouteAction.forward(Destination.upstream(nginx))');
    expect(r.code).not.toContain('gloo-system');
  });

  test('an unqualified upstream not in the input is referenced in the namespace of the route\'s owner', () => {
    const r = adopt(`apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: usernamespace }
spec:
  virtualHost:
    domains: [shop.example.com]
    routes:
      - matchers: [{ prefix: / }]
        routeAction: { single: { upstream: { name: nginx-upstream } } }`);
    expectProven(r);
    expect(r.code).toContain("Upstream.fromUpstreamName(this, 'nginx-upstream-ref', 'nginx-upstream', { namespace: 'usernamespace' })");
  });

  test('an unqualified upstream in an UpstreamGroup resolves in the group\'s namespace', () => {
    const r = adopt([upstream('web', 'g'), `apiVersion: gloo.solo.io/v1
kind: UpstreamGroup
metadata: { name: split, namespace: g }
spec:
  destinations:
    - { destination: { upstream: { name: web } }, weight: 1 }`, `apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: g }
spec:
  virtualHost:
    domains: [shop.example.com]
    routes:
      - matchers: [{ prefix: /a }]
        routeAction: { upstreamGroup: { name: split, namespace: g } }
      - matchers: [{ prefix: /b }]
        routeAction: { upstreamGroup: { name: split, namespace: g } }`].join('\n---\n'));
    expectProven(r);
  });

  test('the holder\'s namespace, whatever it is (property)', () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{0,12}[a-z0-9]$/), holder => {
      const r = adopt([upstream('web', holder), `apiVersion: gateway.solo.io/v1
kind: RouteTable
metadata: { name: t, namespace: ${holder} }
spec:
  routes:
    - matchers: [{ prefix: /x }]
      routeAction: { single: { upstream: { name: web } } }`].join('\n---\n'));
      expectProven(r);
      expect(r.code).toContain(`namespace: '${holder}'`);
      expect(r.code).not.toContain('gloo-system');
    }), { numRuns: 15 });
  });

  test('fails when a delegateAction.ref has no namespace: gloo finds no table', () => {
    const r = adopt(`apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: a }
spec:
  virtualHost:
    domains: [shop.example.com]
    routes:
      - matchers: [{ prefix: /api }]
        delegateAction: { ref: { name: api } }`);
    expect(r.ok).toBe(false);
    expect(r.code).toBeUndefined();
    expect(r.report.problems).toEqual([expect.stringMatching(
      /^in\.yaml document 0 \(VirtualService a\/shop\) spec\.virtualHost\.routes\[0\]\.delegateAction\.ref\.namespace: got nothing, expected the namespace of RouteTable api \(a, if it is there\): gloo looks a delegated table up by the namespace the reference gives/)]);
  });

  test('fails when a routeAction.upstreamGroup has no namespace: gloo finds no group', () => {
    const r = adopt(`apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: a }
spec:
  virtualHost:
    domains: [shop.example.com]
    routes:
      - routeAction: { upstreamGroup: { name: split } }`);
    expect(r.ok).toBe(false);
    expect(r.report.problems).toEqual([expect.stringMatching(
      /spec\.virtualHost\.routes\[0\]\.routeAction\.upstreamGroup\.namespace: got nothing, expected the namespace of UpstreamGroup split \(a, if it is there\)/)]);
  });
});

describe('objects without a namespace', () => {
  const bare = [upstream('web'), `apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop }
spec:
  virtualHost:
    domains: [shop.example.com]
    routes:
      - matchers: [{ prefix: / }]
        routeAction: { single: { upstream: { name: web } } }`].join('\n---\n');

  test('land in default, as kubectl apply puts them, and the code and the report say so', () => {
    const r = adopt(bare);
    expectProven(r);
    expect(r.code).toContain('// Upstream web: no namespace in the input; placed in default, where kubectl apply would put it (adopt --namespace changes it)');
    expect(r.code).toContain('// VirtualService shop: no namespace in the input; placed in default');
    expect(r.code).toContain("namespace: 'default'");
    expect(r.report.namespaces).toEqual([
      'in.yaml document 0 (Upstream default/web): no metadata.namespace; placed in default, where kubectl apply would put it (adopt --namespace changes it)',
      'in.yaml document 1 (VirtualService default/shop): no metadata.namespace; placed in default, where kubectl apply would put it (adopt --namespace changes it)',
    ]);
  });

  test('land in the namespace adopt is given', () => {
    const r = adopt(bare, 'team-a');
    expectProven(r);
    expect(r.code).toContain('placed in team-a');
    expect(r.code).not.toContain("'gloo-system'");
  });
});

describe('nulls and empties, as the API server sees them', () => {
  test.each([
    ['matchers holding only a comment', '      - matchers:\n          # none yet\n        routeAction: { single: { upstream: { name: web, namespace: a } } }'],
    ['an empty matchers', '      - matchers:\n        routeAction: { single: { upstream: { name: web, namespace: a } } }'],
    ['no matchers at all', '      - routeAction: { single: { upstream: { name: web, namespace: a } } }'],
  ])('%s: a route that matches every request, proven', (_name, route) => {
    const r = adopt([upstream('web', 'a'), `apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: a }
spec:
  virtualHost:
    domains: [shop.example.com]
    routes:
${route}`].join('\n---\n'));
    expectProven(r);
  });

  test('an empty routeAction is refused with the field, not a stack trace', () => {
    const r = adopt(`apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: a }
spec:
  virtualHost:
    domains: [shop.example.com]
    routes:
      - matchers: [{ prefix: / }]
        routeAction:`);
    expect(r.ok).toBe(false);
    expect(r.report.problems).toEqual([expect.stringMatching(
      /^in\.yaml document 0 \(VirtualService a\/shop\) spec\.virtualHost\.routes\[0\]: got .*, expected a route with an action \(routeAction, delegateAction, directResponseAction or redirectAction\)/)]);
  });

  test('an empty domains does not crash', () => {
    const r = adopt([upstream('web', 'a'), `apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: a }
spec:
  virtualHost:
    domains:
    routes:
      - routeAction: { single: { upstream: { name: web, namespace: a } } }`].join('\n---\n'));
    expect(JSON.stringify(r.report)).not.toMatch(/TypeError/);
  });
});

describe('Upstreams the input refers to but does not hold: their Service', () => {
  const vsTo = (upstreamName: string, ns: string) => `apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: ${ns} }
spec:
  virtualHost:
    domains: ['*']
    routes:
    - matchers: [{ prefix: / }]
      routeAction: { single: { upstream: { name: ${upstreamName}, namespace: gloo-system } } }
`;

  test('is read from Gloo discovery\'s name when one namespace of the input makes it so, with a comment', () => {
    const r = adoptManifests(readManifestText(vsTo('default-petstore-8080', 'gloo-system'), 'in.yaml'));
    expect(r.ok).toBe(true);
    expect(r.code).toContain("{ namespace: 'gloo-system', service: { serviceName: 'petstore', serviceNamespace: 'default', port: 8080 } }");
    expect(r.code).toContain("its Service, default/petstore:8080, read from Gloo discovery's naming (else: adopt --service default-petstore-8080=NAMESPACE/SERVICE:PORT)");
  });

  test('is left unsaid when two namespaces could read the name, naming both and --service', () => {
    const r = adoptManifests(readManifestText(`${vsTo('team-a-web-80', 'team-a')}---
${vsTo('team-a-web-80', 'team').replace('name: shop', 'name: other')}`, 'in.yaml'));
    expect(r.code).toContain("{ namespace: 'gloo-system' });");
    expect(r.code).toContain('its Service is team/a-web:80 or team-a/web:80 by Gloo discovery\'s naming; say which with --service team-a-web-80=NAMESPACE/SERVICE:PORT');
  });

  test('is what --service says (the services option), over the naming', () => {
    const r = adoptManifests(readManifestText(vsTo('default-petstore-8080', 'gloo-system'), 'in.yaml'),
      { services: { 'default-petstore-8080': { serviceName: 'pets', serviceNamespace: 'store', port: 9000 } } });
    expect(r.code).toContain("service: { serviceName: 'pets', serviceNamespace: 'store', port: 9000 }");
    expect(r.code).toContain('its Service as --service names it');
  });
});
