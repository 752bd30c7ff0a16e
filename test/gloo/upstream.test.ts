import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as kplus33 from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import { Upstream } from '../../src';
import { newChart, onlyManifest, synthYaml } from '../util';

describe('Upstream', () => {
  test('from a cdk8s-plus Service: discovery name, gloo-system, the Service selector', () => {
    // GIVEN
    const chart = newChart();
    const service = new kplus.Service(chart, 'svc', {
      metadata: { name: 'petstore-v1', namespace: 'default' },
      ports: [{ port: 8080 }],
      selector: kplus.Pods.select(chart, 'pods', { labels: { app: 'petstore-v1' } }),
    });

    // WHEN
    const upstream = new Upstream(chart, 'up', {
      service,
      functions: { findPets: { method: 'GET', path: '/api/pets', headers: { 'content-type': '' }, body: '' } },
      swaggerUrl: 'http://petstore-v1.default.svc.cluster.local:8080/swagger.json',
    });

    // THEN
    expect(upstream.name).toBe('default-petstore-v1-8080');
    expect(upstream.namespace).toBe('gloo-system');
    expect(upstream.functionNames).toEqual(['findPets']);
    expect(onlyManifest(chart, 'Upstream')).toEqual({
      apiVersion: 'gloo.solo.io/v1',
      kind: 'Upstream',
      metadata: { name: 'default-petstore-v1-8080', namespace: 'gloo-system' },
      spec: {
        kube: {
          selector: { app: 'petstore-v1' },
          serviceName: 'petstore-v1',
          serviceNamespace: 'default',
          servicePort: 8080,
          serviceSpec: {
            rest: {
              swaggerInfo: { url: 'http://petstore-v1.default.svc.cluster.local:8080/swagger.json' },
              transformations: {
                findPets: {
                  body: {},
                  headers: { ':method': { text: 'GET' }, ':path': { text: '/api/pets' }, 'content-type': {} },
                },
              },
            },
          },
        },
      },
    });
  });

  test('from a cdk8s-plus-33 Service: the same Upstream as from cdk8s-plus-28', () => {
    const build = (makeService: (chart: Chart) => Construct) => {
      const chart = newChart();
      new Upstream(chart, 'up', { service: makeService(chart) });
      return onlyManifest(chart, 'Upstream');
    };
    const from28 = build(chart => new kplus.Service(chart, 'svc', {
      metadata: { name: 'checkout-v1', namespace: 'shop' },
      ports: [{ port: 8080 }],
      selector: kplus.Pods.select(chart, 'pods', { labels: { app: 'checkout', version: 'v1' } }),
    }));
    const from33 = build(chart => new kplus33.Service(chart, 'svc', {
      metadata: { name: 'checkout-v1', namespace: 'shop' },
      ports: [{ port: 8080 }],
      selector: kplus33.Pods.select(chart, 'pods', { labels: { app: 'checkout', version: 'v1' } }),
    }));
    expect(from33).toEqual(from28);
    expect(from33).toEqual({
      apiVersion: 'gloo.solo.io/v1',
      kind: 'Upstream',
      metadata: { name: 'shop-checkout-v1-8080', namespace: 'gloo-system' },
      spec: { kube: { selector: { app: 'checkout', version: 'v1' }, serviceName: 'checkout-v1', serviceNamespace: 'shop', servicePort: 8080 } },
    });
  });

  test('from a plain ApiObject of kind Service, with the selector read at synth', () => {
    const chart = newChart();
    const service = new ApiObject(chart, 'svc', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'checkout-v2', namespace: 'shop' },
      spec: { ports: [{ name: 'http', port: 80, targetPort: 8080 }], selector: { version: 'v2', app: 'checkout' } },
    });
    const upstream = new Upstream(chart, 'up', { service });
    service.addJsonPatch(JsonPatch.add('/spec/selector/tier', 'web')); // after the Upstream, still seen
    expect([upstream.name, upstream.serviceName, upstream.serviceNamespace, upstream.servicePort]).toEqual(['shop-checkout-v2-80', 'checkout-v2', 'shop', 80]);
    expect(onlyManifest(chart, 'Upstream').spec.kube.selector).toEqual({ app: 'checkout', tier: 'web', version: 'v2' });
  });

  test('from an explicit service name, namespace and port, without REST spec', () => {
    const chart = newChart();
    new Upstream(chart, 'up', { serviceName: 'orders', serviceNamespace: 'shop', servicePort: 9090 });
    expect(synthYaml(chart)).toMatchSnapshot();
  });

  test('a long name is shortened as Gloo shortens it', () => {
    const chart = newChart();
    const upstream = new Upstream(chart, 'up', { serviceName: 'a-really-quite-long-service-name-for-testing', serviceNamespace: 'some-namespace', servicePort: 8080 });
    expect(upstream.name).toHaveLength(63);
    expect(upstream.name.startsWith('some-namespace-a-really-quite-l-')).toBe(true);
  });

  test('metadata overrides the name and namespace', () => {
    const chart = newChart();
    const upstream = new Upstream(chart, 'up', { serviceName: 's', servicePort: 80, metadata: { name: 'mine', namespace: 'gloo' } });
    expect([upstream.name, upstream.namespace]).toEqual(['mine', 'gloo']);
    expect(onlyManifest(chart, 'Upstream').metadata).toEqual({ name: 'mine', namespace: 'gloo' });
  });

  test('the primary child is the ApiObject, for the escape hatch', () => {
    const chart = newChart();
    const upstream = new Upstream(chart, 'up', { serviceName: 's', servicePort: 80 });
    ApiObject.of(upstream).metadata.addLabel('team', 'pets');
    expect(onlyManifest(chart, 'Upstream').metadata.labels).toEqual({ team: 'pets' });
  });

  test('fromUpstreamName refers to an upstream by name and renders nothing', () => {
    const chart = newChart();
    const imported = Upstream.fromUpstreamName(chart, 'ext', 'default-legacy-80');
    expect([imported.name, imported.namespace, imported.functionNames]).toEqual(['default-legacy-80', 'gloo-system', undefined]);
    expect(Testing.synth(chart)).toEqual([]);
  });

  describe('fails', () => {
    let chart: Chart;
    beforeEach(() => { chart = newChart(); });

    test('fails when neither service nor serviceName is given', () => {
      expect(() => new Upstream(chart, 'up', {})).toThrow(
        '[test/up] service: got nothing, expected a Kubernetes Service (service) or the name of one (serviceName)');
    });

    test('fails when service is a Deployment, naming its kind', () => {
      const deployment = new kplus33.Deployment(chart, 'deploy', { containers: [{ image: 'nginx' }] });
      expect(() => new Upstream(chart, 'up', { service: deployment, servicePort: 80 })).toThrow(
        '[test/up] service: got construct test/deploy, expected a v1 Service (a cdk8s-plus Service, a KubeService or an ApiObject of kind Service), not kind Deployment (apps/v1)');
    });

    test('fails when service is a construct without an ApiObject', () => {
      expect(() => new Upstream(chart, 'up', { service: new Construct(chart, 'empty'), servicePort: 80 })).toThrow(
        '[test/up] service: got construct test/empty, expected a v1 Service, or a construct whose default child is one (this one has no default child)');
    });

    test('fails when both service and serviceName are given', () => {
      const service = new kplus.Service(chart, 'svc', { ports: [{ port: 80 }] });
      expect(() => new Upstream(chart, 'up', { service, serviceName: 'x' })).toThrow(
        '[test/up] serviceName: got "x", expected either service or serviceName, not both');
    });

    test('fails when a Service with several ports is given without servicePort', () => {
      const service = new kplus.Service(chart, 'svc', { metadata: { name: 'multi' }, ports: [{ port: 80 }, { port: 81 }] });
      expect(() => new Upstream(chart, 'up', { service })).toThrow(
        '[test/up] servicePort: got nothing, expected the port to use, since service multi has 2 ports');
    });

    test('fails when the port is out of range', () => {
      expect(() => new Upstream(chart, 'up', { serviceName: 's', servicePort: 70000 })).toThrow(
        '[test/up] servicePort: got 70000, expected an integer port between 1 and 65535');
    });

    test('fails when the port is 0', () => {
      expect(() => new Upstream(chart, 'up', { serviceName: 's', servicePort: 0 })).toThrow(
        '[test/up] servicePort: got 0, expected an integer port between 1 and 65535');
    });

    test('fails when the Service name is not an RFC 1035 label', () => {
      expect(() => new Upstream(chart, 'up', { serviceName: 'Reviews_V1', servicePort: 80 })).toThrow(
        '[test/up] serviceName: got "Reviews_V1", expected a Service name that is a lowercase RFC 1035 label (a-z, 0-9 and "-", starting with a letter, ending with a letter or digit)');
    });

    test('fails when a cdk8s-plus Service has a name no Service can have', () => {
      const service = new kplus.Service(chart, 'svc', { metadata: { name: '9lives' }, ports: [{ port: 80 }] });
      expect(() => new Upstream(chart, 'up', { service })).toThrow('[test/up] service.name: got "9lives", expected a Service name that is a lowercase RFC 1035 label');
    });

    test('fails for an invalid Kubernetes name', () => {
      expect(() => new Upstream(chart, 'up', { serviceName: 's', servicePort: 80, metadata: { name: 'Bad_Name' } })).toThrow(
        '[test/up] metadata.name: got "Bad_Name", expected a lowercase RFC 1123 subdomain name');
    });

    test('fails for an invalid namespace of an imported upstream', () => {
      expect(() => Upstream.fromUpstreamName(chart, 'ext', 'ok', { namespace: 'Not OK' })).toThrow(
        '[test/ext] namespace: got "Not OK", expected a lowercase RFC 1123 label');
    });

    test('fails for a lowercase method', () => {
      expect(() => new Upstream(chart, 'up', { serviceName: 's', servicePort: 80, functions: { f: { method: 'get' } } })).toThrow(
        '[test/up] functions.f.method: got "get", expected an upper-case HTTP method such as GET or POST');
    });
  });
});
