/**
 * The examples of docs/route-options.md and docs/direct-responses-and-redirects.md: each page shows
 * the code between its `// [tutorial:...]` markers and the routes it synthesizes (see pages.ts).
 */
import { Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import {
  Destination, HostRewrite, PathMatch, RedirectResponseCode, RouteAction, Upstream, VirtualService,
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
