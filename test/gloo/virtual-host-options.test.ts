import { Chart, Duration, Testing } from 'cdk8s';
import { ExtAuth, GatewayApiTarget, OriginMatch, PathMatch, RateLimitAction, RateLimitUnit, RouteAction, TlsProtocolVersion, VirtualService } from '../../src';
import { newChart, onlyManifest } from '../util';

describe('VirtualHost options and TLS', () => {
  test('render as Gloo\'s virtualHost.options and sslConfig, references in the VirtualService\'s namespace by default', () => {
    const chart = newChart();
    new VirtualService(chart, 'vs', {
      metadata: { name: 'shop', namespace: 'web' },
      domains: ['shop.example.com'],
      options: {
        headerManipulation: { responseHeadersToAdd: [{ name: 'strict-transport-security', value: 'max-age=31536000' }] },
        retries: { retryOn: 'connect-failure', numRetries: 2, perTryTimeout: Duration.seconds(1) },
        cors: { allowOrigin: ['https://shop.example.com'], allowOriginRegex: ['https://[a-z]+\\.example\\.com'], allowMethods: ['GET', 'POST'], maxAgeSeconds: 600 },
        extauth: ExtAuth.config({ name: 'oauth' }),
        rateLimitConfigs: [{ name: 'per-user', namespace: 'limits' }],
      },
      sslConfig: {
        secretRef: { name: 'shop-tls' },
        sniDomains: ['shop.example.com'],
        minimumProtocolVersion: TlsProtocolVersion.TLSV1_2,
        alpnProtocols: ['h2', 'http/1.1'],
      },
    });
    const spec = onlyManifest(chart, 'VirtualService').spec;
    expect(spec.virtualHost.options).toEqual({
      headerManipulation: { responseHeadersToAdd: [{ header: { key: 'strict-transport-security', value: 'max-age=31536000' } }] },
      retries: { retryOn: 'connect-failure', numRetries: 2, perTryTimeout: '1s' },
      cors: { allowOrigin: ['https://shop.example.com'], allowOriginRegex: ['https://[a-z]+\\.example\\.com'], allowMethods: ['GET', 'POST'], maxAge: '600' },
      extauth: { configRef: { name: 'oauth', namespace: 'web' } },
      rateLimitConfigs: { refs: [{ name: 'per-user', namespace: 'limits' }] },
    });
    expect(spec.sslConfig).toEqual({
      secretRef: { name: 'shop-tls', namespace: 'web' },
      sniDomains: ['shop.example.com'],
      parameters: { minimumProtocolVersion: 'TLSv1_2' },
      alpnProtocols: ['h2', 'http/1.1'],
    });
  });

  test('optionsConfigRefs name VirtualHostOption objects, in the VirtualService\'s namespace by default', () => {
    const chart = newChart();
    new VirtualService(chart, 'vs', { metadata: { namespace: 'web' }, optionsConfigRefs: [{ name: 'shared-headers' }, { name: 'auth', namespace: 'gloo-system' }] });
    expect(onlyManifest(chart, 'VirtualService').spec.virtualHost.optionsConfigRefs)
      .toEqual({ delegateOptions: [{ name: 'shared-headers', namespace: 'web' }, { name: 'auth', namespace: 'gloo-system' }] });
    expect(() => new VirtualService(newChart(), 'vs', { optionsConfigRefs: [{ name: 'Shared_Headers' }] }))
      .toThrow('[test/vs] virtualHost.optionsConfigRefs.delegateOptions[0].name: got "Shared_Headers", expected');
  });

  test('ExtAuth.custom() checks requests with a custom authorization service of Gloo\'s settings', () => {
    const chart = newChart();
    const vs = new VirtualService(chart, 'vs', { options: { extauth: ExtAuth.custom() } });
    vs.addRoute({
      matchers: [{ path: PathMatch.prefix('/') }],
      action: RouteAction.directResponse({ status: 200 }),
      options: { extauth: ExtAuth.custom({ name: 'opa', contextExtensions: { team: 'shop' } }) },
    });
    const spec = onlyManifest(chart, 'VirtualService').spec;
    expect(spec.virtualHost.options).toEqual({ extauth: { customAuth: {} } });
    expect(spec.virtualHost.routes[0].options).toEqual({ extauth: { customAuth: { name: 'opa', contextExtensions: { team: 'shop' } } } });
    expect(() => new VirtualService(newChart(), 'bad', { options: { extauth: ExtAuth.custom({ name: '' }) } }))
      .toThrow('[test/bad] virtualHost.options.extauth.customAuth.name: got "", expected the name of an authorization service in Gloo\'s settings (namedExtauth)');
    expect(() => new VirtualService(newChart(), 'bad', { options: { extauth: ExtAuth.custom({ contextExtensions: { team: 1 as any } }) } }))
      .toThrow('[test/bad] virtualHost.options.extauth.customAuth.contextExtensions: got {"team":1}, expected a map of strings');
  });

  test('ExtAuth.disabled() turns it off', () => {
    const chart = newChart();
    new VirtualService(chart, 'vs', { options: { extauth: ExtAuth.disabled() } });
    expect(onlyManifest(chart, 'VirtualService').spec.virtualHost.options).toEqual({ extauth: { disable: true } });
  });

  test('with TLS the VirtualService is on the HTTPS gateway, so the same domain over HTTP does not conflict', () => {
    const chart = newChart();
    const https = new VirtualService(chart, 'https', { domains: ['shop.example.com'], sslConfig: { secretRef: { name: 'shop-tls' } } });
    const http = new VirtualService(chart, 'http', { domains: ['shop.example.com'] });
    expect([https.gatewayName, http.gatewayName]).toEqual(['gateway-proxy-ssl', 'gateway-proxy']);
    expect(() => chart.toJson()).not.toThrow();
    new VirtualService(chart, 'https-2', { domains: ['shop.example.com'], sslConfig: { secretRef: { name: 'other-tls' } } });
    expect(() => chart.toJson()).toThrow(/domain/);
  });

  test('a route can set its own CORS policy, or turn the VirtualHost\'s off', () => {
    const chart = newChart();
    const vs = new VirtualService(chart, 'vs', { options: { cors: { allowOrigin: ['*'] } } });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/internal') }], action: RouteAction.directResponse({ status: 404 }), options: { cors: { disableForRoute: true } } });
    expect(onlyManifest(chart, 'VirtualService').spec.virtualHost.routes[0].options).toEqual({ cors: { disableForRoute: true } });
  });
});

