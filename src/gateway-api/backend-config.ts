import type { ActionProblem } from './backend-render';
import { backendTlsOf } from './backend-tls';
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
const BACKEND_OPTIONS = ['sslConfig'];

/**
 * The fields of a BackendConfigPolicy (without `targetRefs`) for an Upstream's settings, in the
 * policy's namespace; `undefined` when it needs none, or the first setting kgateway cannot carry.
 * A static Upstream's `hosts` give its TLS when Gloo uses TLS without being asked: `useTls` unset
 * and a host on port 443 (Gloo's static plugin), with the first host name as SNI and no check of
 * the certificate (Gloo's, unless `sslConfig` says otherwise). kgateway takes one SNI per Backend,
 * so static hosts of several names over TLS without an `sni` are refused.
 */
export function backendConfigOf(
  settings: BackendSettings, policyNamespace: string, staticHosts?: Array<{ address: string; port: number }>,
): { [field: string]: unknown } | ActionProblem | undefined {
  const options = (settings.options ?? {}) as { [field: string]: unknown };
  const other = Object.keys(options).sort().find(k => !BACKEND_OPTIONS.includes(k) && options[k] !== undefined);
  if (other !== undefined) {
    return { field: `options.${other}`, given: options[other], expected: `no Upstream options other than ${BACKEND_OPTIONS.join(', ')} under the gateway api target (no kgateway mapping yet)`, hint: 'keep the routes to this Upstream on Gloo until it moves' };
  }
  const ssl = settings.options?.sslConfig;
  // host names, not IP addresses (Gloo sends the first name as SNI)
  const names = [...new Set((staticHosts ?? []).map(h => h.address).filter(a => !/^[0-9.]+$/.test(a) && !a.includes(':')))];
  const tlsByDefault = staticHosts !== undefined && settings.useTls === undefined && staticHosts.some(h => h.port === 443);
  let tls: { [field: string]: unknown } | ActionProblem | undefined;
  if (ssl !== undefined) tls = backendTlsOf(ssl, policyNamespace);
  else if (settings.useTls === true || tlsByDefault) tls = { insecureSkipVerify: true };
  if (tls !== undefined && 'field' in tls) return tls as ActionProblem;
  if (tls !== undefined && staticHosts !== undefined && tls.sni === undefined) {
    if (names.length > 1) {
      return { field: 'static.hosts', given: names, expected: 'hosts of one name over TLS, or an sslConfig with sni', hint: 'gloo sends each host its own name; a kgateway Backend has one SNI' };
    }
    if (names.length === 1) tls = { ...tls, sni: names[0] };
  }
  const out = { ...(settings.loadBalancer ? { loadBalancer: loadBalancerOf(settings.loadBalancer) } : {}), ...(tls ? { tls } : {}) };
  return Object.keys(out).length > 0 ? out : undefined;
}
