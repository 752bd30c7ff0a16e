import { checkCsrf } from './cors-checks';
import { checkExtAuth, checkRefList } from './enterprise-checks';
import { ExternalUpstream } from './external-upstream';
import { checkDestinationOptions, checkDestinationSpec } from './pass-through-options';
import { checkDirectResponse, checkRedirect } from './response-action-checks';
import { RouteProps } from './route';
import { checkHeaderManipulation, checkRouteOptions } from './route-option-checks';
import { StaticUpstream } from './static-upstream';
import { Upstream } from './upstream';
import { ConsulServiceDestination, Destination } from '../model/destination';
import { HeaderMatch } from '../model/header-match';
import { whyInvalidHeaderName } from '../model/header-rules';
import { isHostHeader } from '../model/host-rules';
import { InputProblem } from '../model/input-problem';
import { PathMatch } from '../model/path-match';
import { QueryParameterMatch } from '../model/query-parameter-match';
import { DynamicForwardProxyOptions, RouteAction, RouteActionType, WeightedDestination, WeightedDestinationBehavior } from '../model/route-action';
import { RouteMatcher } from '../model/route-matcher';
import { AddProblem, Problem } from '../private/errors';
import { JsonObject } from '../private/json';
import { whyNotNamespace, whyNotPort, whyNotServiceName } from '../private/names';
import { checkKnownKeys } from '../private/unknown-keys';

/**
 * The checks of a route that need nothing but the route itself; they run when the route is added.
 * The types already say which choices exclude each other (one path match per matcher, one action
 * per route, one destination type); these checks catch the values the types cannot rule out, and
 * the nonsense JavaScript callers can pass. The rules that need the whole app run at synth (see
 * gloo/rules/route-rules.ts).
 */

const ACTIONS = 'RouteAction.forward(...), RouteAction.weightedForward([...]), RouteAction.upstreamGroup(...), RouteAction.delegate(...), '
  + 'RouteAction.directResponse({...}) or RouteAction.redirect({...})';

/** The problems that can be seen in a route by itself, with `field` relative to `prefix`. */
export function checkRoute(props: RouteProps, path: string, prefix: string): Problem[] {
  const problems: Problem[] = [];
  const add = (field: string, given: unknown, expected: string, hint?: string) =>
    problems.push({ path, field: `${prefix}${field}`, given, expected, hint });

  if (typeof props !== 'object' || props === null) {
    add('', props, `a route such as { matchers: [{ path: PathMatch.prefix('/x') }], action: ${ACTIONS} }`);
    return problems;
  }
  checkKnownKeys(add, props, 'RouteProps');
  checkKnownKeys(add, props.mirror, 'RouteMirror', 'mirror.');
  if (!Array.isArray(props.matchers ?? [])) add('matchers', props.matchers, 'a list of matchers');
  else (props.matchers ?? []).forEach((m, i) => checkMatcher(m, `matchers[${i}]`, add));

  const action = props.action;
  if (action === undefined) {
    add('', { matchers: props.matchers?.map(describeMatcher) }, `a route with an action: ${ACTIONS}`,
      'gloo rejects a route without an action ("route must specify an action")');
    return problems;
  }
  if (!(action instanceof RouteAction)) {
    const shape = plainShapeProblem(action, ACTION_KEYS, 'a RouteAction');
    add('action', action, shape?.expected ?? `a RouteAction: ${ACTIONS}`, shape?.hint);
    return problems;
  }
  switch (action.type) {
    case RouteActionType.FORWARD:
      checkDestination(action.destination!, 'routeAction.single', add);
      break;
    case RouteActionType.WEIGHTED_FORWARD:
      checkWeightedDestinations(action.destinations!, 'routeAction.multi.destinations', add);
      break;
    case RouteActionType.UPSTREAM_GROUP:
      if (!action.targetGroup) add('routeAction.upstreamGroup', action.targetGroup, 'an UpstreamGroup');
      break;
    case RouteActionType.DELEGATE:
      if (!action.routeTable) add('delegateAction.ref', action.routeTable, 'a RouteTable');
      break;
    case RouteActionType.DIRECT_RESPONSE:
      checkDirectResponse(action.response!, add);
      break;
    case RouteActionType.REDIRECT:
      checkRedirect(action.redirectTo!, add);
      break;
    case RouteActionType.CLUSTER_HEADER: {
      const why = whyInvalidHeaderName(action.clusterHeaderName!);
      if (why) add('routeAction.clusterHeader', action.clusterHeaderName, why);
      break;
    }
    case RouteActionType.DYNAMIC_FORWARD_PROXY:
      checkForwardProxy(action.forwardProxy!, add);
      break;
  }
  checkRouteOptions(props, add);
  if (props.optionsConfigRefs !== undefined) checkRefList(props.optionsConfigRefs, 'optionsConfigRefs.delegateOptions', add, true);
  for (const flag of ['inheritableMatchers', 'inheritablePathMatchers'] as const) {
    if (props[flag] !== undefined && typeof props[flag] !== 'boolean') add(flag, props[flag], 'true or false');
  }
  if (props.mirror !== undefined && (action.type === RouteActionType.DIRECT_RESPONSE || action.type === RouteActionType.REDIRECT)) {
    add('options.shadowing', describeMirror(props.mirror), `no mirror on a route that does not forward (${action.type})`,
      'gloo rejects the route ("cannot use shadowing plugin on non-Route_Route route actions")');
  } else if (props.mirror !== undefined) {
    if (!props.mirror?.upstream) add('options.shadowing.upstream', props.mirror?.upstream, 'an Upstream to copy requests to');
    const percent = props.mirror?.percent;
    if (typeof percent !== 'number' || !(percent >= 0 && percent <= 100)) add('options.shadowing.percentage', percent, 'a percentage from 0 to 100');
    const host = props.mirror?.host;
    if (host !== undefined && !isHostHeader(host)) {
      add('options.shadowing.hostRewriteLiteral', host, 'a host name, optionally with a port');
    }
    if (props.mirror?.keepHost !== undefined && typeof props.mirror.keepHost !== 'boolean') add('options.shadowing.disableShadowHostSuffixAppend', props.mirror.keepHost, 'true or false');
    if (props.options?.extra?.shadowing !== undefined) {
      add('options.extra.shadowing', props.options.extra.shadowing, 'no shadowing in options.extra together with mirror', 'give the copies\' target once, in mirror');
    }
  }
  return problems;
}

