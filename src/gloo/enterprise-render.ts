import { BasicRateLimits, RateLimit, RateLimitAction, RateLimitActionType, RateLimitDescriptor } from '../model/rate-limits';
import { ConfigRef, ExtAuth } from '../model/virtual-host-options';
import { compact } from '../private/json';

/**
 * Gloo Enterprise's options that a VirtualHost and a route share: external authentication and
 * rate limits. References without a namespace take `namespace` when one is given.
 */

/** Gloo's `extauth`. */
export function renderExtAuth(e: ExtAuth, namespace: string | undefined): { [field: string]: unknown } {
  if (e.disable) return { disable: true };
  if (e.customAuth) {
    const { name, contextExtensions } = e.customAuth;
    return { customAuth: compact({ name, contextExtensions: contextExtensions !== undefined ? { ...contextExtensions } : undefined }) };
  }
  return { configRef: renderRef(e.configRef!, namespace) };
}

/** Gloo's `rateLimitConfigs`. */
export function renderRateLimitConfigs(refs: ConfigRef[], namespace: string | undefined): { [field: string]: unknown } {
  return { refs: refs.map(r => renderRef(r, namespace)) };
}

/** Gloo's `ratelimitBasic`. */
export function renderBasicRateLimits(b: BasicRateLimits): { [field: string]: unknown } {
  const limit = (l: RateLimit | undefined) => (l ? { requestsPerUnit: l.requestsPerUnit, unit: l.unit } : undefined);
  const out: { [field: string]: unknown } = {};
  if (b.anonymousLimits) out.anonymousLimits = limit(b.anonymousLimits);
  if (b.authorizedLimits) out.authorizedLimits = limit(b.authorizedLimits);
  return out;
}

/** Gloo's `ratelimit`: the descriptors, and for a route whether the VirtualHost's apply too. */
export function renderRateLimits(
  descriptors: RateLimitDescriptor[] | undefined, includeVh: boolean | undefined,
): { [field: string]: unknown } | undefined {
  if (descriptors === undefined && includeVh === undefined) return undefined;
  const out: { [field: string]: unknown } = {};
  if (descriptors !== undefined) {
    out.rateLimits = descriptors.map(d => {
      const rendered: { [field: string]: unknown } = {};
      if (d.actions !== undefined) rendered.actions = d.actions.map(renderAction);
      if (d.setActions !== undefined) rendered.setActions = d.setActions.map(renderAction);
      return rendered;
    });
  }
  if (includeVh !== undefined) out.includeVhRateLimits = includeVh;
  return out;
}

function renderAction(a: RateLimitAction): { [field: string]: unknown } {
  switch (a.type) {
    case RateLimitActionType.REQUEST_HEADER: return { requestHeaders: { headerName: a.headerName, descriptorKey: a.descriptorKey } };
    case RateLimitActionType.GENERIC_KEY: return { genericKey: { descriptorValue: a.descriptorValue } };
    default: return { [a.type]: {} };
  }
}

/** A reference, in `namespace` when it names none. */
export function renderRef(r: ConfigRef, namespace: string | undefined): { name: string; namespace?: string } {
  const ns = r.namespace ?? namespace;
  return ns === undefined ? { name: r.name } : { name: r.name, namespace: ns };
}
