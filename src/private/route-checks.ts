import { Problem } from './errors';
import { whyNotNamespace, whyNotPort, whyNotServiceName } from './names';
import { Destination, MAX_WEIGHT, RouteMatcher, RouteProps, WeightedDestination } from '../gloo/route';
import { Upstream } from '../gloo/upstream';
import { whyInvalidHeaderName } from '../validation/header-rules';

/**
 * The checks of a route that need nothing but the route itself; they run when the route is added.
 * The rules that need the whole app run at synth (see validation/route-rules.ts).
 */

/** The names of the actions a route sets. */
export function routeActions(props: RouteProps): string[] {
  const actions: string[] = [];
  if (props.destination !== undefined) actions.push('destination');
  if (props.weightedDestinations !== undefined) actions.push('weightedDestinations');
  if (props.upstreamGroup !== undefined) actions.push('upstreamGroup');
  if (props.delegateTo !== undefined) actions.push('delegateTo');
  return actions;
}

/** The problems that can be seen in a route by itself, with `field` relative to `prefix`. */
export function checkRoute(props: RouteProps, path: string, prefix: string): Problem[] {
  const problems: Problem[] = [];
  const add = (field: string, given: unknown, expected: string, hint?: string) =>
    problems.push({ path, field: `${prefix}${field}`, given, expected, hint });

  const actions = routeActions(props);
  if (actions.length === 0) {
    add('', summarizeRoute(props), 'a route with an action: destination, weightedDestinations, upstreamGroup or delegateTo',
      'gloo rejects a route without an action ("route must specify an action")');
  } else if (actions.length > 1) {
    add('', actions.join(' and '), 'exactly one action per route');
  }

  (props.matchers ?? []).forEach((m, i) => checkMatcher(m, `matchers[${i}]`, add));

  if (props.destination !== undefined) {
    checkDestination(props.destination, 'routeAction.single', add);
  }
  if (props.weightedDestinations !== undefined) {
    checkWeightedDestinations(props.weightedDestinations, 'routeAction.multi.destinations', add);
  }
  const rewrite = props.options?.prefixRewrite;
  if (rewrite !== undefined && typeof rewrite !== 'string') {
    add('options.prefixRewrite', rewrite, 'a path such as "/api/pets", or "" for no rewrite');
  } else if (rewrite !== undefined && actions.includes('delegateTo')) {
    add('options.prefixRewrite', rewrite, 'no prefix rewrite on a delegating route',
      'gloo only applies a prefix rewrite to route actions; set it on the RouteTable\'s routes');
  }
  return problems;
}

export type AddProblem = (field: string, given: unknown, expected: string, hint?: string) => void;

function checkMatcher(m: RouteMatcher, field: string, add: AddProblem): void {
  const specifiers = (['prefix', 'exact', 'regex'] as const).filter(k => m[k] !== undefined);
  const hasConditions = (m.headers?.length ?? 0) > 0 || (m.queryParameters?.length ?? 0) > 0 || (m.methods?.length ?? 0) > 0;
  if (specifiers.length === 0) {
    add(field, m, 'a path specifier (prefix, exact or regex)',
      hasConditions ? 'gloo rejects a matcher with headers, query parameters or methods but no path ("no path specifier provided"); add prefix: \'/\' to match every path' : undefined);
  } else if (specifiers.length > 1) {
    add(field, specifiers.join(' and '), 'exactly one path specifier (prefix, exact or regex)');
  }
  for (const k of ['prefix', 'exact'] as const) {
    const v = m[k];
    if (v !== undefined && (typeof v !== 'string' || !v.startsWith('/'))) {
      add(`${field}.${k}`, v, 'a path that starts with "/"');
    }
  }
  if (m.regex !== undefined && (typeof m.regex !== 'string' || m.regex.length === 0)) {
    add(`${field}.regex`, m.regex, 'a non-empty RE2 regular expression');
  }
  (m.headers ?? []).forEach((h, j) => {
    const why = whyInvalidHeaderName(h?.name);
    if (why) add(`${field}.headers[${j}].name`, h?.name, why, h?.name ? 'envoy refuses requests with such a header, so the matcher never matches' : undefined);
    if (h?.regex && (h.value === undefined || h.value === '')) {
      add(`${field}.headers[${j}].value`, h.value, 'a regular expression when regex is true');
    }
  });
  (m.queryParameters ?? []).forEach((q, j) => {
    // any character can appear in a parameter name (percent-encoded), so only an empty one is refused, as envoy does
    if (!q || typeof q.name !== 'string' || q.name.length === 0) add(`${field}.queryParameters[${j}].name`, q?.name, 'a non-empty parameter name');
    if (q?.regex && (q.value === undefined || q.value === '')) {
      add(`${field}.queryParameters[${j}].value`, q.value, 'a regular expression when regex is true');
    }
  });
  (m.methods ?? []).forEach((method, j) => {
    if (typeof method !== 'string' || !/^[A-Z]+$/.test(method)) add(`${field}.methods[${j}]`, method, 'an upper-case HTTP method such as GET');
  });
}

