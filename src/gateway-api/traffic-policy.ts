import type { ActionProblem } from './backend-render';
import { corsFilterOf } from './cors-render';
import { gatewayDuration } from './gateway-duration';
import { headerModifiers } from './header-modifiers';
import type { Plain } from './http-route-types';
import type { TrafficPolicySpec } from '../imports/gateway.kgateway.dev';
import { CorsPolicy } from '../model/cors';
import { CsrfPolicy, OriginMatchType } from '../model/csrf';
import { HeaderManipulation, HostRewriteType, RegexRewrite, RetryPolicy } from '../model/route-options';
import { ExtAuth } from '../model/virtual-host-options';
import { compact } from '../private/json';

/** What a kgateway `TrafficPolicy` carries for one rule or one HTTPRoute: its spec without the targets. */
export type TrafficPolicyParts = Omit<Plain<TrafficPolicySpec>, 'targetRefs' | 'targetSelectors'>;

/** The target's choices that the TrafficPolicies depend on (see `GatewayApiTargetProps`). */
export interface PolicySettings {
  /** Gloo's ext auth configurations by `<namespace>/<name>` (or `custom`, `custom/<name>`), each to the kgateway GatewayExtension that now does its job. */
  readonly extAuthExtensions: { readonly [glooAuth: string]: string };
  /**
   * The namespace of the VirtualService or RouteTable, where Gloo looks for an AuthConfig named without one.
   * @default - none: such a reference is refused
   */
  readonly namespace?: string;
}

/**
 * The Gloo route options a TrafficPolicy on the route's rules carries (besides `hostRewrite` of
 * type auto): kgateway has them as TrafficPolicy fields, the Gateway API has no standard field.
 */
export const ROUTE_POLICY_OPTIONS: readonly string[] = ['retries', 'csrf', 'extauth', 'regexRewrite'];

/** The Gloo route options the rule's standard filters carry, or (turned off) its TrafficPolicy. */
export const ROUTE_FILTER_OPTIONS: readonly string[] = ['cors'];

/** The VirtualHost options a TrafficPolicy on the whole HTTPRoute carries. */
export const VIRTUAL_HOST_POLICY_OPTIONS: readonly string[] = ['retries', 'csrf', 'extauth', 'headerManipulation', 'cors'];

/** The options of a route (or a virtual host) that a TrafficPolicy can carry, as given. */
export interface PolicyOptions {
  readonly hostRewrite?: { readonly type: HostRewriteType };
  readonly retries?: RetryPolicy;
  readonly csrf?: CsrfPolicy;
  readonly extauth?: ExtAuth;
  readonly regexRewrite?: RegexRewrite;
  readonly headerManipulation?: HeaderManipulation;
  readonly cors?: CorsPolicy;
}

/**
 * The TrafficPolicy fields for a Gloo route's (or virtual host's) options, or the first option
 * kgateway cannot carry as it means in Gloo; `undefined` when none of the options needs a policy.
 * Problems name the field relative to the route (`options.retries.retryOn`).
 *
 * - `hostRewrite` of type auto: `autoHostRewrite: true` (the host of the backend it is sent to);
 * - `retries`: `retry` (`retryOn` split at commas, each one kgateway knows; `numRetries` as
 *   `attempts`; `perTryTimeout`);
 * - `csrf`: `csrf` (the percentage enforced or shadowed, not both; the additional origins);
 * - `extauth`: `extAuth`, with the GatewayExtension the target's `extAuthExtensions` names for
 *   the Gloo configuration (refused without one: the route would lose its authentication), or
 *   `disable` for a route that turns its virtual host's auth off;
 * - `regexRewrite`: `urlRewrite.pathRegex`;
 * - `headerManipulation` (virtual host only; a route's goes to its rule's filters): `headerModifiers`;
 * - `cors`: on a virtual host, `cors` (Gateway API's CORS filter, see `corsFilterOf`); on a route,
 *   `cors: { disable: {} }` when it turns the virtual host's off (`disableForRoute`), since the
 *   rule's own CORS filter, which replaces the policy's whole as Envoy's route policy replaced the
 *   virtual host's, cannot be empty.
 */
