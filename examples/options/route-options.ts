/**
 * The examples of the option pages of docs/ (route options, direct responses and redirects,
 * VirtualHost options, TLS, static Upstreams, options typed from Gloo's CRD): each page shows the code between its `// [tutorial:...]` markers and
 * what it synthesizes (see pages.ts).
 */
import { Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import {
  Destination, ExtAuth, HostRewrite, PathMatch, RedirectResponseCode, RouteAction, StaticUpstream, TlsProtocolVersion, Upstream, VirtualService,
} from '../../src';

/** A shop whose catalog route carries every typed route option. */
export class RouteOptionsExample extends Chart {
  public readonly shop: VirtualService;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop' });
    const catalog = new Upstream(this, 'catalog', { serviceName: 'catalog', serviceNamespace: 'shop', servicePort: 8080 });
    // [tutorial:route-options]
    const shop = new VirtualService(this, 'shop', { domains: ['shop.example.com'] });
    shop.addRoute({
      matchers: [{ path: PathMatch.prefix('/catalog/') }],
      action: RouteAction.forward(Destination.upstream(catalog)),
      options: {
        regexRewrite: { pattern: '^/catalog/(v[0-9]+)/', substitution: '/api/\\1/' },
        hostRewrite: HostRewrite.literal('catalog.internal'),
        timeout: Duration.seconds(5),
        retries: { retryOn: '5xx,connect-failure', numRetries: 2, perTryTimeout: Duration.millis(1500) },
        headerManipulation: {
          requestHeadersToAdd: [{ name: 'x-shop-route', value: 'catalog', append: false }],
          requestHeadersToRemove: ['x-debug'],
          responseHeadersToRemove: ['server'],
        },
      },
    });
    // [/tutorial]
    this.shop = shop;
  }
}

/** A shop that answers its health check itself and redirects old and plain-HTTP paths. */
export class ResponseActionsExample extends Chart {
  public readonly shop: VirtualService;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop' });
    const web = new Upstream(this, 'web', { serviceName: 'web', serviceNamespace: 'shop', servicePort: 8080 });
    // [tutorial:response-actions]
    const shop = new VirtualService(this, 'shop', { domains: ['shop.example.com'] });
    shop.addRoute({
      matchers: [{ path: PathMatch.exact('/healthz') }],
      action: RouteAction.directResponse({ status: 200, body: 'ok' }),
    });
    shop.addRoute({
      matchers: [{ path: PathMatch.prefix('/store/') }],
      action: RouteAction.redirect({ prefixRewrite: '/shop/', responseCode: RedirectResponseCode.PERMANENT_REDIRECT }),
    });
    shop.addRoute({
      matchers: [{ path: PathMatch.prefix('/account/') }],
      action: RouteAction.redirect({ https: true }),
    });
    shop.addRoute({
      matchers: [{ path: PathMatch.prefix('/') }],
      action: RouteAction.forward(Destination.upstream(web)),
    });
    // [/tutorial]
    this.shop = shop;
  }
}

/** A shop whose VirtualHost sets headers, CORS and external authentication for every route. */
export class VirtualHostOptionsExample extends Chart {
  public readonly shop: VirtualService;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop' });
    // [tutorial:virtual-host-options]
    const shop = new VirtualService(this, 'shop', {
      domains: ['shop.example.com'],
      options: {
        headerManipulation: { responseHeadersToRemove: ['server'] },
        cors: { allowOrigin: ['https://shop.example.com'], allowMethods: ['GET', 'POST'], maxAgeSeconds: 600 },
        extauth: ExtAuth.config({ name: 'shop-oauth' }),
        rateLimitConfigs: [{ name: 'per-client', namespace: 'gloo-system' }],
      },
    });
    // [/tutorial]
    this.shop = shop;
  }
}

