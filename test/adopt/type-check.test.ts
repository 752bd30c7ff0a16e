import { adoptManifests, formatReport } from '../../src/adopt/adopt';
import { readManifestText } from '../../src/adopt/reader';
import { loadTypeScript } from '../../src/adopt/run-generated';
import { typeCheckGenerated } from '../../src/adopt/type-check';
import { withoutUnusedConstants } from '../../src/adopt/unused';

// Every adopt test type-checks the code it generates (test/setup/typescript.ts picks TypeScript
// 5.9, as `cdk8s init typescript-app`); these tests hold the check itself.

const HEADER = `import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Upstream } from 'cdk8s-gloo-canary';
`;

test('the tests check with the TypeScript of cdk8s init typescript-app', () => {
  expect(loadTypeScript().version).toMatch(/^5\.9\./);
});

test('code that compiles has no errors', () => {
  const code = `${HEADER}
export class C extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new Upstream(this, 'u', { metadata: { name: 'u' }, serviceName: 's', serviceNamespace: 'default', servicePort: 80 });
  }
}
new C(new App(), 'c');
`;
  expect(typeCheckGenerated(code, loadTypeScript())).toEqual([]);
});

test.each([
  ['an unused import (noUnusedLocals)', "import { RouteTable } from 'cdk8s-gloo-canary';\n", '', /TS6133 'RouteTable' is declared but its value is never read/],
  ['an unused constant (noUnusedLocals)', '', "const r = Upstream.fromUpstreamName(this, 'r', 'x', { namespace: 'a' });", /TS6133 'r' is declared/],
  ['a namespace passed as a string where { namespace } is expected', '', "new Upstream(this, 'v', {}); Upstream.fromUpstreamName(this, 'r', 'x', 'a');", /TS2559|TS2345/],
  ['an unknown prop', '', "new Upstream(this, 'u', { metadata: { name: 'u' }, serviceName: 's', serviceNamespace: 'default', servicePort: 80, functionName: 'f' });", /TS2353/],
])('%s is an error, with file, line and code', (_, imports, statement, expected) => {
  const code = `${HEADER}${imports}
export class C extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    ${statement}
  }
}
new C(new App(), 'c');
`;
  const errors = typeCheckGenerated(code, loadTypeScript());
  expect(errors.join('\n')).toMatch(expected);
  expect(errors[0]).toMatch(/^adopted\.ts:\d+:\d+ TS\d+ /);
});

test('constants nothing reads are not written: a construct stays a statement, a reference by name goes', () => {
  const body = [
    "    const used = Upstream.fromUpstreamName(this, 'a', 'a');",
    "    const unusedRef = Upstream.fromUpstreamName(this, 'b', 'b', { namespace: 'unusedRef' });",
    "    const unusedObject = new ApiObject(this, 'c', { kind: 'usedObject' });",
    '    // usedObject in a comment is no use',
    '    new Thing(this, { upstream: used });',
  ].join('\n');
  expect(withoutUnusedConstants(body)).toBe([
    "    const used = Upstream.fromUpstreamName(this, 'a', 'a');",
    "    new ApiObject(this, 'c', { kind: 'usedObject' });",
    '    // usedObject in a comment is no use',
    '    new Thing(this, { upstream: used });',
  ].join('\n'));
});

test('an unused reference on the last line of the body goes too (no endless loop)', () => {
  const body = "    new ApiObject(this, 'a', {});\n    const lastRef = Upstream.fromUpstreamName(this, 'b', 'b');";
  expect(withoutUnusedConstants(body)).toBe("    new ApiObject(this, 'a', {});\n");
});

test('a fallback to a plain ApiObject leaves no unused reference or import, and the code compiles', () => {
  // a Consul Upstream with an enum by number is kept as a plain ApiObject; nothing routes to it, so its reference goes
  const r = adoptManifests(readManifestText(`apiVersion: gloo.solo.io/v1
kind: Upstream
metadata: { name: db, namespace: gloo-system }
spec: { consul: { serviceName: db, consistencyMode: 1 } }
---
apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: gloo-system }
spec:
  virtualHost:
    domains: ['*']
    routes:
      - matchers: [{ prefix: /, connectMatcher: {} }]
        routeAction: { single: { upstream: { name: db, namespace: gloo-system } } }
`, 'input.yaml'));
  expect(r.report.typeErrors).toBeUndefined();
  expect(r.code).not.toMatch(/const \w+ = Upstream\.fromUpstreamName/);
  expect(r.code).not.toMatch(/import \{[^}]*\bVirtualService\b/);
  expect(formatReport(r.report)).not.toContain('does not type-check');
});
