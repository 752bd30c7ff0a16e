import { adoptManifests, formatReport } from '../../src/adopt/adopt';
import { readManifestText } from '../../src/adopt/reader';

// The generator's code, with one unused constant added: adopt must refuse it before synthesizing.
jest.mock('../../src/adopt/codegen', () => {
  const actual = jest.requireActual('../../src/adopt/codegen');
  return {
    ...actual,
    generateApp: (...args: unknown[]) => {
      const app = actual.generateApp(...args);
      return { ...app, code: app.code.replace('super(scope, id, props);', "super(scope, id, props);\n    const leftOver = 'x';") };
    },
  };
});

test('generated code that does not type-check is refused: not ok, the errors in the report', () => {
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
  expect(r.ok).toBe(false);
  expect(r.report.typeErrors).toEqual([expect.stringMatching(/^adopted\.ts:\d+:11 TS6133 'leftOver' is declared but its value is never read/)]);
  expect(r.report.comparison).toBeUndefined();
  expect(formatReport(r.report)).toContain('the generated code does not type-check (strict, as cdk8s init typescript-app):\n  adopted.ts:');
});