describe('VirtualHost options and TLS: bad input', () => {
  const cases: Array<[string, any, string]> = [
    ['CORS without an origin', { options: { cors: { allowMethods: ['GET'] } } }, 'virtualHost.options.cors: got {"allowMethods":["GET"]}, expected at least one origin in allowOrigin or allowOriginRegex'],
    ['an origin with a path', { options: { cors: { allowOrigin: ['https://a.example.com/app'] } } }, 'virtualHost.options.cors.allowOrigin[0]: got "https://a.example.com/app", expected an origin such as'],
    ['an origin regex that is not RE2', { options: { cors: { allowOriginRegex: ['(?=a)'] } } }, 'virtualHost.options.cors.allowOriginRegex[0]: got "(?=a)", expected a valid RE2 regular expression'],
    ['a lower-case CORS method', { options: { cors: { allowOrigin: ['*'], allowMethods: ['get'] } } }, 'virtualHost.options.cors.allowMethods[0]: got "get", expected an upper-case HTTP method'],
    ['a fractional max age', { options: { cors: { allowOrigin: ['*'], maxAgeSeconds: 1.5 } } }, 'virtualHost.options.cors.maxAge: got 1.5, expected a whole number of seconds'],
    ['disableForRoute on the VirtualHost', { options: { cors: { allowOrigin: ['*'], disableForRoute: true } } }, 'virtualHost.options.cors.disableForRoute: got true, expected disableForRoute on a route\'s cors only'],
    ['an ExtAuth made by hand', { options: { extauth: { configRef: { name: 'a' } } } }, 'virtualHost.options.extauth: got {"configRef":{"name":"a"}}, expected an ExtAuth'],
    ['an AuthConfig name that is not one', { options: { extauth: ExtAuth.config({ name: 'OAuth_Config' }) } }, 'virtualHost.options.extauth.configRef.name: got "OAuth_Config", expected'],
    ['a rate-limit ref without a name', { options: { rateLimitConfigs: [{ namespace: 'x' }] } }, 'virtualHost.options.rateLimitConfigs.refs[0].name: got nothing, expected'],
    ['a header to remove that is the host', { options: { headerManipulation: { requestHeadersToRemove: ['host'] } } }, 'virtualHost.options.headerManipulation.requestHeadersToRemove[0]: got "host", expected a header other than host'],
    ['a VirtualHost option that does not exist', { options: { timeout: Duration.seconds(1) } }, 'virtualHost.options.timeout: got'],
    ['TLS without a Secret', { sslConfig: { sniDomains: ['a.example.com'] } }, 'sslConfig.secretRef: got nothing, expected the Kubernetes TLS Secret'],
    ['an SNI domain that is not one', { sslConfig: { secretRef: { name: 'tls' }, sniDomains: ['https://a.example.com'] } }, 'sslConfig.sniDomains[0]: got "https://a.example.com", expected'],
    ['a TLS version that does not exist', { sslConfig: { secretRef: { name: 'tls' }, minimumProtocolVersion: 'TLSv1.2' } }, 'sslConfig.parameters.minimumProtocolVersion: got "TLSv1.2", expected a TlsProtocolVersion: TLS_AUTO, TLSv1_0'],
    ['a minimum newer than the maximum', { sslConfig: { secretRef: { name: 'tls' }, minimumProtocolVersion: TlsProtocolVersion.TLSV1_3, maximumProtocolVersion: TlsProtocolVersion.TLSV1_2 } },
      'sslConfig.parameters.minimumProtocolVersion: got "TLSv1_3", expected a version no newer than maximumProtocolVersion (TLSv1_2)'],
    ['an ALPN protocol with a space', { sslConfig: { secretRef: { name: 'tls' }, alpnProtocols: ['http 1.1'] } }, 'sslConfig.alpnProtocols[0]: got "http 1.1", expected an ALPN protocol name'],
  ];
  test.each(cases)('%s', (_what, props, message) => {
    expect(() => new VirtualService(newChart(), 'vs', props)).toThrow(`[test/vs] ${message}`);
  });

  test('a redirect with CORS is refused, as Gloo does', () => {
    const vs = new VirtualService(newChart(), 'vs');
    expect(() => vs.addRoute({ action: RouteAction.redirect({ https: true }), options: { cors: { allowOrigin: ['*'] } } }))
      .toThrow('[test/vs] routes[0].options.cors: got {"allowOrigin":["*"]}, expected no cors on a redirect');
  });

  test('the Gateway API target refuses TLS by name unless it writes the Gateway, naming the listener it needs', () => {
    const app = Testing.app();
    GatewayApiTarget.apply(app, { gatewayName: 'gw', gatewayNamespace: 'gw' });
    const chart = new Chart(app, 'test');
    expect(() => new VirtualService(chart, 'vs', { sslConfig: { secretRef: { name: 'tls' } } }))
      .toThrow('[test/vs] sslConfig: got {"secretRef":{"name":"tls"}}, expected HTTPS listeners https on the Gateway gw/gw, terminating TLS with the Secret (the VirtualService\'s namespace)/tls');
  });
});

