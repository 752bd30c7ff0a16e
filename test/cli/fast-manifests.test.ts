import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { ACTIVE_STEP } from '../../examples/petstore-canary/active-step';
import { buildPetstoreCanary } from '../../examples/petstore-canary/app';
import { applyTarget } from '../../examples/petstore-canary/targets';
import { loadManifestFile } from '../../src/cli/app-runner';
import { loadManifestFileFast } from '../../src/cli/fast-manifests';

describe('loadManifestFileFast', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gloo-fast-yaml-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const read = (text: string) => {
    const file = path.join(dir, 'a.yaml');
    fs.writeFileSync(file, text);
    return { fast: loadManifestFileFast(file), slow: loadManifestFile(file) };
  };

  test('reads the values the yaml library reads (YAML 1.2 core): dates, yes/no, octals, special floats, nulls stay as yaml reads them', () => {
    const scalars = ['2026-12-31', '2026-12-31T10:00:00Z', 'yes', 'no', 'on', 'True', 'false', '0o17', '017', '0x1F', '1e3', '.inf', '-.Inf', '.nan', '~', 'null', '', '"quoted"', "'x: y'", '12:30', '+1', '1_000'];
    const text = ['kind: ConfigMap', 'data:', ...scalars.map((s, i) => `  k${i}: ${s}`), '---', '# a comment only', '---', 'kind: Other'].join('\n');
    const { fast, slow } = read(text);
    expect(fast).toEqual(slow);
    expect(fast).toHaveLength(2);
  });

  test('reads what cdk8s writes as the yaml library does: the example on both targets', () => {
    for (const target of ['gloo', 'gateway-api'] as const) {
      const app = Testing.app();
      if (target === 'gateway-api') applyTarget(app, 'gateway-api');
      buildPetstoreCanary(app, ACTIVE_STEP);
      const { fast, slow } = read(app.synthYaml());
      expect(fast.length).toBeGreaterThanOrEqual(5);
      expect(fast).toEqual(slow);
    }
  });

  test('a file it cannot read fails as loadManifestFile does, naming the file', () => {
    const file = path.join(dir, 'bad.yaml');
    fs.writeFileSync(file, 'a: [\n');
    expect(() => loadManifestFileFast(file)).toThrow(`${file}: `);
  });
});
