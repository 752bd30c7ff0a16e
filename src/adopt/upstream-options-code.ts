import { problemsOf } from './check-runs';
import { code, Code } from './ts-literal';
import { checkUpstreamOptions, UPSTREAM_OPTION_FIELDS } from '../gloo/pass-through-options';
import { hasOnlyKeys, isObject } from '../private/json';
import { Json } from '../simulate/gloo-manifest';

/**
 * The typed `loadBalancer`, `discoveryLabels` and `options` (`UpstreamOptions`) of an Upstream's
 * spec, and the spec fields left for JSON patches. Each is typed only when the typed form writes
 * it back the same and passes the construct's checks. An empty `discoveryMetadata` (Gloo's
 * discovery writes `{}`) means no labels: nothing is written for it.
 */
export function upstreamOptionsCode(spec: Json): { props: { [k: string]: unknown }; rest: Json } {
  const props: { [k: string]: unknown } = {};
  const rest: Json = {};
  const options: Json = {};
  const optionFields: readonly string[] = UPSTREAM_OPTION_FIELDS;
  for (const [field, value] of Object.entries(spec)) {
    const lb = field === 'loadBalancerConfig' ? loadBalancerCode(value) : undefined;
    const labels = field === 'discoveryMetadata' ? discoveryLabels(value) : undefined;
    if (lb) props.loadBalancer = lb;
    else if (labels) props.discoveryLabels = labels;
    else if (field === 'discoveryMetadata' && isObject(value) && Object.keys(value).length === 0) continue;
    else if (optionFields.includes(field) && isUpstreamOption(field, value)) options[field] = value;
    else rest[field] = value;
  }
  if (Object.keys(options).length > 0) props.options = options;
  return { props, rest };
}

function isUpstreamOption(field: string, value: unknown): boolean {
  return problemsOf(add => checkUpstreamOptions({ [field]: value }, add)).length === 0;
}

function loadBalancerCode(v: unknown): Code | undefined {
  if (!isObject(v) || Object.keys(v).length !== 1) return undefined;
  const [type, config] = Object.entries(v)[0];
  if (!isObject(config)) return undefined;
  const simple: { [t: string]: string } = { roundRobin: 'roundRobin', random: 'random', maglev: 'maglev' };
  if (simple[type] && Object.keys(config).length === 0) return code(`LoadBalancer.${simple[type]}()`);
  if (type === 'leastRequest' && hasOnlyKeys(config, ['choiceCount'])) {
    if (config.choiceCount === undefined) return code('LoadBalancer.leastRequest()');
    return typeof config.choiceCount === 'number' ? code(`LoadBalancer.leastRequest({ choiceCount: ${config.choiceCount} })`) : undefined;
  }
  if (type === 'ringHash' && hasOnlyKeys(config, ['ringHashConfig'])) {
    if (config.ringHashConfig === undefined) return code('LoadBalancer.ringHash()');
    const r = config.ringHashConfig;
    // an empty ringHashConfig would not be written back: the typed form writes none
    if (!isObject(r) || !hasOnlyKeys(r, ['minimumRingSize', 'maximumRingSize']) || Object.keys(r).length === 0) return undefined;
    const parts: string[] = [];
    for (const field of ['minimumRingSize', 'maximumRingSize']) {
      if (r[field] === undefined) continue;
      const n = typeof r[field] === 'string' && /^\d{1,7}$/.test(r[field] as string) ? Number(r[field]) : r[field];
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 8_388_608) return undefined; // the construct's range
      parts.push(`${field}: ${n}`);
    }
    return code(`LoadBalancer.ringHash(${parts.length > 0 ? `{ ${parts.join(', ')} }` : ''})`);
  }
  return undefined;
}

function discoveryLabels(v: unknown): { [k: string]: string } | undefined {
  if (!isObject(v) || !hasOnlyKeys(v, ['labels']) || !isObject(v.labels)) return undefined;
  const labels = v.labels;
  return Object.values(labels).every(x => typeof x === 'string') && Object.keys(labels).length > 0 ? labels as { [k: string]: string } : undefined;
}
