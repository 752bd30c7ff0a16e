import { Chart, Testing } from 'cdk8s';
import { errorOf } from './render-fixture';
import { Destination, GatewayApiTarget, GatewayApiTargetProps, PathMatch, RouteAction, SslConfig, TlsProtocolVersion, Upstream, VirtualService } from '../../src';
import { gatewayRuleProblems } from '../../src/gateway-api/gateway-rules';

interface VsSpec { readonly name: string; readonly namespace?: string; readonly domains?: string[]; readonly sslConfig?: SslConfig }

/** An app under the target holding one VirtualService per spec, each forwarding everything to one Upstream, synthesized. */
function synth(specs: VsSpec[], props: Partial<GatewayApiTargetProps> = { gatewayNamespace: 'kgateway-system', renderGateway: {}, acceptTlsWithoutClientCertificates: true }): any[] {
  const a = Testing.app();
  GatewayApiTarget.apply(a, { gatewayName: 'http', ...props });
  const chart = new Chart(a, 'test');
  const up = new Upstream(chart, 'up', { serviceName: 'pets', serviceNamespace: 'shop', servicePort: 8080 });
  for (const s of specs) {
    const vs = new VirtualService(chart, s.name, { metadata: { name: s.name, namespace: s.namespace ?? 'shop' }, domains: s.domains, sslConfig: s.sslConfig });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.forward(Destination.upstream(up)) });
  }
  a.synth();
  return a.charts[0].toJson();
}

const of = (manifests: any[], kind: string) => manifests.filter(m => m.kind === kind);
const secret = (name: string, namespace?: string): SslConfig => ({ secretRef: { name, namespace } });

