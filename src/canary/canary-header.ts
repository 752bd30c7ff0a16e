import { HeaderMatch } from '../model/header-match';
import { whyInvalidHeaderName } from '../model/header-rules';
import { AddProblem } from '../private/errors';
import { checkKnownKeys } from '../private/unknown-keys';

/** How a header canary recognizes the requests that go to the canary. */
export enum HeaderMatchType {
  /** The header must have exactly the given value. */
  EXACT = 'exact',
  /** The header value must match the given RE2 regular expression as a whole. */
  REGEX = 'regex',
  /**
   * The header only has to be present, whatever its value. Any client can send it, so prefer a
   * secret value with `EXACT`.
   */
  PRESENT = 'present',
}

/** The header that sends a request to the canary. */
export interface CanaryHeader {
  /** The header name, e.g. `x-canary`. */
  readonly name: string;
  /**
   * The value (for `EXACT`) or RE2 pattern (for `REGEX`).
   * @default 'true'
   */
  readonly value?: string;
  /**
   * How the header is matched.
   * @default HeaderMatchType.EXACT
   */
  readonly match?: HeaderMatchType;
}


/** The canary header as given, with its defaults: `x-canary`, matched exactly, value `true` when unset. */
export function withHeaderDefaults(header: CanaryHeader | undefined): CanaryHeader {
  return { name: header?.name ?? 'x-canary', value: header?.value, match: header?.match };
}

/** The header condition a canary header stands for. */
export function canaryHeaderMatcher(header: CanaryHeader): HeaderMatch {
  const match = header.match ?? HeaderMatchType.EXACT;
  if (match === HeaderMatchType.PRESENT) return HeaderMatch.isPresent(header.name);
  if (match === HeaderMatchType.REGEX) return HeaderMatch.valueMatchesRegex(header.name, header.value ?? 'true');
  return HeaderMatch.valueIs(header.name, header.value ?? 'true');
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
  checkKnownKeys(add, header, 'CanaryHeader', 'header.');
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