/** A shop served over TLS with a certificate from a Kubernetes Secret. */
export class TlsExample extends Chart {
  public readonly shop: VirtualService;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop' });
    // [tutorial:tls]
    const shop = new VirtualService(this, 'shop', {
      domains: ['shop.example.com'],
      sslConfig: {
        secretRef: { name: 'shop-example-com-tls' },
        sniDomains: ['shop.example.com'],
        minimumProtocolVersion: TlsProtocolVersion.TLSV1_2,
        alpnProtocols: ['h2', 'http/1.1'],
      },
    });
    // [/tutorial]
    this.shop = shop;
  }
}

/** A shop that sends `/payments/` to an external API over TLS. */
export class StaticUpstreamExample extends Chart {
  public readonly shop: VirtualService;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop' });
    // [tutorial:static-upstream]
    const payments = new StaticUpstream(this, 'payments', {
      hosts: [{ address: 'api.payments.example.net', port: 443 }],
      useTls: true,
    });
    const shop = new VirtualService(this, 'shop', { domains: ['shop.example.com'] });
    shop.addRoute({
      matchers: [{ path: PathMatch.prefix('/payments/') }],
      action: RouteAction.forward(Destination.upstream(payments)),
      options: { prefixRewrite: '/v2/', hostRewrite: HostRewrite.auto() },
    });
    // [/tutorial]
    this.shop = shop;
  }
}

/** A shop that sends a tenth of its traffic to the pods labelled `version: v2` of one Service. */
export class SubsetsExample extends Chart {
  public readonly shop: VirtualService;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop' });
    // [tutorial:subsets]
    const web = new Upstream(this, 'web', { serviceName: 'web', serviceNamespace: 'shop', servicePort: 8080, subsets: [['version']] });
    const shop = new VirtualService(this, 'shop', { domains: ['shop.example.com'] });
    shop.addRoute({
      matchers: [{ path: PathMatch.prefix('/') }],
      action: RouteAction.weightedForward([
        { destination: Destination.upstream(web, { subset: { version: 'v1' } }), weight: 90 },
        { destination: Destination.upstream(web, { subset: { version: 'v2' } }), weight: 10 },
      ]),
    });
    // [/tutorial]
    this.shop = shop;
  }
}

/** A shop that verifies JWTs, allows viewers to read, and adds a header to its API's requests. */
export class CrdOptionsExample extends Chart {
  public readonly shop: VirtualService;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop' });
    const api = new Upstream(this, 'api', { serviceName: 'api', serviceNamespace: 'shop', servicePort: 8080 });
    // [tutorial:crd-options]
    const shop = new VirtualService(this, 'shop', {
      domains: ['shop.example.com'],
      options: {
        jwt: {
          providers: {
            idp: {
              issuer: 'https://idp.example.com/',
              tokenSource: { headers: [{ header: 'authorization', prefix: 'Bearer ' }] },
              claimsToHeaders: [{ claim: 'email', header: 'x-user-email' }],
              jwks: { remote: { url: 'https://idp.example.com/.well-known/jwks.json', upstreamRef: { name: 'idp', namespace: 'gloo-system' }, cacheDuration: '300s' } },
            },
          },
        },
        rbac: {
          policies: {
            viewers: { principals: [{ jwtPrincipal: { claims: { role: 'viewer' } } }], permissions: { pathPrefix: '/api/', methods: ['GET'] } },
          },
        },
      },
    });
    shop.addRoute({
      matchers: [{ path: PathMatch.prefix('/api/') }],
      action: RouteAction.forward(Destination.upstream(api)),
      options: {
        stagedTransformations: {
          regular: {
            requestTransforms: [{
              requestTransformation: {
                transformationTemplate: {
                  extractors: { order: { header: ':path', regex: '/api/orders/(\\d+)', subgroup: 1 } },
                  headers: { 'x-order-id': { text: '{{ order }}' } },
                  passthrough: {},
                },
              },
            }],
          },
        },
      },
    });
    // [/tutorial]
    this.shop = shop;
  }
}