describe('renderGateway: the target writes the Gateway, with a listener per TLS host', () => {
  test('a plain and a TLS VirtualService: an http listener, an HTTPS listener with the Secret, each HTTPRoute on its own listeners', () => {
    const out = synth([
      { name: 'plain', domains: ['pets.example.com'] },
      { name: 'secure', domains: ['pets.example.com', '*.shop.example.com'], sslConfig: secret('pets-tls', 'gloo-system') },
    ]);
    const [gateway] = of(out, 'Gateway');
    expect(gateway.metadata).toEqual({ name: 'http', namespace: 'kgateway-system' });
    const allowShop = { namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['shop'] }] } } };
    const tls = { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'pets-tls', namespace: 'gloo-system' }] };
    expect(gateway.spec).toEqual({
      gatewayClassName: 'kgateway',
      listeners: [
        { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: allowShop },
        { name: 'https-pets.example.com', hostname: 'pets.example.com', port: 443, protocol: 'HTTPS', tls, allowedRoutes: allowShop },
        { name: 'https-wildcard.shop.example.com', hostname: '*.shop.example.com', port: 443, protocol: 'HTTPS', tls, allowedRoutes: allowShop },
      ],
    });
    const sections = (name: string) => of(out, 'HTTPRoute').find(r => r.metadata.name === name).spec.parentRefs.map((p: any) => `${p.namespace}/${p.name}/${p.sectionName}`);
    expect(sections('plain')).toEqual(['kgateway-system/http/http']);
    expect(sections('secure')).toEqual(['kgateway-system/http/https-pets.example.com', 'kgateway-system/http/https-wildcard.shop.example.com']);
    expect(of(out, 'ReferenceGrant').find(g => g.metadata.namespace === 'gloo-system')).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: 'gateways-from-kgateway-system', namespace: 'gloo-system' },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'kgateway-system' }], to: [{ group: '', kind: 'Secret' }] },
    });
  });

  test('"*" is a listener without a host name; routes in the Gateway\'s namespace are allowed as Same; the class and ports are the props\'', () => {
    const out = synth([
      { name: 'a', namespace: 'kgateway-system', domains: ['a.example.com'], sslConfig: { secretRef: { name: 'a-tls' }, sniDomains: ['A.example.com'] } },
      { name: 'b', namespace: 'kgateway-system', domains: ['*'], sslConfig: secret('b-tls') },
    ], { gatewayNamespace: 'kgateway-system', renderGateway: { gatewayClassName: 'gloo-gateway-v2', httpsPort: 8443 }, acceptTlsWithoutClientCertificates: true });
    const [gateway] = of(out, 'Gateway');
    expect(gateway.spec.gatewayClassName).toBe('gloo-gateway-v2');
    expect(gateway.spec.listeners.map((l: any) => [l.name, l.hostname, l.port, l.tls.certificateRefs[0].name, l.allowedRoutes.namespaces.from]))
      .toEqual([['https', undefined, 8443, 'b-tls', 'Same'], ['https-a.example.com', 'a.example.com', 8443, 'a-tls', 'Same']]);
    expect(of(out, 'ReferenceGrant').filter(g => g.spec.to[0].kind === 'Secret')).toEqual([]);
  });

  test('without renderGateway a TLS VirtualService fails, naming the listener the Gateway needs', () => {
    expect(errorOf(() => synth([{ name: 'secure', domains: ['pets.example.com'], sslConfig: secret('pets-tls', 'gloo-system') }], { gatewayNamespace: 'gw', acceptTlsWithoutClientCertificates: true })))
      .toContain('[test/secure] sslConfig: got {"secretRef":{"name":"pets-tls","namespace":"gloo-system"}}, expected HTTPS listeners https-pets.example.com on the Gateway gw/http, '
        + 'terminating TLS with the Secret gloo-system/pets-tls (hint: set renderGateway');
  });

  test('client certificates Gloo may have asked for, SNI names other than the domains and an unqualified Secret the VirtualService moves away from are refused', () => {
    const target = { gatewayNamespace: 'kgateway-system', renderGateway: {} };
    expect(errorOf(() => synth([{ name: 's', domains: ['a.example.com'], sslConfig: secret('t') }], target)))
      .toContain('[test/s] sslConfig.oneWayTls: got nothing, expected true, or acceptTlsWithoutClientCertificates on the target');
    expect(() => synth([{ name: 's', domains: ['a.example.com'], sslConfig: { ...secret('t'), oneWayTls: true } }], target)).not.toThrow();
    expect(errorOf(() => synth([{ name: 's', domains: ['a.example.com'], sslConfig: { ...secret('t'), sniDomains: ['b.example.com'] } }])))
      .toContain('[test/s] sslConfig.sniDomains: got ["b.example.com"], expected the VirtualService\'s domains (a.example.com)');
    expect(errorOf(() => synth([{ name: 's', sslConfig: secret('t') }], { ...target, acceptTlsWithoutClientCertificates: true, httpRouteNamespace: 'apps' })))
      .toContain('[test/s] sslConfig.secretRef.namespace: got nothing, expected the Secret\'s namespace');
  });

  test('two TLS hosts whose listeners would share a name are refused', () => {
    expect(errorOf(() => synth([
      { name: 'a', domains: ['*.example.com'], sslConfig: secret('t') },
      { name: 'b', domains: ['wildcard.example.com'], sslConfig: secret('t') },
    ]))).toContain('domains: got ["*.example.com","wildcard.example.com"], expected TLS hosts whose listeners have names of their own (both would be https-wildcard.example.com)');
  });

  test('TLS settings a listener has no field for are refused by name', () => {
    expect(errorOf(() => synth([{ name: 's', sslConfig: { ...secret('t'), minimumProtocolVersion: TlsProtocolVersion.TLSV1_2 } }])))
      .toContain('[test/s] sslConfig.minimumProtocolVersion: got "TLSv1_2", expected a Kubernetes Secret (secretRef) and, optionally, sniDomains');
    expect(errorOf(() => synth([{ name: 's', sslConfig: { sslFiles: { tlsCert: '/c', tlsKey: '/k' } } }])))
      .toContain('[test/s] sslConfig.sslFiles: got {"tlsCert":"/c","tlsKey":"/k"}, expected a Kubernetes Secret (secretRef)');
    expect(() => synth([{ name: 's', sslConfig: { ...secret('t'), oneWayTls: true } }])).not.toThrow();
  });

  test('two VirtualServices with one TLS host and two Secrets are refused: a listener has one certificate', () => {
    expect(errorOf(() => synth([
      { name: 'a', domains: ['pets.example.com'], sslConfig: secret('a-tls') },
      { name: 'b', domains: ['pets.example.com'], sslConfig: secret('b-tls') },
    ]))).toContain('[test/a] sslConfig.secretRef: got ["shop/a-tls","shop/b-tls"], expected one Secret for the TLS host pets.example.com');
  });

  test('renderGateway needs the Gateway\'s namespace, a class name and distinct ports', () => {
    expect(() => GatewayApiTarget.apply(Testing.app(), { gatewayName: 'http', renderGateway: {} })).toThrow('gatewayNamespace: got nothing, expected the namespace of the Gateway the target writes');
    expect(() => GatewayApiTarget.apply(Testing.app(), { gatewayName: 'http', gatewayNamespace: 'gw', renderGateway: { httpPort: 443 } }))
      .toThrow('renderGateway.httpPort: got 443, expected a port other than the HTTPS listeners\'');
    expect(() => GatewayApiTarget.apply(Testing.app(), { gatewayName: 'http', gatewayNamespace: 'gw', renderGateway: { httpsPort: 0, gatewayClassName: '' } }))
      .toThrow(/renderGateway.gatewayClassName: got "", expected the name of a GatewayClass[\s\S]*renderGateway.httpsPort: got 0, expected a port from 1 to 65535/);
  });
});