/** Reports the problem a value object found in its input, under `field`. */
function addInputProblem(add: AddProblem, field: string, problem: InputProblem | undefined, rename: (f: string) => string = f => f): void {
  if (problem) add(`${field}.${rename(problem.field)}`, problem.given, problem.expected, problem.hint);
}

function checkMatcher(m: RouteMatcher, field: string, add: AddProblem): void {
  if (typeof m !== 'object' || m === null) {
    add(field, m, 'a matcher with a path match, such as { path: PathMatch.prefix(\'/findPets\') }');
    return;
  }
  checkKnownKeys(add, m, 'RouteMatcher', `${field}.`);
  if (m.path === undefined || m.path === null) {
    add(field, describeMatcher(m), 'a matcher with a path match, such as { path: PathMatch.prefix(\'/findPets\') }',
      'gloo rejects a matcher with headers, query parameters or methods but no path ("no path specifier provided"); PathMatch.prefix(\'/\') matches every path');
  } else if (!(m.path instanceof PathMatch)) {
    const shape = plainShapeProblem(m.path, PATH_KEYS, 'a PathMatch');
    add(`${field}.path`, m.path, shape?.expected ?? 'a PathMatch, such as PathMatch.prefix(\'/findPets\')', shape?.hint);
  } else {
    addInputProblem(add, field, m.path._problem);
  }
  (m.headers ?? []).forEach((h, j) => {
    if (!(h instanceof HeaderMatch)) return add(`${field}.headers[${j}]`, h, 'a HeaderMatch, such as HeaderMatch.valueIs(\'x-canary\', \'s3cr3t\')');
    const why = whyInvalidHeaderName(h.name);
    if (why) add(`${field}.headers[${j}].name`, h.name, why, h.name ? 'envoy refuses requests with such a header, so the matcher never matches' : undefined);
    else addInputProblem(add, `${field}.headers[${j}]`, h._problem);
  });
  (m.queryParameters ?? []).forEach((q, j) => {
    if (!(q instanceof QueryParameterMatch)) return add(`${field}.queryParameters[${j}]`, q, 'a QueryParameterMatch, such as QueryParameterMatch.valueIs(\'v\', \'2\')');
    // any character can appear in a parameter name (percent-encoded), so only an empty one is refused, as envoy does
    addInputProblem(add, `${field}.queryParameters[${j}]`, q._problem);
  });
  (m.methods ?? []).forEach((method, j) => {
    if (typeof method !== 'string' || !/^[A-Z]+$/.test(method)) add(`${field}.methods[${j}]`, method, 'an upper-case HTTP method such as GET');
  });
}

