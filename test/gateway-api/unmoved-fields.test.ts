import * as fs from 'fs';
import * as path from 'path';
import { UNMOVED_TABLE_END, UNMOVED_TABLE_START, unmovedFieldsTable } from './unmoved-fields-table';
import { BACKEND_OPTIONS } from '../../src/gateway-api/backend-config';
import { UNMAPPED_ROUTE_OPTIONS } from '../../src/gateway-api/rule-render';
import { VIRTUAL_HOST_POLICY_OPTIONS } from '../../src/gateway-api/traffic-policy';
import { describePlace, KgatewayPlace, unmovedField, unmovedHint, UnmovedScope } from '../../src/gateway-api/unmoved-fields';
import { KNOWN_KEYS } from '../../src/private/known-keys';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const KGATEWAY_SCHEMAS = require('../../imports/kgateway.schemas.json') as { [gvk: string]: Schema };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const GLOO_SCHEMAS = require('../../imports/gloo.schemas.json') as { [gvk: string]: Schema };

interface Schema { readonly properties?: { [field: string]: Schema } }

/** The Gloo Upstream's spec fields that are neither its Kubernetes form nor bookkeeping: the options and the other kinds. */
const UPSTREAM_SPEC = Object.keys(GLOO_SCHEMAS['gloo.solo.io/v1/Upstream'].properties!.spec.properties!)
  .filter(f => !['kube', 'static', 'loadBalancerConfig', 'discoveryMetadata', 'namespacedStatuses'].includes(f));
const UPSTREAM_KINDS = ['ai', 'aws', 'awsEc2', 'azure', 'consul', 'gcp', 'pipe'];

/** Kinds whose CRDs are not vendored (their fields were read in the reference CRDs), and Kubernetes' own. */
const NOT_VENDORED = ['HTTPListenerPolicy', 'GRPCRoute', 'Service'];

describe('the catalog of fields the gateway api target does not write', () => {
  const cases: Array<[UnmovedScope, string]> = [
    ...UNMAPPED_ROUTE_OPTIONS.map(f => ['route option', f] as [UnmovedScope, string]),
    ...KNOWN_KEYS.VirtualHostBehavior.filter(f => !VIRTUAL_HOST_POLICY_OPTIONS.includes(f)).map(f => ['virtual host option', f] as [UnmovedScope, string]),
    ...KNOWN_KEYS.WeightedDestinationBehavior.filter(f => f !== 'headerManipulation').map(f => ['destination option', f] as [UnmovedScope, string]),
    ...UPSTREAM_SPEC.filter(f => !UPSTREAM_KINDS.includes(f) && !BACKEND_OPTIONS.includes(f)).map(f => ['upstream option', f] as [UnmovedScope, string]),
    ...[...UPSTREAM_KINDS, 'subsets', 'serviceSpec', 'sniAddr'].map(f => ['upstream', f] as [UnmovedScope, string]),
    ...['optionsConfigRefs', 'mirror.host', 'mirror.keepHost', 'mirror.upstream', 'dynamicForwardProxy', 'destinationSpec', 'consul'].map(f => ['route', f] as [UnmovedScope, string]),
  ];

  test('has every typed field the target refuses, so that no refusal says only "not yet"', () => {
    expect(cases.length).toBeGreaterThan(90);
    expect(cases.filter(([scope, field]) => unmovedField(scope, field) === undefined)).toEqual([]);
  });

  test.each(cases)('the %s %s: its hint names a place or says there is none, and what to do instead', (scope, field) => {
    const entry = unmovedField(scope, field)!;
    expect(entry.instead.length).toBeGreaterThan(20);
    const hint = unmovedHint(scope, field);
    expect(hint).toContain(entry.instead);
    expect(hint).toMatch(entry.kgateway ? /^kgateway has .* which the target does not write yet: / : /^no gateway api or kgateway field carries it: /);
  });

  const places = cases.map(([scope, field]) => unmovedField(scope, field)?.kgateway).filter((p): p is KgatewayPlace => p !== undefined);
  const vendored = [...new Map(places.filter(p => !NOT_VENDORED.includes(p.kind)).map(p => [describePlace(p), p])).values()];

  test.each(vendored.map(p => [describePlace(p), p] as [string, KgatewayPlace]))('%s: every field is in the vendored kgateway v2.2.0 schema', (_, p) => {
    const gvk = Object.keys(KGATEWAY_SCHEMAS).find(k => k.endsWith(`/${p.kind}`));
    expect(gvk).toBeDefined();
    for (const field of p.fields) {
      let at: Schema | undefined = KGATEWAY_SCHEMAS[gvk!].properties!.spec;
      for (const part of field.split('.')) at = at?.properties?.[part];
      expect([field, at !== undefined]).toEqual([field, true]);
    }
  });

  test('names only kinds it can check, or that are listed as read by hand', () => {
    expect([...new Set(places.map(p => p.kind))].filter(k => !NOT_VENDORED.includes(k)).sort()).toEqual(['Backend', 'BackendConfigPolicy', 'TrafficPolicy']);
  });

  test('gives an untyped field the general advice', () => {
    expect(unmovedHint('route option', 'somethingNew')).toBe('the gateway api target does not know this route option; keep it on Gloo until it moves, or drop it');
    expect(unmovedHint('upstream option', 'somethingNew')).toBe('the gateway api target does not know this upstream option; keep it on Gloo until it moves, or drop it');
  });
});

describe('docs/gateway-api.md', () => {
  test('lists the catalog as the target says it (print it: npx ts-node -P test/tsconfig.json test/gateway-api/unmoved-fields-table.ts)', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'gateway-api.md'), 'utf8');
    const start = doc.indexOf(UNMOVED_TABLE_START);
    const end = doc.indexOf(UNMOVED_TABLE_END);
    expect([start >= 0, end > start]).toEqual([true, true]);
    expect(doc.slice(start + UNMOVED_TABLE_START.length, end)).toBe(`\n${unmovedFieldsTable()}\n`);
  });

  test('a field that is not an own entry of the catalog is not in it', () => {
    expect(unmovedField('route option', 'toString')).toBeUndefined();
    expect(unmovedField('upstream option', 'constructor')).toBeUndefined();
  });
});
