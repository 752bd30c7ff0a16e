import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { CrdSchemaValidator } from '../../src';
import { BLOG_DIR, blogManifest, toGloo1x } from '../blog';

const validator = CrdSchemaValidator.gloo();

describe('CrdSchemaValidator', () => {
  test('knows the four vendored Gloo kinds', () => {
    expect(validator.resources).toEqual([
      'gateway.solo.io/v1/RouteTable',
      'gateway.solo.io/v1/VirtualService',
      'gloo.solo.io/v1/Upstream',
      'gloo.solo.io/v1/UpstreamGroup',
    ]);
  });

  describe.each(fs.readdirSync(BLOG_DIR).filter(f => f.startsWith('coalmine-')))('the blog manifest %s', (file) => {
    test('fails: the 0.x shape is pruned, naming matcher and routePlugins', () => {
      const violations = CrdSchemaValidator.gloo().validate([blogManifest(file)]);
      const fields = violations.map(v => v.field);
      expect(fields).toContain('spec.virtualHost.name');
      expect(fields.some(f => /^spec\.virtualHost\.routes\[\d+\]\.matcher$/.test(f))).toBe(true);
      expect(fields.some(f => /^spec\.virtualHost\.routes\[\d+\]\.routePlugins$/.test(f))).toBe(true);
      expect(violations.every(v => v.message === 'unknown field, pruned by the API server')).toBe(true);
    });

    test('passes once translated to the 1.x shape', () => {
      expect(CrdSchemaValidator.gloo().validate([toGloo1x(blogManifest(file))])).toEqual([]);
    });
  });

  test('fails for the 0.x upstreamSpec of the blog\'s upstream', () => {
    const upstream = { apiVersion: 'gloo.solo.io/v1', kind: 'Upstream', ...blogManifest('default-petstore-v1-8080-upstream.yaml') };
    const fields = CrdSchemaValidator.gloo().validate([upstream]).map(v => v.field);
    expect(fields).toEqual(expect.arrayContaining(['upstreamSpec', 'discoveryMetadata']));
  });

  test('fails for wrong types and out-of-range integers, naming the field', () => {
    const vs = {
      apiVersion: 'gateway.solo.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'x', namespace: 'gloo-system' },
      spec: {
        virtualHost: {
          domains: '*',
          routes: [{
            matchers: [{ prefix: 7, caseSensitive: 'yes' }],
            routeAction: { multi: { destinations: [{ weight: 4294967296 }, { weight: -1 }, { weight: 1.5 }] } },
          }],
        },
      },
    };
    const lines = CrdSchemaValidator.gloo().validate([vs]).map(CrdSchemaValidator.formatViolation);
    expect(lines).toEqual([
      'gateway.solo.io/v1/VirtualService gloo-system/x spec.virtualHost.domains: expected an array, got a string',
      'gateway.solo.io/v1/VirtualService gloo-system/x spec.virtualHost.routes[0].matchers[0].prefix: expected a string, got a number',
      'gateway.solo.io/v1/VirtualService gloo-system/x spec.virtualHost.routes[0].matchers[0].caseSensitive: expected a boolean, got a string',
      'gateway.solo.io/v1/VirtualService gloo-system/x spec.virtualHost.routes[0].routeAction.multi.destinations[0].weight: 4294967296 is above the maximum 4294967295',
      'gateway.solo.io/v1/VirtualService gloo-system/x spec.virtualHost.routes[0].routeAction.multi.destinations[1].weight: -1 is below the minimum 0',
      'gateway.solo.io/v1/VirtualService gloo-system/x spec.virtualHost.routes[0].routeAction.multi.destinations[2].weight: expected an integer, got a number 1.5',
    ]);
  });

  test('accepts nulls only where the schema is nullable', () => {
    const route = (weight: unknown, name: unknown) => ({
      apiVersion: 'gateway.solo.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'x' },
      spec: { displayName: name, virtualHost: { routes: [{ routeAction: { multi: { destinations: [{ weight }] } } }] } },
    });
    expect(CrdSchemaValidator.gloo().validate([route(null, 'ok')])).toEqual([]);
    expect(CrdSchemaValidator.gloo().validate([route(1, null)]).map(v => v.field)).toEqual(['spec.displayName']);
  });

  test('keeps unknown fields below x-kubernetes-preserve-unknown-fields (status)', () => {
    const vs = { apiVersion: 'gateway.solo.io/v1', kind: 'VirtualService', metadata: { name: 'x' }, status: { anything: { goes: 1 } } };
    expect(CrdSchemaValidator.gloo().validate([vs])).toEqual([]);
  });

  test('fails for an unknown top-level field, and skips kinds without a CRD', () => {
    const vs = { apiVersion: 'gateway.solo.io/v1', kind: 'VirtualService', metadata: { name: 'x' }, specs: {} };
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, nonsense: true };
    expect(CrdSchemaValidator.gloo().validate([vs, deployment]).map(v => `${v.object} ${v.field}`)).toEqual(['x specs']);
  });

  test('assertValid lists every violation', () => {
    expect(() => validator.assertValid([blogManifest('coalmine-virtual-service-part-1.yaml')]))
      .toThrow(/5 manifest field\(s\) do not match the CRD schema:\n {2}gateway.solo.io\/v1\/VirtualService gloo-system\/coalmine spec.virtualHost.name: unknown field/);
  });

  test('reads CRDs from other files too', () => {
    const file = path.join(__dirname, '..', '..', 'imports', 'gloo.solo.io.yaml');
    const only = CrdSchemaValidator.fromFiles([file]);
    expect(only.resources).toEqual(['gloo.solo.io/v1/Upstream', 'gloo.solo.io/v1/UpstreamGroup']);
    expect(parseAllDocuments(fs.readFileSync(file, 'utf8')).length).toBe(2);
  });
});

