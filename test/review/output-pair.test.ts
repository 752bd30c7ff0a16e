import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadManifestFile } from '../../src/cli/app-runner';
import { readOutputPair } from '../../src/review/output-pair';

const VS = (weight: number) => `apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata:
  name: shop
  namespace: shop
spec:
  virtualHost:
    domains: ["shop.example.com"]
    routes:
      - matchers: [{ prefix: /checkout }]
        routeAction: { multi: { destinations: [{ weight: ${100 - weight}, destination: { upstream: { name: v1, namespace: shop } } }, { weight: ${weight}, destination: { upstream: { name: v2, namespace: shop } } }] } }
`;
const DEPLOYMENT = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: shop
spec:
  template: { spec: { containers: [{ name: c, image: "${image}" }] } }
`;

describe('readOutputPair', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gloo-output-pair-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return { file: path.join(dir, name), text };
  };

  test('gives every routing object of each side, and as changed only the objects whose text differs, as a whole parse reads them', () => {
    const base = file('base.yaml', `${VS(10)}---\n${DEPLOYMENT('a:1')}---\n${DEPLOYMENT('a:1').replace('checkout', 'payments')}`);
    const head = file('head.yaml', `${VS(50)}---\n${DEPLOYMENT('a:2')}---\n${DEPLOYMENT('a:1').replace('checkout', 'payments')}`);
    const pair = readOutputPair([base], [head]);
    const [b, h] = [loadManifestFile(base.file), loadManifestFile(head.file)];
    expect(pair.base.routing).toEqual([b[0]]);
    expect(pair.head.routing).toEqual([h[0]]);
    expect(pair.base.changed).toEqual([b[0], b[1]]);
    expect(pair.head.changed).toEqual([h[0], h[1]]);
  });

  test('does not parse a document outside routing whose text is on both sides: it cannot differ', () => {
    const unreadable = 'apiVersion: v1\nkind: ConfigMap\ndata: [not closed\n';
    const pair = readOutputPair([file('a.yaml', `${VS(10)}---\n${unreadable}`)], [file('b.yaml', `${VS(50)}---\n${unreadable}`)]);
    expect(pair.base.changed).toHaveLength(1);
  });

  test.each([
    ['a directive', `%YAML 1.2\n---\n${VS(10)}`],
    ['a tag after ---', `--- !!map\n${VS(10)}`],
    ['a document end marker', `${VS(10)}...\n`],
  ])('reads a file with %s whole, as loadManifestFile does', (_, text) => {
    const f = file('x.yaml', text);
    const pair = readOutputPair([f], [f]);
    expect(pair.base.routing).toEqual(loadManifestFile(f.file));
  });

  test('a document that does not parse fails with the whole file\'s error: its name and line', () => {
    const bad = file('bad.yaml', `${VS(10)}---\napiVersion: gateway.solo.io/v1\nkind: RouteTable\nspec: [\n`);
    expect(() => readOutputPair([bad], [file('ok.yaml', VS(10))])).toThrow(new RegExp(`^${bad.file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: .*line \\d+`));
  });
});
