import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../util';

const BLOG = path.join(__dirname, '..', 'fixtures', 'gloo-canary-example');

const run = runCli;

let work: string;
beforeEach(() => { work = fs.mkdtempSync(path.join(os.tmpdir(), 'adopt-cli-')); });
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

test('adopt writes the generated app and prints the report', () => {
  const files = ['coalmine-virtual-service-part-3-weighted.yaml', 'default-petstore-v1-8080-upstream.yaml'].map(f => path.join(BLOG, f));
  const r = run(['adopt', ...files, '--out', 'src/adopted.ts'], work);
  expect(r.code).toBe(0);
  expect(r.out).toContain('releases recognised: 1');
  expect(r.out).toMatch(/routing: \d+ requests compared, 0 routed differently/);
  expect(r.out).toContain('wrote src/adopted.ts');
  expect(fs.readFileSync(path.join(work, 'src', 'adopted.ts'), 'utf8')).toContain("stage: 'weight-10'");
});

test('fails when the input has a problem, and leaves an existing output file as it was', () => {
  fs.writeFileSync(path.join(work, 'bad.yaml'), 'kind: [unclosed\n');
  fs.writeFileSync(path.join(work, 'adopted.ts'), '// mine\n');
  const r = run(['adopt', 'bad.yaml', '--out', 'adopted.ts'], work);
  expect(r.code).toBe(1);
  expect(r.out).toContain('bad.yaml document 0: got yaml that does not parse');
  expect(r.err).toBe('adopt: nothing written to adopted.ts: the input has problems\n');
  expect(fs.readFileSync(path.join(work, 'adopted.ts'), 'utf8')).toBe('// mine\n');
  expect(fs.readdirSync(work).sort()).toEqual(['adopted.ts', 'bad.yaml']);
});

test('fails when no input is named, or an option is unknown', () => {
  expect(run(['adopt'], work).code).toBe(2);
  expect(run(['adopt', 'x.yaml', '--outt', 'y'], work).code).toBe(2);
});

test('fails when an input path does not exist', () => {
  const r = run(['adopt', 'missing.yaml'], work);
  expect(r.code).toBe(1);
  expect(r.out).toContain('missing.yaml: got a path that does not exist, expected a yaml file or a folder of them');
});

test('--service says which Service an Upstream the input does not hold stands for; a malformed one fails with usage', () => {
  fs.writeFileSync(path.join(work, 'vs.yaml'), `apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: gloo-system }
spec:
  virtualHost:
    domains: ['*']
    routes:
    - matchers: [{ prefix: / }]
      routeAction: { single: { upstream: { name: legacy-pets, namespace: gloo-system } } }
`);
  const r = run(['adopt', 'vs.yaml', '--service', 'legacy-pets=store/pets:9000', '--out', 'adopted.ts'], work);
  expect(r.code).toBe(0);
  expect(fs.readFileSync(path.join(work, 'adopted.ts'), 'utf8')).toContain("service: { serviceName: 'pets', serviceNamespace: 'store', port: 9000 }");
  const bad = run(['adopt', 'vs.yaml', '--service', 'legacy-pets=store/pets'], work);
  expect(bad.code).toBe(2);
  expect(bad.err).toBe('adopt: --service "legacy-pets=store/pets": expected UPSTREAM=NAMESPACE/SERVICE:PORT, e.g. default-petstore-8080=default/petstore:8080\n');
});