describe('rate limits and external authentication on routes', () => {
  test('a route can turn authentication off or name its own AuthConfig, rate-limit configs and basic limits', () => {
    const chart = newChart();
    const vs = new VirtualService(chart, 'vs', {
      options: { extauth: ExtAuth.config({ name: 'oauth' }), ratelimitBasic: { anonymousLimits: { requestsPerUnit: 100, unit: RateLimitUnit.MINUTE } } },
    });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/public') }], action: RouteAction.directResponse({ status: 200 }), options: { extauth: ExtAuth.disabled() } });
    vs.addRoute({
      action: RouteAction.directResponse({ status: 200 }),
      options: {
        extauth: ExtAuth.config({ name: 'admin', namespace: 'gloo-system' }),
        rateLimitConfigs: [{ name: 'per-user', namespace: 'gloo-system' }],
        ratelimitBasic: { authorizedLimits: { requestsPerUnit: 5, unit: RateLimitUnit.SECOND } },
      },
    });
    const spec = onlyManifest(chart, 'VirtualService').spec;
    expect(spec.virtualHost.options.ratelimitBasic).toEqual({ anonymousLimits: { requestsPerUnit: 100, unit: 'MINUTE' } });
    expect(spec.virtualHost.routes.map((r: any) => r.options)).toEqual([
      { extauth: { disable: true } },
      {
        extauth: { configRef: { name: 'admin', namespace: 'gloo-system' } },
        rateLimitConfigs: { refs: [{ name: 'per-user', namespace: 'gloo-system' }] },
        ratelimitBasic: { authorizedLimits: { requestsPerUnit: 5, unit: 'SECOND' } },
      },
    ]);
  });

  test('CSRF protection on the VirtualHost and a route', () => {
    const chart = newChart();
    const vs = new VirtualService(chart, 'vs', {
      options: { csrf: { enforcedPercent: 100, additionalOrigins: [OriginMatch.suffix('example.com'), OriginMatch.regex('https://[a-z]+\\.example\\.org')] } },
    });
    vs.addRoute({ action: RouteAction.directResponse({ status: 200 }), options: { csrf: { shadowPercent: 10 } } });
    const spec = onlyManifest(chart, 'VirtualService').spec;
    expect(spec.virtualHost.options.csrf).toEqual({
      filterEnabled: { defaultValue: { numerator: 100, denominator: 'HUNDRED' } },
      additionalOrigins: [{ suffix: 'example.com' }, { safeRegex: { regex: 'https://[a-z]+\\.example\\.org' } }],
    });
    expect(spec.virtualHost.routes[0].options.csrf).toEqual({ shadowEnabled: { defaultValue: { numerator: 10, denominator: 'HUNDRED' } } });
    expect(() => new VirtualService(newChart(), 'vs', { options: { csrf: { enforcedPercent: 150 } } }))
      .toThrow('[test/vs] virtualHost.options.csrf.filterEnabled.defaultValue.numerator: got 150, expected a whole percentage from 0 to 100');
    expect(() => new VirtualService(newChart(), 'vs', { options: { csrf: { enforcedPercent: 1, additionalOrigins: [OriginMatch.regex('(?=a)')] } } }))
      .toThrow('virtualHost.options.csrf.additionalOrigins[0].safeRegex.regex: got "(?=a)", expected a valid RE2 regular expression');
    expect(() => new VirtualService(newChart(), 'vs', { options: { csrf: {} } })).toThrow('virtualHost.options.csrf: got {}, expected enforcedPercent, shadowPercent or both');
    expect(() => new VirtualService(newChart(), 'vs', { options: { csrf: { shadowPercent: 1, additionalOrigins: [{ suffix: 'a' }] } } as any }))
      .toThrow('virtualHost.options.csrf.additionalOrigins[0]: got {"suffix":"a"}, expected an OriginMatch');
  });

  test('rate-limit descriptors on the VirtualHost and a route', () => {
    const chart = newChart();
    const vs = new VirtualService(chart, 'vs', { options: { rateLimits: [{ actions: [RateLimitAction.remoteAddress()] }] } });
    vs.addRoute({
      action: RouteAction.directResponse({ status: 200 }),
      options: { rateLimits: [{ setActions: [RateLimitAction.requestHeader('x-type', 'type'), RateLimitAction.genericKey('orders')] }], includeVirtualHostRateLimits: true },
    });
    const spec = onlyManifest(chart, 'VirtualService').spec;
    expect(spec.virtualHost.options.ratelimit).toEqual({ rateLimits: [{ actions: [{ remoteAddress: {} }] }] });
    expect(spec.virtualHost.routes[0].options.ratelimit).toEqual({
      rateLimits: [{ setActions: [{ requestHeaders: { headerName: 'x-type', descriptorKey: 'type' } }, { genericKey: { descriptorValue: 'orders' } }] }],
      includeVhRateLimits: true,
    });
  });

  test.each([
    [{ rateLimits: [{}] }, 'options.ratelimit.rateLimits[0]: got {}, expected a descriptor with actions or setActions'],
    [{ rateLimits: [{ actions: [{ remoteAddress: {} }] }] }, 'options.ratelimit.rateLimits[0].actions[0]: got {"remoteAddress":{}}, expected a RateLimitAction'],
    [{ rateLimits: [{ actions: [RateLimitAction.requestHeader('x type', 'k')] }] }, 'options.ratelimit.rateLimits[0].actions[0].requestHeaders.headerName: got "x type", expected a header name'],
    [{ rateLimits: [{ actions: [RateLimitAction.genericKey('')] }] }, 'options.ratelimit.rateLimits[0].actions[0].genericKey.descriptorValue: got "", expected a non-empty descriptor value'],
    [{ extauth: ExtAuth.config({ name: 'oauth' }) }, 'options.extauth.configRef.namespace: got nothing, expected the namespace of the object'],
    [{ rateLimitConfigs: [{ name: 'a' }] }, 'options.rateLimitConfigs.refs[0].namespace: got nothing, expected the namespace of the object'],
    [{ ratelimitBasic: {} }, 'options.ratelimitBasic: got {}, expected anonymousLimits, authorizedLimits or both'],
    [{ ratelimitBasic: { anonymousLimits: { requestsPerUnit: -1, unit: RateLimitUnit.HOUR } } }, 'options.ratelimitBasic.anonymousLimits.requestsPerUnit: got -1, expected a whole number'],
    [{ ratelimitBasic: { anonymousLimits: { requestsPerUnit: 1, unit: 'minute' } } }, 'options.ratelimitBasic.anonymousLimits.unit: got "minute", expected a RateLimitUnit: SECOND, MINUTE'],
  ])('a route\'s bad enterprise option is refused: %#', (options, message) => {
    const vs = new VirtualService(newChart(), 'vs');
    expect(() => vs.addRoute({ action: RouteAction.directResponse({ status: 200 }), options: options as any })).toThrow(`[test/vs] routes[0].${message}`);
  });
});

