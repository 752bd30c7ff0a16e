import { App } from 'cdk8s';
import { GatewayApiTarget } from '../../src';

/**
 * The two outputs of the example: Gloo Edge objects (`dist/`), and the same releases as Kubernetes
 * Gateway API objects for kgateway (`dist/gateway-api/`).
 */
export type Target = 'gloo' | 'gateway-api';

/** Every target, in the order `npm run synth` writes them. */
export const TARGETS: Target[] = ['gloo', 'gateway-api'];

/** Where each target's YAML goes, relative to the output folder. */
export const TARGET_SUBDIR: { [target in Target]: string } = { 'gloo': '.', 'gateway-api': 'gateway-api' };

/**
 * Chooses the target of a new app. For Gateway API it is the one statement a repository adds to
 * move from Gloo Edge to kgateway: the HTTPRoutes attach to kgateway's Gateway `http` and live next
 * to the petstore's Services. Two differences are accepted on purpose (see docs/gateway-api.md):
 * `/petstorex` and `/findPetWithIdx`, which Gloo's character prefixes routed, get no route; and the
 * function routes answer only their function's method (`GET /findPetWithId/1`, not `POST`).
 */
export function applyTarget(app: App, target: Target): void {
  if (target === 'gateway-api') {
    // [tutorial:gateway-api-target]
    GatewayApiTarget.apply(app, {
      gatewayName: 'http',
      gatewayNamespace: 'kgateway-system',
      httpRouteNamespace: 'default',
      acceptNarrowedPrefixes: true,
      acceptFunctionMethodMatch: true,
    });
    // [/tutorial]
  }
}
