import { whyInvalidHeaderName } from '../model/header-rules';
import { BasicRateLimits, RateLimitAction, RateLimitActionType, RateLimitDescriptor, RateLimitUnit } from '../model/rate-limits';
import { ConfigRef, CustomExtAuthOptions, ExtAuth } from '../model/virtual-host-options';
import { AddProblem } from '../private/errors';
import { whyNotNamespace, whyNotObjectName } from '../private/names';
import { checkKnownKeys } from '../private/unknown-keys';

/**
 * The checks of Gloo Enterprise's options that a VirtualHost and a route share (external
 * authentication, rate limits) and of references to other Gloo objects. A route's references need
 * a namespace: a route does not know the namespace of the VirtualService or RouteTable it ends up in.
 */

/** Checks an `ExtAuth`, reported under `at`. */
export function checkExtAuth(e: ExtAuth, at: string, add: AddProblem, needsNamespace: boolean): void {
  if (!ExtAuth.isExtAuth(e)) add(at, e, 'an ExtAuth: ExtAuth.config({ name, namespace }), ExtAuth.custom({ name }) or ExtAuth.disabled()');
  else if (e.customAuth !== undefined) checkCustomAuth(e.customAuth, `${at}.customAuth`, add);
  else if (!e.disable) checkRef(e.configRef, `${at}.configRef`, add, needsNamespace);
}

function checkCustomAuth(c: CustomExtAuthOptions, at: string, add: AddProblem): void {
  if (typeof c !== 'object' || c === null) {
    add(at, c, 'options such as { name: \'my-authz\' }');
    return;
  }
  checkKnownKeys(add, c, 'CustomExtAuthOptions', `${at}.`);
  if (c.name !== undefined && (typeof c.name !== 'string' || c.name === '')) {
    add(`${at}.name`, c.name, 'the name of an authorization service in Gloo\'s settings (namedExtauth)');
  }
  const ext = c.contextExtensions;
  if (ext !== undefined && (typeof ext !== 'object' || ext === null || Array.isArray(ext) || !Object.values(ext).every(v => typeof v === 'string'))) {
    add(`${at}.contextExtensions`, ext, 'a map of strings');
  }
}

/** Checks basic rate limits, reported under `at`. */
export function checkBasicRateLimits(b: BasicRateLimits, at: string, add: AddProblem): void {
  if (typeof b !== 'object' || b === null) {
    add(at, b, 'basic rate limits such as { anonymousLimits: { requestsPerUnit: 100, unit: RateLimitUnit.MINUTE } }');
    return;
  }
  checkKnownKeys(add, b, 'BasicRateLimits', `${at}.`);
  if (b.anonymousLimits === undefined && b.authorizedLimits === undefined) add(at, b, 'anonymousLimits, authorizedLimits or both');
  for (const field of ['anonymousLimits', 'authorizedLimits'] as const) {
    const l = b[field];
    if (l === undefined) continue;
    checkKnownKeys(add, l, 'RateLimit', `${at}.${field}.`);
    if (!(Number.isInteger(l?.requestsPerUnit) && l.requestsPerUnit >= 0 && l.requestsPerUnit <= 4294967295)) {
      add(`${at}.${field}.requestsPerUnit`, l?.requestsPerUnit, 'a whole number of requests from 0 to 4294967295');
    }
    if (!Object.values(RateLimitUnit).includes(l?.unit)) add(`${at}.${field}.unit`, l?.unit, `a RateLimitUnit: ${Object.values(RateLimitUnit).join(', ')}`);
  }
}

/** Checks rate-limit descriptors, reported under `at` (`at[0].actions[1]`, ...). */
export function checkRateLimits(descriptors: RateLimitDescriptor[], at: string, add: AddProblem): void {
  if (!Array.isArray(descriptors)) {
    add(at, descriptors, 'a list of descriptors { actions: [RateLimitAction.remoteAddress()] }');
    return;
  }
  descriptors.forEach((d, i) => {
    const field = `${at}[${i}]`;
    if (typeof d !== 'object' || d === null) return add(field, d, 'a descriptor { actions } or { setActions }');
    checkKnownKeys(add, d, 'RateLimitDescriptor', `${field}.`);
    if (!(d.actions?.length || d.setActions?.length)) add(field, d, 'a descriptor with actions or setActions', 'a descriptor without entries never matches a limit');
    for (const list of ['actions', 'setActions'] as const) {
      const actions = d[list];
      if (actions === undefined) continue;
      if (!Array.isArray(actions)) {
        add(`${field}.${list}`, actions, 'a list of RateLimitActions');
        continue;
      }
      actions.forEach((a, j) => checkRateLimitAction(a, `${field}.${list}[${j}]`, add));
    }
  });
}

function checkRateLimitAction(a: RateLimitAction, at: string, add: AddProblem): void {
  if (!RateLimitAction.isRateLimitAction(a)) {
    add(at, a, 'a RateLimitAction: RateLimitAction.requestHeader(header, key), remoteAddress(), genericKey(value), sourceCluster() or destinationCluster()');
    return;
  }
  if (a.type === RateLimitActionType.REQUEST_HEADER) {
    const why = whyInvalidHeaderName(a.headerName!);
    if (why) add(`${at}.requestHeaders.headerName`, a.headerName, why);
    if (!(typeof a.descriptorKey === 'string' && a.descriptorKey.length > 0)) add(`${at}.requestHeaders.descriptorKey`, a.descriptorKey, 'a non-empty descriptor key');
  }
  if (a.type === RateLimitActionType.GENERIC_KEY && !(typeof a.descriptorValue === 'string' && a.descriptorValue.length > 0)) {
    add(`${at}.genericKey.descriptorValue`, a.descriptorValue, 'a non-empty descriptor value', 'envoy rejects an empty one');
  }
}

/** Checks a list of references, reported under `at` (`at[0].name`, ...). */
export function checkRefList(refs: ConfigRef[], at: string, add: AddProblem, needsNamespace: boolean): void {
  if (!Array.isArray(refs)) {
    add(at, refs, 'a list of references { name, namespace }');
    return;
  }
  refs.forEach((r, i) => checkRef(r, `${at}[${i}]`, add, needsNamespace));
}

/** Checks a reference, reported under `at`. */
export function checkRef(r: ConfigRef | undefined, at: string, add: AddProblem, needsNamespace: boolean): void {
  if (typeof r !== 'object' || r === null) {
    add(at, r, 'a reference { name, namespace }');
    return;
  }
  checkKnownKeys(add, r, 'ConfigRef', `${at}.`);
  const nameProblem = whyNotObjectName(r.name);
  if (nameProblem) add(`${at}.name`, r.name, nameProblem);
  if (r.namespace === undefined && needsNamespace) add(`${at}.namespace`, r.namespace, 'the namespace of the object', 'a route does not know the namespace of the VirtualService it ends up in');
  if (r.namespace !== undefined) {
    const nsProblem = whyNotNamespace(r.namespace);
    if (nsProblem) add(`${at}.namespace`, r.namespace, nsProblem);
  }
}