describe('TLS from files or SDS, and the other sslConfig fields of the CRD', () => {
  test('certificate files, cipher suites and subject alternative names render into sslConfig', () => {
    const chart = newChart();
    new VirtualService(chart, 'vs', {
      metadata: { namespace: 'web' },
      sslConfig: {
        sslFiles: { tlsCert: '/etc/tls/tls.crt', tlsKey: '/etc/tls/tls.key' },
        cipherSuites: ['ECDHE-RSA-AES256-GCM-SHA384'],
        verifySubjectAltName: ['client.example.com'],
        transportSocketConnectTimeout: '5s',
      },
    });
    expect(onlyManifest(chart, 'VirtualService').spec.sslConfig).toEqual({
      parameters: { cipherSuites: ['ECDHE-RSA-AES256-GCM-SHA384'] },
      sslFiles: { tlsCert: '/etc/tls/tls.crt', tlsKey: '/etc/tls/tls.key' },
      transportSocketConnectTimeout: '5s',
      verifySubjectAltName: ['client.example.com'],
    });
  });

  test.each([
    ['no certificate source', {}, '[test/vs] sslConfig.secretRef: got nothing, expected the Kubernetes TLS Secret, { name, namespace } (or sslFiles, or sds)'],
    ['two certificate sources', { secretRef: { name: 'a' }, sslFiles: { tlsCert: '/c' } }, '[test/vs] sslConfig.sslFiles: got {"tlsCert":"/c"}, expected only one of secretRef, sslFiles, sds'],
    ['a timeout without its unit', { secretRef: { name: 'a' }, transportSocketConnectTimeout: '5' },
      '[test/vs] sslConfig.transportSocketConnectTimeout: got "5", expected a duration as protobuf writes it'],
    ['an empty cipher suite', { secretRef: { name: 'a' }, cipherSuites: [''] }, '[test/vs] sslConfig.parameters.cipherSuites: got [""], expected a list of names, none of them empty'],
    ['a field of another type', { secretRef: { name: 'a' }, verifySubjectAltName: 'client' }, '[test/vs] sslConfig.verifySubjectAltName: got "client", expected a list, as Gloo\'s CRD has it'],
  ])('%s is refused where it is given', (_what, sslConfig, message) => {
    expect(() => new VirtualService(newChart(), 'vs', { sslConfig: sslConfig as any })).toThrow(message);
  });
});
