import * as path from 'path';
import { validRoute } from './routes';
import { CrdSchemaValidator } from '../../src';

const validator = CrdSchemaValidator.fromFiles([path.join(__dirname, '..', '..', 'imports', 'gateway.networking.k8s.io.yaml')]);

describe('CrdSchemaValidator with the vendored Gateway API CRDs', () => {
  test('knows the four standard-channel kinds in both served versions', () => {
    expect(validator.resources).toEqual([
      'gateway.networking.k8s.io/v1/Gateway',
      'gateway.networking.k8s.io/v1/GatewayClass',
      'gateway.networking.k8s.io/v1/HTTPRoute',
      'gateway.networking.k8s.io/v1/ReferenceGrant',
      'gateway.networking.k8s.io/v1beta1/Gateway',
      'gateway.networking.k8s.io/v1beta1/GatewayClass',
      'gateway.networking.k8s.io/v1beta1/HTTPRoute',
      'gateway.networking.k8s.io/v1beta1/ReferenceGrant',
    ]);
  });

  test('passes a valid HTTPRoute, Gateway and ReferenceGrant', () => {
    const gateway = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'gw', namespace: 'gloo-system' },
      spec: { gatewayClassName: 'kgateway', listeners: [{ name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'All' } } }] },
    };
    const grant = {
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: 'to-petstore', namespace: 'default' },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'apps' }], to: [{ group: '', kind: 'Service' }] },
    };
    expect(validator.validate([validRoute(), gateway, grant])).toEqual([]);
  });

  test('fails when an HTTPRoute has an unknown field: the API server would prune it', () => {
    const route = validRoute();
    route.spec.rules[2].backendRefs[1].weigth = 10;
    route.spec.rules[0].matches[0].prefix = '/findPetWithId';
    expect(validator.validate([route]).map(CrdSchemaValidator.formatViolation)).toEqual([
      'gateway.networking.k8s.io/v1/HTTPRoute apps/petstore spec.rules[0].matches[0].prefix: unknown field, pruned by the API server',
      'gateway.networking.k8s.io/v1/HTTPRoute apps/petstore spec.rules[2].backendRefs[1].weigth: unknown field, pruned by the API server',
    ]);
  });

  test('fails when an HTTPRoute has a wrong type or a weight out of range', () => {
    const route = validRoute();
    route.spec.hostnames = 'petstore.example.com';
    route.spec.rules[2].backendRefs[0].weight = 1_000_001;
    route.spec.rules[2].backendRefs[1].weight = '10';
    expect(validator.validate([route]).map(v => `${v.field}: ${v.message}`)).toEqual([
      'spec.hostnames: expected an array, got a string',
      'spec.rules[2].backendRefs[0].weight: 1000001 is above the maximum 1000000',
      'spec.rules[2].backendRefs[1].weight: expected an integer, got a string "10"',
    ]);
  });

  test('fails when an experimental-channel field is used with the standard CRD', () => {
    const route = validRoute();
    route.spec.rules[0].retry = { attempts: 2 };
    expect(validator.validate([route]).map(v => v.field)).toEqual(['spec.rules[0].retry']);
  });
});
