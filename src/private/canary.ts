import { AddProblem } from './route-checks';
import { CanaryHeader, HeaderMatchType } from '../canary/canary-header';
import { HeaderMatcher } from '../gloo/route';
import { whyInvalidHeaderName } from '../validation/header-rules';

/** The header matcher a canary header renders to. */
export function canaryHeaderMatcher(header: CanaryHeader): HeaderMatcher {
  const match = header.match ?? HeaderMatchType.EXACT;
  if (match === HeaderMatchType.PRESENT) return { name: header.name };
  return { name: header.name, value: header.value ?? 'true', regex: match === HeaderMatchType.REGEX ? true : undefined };
}

/**
 * The one rule for the canary header of `CanaryRoute` and `CanaryRelease`: an HTTP token as name,
 * a known match type, no value with `PRESENT` (it would be ignored), and no empty value.
 *
 * @param header the header as given (`undefined` for the default `x-canary: true`)
 * @param presenceAllowed whether `HeaderMatchType.PRESENT` may be used; when not, the hint names the opt-in
 */
export function checkCanaryHeader(header: CanaryHeader | undefined, presenceAllowed: boolean, add: AddProblem): void {
  if (header === undefined) return;
  if (typeof header !== 'object' || header === null) {
    add('header', header, 'a header such as { name: "x-canary", value: "s3cr3t" }');
    return;
  }
  const nameProblem = whyInvalidHeaderName(header.name);
  if (nameProblem) add('header.name', header.name, nameProblem);
  const matchTypes = Object.values(HeaderMatchType) as string[];
  if (header.match !== undefined && !matchTypes.includes(header.match)) {
    add('header.match', header.match, `one of the HeaderMatchType values: ${matchTypes.join(', ')}`);
  }
  if (header.match === HeaderMatchType.PRESENT) {
    if (!presenceAllowed) {
      add('header.match', header.match, 'a header matched by value (EXACT or REGEX)',
        'any client can send a header; matching mere presence lets anyone opt into the canary. Set allowHeaderPresenceMatch: true if that is meant');
    }
    if (header.value !== undefined) {
      add('header.value', header.value, 'no value with HeaderMatchType.PRESENT', 'use HeaderMatchType.EXACT to match a value');
    }
  } else if (header.value !== undefined && typeof header.value !== 'string') {
    add('header.value', header.value, 'a string value');
  } else if (header.value === '') {
    add('header.value', header.value, 'a non-empty value',
      'an empty value would match any request that has the header; say HeaderMatchType.PRESENT if that is meant');
  }
}

/**
 * The canary and stable weights of a percentage: integers that add up to 100, or to 1000, 10000,
 * ... when the percentage has decimals (0.5% → 5 and 995), since Gloo weights are ratios.
 */
export function canaryWeights(percent: number): { canary: number; stable: number } {
  let scale = 1;
  while (!Number.isInteger(Math.round(percent * scale * 1e6) / 1e6) && scale < 10000) scale *= 10;
  const canary = Math.round(percent * scale);
  return { canary, stable: 100 * scale - canary };
}