/** The Gloo field a destination's input problem is about. */
function destinationField(f: string): string {
  return f === 'functionName' ? 'destinationSpec.rest.functionName' : f;
}

/** A Consul service destination: a name, and lists of tags and data centers none of which is empty. */
function checkConsul(c: ConsulServiceDestination, at: string, add: AddProblem): void {
  if (typeof c !== 'object' || c === null) {
    add(at, c, 'a Consul service, such as { serviceName: \'db\' }');
    return;
  }
  if (typeof c.serviceName !== 'string' || c.serviceName === '') add(`${at}.serviceName`, c.serviceName, 'the name of a service in Consul');
  for (const list of ['tags', 'dataCenters'] as const) {
    const v = c[list];
    if (v === undefined) continue;
    if (!Array.isArray(v) || !v.every(x => typeof x === 'string' && x !== '')) {
      add(`${at}.${list}`, v, `a list of ${list === 'tags' ? 'tags' : 'data center names'}, none of them empty`);
    }
  }
}

/**
 * A Lambda or Azure function call against the Upstream of this app it goes to: Gloo rejects an
 * `aws` call to an Upstream that is not an AWS one ("is not an AWS upstream"), an `azure` call to
 * one that is not an Azure one, and a function the Upstream does not list ("unknown function").
 */
function checkFunctionOfUpstream(d: Destination, at: string, add: AddProblem): void {
  const spec = d.destinationSpec as { aws?: { logicalName?: string }; azure?: { functionName?: string } } | undefined;
  const upstream = d.targetUpstream;
  const inApp = Upstream.isUpstream(upstream) || StaticUpstream.isStaticUpstream(upstream) || ExternalUpstream.isExternalUpstream(upstream);
  if (!spec || !upstream || !inApp) return;
  const type = ExternalUpstream.isExternalUpstream(upstream) ? upstream.type : {};
  for (const kind of ['aws', 'azure'] as const) {
    if (spec[kind] === undefined) continue;
    const of = type[kind] as { lambdaFunctions?: Array<{ logicalName?: string }>; functions?: Array<{ functionName?: string }> } | undefined;
    if (of === undefined) {
      add(`${at}.${kind}`, spec[kind], `an ${kind} call to an ${kind === 'aws' ? 'AWS' : 'Azure'} Upstream, but ${upstream.name} is not one`, 'gloo rejects the route');
      continue;
    }
    const name = kind === 'aws' ? spec.aws?.logicalName : spec.azure?.functionName;
    const listed = kind === 'aws' ? of.lambdaFunctions?.map(f => f.logicalName) : of.functions?.map(f => f.functionName);
    if (name !== undefined && listed !== undefined && !listed.includes(name)) {
      add(`${at}.${kind}.${kind === 'aws' ? 'logicalName' : 'functionName'}`, name, `a function ${upstream.name} lists: ${listed.join(', ')}`, 'gloo rejects the route (unknown function)');
    }
  }
}

/** A dynamic forward proxy's host: a host name or a header naming one, not both (a protobuf one-of). */
function checkForwardProxy(o: DynamicForwardProxyOptions, add: AddProblem): void {
  const at = 'routeAction.dynamicForwardProxy';
  if (typeof o !== 'object' || o === null) {
    add(at, o, 'options such as { hostRewrite: \'api.example.com\' }, or none');
    return;
  }
  checkKnownKeys(add, o, 'DynamicForwardProxyOptions', `${at}.`);
  if (o.hostRewrite !== undefined && o.hostFromHeader !== undefined) {
    add(`${at}.autoHostRewriteHeader`, o.hostFromHeader, 'no hostFromHeader together with hostRewrite', 'gloo takes one host rewrite (a protobuf one-of)');
  }
  if (o.hostRewrite !== undefined && !isHostHeader(o.hostRewrite)) add(`${at}.hostRewrite`, o.hostRewrite, 'a host name, optionally with a port');
  if (o.hostFromHeader !== undefined) {
    const why = whyInvalidHeaderName(o.hostFromHeader);
    if (why) add(`${at}.autoHostRewriteHeader`, o.hostFromHeader, why);
  }
}