describe('the Gateway CRD rules the target checks its Gateway against', () => {
  const gateway = (listeners: any[]) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'g' }, spec: { gatewayClassName: 'k', listeners } });
  const fields = (listeners: any[]) => gatewayRuleProblems(gateway(listeners)).map(p => `${p.field}: ${p.expected}`);
  const http = { name: 'http', port: 80, protocol: 'HTTP' };
  const https = { name: 'https', port: 443, protocol: 'HTTPS', tls: { mode: 'Terminate', certificateRefs: [{ name: 'c' }] } };

  test('each rule reports its field', () => {
    expect(fields([http, https])).toEqual([]);
    expect(fields([])).toEqual(['spec.listeners: from 1 to 64 listeners']);
    expect(fields([http, { ...http, port: 81 }])).toEqual(['spec.listeners[1].name: a name no other listener of the Gateway has']);
    expect(fields([http, { ...http, name: 'other' }])).toEqual(['spec.listeners[1]: a combination of port, protocol and hostname no other listener has']);
    expect(fields([{ ...http, name: 'Http' }])).toEqual([expect.stringContaining('spec.listeners[0].name: a section name')]);
    expect(fields([{ ...https, hostname: 'a:443' }])).toEqual([expect.stringContaining('spec.listeners[0].hostname: a host name')]);
    expect(fields([{ ...http, tls: https.tls }])).toEqual(['spec.listeners[0].tls: no tls for protocol HTTP']);
    expect(fields([{ ...https, tls: undefined }])).toEqual(['spec.listeners[0].tls: tls for protocol HTTPS']);
    expect(fields([{ ...https, tls: { mode: 'Passthrough', certificateRefs: [{ name: 'c' }] } }])).toEqual(['spec.listeners[0].tls.mode: Terminate for protocol HTTPS']);
    expect(fields([{ ...https, tls: { mode: 'Terminate', certificateRefs: [] } }])).toEqual(['spec.listeners[0].tls.certificateRefs: at least one certificate when the mode is Terminate']);
  });
});
