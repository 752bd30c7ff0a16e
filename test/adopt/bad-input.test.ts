import { adoptManifests } from '../../src/adopt/adopt';
import { DEFAULT_READ_LIMITS, readManifestText } from '../../src/adopt/reader';

function problems(text: string, limits = DEFAULT_READ_LIMITS): string[] {
  const result = adoptManifests(readManifestText(text, 'in.yaml', limits));
  expect(result.ok).toBe(false);
  expect(result.code).toBeUndefined();
  return result.report.problems;
}

const TABLE = (name: string, target: string) => `apiVersion: gateway.solo.io/v1
kind: RouteTable
metadata: { name: ${name}, namespace: gloo-system }
spec:
  routes:
    - matchers: [{ prefix: /a }]
      delegateAction: { ref: { name: ${target}, namespace: gloo-system } }
`;

test('fails when the yaml does not parse', () => {
  expect(problems('kind: [unclosed\n')).toEqual([
    expect.stringMatching(/^in\.yaml document 0: got yaml that does not parse \(.+ at line \d+, column \d+\), expected a yaml document$/),
  ]);
});

test('fails when a document expands too many aliases (an alias bomb)', () => {
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) =>
    `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
  expect(problems(bomb)).toEqual([
    expect.stringMatching(/^in\.yaml document 0: got .*alias.*, expected at most 100 alias expansions$/),
  ]);
});

test('fails when a document is too large to be a manifest', () => {
  const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: big }\ndata: { x: "${'y'.repeat(2000)}" }\n`;
  expect(problems(big, { ...DEFAULT_READ_LIMITS, maxDocumentBytes: 1000 })).toEqual([
    expect.stringMatching(/^in\.yaml document 0: got a document of \d+ bytes, expected at most 1000 bytes \(a manifest\)$/),
  ]);
});

test('fails when an object is of a gloo kind or version that is not adopted', () => {
  expect(problems('apiVersion: gateway.solo.io/v2\nkind: VirtualService\nmetadata: { name: x }\n')).toEqual([
    'in.yaml document 0 (VirtualService x) apiVersion/kind: got "gateway.solo.io/v2/VirtualService", expected one of the gloo kinds adopted: '
    + 'gateway.solo.io/v1/VirtualService, gateway.solo.io/v1/RouteTable, gloo.solo.io/v1/Upstream, gloo.solo.io/v1/UpstreamGroup',
  ]);
});

test('fails when a document has no apiVersion and is not glooctl output', () => {
  expect(problems('metadata: { name: x }\nspec: {}\n')).toEqual([
    'in.yaml document 0 apiVersion: got nothing, expected a kubernetes object with apiVersion and kind, or glooctl upstream output (upstreamSpec)',
  ]);
});

test('fails when a document is not a mapping', () => {
  expect(problems('- a\n- b\n')).toEqual([
    'in.yaml document 0 document: got ["a","b"], expected a kubernetes object (a mapping with apiVersion and kind)',
  ]);
});

test('fails when a gloo object has no name', () => {
  expect(problems('apiVersion: gloo.solo.io/v1\nkind: UpstreamGroup\nmetadata: { namespace: gloo-system }\n')).toEqual([
    'in.yaml document 0 (UpstreamGroup) metadata.name: got nothing, expected the name of the object',
  ]);
});

test('fails when two objects of one kind and namespace share a name', () => {
  expect(problems(`${TABLE('a', 'x')}---\n${TABLE('a', 'y')}`)).toEqual([
    'in.yaml document 1 (RouteTable gloo-system/a) metadata.name: got "a", expected a name not used by another RouteTable of namespace gloo-system; in.yaml document 0 has it',
  ]);
});

test('fails when route tables delegate in a cycle', () => {
  expect(problems(`${TABLE('a', 'b')}---\n${TABLE('b', 'a')}`)).toEqual([
    'in.yaml document 1 (RouteTable gloo-system/b) spec.routes[0].delegateAction.ref: got "gloo-system/a", '
    + 'expected a route table that does not delegate back to itself (cycle gloo-system/a -> gloo-system/b -> gloo-system/a)',
  ]);
});

test('fails when a route table delegates to itself', () => {
  expect(problems(TABLE('a', 'a'))).toEqual([
    'in.yaml document 0 (RouteTable gloo-system/a) spec.routes[0].delegateAction.ref: got "gloo-system/a", expected a route table other than itself (cycle gloo-system/a -> gloo-system/a)',
  ]);
});

test('fails when a route delegates by selector', () => {
  expect(problems(`apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: vs, namespace: gloo-system }
spec:
  virtualHost:
    domains: ['*']
    routes:
      - delegateAction: { selector: { labels: { team: a } } }
`)).toEqual([
    'in.yaml document 0 (VirtualService gloo-system/vs) spec.virtualHost.routes[0].delegateAction.selector: got {"labels":{"team":"a"}}, '
    + 'expected delegation by ref (delegateAction.ref); delegation by selector is not adopted',
  ]);
});

test('fails when a route delegates without naming a RouteTable', () => {
  expect(problems(`apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: vs, namespace: gloo-system }
spec:
  virtualHost:
    domains: ['*']
    routes:
      - delegateAction: {}
`)).toEqual([
    'in.yaml document 0 (VirtualService gloo-system/vs) spec.virtualHost.routes[0].delegateAction.ref: got nothing, '
    + 'expected a RouteTable to delegate to, as ref: { name, namespace }',
  ]);
});

test('objects of other kinds are skipped, not refused', () => {
  const result = adoptManifests(readManifestText('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n', 'in.yaml'));
  expect(result.report.problems).toEqual([]);
  expect(result.report.skipped).toEqual(['in.yaml document 0 (ConfigMap c): not a gloo object or a workload an upstream points at']);
});
