import { checkUpstreamOptions, renderUpstreamOptions } from './pass-through-options';
import type { UpstreamSpec } from '../imports/gloo.solo.io';
import type { UpstreamOptions } from '../model/gloo-option-types.generated';
import { LoadBalancer, LoadBalancerType } from '../model/load-balancer';
import { AddProblem } from '../private/errors';
import { whyNotLabelKey, whyNotLabelValue } from '../private/names';

/**
 * What Upstreams of every type share: the load-balancing policy (`loadBalancerConfig`), the
 * labels Gloo's discovery would have given them (`discoveryMetadata.labels`) and the further spec
 * fields typed from the CRD (`options`), rendered and checked.
 */

/** The props `Upstream`, `StaticUpstream` and `ExternalUpstream` share, as each of them has them. */
interface UpstreamSettings {
  readonly loadBalancer?: LoadBalancer;
  readonly discoveryLabels?: { [key: string]: string };
  readonly options?: UpstreamOptions;
}

/** Checks the settings given, each under its Gloo field. */
export function checkUpstreamSettings(s: UpstreamSettings | undefined, add: AddProblem): void {
  if (s?.loadBalancer !== undefined) checkLoadBalancer(s.loadBalancer, add);
  if (s?.discoveryLabels !== undefined) checkDiscoveryLabels(s.discoveryLabels, add);
  if (s?.options !== undefined) checkUpstreamOptions(s.options, add);
}

/**
 * @internal
 * The spec fields of the settings, after the Upstream's type.
 */
export function renderUpstreamSettings(s: UpstreamSettings): Partial<UpstreamSpec> {
  return {
    loadBalancerConfig: renderLoadBalancer(s.loadBalancer),
    discoveryMetadata: renderDiscoveryLabels(s.discoveryLabels),
    ...renderUpstreamOptions(s.options),
  };
}

/** Gloo's `loadBalancerConfig`. */
export function renderLoadBalancer(lb: LoadBalancer | undefined): { [field: string]: unknown } | undefined {
  if (!lb) return undefined;
  switch (lb.type) {
    case LoadBalancerType.LEAST_REQUEST:
      return { leastRequest: lb.choiceCount !== undefined ? { choiceCount: lb.choiceCount } : {} };
    case LoadBalancerType.RING_HASH: {
      const config: { [field: string]: number } = {};
      if (lb.minimumRingSize !== undefined) config.minimumRingSize = lb.minimumRingSize;
      if (lb.maximumRingSize !== undefined) config.maximumRingSize = lb.maximumRingSize;
      return { ringHash: Object.keys(config).length > 0 ? { ringHashConfig: config } : {} };
    }
    default:
      return { [lb.type]: {} };
  }
}

/** Gloo's `discoveryMetadata`. */
export function renderDiscoveryLabels(labels: { [key: string]: string } | undefined): { labels: { [key: string]: string } } | undefined {
  if (!labels) return undefined;
  const sorted: { [key: string]: string } = {};
  for (const k of Object.keys(labels).sort()) sorted[k] = labels[k];
  return { labels: sorted };
}

/** Checks a load balancer, reported under `loadBalancerConfig`. */
export function checkLoadBalancer(lb: LoadBalancer, add: AddProblem): void {
  const at = 'loadBalancerConfig';
  if (!LoadBalancer.isLoadBalancer(lb)) {
    add(at, lb, 'a LoadBalancer: LoadBalancer.roundRobin(), leastRequest(), random(), ringHash() or maglev()');
    return;
  }
  if (lb._problem) add(`${at}.${lb._problem.field}`, lb._problem.given, lb._problem.expected, lb._problem.hint);
  if (lb.choiceCount !== undefined && !(Number.isInteger(lb.choiceCount) && lb.choiceCount >= 2)) {
    add(`${at}.leastRequest.choiceCount`, lb.choiceCount, 'a whole number of at least 2', 'envoy rejects a smaller choice count');
  }
  for (const field of ['minimumRingSize', 'maximumRingSize'] as const) {
    const v = lb[field];
    if (v !== undefined && !(Number.isInteger(v) && v >= 1 && v <= 8_388_608)) {
      add(`${at}.ringHash.ringHashConfig.${field}`, v, 'a whole number from 1 to 8388608 (envoy\'s limit)');
    }
  }
  if (lb.minimumRingSize !== undefined && lb.maximumRingSize !== undefined && lb.minimumRingSize > lb.maximumRingSize) {
    add(`${at}.ringHash.ringHashConfig.minimumRingSize`, lb.minimumRingSize, `at most maximumRingSize (${lb.maximumRingSize})`, 'envoy rejects the cluster');
  }
}

/** Checks discovery labels, reported under `discoveryMetadata.labels`. */
export function checkDiscoveryLabels(labels: unknown, add: AddProblem): void {
  const at = 'discoveryMetadata.labels';
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) {
    add(at, labels, 'labels and their values');
    return;
  }
  for (const [k, v] of Object.entries(labels)) {
    const keyProblem = whyNotLabelKey(k);
    if (keyProblem) add(`${at}.${k}`, k, keyProblem);
    const valueProblem = typeof v === 'string' ? whyNotLabelValue(v) : 'a string';
    if (valueProblem) add(`${at}.${k}`, v, valueProblem);
  }
}