export function trafficPolicyOf(
  options: PolicyOptions | undefined, settings: PolicySettings, virtualHost: boolean,
): TrafficPolicyParts | ActionProblem | undefined {
  if (options === undefined) return undefined;
  const parts: { -readonly [K in keyof TrafficPolicyParts]: TrafficPolicyParts[K] } = {};
  if (options.hostRewrite?.type === HostRewriteType.AUTO) parts.autoHostRewrite = true;
  if (options.retries !== undefined) {
    const retry = retryOf(options.retries);
    if ('field' in retry) return retry;
    parts.retry = retry;
  }
  if (options.csrf !== undefined) {
    const csrf = csrfOf(options.csrf);
    if ('field' in csrf) return csrf;
    parts.csrf = csrf;
  }
  if (options.extauth !== undefined) {
    const extAuth = extAuthOf(options.extauth, settings);
    if ('field' in extAuth) return extAuth;
    parts.extAuth = extAuth;
  }
  if (options.regexRewrite !== undefined) {
    parts.urlRewrite = { pathRegex: { pattern: options.regexRewrite.pattern, substitution: options.regexRewrite.substitution } };
  }
  if (options.cors !== undefined && (virtualHost || options.cors.disableForRoute === true)) {
    if (virtualHost && options.cors.disableForRoute !== undefined) {
      return { field: 'options.cors.disableForRoute', given: options.cors.disableForRoute, expected: 'no disableForRoute on a virtual host (it turns a virtual host\'s policy off for one route)' };
    }
    const cors = virtualHost ? corsFilterOf(options.cors) : { disable: {} };
    if ('field' in cors) return cors;
    parts.cors = cors;
  }
  if (virtualHost && options.headerManipulation !== undefined) {
    const modifiers = headerModifiers(options.headerManipulation, undefined);
    if ('field' in modifiers) return modifiers;
    parts.headerModifiers = compact({ request: modifiers.request, response: modifiers.response });
  }
  return Object.keys(parts).length > 0 ? parts : undefined;
}

/** kgateway's `retry.retryOn` values (its CRD's enum). */
const RETRY_ON = ['5xx', 'gateway-error', 'reset', 'reset-before-request', 'connect-failure', 'envoy-ratelimited', 'retriable-4xx', 'refused-stream',
  'retriable-status-codes', 'http3-post-connect-failure', 'cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable'];

function retryOf(r: RetryPolicy): NonNullable<TrafficPolicyParts['retry']> | ActionProblem {
  const conditions = (r.retryOn ?? '').split(',').map(c => c.trim()).filter(c => c.length > 0);
  if (conditions.length === 0) {
    return { field: 'options.retries.retryOn', given: r.retryOn, expected: 'at least one condition to retry on', hint: 'gloo retries nothing without one; kgateway needs one: remove retries, or name the conditions' };
  }
  const unknown = conditions.find(c => !RETRY_ON.includes(c));
  if (unknown !== undefined) {
    return { field: 'options.retries.retryOn', given: unknown, expected: `a condition kgateway retries on: ${RETRY_ON.join(', ')}` };
  }
  const perTry = r.perTryTimeout?.toMilliseconds();
  if (perTry !== undefined && perTry < 1) {
    return { field: 'options.retries.perTryTimeout', given: r.perTryTimeout?.toHumanString(), expected: 'at least 1ms (kgateway refuses shorter per-try timeouts)' };
  }
  return compact({
    // Gloo sends 1 for 0 or nothing, as kgateway's default
    attempts: r.numRetries !== undefined && r.numRetries > 0 ? r.numRetries : undefined,
    retryOn: conditions as NonNullable<TrafficPolicyParts['retry']>['retryOn'],
    perTryTimeout: perTry !== undefined ? gatewayDuration(perTry) : undefined,
  });
}

