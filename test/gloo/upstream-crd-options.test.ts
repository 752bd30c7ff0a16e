import { Chart, Testing } from 'cdk8s';
import { GatewayApiTarget, StaticUpstream, Upstream } from '../../src';
import { adoptManifests } from '../../src/adopt/adopt';
import { readManifestText } from '../../src/adopt/reader';
import { newChart, onlyManifest } from '../util';

describe('an Upstream\'s further spec fields (UpstreamOptions), typed as Gloo\'s CRD has them', () => {
  test('render into the spec beside the Upstream\'s type', () => {
    const chart = newChart();
    new Upstream(chart, 'up', {
      serviceName: 'shop',
      servicePort: 8443,
      options: {
        sslConfig: { secretRef: { name: 'shop-client-tls', namespace: 'gloo-system' }, sni: 'shop.internal' },
        useHttp2: true,
        initialStreamWindowSize: 65535,
        connectionConfig: { connectTimeout: '2s', maxRequestsPerConnection: 100 },
      },
    });
    expect(onlyManifest(chart, 'Upstream').spec).toEqual({
      kube: { serviceName: 'shop', serviceNamespace: 'default', servicePort: 8443 },
      sslConfig: { secretRef: { name: 'shop-client-tls', namespace: 'gloo-system' }, sni: 'shop.internal' },
      useHttp2: true,
      initialStreamWindowSize: 65535,
      connectionConfig: { connectTimeout: '2s', maxRequestsPerConnection: 100 },
    });
  });

  test('a static Upstream takes them too (cipher suites of its TLS)', () => {
    const chart = newChart();
    new StaticUpstream(chart, 'api', {
      hosts: [{ address: 'api.example.com', port: 443 }],
      useTls: true,
      options: { sslConfig: { secretRef: { name: 'api-tls', namespace: 'gloo-system' }, parameters: { cipherSuites: ['ECDHE-RSA-AES256-GCM-SHA384'] } } },
    });
    expect(onlyManifest(chart, 'Upstream').spec.sslConfig).toEqual({
      secretRef: { name: 'api-tls', namespace: 'gloo-system' }, parameters: { cipherSuites: ['ECDHE-RSA-AES256-GCM-SHA384'] },
    });
  });

  test.each([
    ['a field that is the Upstream\'s type', { kube: { serviceName: 'other' } }, '[test/up] kube: got {"serviceName":"other"}, expected a field of UpstreamOptions: circuitBreakers'],
    ['two sources of the TLS certificate', { sslConfig: { secretRef: { name: 'a' }, sslFiles: { tlsCert: '/c.pem' } } },
      '[test/up] sslConfig.sslFiles: got {"tlsCert":"/c.pem"}, expected only one of secretRef, sslFiles, sds'],
    ['a timeout without its unit', { connectionConfig: { connectTimeout: '2' } },
      '[test/up] connectionConfig.connectTimeout: got "2", expected a duration as protobuf writes it'],
    ['a duration at the top of the spec without its unit', { dnsRefreshRate: '1m' }, '[test/up] dnsRefreshRate: got "1m", expected a duration as protobuf writes it'],
    ['something that is not an object', 'tls', '[test/up] options: got "tls", expected an object of Upstream spec fields'],
  ])('%s is refused where it is given', (_what, options, message) => {
    expect(() => new Upstream(newChart(), 'up', { serviceName: 'shop', servicePort: 8080, options: options as any })).toThrow(message);
  });

  test('a field of another type than the CRD\'s is refused where it is given, for JavaScript callers', () => {
    expect(() => new Upstream(newChart(), 'up', { serviceName: 'shop', servicePort: 8080, options: { useHttp2: 'yes' as any } }))
      .toThrow('[test/up] useHttp2: got "yes", expected true or false, as Gloo\'s CRD has it');
    expect(() => new Upstream(newChart(), 'up', { serviceName: 'shop', servicePort: 8080, options: { healthChecks: [{ timeout: '1s', healthyTreshold: 2 }] as any } }))
      .toThrow('[test/up] healthChecks[0].healthyTreshold: got 2, expected one of the fields ');
  });

  test('the Gateway API target refuses them by name, but TLS (a BackendConfigPolicy\'s)', () => {
    const app = Testing.app();
    GatewayApiTarget.apply(app, { gatewayName: 'gw', gatewayNamespace: 'gw' });
    expect(() => new Upstream(new Chart(app, 'test'), 'up', { serviceName: 'shop', servicePort: 8080, options: { useHttp2: true } }))
      .toThrow('[test/up] options.useHttp2: got true, expected no Upstream options other than sslConfig under the gateway api target');
  });

  test('adopt writes them typed, and drops the empty discoveryMetadata Gloo\'s discovery writes', () => {
    const r = adoptManifests(readManifestText(`apiVersion: gloo.solo.io/v1
kind: Upstream
metadata: { name: default-shop-8443, namespace: gloo-system }
spec:
  discoveryMetadata: {}
  kube: { serviceName: shop, serviceNamespace: default, servicePort: 8443 }
  sslConfig: { secretRef: { name: shop-client-tls, namespace: default } }
  initialStreamWindowSize: 2048
`, 'in.yaml'));
    expect(r.ok).toBe(true);
    expect(r.report.escapeHatch).toEqual([]);
    expect(r.code).toContain("options: {\n        sslConfig: { secretRef: { name: 'shop-client-tls', namespace: 'default' } },\n        initialStreamWindowSize: 2048,\n      },");
    expect(r.code).not.toContain('discoveryMetadata');
  });
});
