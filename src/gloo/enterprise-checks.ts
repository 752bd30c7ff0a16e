import { BasicRateLimits, RateLimitUnit } from '../model/rate-limits';
import { ConfigRef, ExtAuth } from '../model/virtual-host-options';
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
  if (!ExtAuth.isExtAuth(e)) add(at, e, 'an ExtAuth: ExtAuth.config({ name, namespace }) or ExtAuth.disabled()');
  else if (!e.disable) checkRef(e.configRef, `${at}.configRef`, add, needsNamespace);
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
