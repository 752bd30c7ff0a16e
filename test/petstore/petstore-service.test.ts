import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { PetstoreService } from '../../src';
import { BLOG_DIR, blogManifest } from '../blog';
import { newChart, onlyManifest, synthYaml } from '../util';

function blogWorkloads(version: string): { service: any; deployment: any } {
  const docs = parseAllDocuments(fs.readFileSync(path.join(BLOG_DIR, `petstore-${version}.yaml`), 'utf8')).map(d => d.toJSON()).filter(Boolean);
  return { service: docs.find(d => d.kind === 'Service'), deployment: docs.find(d => d.kind === 'Deployment') };
}

describe('PetstoreService', () => {
  test.each(['v1', 'v2'])('%s: the Service and Deployment of the blog', (version) => {
    const chart = newChart();
    new PetstoreService(chart, version, { version });
    const blog = blogWorkloads(version);
    const service = onlyManifest(chart, 'Service');
    const deployment = onlyManifest(chart, 'Deployment');

    expect(service.metadata).toEqual(blog.service.metadata);
    expect(service.spec.type).toBe(blog.service.spec.type);
    expect(service.spec.ports).toEqual(blog.service.spec.ports);
    expect(service.spec.selector).toEqual(blog.service.spec.selector);

    expect(deployment.metadata).toEqual(blog.deployment.metadata);
    expect(deployment.spec.replicas).toBe(blog.deployment.spec.replicas);
    expect(deployment.spec.selector).toEqual(blog.deployment.spec.selector);
    expect(deployment.spec.template.metadata.labels).toMatchObject(blog.deployment.spec.template.metadata.labels);
    const [container] = deployment.spec.template.spec.containers;
    const [blogContainer] = blog.deployment.spec.template.spec.containers;
    expect([container.name, container.image, container.ports]).toEqual([blogContainer.name, blogContainer.image, blogContainer.ports]);
  });

  test('the Upstream is the one Gloo discovered in the blog, in the 1.x shape', () => {
    const chart = newChart();
    const petstore = new PetstoreService(chart, 'v1', { version: 'v1' });
    const blog = blogManifest('default-petstore-v1-8080-upstream.yaml');
    const upstream = onlyManifest(chart, 'Upstream');

    expect(petstore.upstream.name).toBe('default-petstore-v1-8080');
    expect(upstream.metadata).toEqual({ name: blog.metadata.name, namespace: blog.metadata.namespace });
    // 0.x upstreamSpec.kube is 1.x spec.kube, field for field
    expect(upstream.spec).toEqual({ kube: blog.upstreamSpec.kube });
    expect(petstore.upstream.functionNames).toEqual(['addPet', 'deletePet', 'findPetById', 'findPets']);
  });

  test('every default can be overridden', () => {
    const chart = newChart();
    const petstore = new PetstoreService(chart, 'v3', {
      version: 'v3',
      image: 'registry.example.com/petstore:3.0.0',
      port: 9090,
      namespace: 'shop',
      name: 'pets',
      labels: { app: 'pets', track: 'canary' },
      replicas: 3,
      upstreamNamespace: 'gloo',
      swaggerUrl: 'http://pets/openapi.json',
      functions: { findPets: { method: 'GET', path: '/api/pets' } },
    });
    expect(petstore.upstream.name).toBe('shop-pets-9090');
    expect(synthYaml(chart)).toMatchSnapshot();
  });

  test('fails when the version is invalid', () => {
    expect(() => new PetstoreService(newChart(), 'x', { version: 'V 1' })).toThrow(
      '[test/x] version: got "V 1", expected a version such as "v1"');
  });

  test('fails when the port and the replica count are bad, both reported', () => {
    expect(() => new PetstoreService(newChart(), 'x', { version: 'v1', port: 0, replicas: -1 })).toThrow(
      /2 problems:\n {2}\[test\/x\] port: got 0, expected an integer port between 1 and 65535\n {2}\[test\/x\] replicas: got -1/);
  });

  test('fails when a dotted version makes the Service and container name invalid', () => {
    expect(() => new PetstoreService(newChart(), 'x', { version: 'v1.2' })).toThrow([
      '2 problems:',
      '  [test/x] service.metadata.name: got "petstore-v1.2", expected a Service name that is a lowercase RFC 1035 label',
    ].join('\n'));
  });

  test('fails when a long version makes the names and the app label longer than 63 characters', () => {
    const version = `v${'1'.repeat(54)}`;
    const name = `petstore-${version}`; // 64 characters
    expect(() => new PetstoreService(newChart(), 'x', { version })).toThrow([
      '3 problems:',
      `  [test/x] service.metadata.name: got "${name}", expected a Service name of at most 63 characters (an RFC 1035 label), not 64`,
      `  [test/x] deployment.spec.template.spec.containers[0].name: got "${name}", expected a container name of at most 63 characters (an RFC 1123 label), not 64`,
      `  [test/x] labels.app: got "${name}", expected a label value of at most 63 characters, not 64`,
    ].join('\n'));
  });

  test('fails when an explicit name is not a valid Service name', () => {
    expect(() => new PetstoreService(newChart(), 'x', { version: 'v1', name: 'Pets_V1' })).toThrow(
      '[test/x] deployment.metadata.name: got "Pets_V1", expected a lowercase RFC 1123 subdomain name');
  });

  test('the workloads are plain ApiObjects', () => {
    const petstore = new PetstoreService(newChart(), 'v1', { version: 'v1' });
    expect([petstore.deployment.apiVersion, petstore.deployment.kind, petstore.service.apiVersion, petstore.service.kind])
      .toEqual(['apps/v1', 'Deployment', 'v1', 'Service']);
  });

  test('synthesizes deterministically', () => {
    const build = () => { const c = newChart(); new PetstoreService(c, 'v1', { version: 'v1' }); return synthYaml(c); };
    expect(build()).toBe(build());
    expect(Testing.synth(newChart())).toEqual([]);
  });
});
