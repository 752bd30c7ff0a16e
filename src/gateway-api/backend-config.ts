import type { ActionProblem } from './backend-render';
import { backendTlsOf } from './backend-tls';
import { unmovedHint } from './unmoved-fields';
import { UpstreamOptions } from '../model/gloo-option-types.generated';
import { LoadBalancer, LoadBalancerType } from '../model/load-balancer';

/**
 * The `loadBalancer` of a kgateway BackendConfigPolicy for a Gloo Upstream's load balancer: the
 * same algorithm, with its settings (`choiceCount`, ring sizes). kgateway keeps hash policies with
 * the ring hash and Maglev balancers; Gloo keeps them on routes (`hashPolicies`, refused there until
 * they move).
 */
export function loadBalancerOf(lb: LoadBalancer): { [algorithm: string]: unknown } {
  switch (lb.type) {
    case LoadBalancerType.LEAST_REQUEST:
      return { leastRequest: lb.choiceCount !== undefined ? { choiceCount: lb.choiceCount } : {} };
    case LoadBalancerType.RING_HASH: {
      const ring = { minimumRingSize: lb.minimumRingSize, maximumRingSize: lb.maximumRingSize };
      return { ringHash: Object.fromEntries(Object.entries(ring).filter(([, v]) => v !== undefined)) };
    }
    case LoadBalancerType.MAGLEV:
      return { maglev: {} };
    case LoadBalancerType.RANDOM:
      return { random: {} };
    default:
      return { roundRobin: {} };
  }
}

/** What a BackendConfigPolicy carries for an Upstream: its load balancer and TLS to its endpoints. */
export interface BackendSettings {
  readonly loadBalancer?: LoadBalancer;
  readonly options?: UpstreamOptions;
  /** For a static Upstream: `useTls` as given. */
  readonly useTls?: boolean;
}

/** The Upstream options a BackendConfigPolicy carries (`sslConfig`); the others are refused by name. */
export const BACKEND_OPTIONS: readonly string[] = ['sslConfig'];

/**
 * The fields of a BackendConfigPolicy (without `targetRefs`) for an Upstream's settings, in the
 * policy's namespace; `undefined` when it needs none, or the first setting kgateway cannot carry.
 * A static Upstream's `hosts` give its TLS when Gloo uses TLS without being asked: `useTls` unset
 * and a host on port 443, with no check of the certificate unless `sslConfig` says otherwise. Gloo's
 * static plugin sends each host its own address as SNI (`autoSniRewrite`, on by default), over any
 * `sslConfig.sni`; kgateway takes one SNI per Backend, so hosts of several addresses over TLS, and
 * an `sni` other than the host's, are refused.
 */
export function backendConfigOf(
  settings: BackendSettings, policyNamespace: string, staticHosts?: Array<{ address: string; port: number }>,
): { [field: string]: unknown } | ActionProblem | undefined {
  const options = (settings.options ?? {}) as { [field: string]: unknown };
  const other = Object.keys(options).sort().find(k => !BACKEND_OPTIONS.includes(k) && options[k] !== undefined);
  if (other !== undefined) {
    return {
      field: `options.${other}`,
      given: options[other],
      expected: `no Upstream options other than ${BACKEND_OPTIONS.join(', ')} under the gateway api target`,
      hint: unmovedHint('upstream option', other),
    };
  }
  const ssl = settings.options?.sslConfig;
  const addresses = [...new Set((staticHosts ?? []).map(h => h.address))];
  const tlsByDefault = staticHosts !== undefined && settings.useTls === undefined && staticHosts.some(h => h.port === 443);
  let tls: { [field: string]: unknown } | ActionProblem | undefined;
  if (ssl !== undefined) tls = backendTlsOf(ssl, policyNamespace);
  else if (settings.useTls === true || tlsByDefault) tls = { insecureSkipVerify: true };
  if (tls !== undefined && 'field' in tls) return tls as ActionProblem;
  if (tls !== undefined && staticHosts !== undefined) {
    if (addresses.length > 1) {
      return { field: 'static.hosts', given: addresses, expected: 'hosts of one address over TLS', hint: 'gloo sends each host its own address as SNI; a kgateway Backend has one SNI' };
    }
    if (tls.sni !== undefined && tls.sni !== addresses[0]) {
      return { field: 'options.sslConfig.sni', given: tls.sni, expected: `the host's address ${addresses[0]}, which gloo sends as SNI instead`, hint: 'gloo\'s static upstreams rewrite the SNI to each host\'s address' };
    }
    tls = { ...tls, sni: addresses[0] };
  }
  const out = { ...(settings.loadBalancer ? { loadBalancer: loadBalancerOf(settings.loadBalancer) } : {}), ...(tls ? { tls } : {}) };
  return Object.keys(out).length > 0 ? out : undefined;
}