/** Checks one destination; exported for the constructs that build routes. */
export function checkDestination(d: Destination, field: string, add: AddProblem): void {
  if (!(d instanceof Destination)) {
    const shape = plainShapeProblem(d, DESTINATION_KEYS, 'a Destination');
    add(field, d, shape?.expected ?? 'a Destination, such as Destination.upstream(upstream) or Destination.restFunction(upstream, \'findPets\')',
      shape?.hint ?? 'gloo rejects a destination with no type ("no destination type specified")');
    return;
  }
  if (d._problem) return addInputProblem(add, field, d._problem, destinationField);
  if (d.kube) {
    const serviceProblem = whyNotServiceName(d.kube.serviceName);
    if (serviceProblem) add(`${field}.kube.ref.name`, d.kube.serviceName, serviceProblem);
    const nsProblem = whyNotNamespace(d.kube.serviceNamespace);
    if (nsProblem) add(`${field}.kube.ref.namespace`, d.kube.serviceNamespace, nsProblem);
    const portProblem = whyNotPort(d.kube.port);
    if (portProblem) add(`${field}.kube.port`, d.kube.port, portProblem);
  }
  if (d.consul) checkConsul(d.consul, `${field}.consul`, add);
  if (d.destinationSpec !== undefined) {
    checkDestinationSpec(d.destinationSpec, `${field}.destinationSpec`, add);
    checkFunctionOfUpstream(d, `${field}.destinationSpec`, add);
  }
  const upstream = d.targetUpstream;
  if (d.subset !== undefined && upstream && (Upstream.isUpstream(upstream) || StaticUpstream.isStaticUpstream(upstream))) {
    const keys = Object.keys(d.subset).sort().join(',');
    const subsets = Upstream.isUpstream(upstream) ? upstream.subsets ?? [] : [];
    if (subsets.length === 0) {
      add(`${field}.subset`, d.subset, `an upstream with subsets, but upstream ${upstream.name} declares none`,
        'gloo warns and envoy ignores the subset: the requests would go to every pod; declare it in the Upstream\'s subsets');
    } else if (!subsets.some(s => [...s].sort().join(',') === keys)) {
      add(`${field}.subset`, d.subset, `labels with exactly the keys of one subset of upstream ${upstream.name}: ${subsets.map(s => `[${s.join(', ')}]`).join(' or ')}`,
        'gloo rejects the route ("none of the subsets in the upstream match it")');
    }
  }
  if (d.functionName !== undefined && upstream && Upstream.isUpstream(upstream)) {
    const known = upstream.functionNames ?? [];
    if (known.length === 0) {
      add(`${field}.destinationSpec.rest.functionName`, d.functionName, `an upstream with a REST spec, but upstream ${upstream.name} has no functions`,
        'gloo rejects the route ("does not have a rest service spec"); list the function in the Upstream\'s functions');
    } else if (!known.includes(d.functionName)) {
      add(`${field}.destinationSpec.rest.functionName`, d.functionName, `one of the functions of upstream ${upstream.name}: ${known.join(', ')}`,
        'gloo rejects the route ("unknown function")');
    }
  }
}

/** Checks a list of weighted destinations; exported for the constructs that build routes. */
/** Checks the options of one weighted destination, reported under `at`. */
export function checkWeightedDestinationBehavior(o: WeightedDestinationBehavior, at: string, add: AddProblem): void {
  if (typeof o !== 'object' || o === null) {
    add(at, o, 'options such as { headerManipulation: { ... } }');
    return;
  }
  checkKnownKeys(add, o, 'WeightedDestinationBehavior', `${at}.`);
  if (o.headerManipulation !== undefined) checkHeaderManipulation(o.headerManipulation, `${at}.headerManipulation`, add);
  if (o.csrf !== undefined) checkCsrf(o.csrf, `${at}.csrf`, add);
  if (o.extauth !== undefined) checkExtAuth(o.extauth, `${at}.extauth`, add, true);
  checkDestinationOptions(o as unknown as JsonObject, at, add);
}

