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
