import { ApiObject, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { VersionedService, VersionedServiceProps } from '../../src';
import { newChart, onlyManifest, synthYaml } from '../util';

const CHECKOUT: VersionedServiceProps = { name: 'checkout', version: 'v1', image: 'example/checkout:1.0', port: 8080, namespace: 'shop' };

interface Workload {
  name: string; namespace: string; labels: { [k: string]: string }; image: string; port: number; containerPort: number; replicas: number;
}

/** What cdk8s-plus-28 renders for the same workload, at the same construct path (the pod label hashes it). */
function plus28Workloads(chart: Chart, id: string, w: Workload): any[] {
  const scope = new Construct(chart, id);
  const metadata = { name: w.name, namespace: w.namespace, labels: w.labels };
  const deployment = new kplus.Deployment(scope, 'Deployment', {
    metadata,
    replicas: w.replicas,
    select: false,
    podMetadata: { labels: w.labels },
    securityContext: { ensureNonRoot: false },
    containers: [{ name: w.name, image: w.image, ports: [{ number: w.containerPort }], securityContext: { ensureNonRoot: false } }],
  });
  deployment.select(kplus.LabelSelector.of({ labels: w.labels }));
  const service = new kplus.Service(scope, 'Service', {
    metadata,
    type: kplus.ServiceType.CLUSTER_IP,
    ports: [{ name: 'http', port: w.port, targetPort: w.containerPort, protocol: kplus.Protocol.TCP }],
  });
  for (const [key, value] of Object.entries(w.labels)) service.selectLabel(key, value);
  return [ApiObject.of(deployment).toJson(), ApiObject.of(service).toJson()];
}

describe('VersionedService', () => {
  test('one line gives a Deployment, a Service and an Upstream, named from name and version', () => {
    const chart = newChart();
    const checkout = new VersionedService(chart, 'checkout-v1', CHECKOUT);

    expect([checkout.deployment.kind, checkout.deployment.name, checkout.deployment.metadata.namespace]).toEqual(['Deployment', 'checkout-v1', 'shop']);
    expect([checkout.service.kind, checkout.service.name, checkout.service.metadata.namespace]).toEqual(['Service', 'checkout-v1', 'shop']);
    expect([checkout.upstream.name, checkout.upstream.namespace, checkout.upstream.functionNames]).toEqual(['shop-checkout-v1-8080', 'gloo-system', []]);
    expect(synthYaml(chart)).toMatchSnapshot();
  });

  test('renders byte for byte what cdk8s-plus-28 renders for the same workload', () => {
    const chart = newChart();
    const mine = new VersionedService(chart, 'mine', { ...CHECKOUT, port: 80, containerPort: 8080, replicas: 3, labels: { app: 'checkout', track: 'canary' } });
    const plus = plus28Workloads(newChart(), 'mine', {
      name: 'checkout-v1', namespace: 'shop', labels: { app: 'checkout', track: 'canary' }, image: 'example/checkout:1.0', port: 80, containerPort: 8080, replicas: 3,
    });
    expect([mine.deployment.toJson(), mine.service.toJson()]).toEqual(plus);
    expect(JSON.stringify([mine.deployment.toJson(), mine.service.toJson()])).toBe(JSON.stringify(plus));
  });

  test('the Upstream selects the pods by the labels and carries the REST functions', () => {
    const chart = newChart();
    new VersionedService(chart, 'checkout-v2', {
      ...CHECKOUT,
      version: 'v2',
      upstreamName: 'checkout-canary',
      upstreamNamespace: 'gloo',
      functions: { getCart: { method: 'GET', path: '/carts/{{ default(id, "") }}' } },
      swaggerUrl: 'http://checkout-v2.shop.svc.cluster.local:8080/openapi.json',
    });
    const upstream = onlyManifest(chart, 'Upstream');
    expect(upstream.metadata).toEqual({ name: 'checkout-canary', namespace: 'gloo' });
    expect(upstream.spec.kube.selector).toEqual({ app: 'checkout', version: 'v2' });
    expect(Object.keys(upstream.spec.kube.serviceSpec.rest.transformations)).toEqual(['getCart']);
    expect(upstream.spec.kube.serviceSpec.rest.swaggerInfo).toEqual({ url: 'http://checkout-v2.shop.svc.cluster.local:8080/openapi.json' });
  });

  test('environment variables are rendered sorted by name', () => {
    const chart = newChart();
    new VersionedService(chart, 'checkout-v1', { ...CHECKOUT, env: { MODE: 'canary', LOG_LEVEL: 'debug' } });
    expect(onlyManifest(chart, 'Deployment').spec.template.spec.containers[0].env).toEqual([
      { name: 'LOG_LEVEL', value: 'debug' }, { name: 'MODE', value: 'canary' },
    ]);
  });

  test('the workloads are ApiObjects, for the escape hatch', () => {
    const chart = newChart();
    const checkout = new VersionedService(chart, 'checkout-v1', CHECKOUT);
    checkout.deployment.metadata.addAnnotation('team', 'checkout');
    expect(onlyManifest(chart, 'Deployment').metadata.annotations).toEqual({ team: 'checkout' });
  });

  describe('fails', () => {
    const fails = (props: Partial<VersionedServiceProps>) => () => new VersionedService(newChart(), 'svc', { ...CHECKOUT, ...props });

    test('fails when name, version or image are not usable, each reported', () => {
      expect(fails({ name: 'Checkout', version: 'V 1', image: '' })).toThrow([
        '3 problems:',
        '  [test/svc] name: got "Checkout", expected a service name such as "checkout" (lowercase letters, digits and "-", starting with a letter)',
        '  [test/svc] version: got "V 1", expected a version such as "v1" (lowercase letters, digits, "-" and ".")',
        '  [test/svc] image: got "", expected a container image such as "example/checkout:1.0"',
      ].join('\n'));
    });

    test('fails when a port, the replicas or the namespace are out of range', () => {
      expect(fails({ port: 0, containerPort: 70000, replicas: 1.5, namespace: 'Shop' })).toThrow([
        '4 problems:',
        '  [test/svc] port: got 0, expected an integer port between 1 and 65535',
        '  [test/svc] containerPort: got 70000, expected an integer port between 1 and 65535',
        '  [test/svc] replicas: got 1.5, expected a whole number of replicas, 0 or more',
        '  [test/svc] namespace: got "Shop", expected a lowercase RFC 1123 label',
      ].join('\n'));
    });

    test('fails when an environment variable name is invalid', () => {
      expect(fails({ env: { '1ST': 'x' } })).toThrow('[test/svc] env: got "1ST", expected environment variable names of letters');
    });

    test('fails when an explicit Upstream name is invalid', () => {
      expect(fails({ upstreamName: 'Checkout_Canary' })).toThrow('[test/svc] upstreamName: got "Checkout_Canary", expected a lowercase RFC 1123 subdomain name');
    });

    test('fails when an explicit Upstream name is too long', () => {
      expect(fails({ upstreamName: 'u'.repeat(254) })).toThrow(`[test/svc] upstreamName: got "${'u'.repeat(254)}", expected a name of at most 253 characters`);
    });

    test('fails when the Deployment name is longer than 253 characters (and so the Service and container names)', () => {
      const name = `checkout-${'v'.repeat(245)}`;
      expect(fails({ workloadName: name })).toThrow([
        '3 problems:',
        `  [test/svc] deployment.metadata.name: got "${name}", expected a name of at most 253 characters`,
        `  [test/svc] service.metadata.name: got "${name}", expected a Service name of at most 63 characters (an RFC 1035 label), not 254`,
        `  [test/svc] deployment.spec.template.spec.containers[0].name: got "${name}", expected a container name of at most 63 characters (an RFC 1123 label), not 254`,
      ].join('\n'));
    });

    test('fails when name and version make a Service and container name longer than 63 characters', () => {
      const version = `v${'1'.repeat(54)}`; // checkout-v111... is 64 characters
      expect(fails({ version })).toThrow([
        '2 problems:',
        `  [test/svc] service.metadata.name: got "checkout-${version}", expected a Service name of at most 63 characters (an RFC 1035 label), not 64`,
        `  [test/svc] deployment.spec.template.spec.containers[0].name: got "checkout-${version}", expected a container name of at most 63 characters (an RFC 1123 label), not 64`,
      ].join('\n'));
    });

    test('fails when a dotted version makes the Service name an invalid RFC 1035 label', () => {
      expect(fails({ version: 'v1.2' })).toThrow([
        '2 problems:',
        '  [test/svc] service.metadata.name: got "checkout-v1.2", expected a Service name that is a lowercase RFC 1035 label',
      ].join('\n'));
      expect(fails({ version: 'v1.2' })).toThrow(
        '[test/svc] deployment.spec.template.spec.containers[0].name: got "checkout-v1.2", expected a container name that is a lowercase RFC 1123 label');
    });

    test('fails when the Service name starts with a digit, which a container name may', () => {
      expect(fails({ workloadName: '1-checkout' })).toThrow(
        /^\[test\/svc\] service\.metadata\.name: got "1-checkout", expected a Service name that is a lowercase RFC 1035 label \(a-z, 0-9 and "-", starting with a letter/);
    });

    test('fails when the version makes the version label longer than 63 characters', () => {
      const version = `v${'1'.repeat(63)}`;
      expect(fails({ version, workloadName: 'checkout-long' })).toThrow(
        `[test/svc] labels.version: got "${version}", expected a label value of at most 63 characters, not 64`);
    });

    test('fails when a given label value or key is invalid', () => {
      expect(fails({ labels: { 'app': '-checkout', 'Example.com/tier': 'web' } })).toThrow([
        '2 problems:',
        '  [test/svc] labels.app: got "-checkout", expected a label value of letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
        '  [test/svc] labels: got "Example.com/tier", expected a label key whose prefix (before "/") is a lowercase DNS subdomain of at most 253 characters',
      ].join('\n'));
    });

    test('fails when no labels are given to select the pods by', () => {
      expect(fails({ labels: {} })).toThrow('[test/svc] labels: got {}, expected at least one label, to select the pods by');
    });
  });
});