function csrfOf(c: CsrfPolicy): NonNullable<TrafficPolicyParts['csrf']> | ActionProblem {
  if (c.enforcedPercent !== undefined && c.shadowPercent !== undefined) {
    return { field: 'options.csrf', given: { enforcedPercent: c.enforcedPercent, shadowPercent: c.shadowPercent }, expected: 'enforcedPercent or shadowPercent, not both', hint: 'kgateway\'s csrf policy takes one of percentageEnabled and percentageShadowed' };
  }
  const additionalOrigins = (c.additionalOrigins ?? []).map(o => (o.type === OriginMatchType.REGEX ? { safeRegex: o.value } : { [o.type]: o.value }));
  return compact({
    percentageEnabled: c.enforcedPercent,
    percentageShadowed: c.shadowPercent,
    additionalOrigins: additionalOrigins.length > 0 ? additionalOrigins : undefined,
  });
}

function extAuthOf(e: ExtAuth, settings: PolicySettings): NonNullable<TrafficPolicyParts['extAuth']> | ActionProblem {
  if (e.disable) return { disable: {} };
  const namespace = e.configRef?.namespace ?? settings.namespace;
  if (e.configRef && namespace === undefined) {
    return { field: 'options.extauth.configRef.namespace', given: undefined, expected: 'the namespace of the AuthConfig' };
  }
  const key = e.configRef ? `${namespace}/${e.configRef.name}` : e.customAuth?.name !== undefined ? `custom/${e.customAuth.name}` : 'custom';
  const extension = settings.extAuthExtensions[key];
  if (extension === undefined) {
    return {
      field: 'options.extauth',
      given: e.configRef ? `AuthConfig ${key}` : `custom auth ${key}`,
      expected: 'a kgateway GatewayExtension that does what the gloo auth configuration did',
      hint: `run your ext auth service behind a GatewayExtension of type extAuth and name it for this configuration with GatewayApiTargetProps.extAuthExtensions: { '${key}': '<namespace>/<name>' }; kgateway does not read AuthConfigs`,
    };
  }
  // `<namespace>/<name>`, or `<name>` in the policy's namespace
  const slash = extension.indexOf('/');
  const extensionRef = slash < 0 ? { name: extension } : { name: extension.slice(slash + 1), namespace: extension.slice(0, slash) };
  return compact({
    extensionRef,
    contextExtensions: e.customAuth?.contextExtensions,
  });
}

/**
 * The first header a route's header manipulation changes that its virtual host's changes too, in
 * the same direction (request or response), as a problem relative to the route. Gloo applies both;
 * under the target the virtual host's go to a TrafficPolicy's `headerModifiers` and the route's to
 * the rule's filters, which kgateway applies separately, in an order not proven the same for one
 * header. Different headers are changed alike.
 */
export function sharedHeaderProblem(virtualHost: HeaderManipulation | undefined, route: HeaderManipulation | undefined): ActionProblem | undefined {
  if (virtualHost === undefined || route === undefined) return undefined;
  const names = (h: HeaderManipulation, request: boolean) => new Set([
    ...((request ? h.requestHeadersToAdd : h.responseHeadersToAdd) ?? []).map(e => e.name.toLowerCase()),
    ...((request ? h.requestHeadersToRemove : h.responseHeadersToRemove) ?? []).map(n => n.toLowerCase()),
  ]);
  for (const request of [true, false]) {
    const vh = names(virtualHost, request);
    const shared = [...names(route, request)].find(n => vh.has(n));
    if (shared !== undefined) {
      return {
        field: `options.headerManipulation.${request ? 'request' : 'response'}Headers`,
        given: shared,
        expected: `a ${request ? 'request' : 'response'} header the virtual host's header manipulation leaves alone`,
        hint: 'gloo applies the route\'s and the virtual host\'s changes to the header in a known order; kgateway applies the policy\'s and the rule\'s separately. Change it in one place',
      };
    }
  }
  return undefined;
}