export function checkWeightedDestinations(dests: WeightedDestination[], field: string, add: AddProblem): void {
  if (!Array.isArray(dests) || dests.length === 0) {
    add(field, dests, 'at least one weighted destination',
      'gloo rejects a multi destination with none ("must specify at least one weighted destination")');
    return;
  }
  let total = 0;
  let weightsValid = true;
  dests.forEach((d, i) => {
    checkKnownKeys(add, d, 'WeightedDestination', `${field}[${i}].`);
    if (!isValidWeight(d?.weight)) {
      weightsValid = false;
      add(`${field}[${i}].weight`, d?.weight, `an integer from 0 to ${RouteAction.MAX_WEIGHT}`, 'weights are uint32 ratios, not percentages');
    } else {
      total += d.weight;
    }
    checkDestination(d?.destination, `${field}[${i}].destination`, add);
    if (d?.options !== undefined) checkWeightedDestinationBehavior(d.options, `${field}[${i}].options`, add);
  });
  if (weightsValid && total < 1) {
    add(`${field}[*].weight`, total, `weights that add up to at least 1 (got ${dests.map(d => d.weight).join(' + ')})`,
      'gloo rejects a total weight below 1; weights are ratios, so 90 and 10 send 90% and 10%');
  }
  if (weightsValid && total > RouteAction.MAX_WEIGHT) {
    add(`${field}[*].weight`, total, `weights that add up to at most ${RouteAction.MAX_WEIGHT}`, 'envoy sums the weights into a uint32');
  }
}

/** Whether `w` is a weight Gloo accepts: an integer from 0 to 4294967295. */
export function isValidWeight(w: unknown): w is number {
  return typeof w === 'number' && Number.isInteger(w) && w >= 0 && w <= RouteAction.MAX_WEIGHT;
}

/**
 * Exclusive choices written as plain objects, as JavaScript callers (and the first API) write them:
 * each key, and the factory that makes the value object instead.
 */
const PATH_KEYS: { [key: string]: string } = { prefix: 'PathMatch.prefix', exact: 'PathMatch.exact', regex: 'PathMatch.regex' };
const ACTION_KEYS: { [key: string]: string } = {
  destination: 'RouteAction.forward',
  destinations: 'RouteAction.weightedForward',
  weightedDestinations: 'RouteAction.weightedForward',
  upstreamGroup: 'RouteAction.upstreamGroup',
  delegateTo: 'RouteAction.delegate',
  routeTable: 'RouteAction.delegate',
  directResponse: 'RouteAction.directResponse',
  directResponseAction: 'RouteAction.directResponse',
  redirect: 'RouteAction.redirect',
  redirectAction: 'RouteAction.redirect',
  clusterHeader: 'RouteAction.clusterHeader',
  dynamicForwardProxy: 'RouteAction.dynamicForwardProxy',
};
const DESTINATION_KEYS: { [key: string]: string } = { upstream: 'Destination.upstream', kube: 'Destination.kubeService' };

/**
 * What is wrong with a plain object given where a value object of an exclusive choice belongs:
 * two choices at once ("exactly one of prefix, exact, regex; got prefix and exact"), or one choice
 * written as an object instead of with its factory. `undefined` when it holds none of the choices.
 */
function plainShapeProblem(value: unknown, choices: { [key: string]: string }, what: string): { expected: string; hint: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const keys = Object.keys(choices);
  const given = keys.filter(k => (value as { [k: string]: unknown })[k] !== undefined);
  if (given.length === 0) return undefined;
  const factories = [...new Set(given.map(k => choices[k]))];
  if (given.length > 1) {
    return {
      expected: `exactly one of ${keys.join(', ')}; got ${given.slice(0, -1).join(', ')} and ${given[given.length - 1]}`,
      hint: `make ${what} with one of ${factories.join(', ')}`,
    };
  }
  return { expected: `${what}, made with ${factories[0]}(...)`, hint: `a plain { ${given[0]} } object is not ${what}` };
}

/** A matcher for a message, in Gloo's shape where its parts are the library's value objects. */
function describeMatcher(m: RouteMatcher): unknown {
  if (typeof m !== 'object' || m === null) return m;
  const { path, headers, ...rest } = m;
  const described: { [k: string]: unknown } = path instanceof PathMatch
    ? { [path.type]: path.value, caseSensitive: path.caseSensitive }
    : path === undefined ? {} : { path };
  return {
    ...described,
    ...rest,
    headers: headers?.map(h => (h instanceof HeaderMatch
      ? { name: h.name, value: h.value, regex: h.regex || undefined, invertMatch: h.inverted || undefined }
      : h)),
  };
}

function describeMirror(m: RouteProps['mirror']): unknown {
  return typeof m === 'object' && m !== null ? { upstream: m.upstream?.name, percent: m.percent } : m;
}