describe('metadata, as the API server checks it', () => {
  const vs = (metadata: object) => ({ apiVersion: 'gateway.solo.io/v1', kind: 'VirtualService', metadata, spec: {} });
  const lines = (metadata: object) => validator.validate([vs(metadata)]).map(CrdSchemaValidator.formatViolation);

  test('a name and namespace it takes pass', () => {
    expect(lines({ name: 'shop.v2', namespace: 'team-a', labels: { app: 'shop' }, annotations: { note: 'x' } })).toEqual([]);
  });

  test.each([
    [{ namespace: 'a' }, 'gateway.solo.io/v1/VirtualService a/(no name) metadata.name: missing: every object needs a name'],
    [{ name: '' }, 'gateway.solo.io/v1/VirtualService (no name) metadata.name: missing: every object needs a name'],
    [{ name: 'Shop' }, 'gateway.solo.io/v1/VirtualService Shop metadata.name: "Shop" is not a name the API server takes'],
    [{ name: 'shop-' }, 'metadata.name: "shop-" is not a name the API server takes'],
    [{ name: 'a'.repeat(254) }, 'is not a name the API server takes'],
    [{ name: 'shop', namespace: 'team.a' }, 'metadata.namespace: "team.a" is not a namespace the API server takes'],
    [{ name: 'shop', namespace: 'a'.repeat(64) }, 'is not a namespace the API server takes'],
    [{ name: 'shop', labels: { app: 1 } }, 'metadata.labels.app: expected a string, got number'],
    [{ name: 'shop', annotations: { cfg: { a: 1 } } }, 'metadata.annotations.cfg: expected a string, got object'],
    [{ name: 'shop', labels: ['a'] }, 'metadata.labels: expected a map of strings, got an array'],
  ])('%j is a problem', (metadata, expected) => {
    expect(lines(metadata).join('\n')).toContain(expected);
  });
});

describe('the vendored compact schemas (imports/gloo.schemas.json)', () => {
  const root = path.join(__dirname, '..', '..');
  const script = path.join(root, 'scripts', 'compact-crds.js');
  const glooYaml = ['gateway.solo.io.yaml', 'gloo.solo.io.yaml'].map(f => path.join(root, 'imports', f));

  test('are what scripts/compact-crds.js makes of the vendored CRDs (run `npx projen import`)', () => {
    const fresh = execFileSync(process.execPath, [script, '-', ...glooYaml], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    expect(fresh === fs.readFileSync(path.join(root, 'imports', 'gloo.schemas.json'), 'utf8')).toBe(true);
  });

  test('check what a validator read from the CRDs\' YAML checks', () => {
    const fromYaml = CrdSchemaValidator.fromFiles(glooYaml);
    expect(validator.resources).toEqual(fromYaml.resources);
    const manifests = fs.readdirSync(BLOG_DIR).filter(f => f.startsWith('coalmine-')).map(f => blogManifest(f));
    expect(validator.validate(manifests)).toEqual(fromYaml.validate(manifests));
    expect(validator.validate(manifests).length).toBeGreaterThan(0);
  });

  test('compact-crds.js drops the schemas\' descriptions but keeps a property named description', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compact-crds-'));
    const crd = path.join(dir, 'crd.yaml');
    fs.writeFileSync(crd, [
      'apiVersion: apiextensions.k8s.io/v1',
      'kind: CustomResourceDefinition',
      'spec:',
      '  group: example.com',
      '  names: { kind: Widget }',
      '  versions:',
      '  - name: v1',
      '    schema:',
      '      openAPIV3Schema:',
      '        description: a widget',
      '        type: object',
      '        properties:',
      '          description: { type: string, description: the text }',
      '          parts: { type: array, items: { type: string, description: a part, enum: [a, b] } }',
      '',
    ].join('\n'));
    const out = JSON.parse(execFileSync(process.execPath, [script, '-', crd], { encoding: 'utf8' }));
    expect(out).toEqual({
      'example.com/v1/Widget': {
        type: 'object',
        properties: {
          description: { type: 'string' },
          parts: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
        },
      },
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
