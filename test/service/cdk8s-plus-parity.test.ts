import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { VersionedService, VersionedServiceProps } from '../../src';

// The README and VersionedService's docs say what its workloads are: what cdk8s-plus-28 renders for
// one replica whose pod and container may run as root, with container ports and no startup probe,
// its other defaults included, in the namespace given, else the chart's, else `default`. Each test
// builds that with cdk8s-plus-28, at the same construct path, and compares the objects whole.

/** The Deployment and Service cdk8s-plus-28 writes for the input VersionedService documents. */
function withCdk8sPlus(chart: Chart, props: VersionedServiceProps) {
  const name = props.workloadName ?? `${props.name}-${props.version}`;
  const labels = props.labels ?? { app: props.name, version: props.version };
  const namespace = props.namespace ?? chart.namespace ?? 'default';
  const scope = new Construct(chart, 'svc');
  const deployment = new kplus.Deployment(scope, 'Deployment', {
    metadata: { name, namespace, labels },
    replicas: props.replicas ?? 1,
    select: false,
    podMetadata: { labels },
    securityContext: { ensureNonRoot: false },
    containers: [{ name, image: props.image, ports: [{ number: props.containerPort ?? props.port }], securityContext: { ensureNonRoot: false } }],
  });
  deployment.select(kplus.LabelSelector.of({ labels }));
  new kplus.Service(scope, 'Service', {
    metadata: { name, namespace, labels },
    type: kplus.ServiceType.CLUSTER_IP,
    selector: kplus.Pods.select(scope, 'Pods', { labels }),
    ports: [{ name: 'http', port: props.port, targetPort: props.containerPort ?? props.port, protocol: kplus.Protocol.TCP }],
  });
  return workloads(chart);
}

function withLibrary(chart: Chart, props: VersionedServiceProps) {
  new VersionedService(chart, 'svc', props);
  return workloads(chart);
}

function workloads(chart: Chart) {
  return Testing.synth(chart).filter((m: any) => m.kind === 'Deployment' || m.kind === 'Service');
}

const CASES: { [name: string]: { chartNamespace?: string; props: VersionedServiceProps } } = {
  'the defaults': { props: { name: 'checkout', version: 'v1', image: 'example/checkout:1.0', port: 8080 } },
  'a namespace of its own': { props: { name: 'checkout', version: 'v1', image: 'example/checkout:1.0', port: 8080, namespace: 'shop' } },
  'the chart\'s namespace': { chartNamespace: 'shop', props: { name: 'checkout', version: 'v1', image: 'example/checkout:1.0', port: 8080 } },
  'a namespace over the chart\'s': { chartNamespace: 'shop', props: { name: 'checkout', version: 'v2', image: 'x:2', port: 80, namespace: 'pay' } },
  'replicas, a container port and labels': {
    props: { name: 'checkout', version: 'v2', image: 'x:2', port: 80, containerPort: 8080, replicas: 3, labels: { app: 'co', track: 'v2' } },
  },
};

describe('VersionedService writes what cdk8s-plus-28 writes for the input its docs give', () => {
  test.each(Object.keys(CASES))('%s', (name) => {
    const { chartNamespace, props } = CASES[name];
    const chart = () => new Chart(new App(), 'shop', chartNamespace ? { namespace: chartNamespace } : {});
    expect(withLibrary(chart(), props)).toEqual(withCdk8sPlus(chart(), props));
  });

  test('the chart\'s namespace also names the Upstream, as Gloo\'s discovery would', () => {
    const chart = new Chart(new App(), 'shop', { namespace: 'shop' });
    const service = new VersionedService(chart, 'svc', { name: 'checkout', version: 'v1', image: 'x:1', port: 8080 });
    expect(service.upstream.name).toBe('shop-checkout-v1-8080');
  });

  test('cdk8s-plus-28 gives 2 replicas where VersionedService gives 1, as its docs say', () => {
    const chart = new Chart(new App(), 'shop');
    new kplus.Deployment(chart, 'd', { containers: [{ image: 'x:1' }] });
    expect(Testing.synth(chart)[0].spec.replicas).toBe(2);
    const ours = new Chart(new App(), 'shop');
    new VersionedService(ours, 'svc', { name: 'checkout', version: 'v1', image: 'x:1', port: 8080 });
    expect(Testing.synth(ours).find((m: any) => m.kind === 'Deployment').spec.replicas).toBe(1);
  });
});