/** Checks one destination; exported for the constructs that build routes. */
export function checkDestination(d: Destination, field: string, add: AddProblem): void {
  const types = (['upstream', 'kube'] as const).filter(k => d[k] !== undefined);
  if (types.length === 0) {
    add(field, d, 'a destination type: upstream or kube', 'gloo rejects a destination with no type ("no destination type specified")');
    return;
  }
  if (types.length > 1) {
    add(field, types.join(' and '), 'exactly one destination type: upstream or kube');
  }
  if (d.kube) {
    const serviceProblem = whyNotServiceName(d.kube.serviceName);
    if (serviceProblem) add(`${field}.kube.ref.name`, d.kube.serviceName, serviceProblem);
    const nsProblem = whyNotNamespace(d.kube.serviceNamespace);
    if (nsProblem) add(`${field}.kube.ref.namespace`, d.kube.serviceNamespace, nsProblem);
    const portProblem = whyNotPort(d.kube.port);
    if (portProblem) add(`${field}.kube.port`, d.kube.port, portProblem);
    if (d.functionName !== undefined) {
      add(`${field}.destinationSpec.rest.functionName`, d.functionName, 'a function route to an Upstream with a REST spec',
        'a kube destination has no REST service spec; route to an Upstream that lists the function');
    }
  }
  if (d.parameters !== undefined && d.functionName === undefined) {
    add(`${field}.destinationSpec.rest.parameters`, d.parameters, 'parameters only together with functionName');
  }
  if (d.functionName !== undefined && d.upstream) {
    if (typeof d.functionName !== 'string' || d.functionName.length === 0) {
      add(`${field}.destinationSpec.rest.functionName`, d.functionName, 'a non-empty function name');
    } else if (Upstream.isUpstream(d.upstream)) {
      const known = d.upstream.functionNames ?? [];
      if (known.length === 0) {
        add(`${field}.destinationSpec.rest.functionName`, d.functionName, `an upstream with a REST spec, but upstream ${d.upstream.name} has no functions`,
          'gloo rejects the route ("does not have a rest service spec"); list the function in the Upstream\'s functions');
      } else if (!known.includes(d.functionName)) {
        add(`${field}.destinationSpec.rest.functionName`, d.functionName, `one of the functions of upstream ${d.upstream.name}: ${known.join(', ')}`,
          'gloo rejects the route ("unknown function")');
      }
    }
  }
}

/** Checks a list of weighted destinations; exported for the constructs that build routes. */
export function checkWeightedDestinations(dests: WeightedDestination[], field: string, add: AddProblem): void {
  if (!Array.isArray(dests) || dests.length === 0) {
    add(field, dests, 'at least one weighted destination',
      'gloo rejects a multi destination with none ("must specify at least one weighted destination")');
    return;
  }
  let total = 0;
  let weightsValid = true;
  dests.forEach((d, i) => {
    if (!isValidWeight(d.weight)) {
      weightsValid = false;
      add(`${field}[${i}].weight`, d.weight, `an integer from 0 to ${MAX_WEIGHT}`, 'weights are uint32 ratios, not percentages');
    } else {
      total += d.weight;
    }
    checkDestination(d, `${field}[${i}].destination`, add);
  });
  if (weightsValid && total < 1) {
    add(`${field}[*].weight`, total, `weights that add up to at least 1 (got ${dests.map(d => d.weight).join(' + ')})`,
      'gloo rejects a total weight below 1; weights are ratios, so 90 and 10 send 90% and 10%');
  }
  if (weightsValid && total > MAX_WEIGHT) {
    add(`${field}[*].weight`, total, `weights that add up to at most ${MAX_WEIGHT}`, 'envoy sums the weights into a uint32');
  }
}

/** Whether `w` is a weight Gloo accepts: an integer from 0 to 4294967295. */
export function isValidWeight(w: unknown): w is number {
  return typeof w === 'number' && Number.isInteger(w) && w >= 0 && w <= MAX_WEIGHT;
}

function summarizeRoute(props: RouteProps): any {
  return { matchers: props.matchers };
}
