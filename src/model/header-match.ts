import { InputProblem } from './input-problem';
import { brand, brandSymbol, hasBrand } from '../private/brand';

const HEADER_MATCH_BRAND = brandSymbol('HeaderMatch');

/**
 * A condition on one request header. Header names are case-insensitive HTTP tokens.
 *
 * @see https://docs.solo.io/gloo-edge/latest/reference/api/github.com/solo-io/gloo/projects/gloo/api/v1/core/matchers/matchers.proto.sk/
 */
export class HeaderMatch {
  /** Whether `x` is a header match; works across copies of the library. */
  public static isHeaderMatch(x: unknown): x is HeaderMatch {
    return hasBrand(x, HEADER_MATCH_BRAND);
  }

  /** The header has exactly this value. */
  public static valueIs(name: string, value: string): HeaderMatch {
    return new HeaderMatch(name, value, false, false, true);
  }

  /** The header's value is matched as a whole by the RE2 regular expression `regex`. */
  public static valueMatchesRegex(name: string, regex: string): HeaderMatch {
    return new HeaderMatch(name, regex, true, false, true);
  }

  /** The header is present, whatever its value. */
  public static isPresent(name: string): HeaderMatch {
    return new HeaderMatch(name, undefined, false, false, false);
  }

  /** The header is absent, or has another value than `value` (Gloo's `invertMatch`). */
  public static valueIsNot(name: string, value: string): HeaderMatch {
    return new HeaderMatch(name, value, false, true, true);
  }

  /** The header is absent, or its value does not match `regex`. */
  public static valueDoesNotMatchRegex(name: string, regex: string): HeaderMatch {
    return new HeaderMatch(name, regex, true, true, true);
  }

  /** The header is absent. */
  public static isAbsent(name: string): HeaderMatch {
    return new HeaderMatch(name, undefined, false, true, false);
  }

  /** The header name. */
  public readonly name: string;
  /** The value, or the regular expression; unset for a presence or absence condition. */
  public readonly value?: string;
  /** Whether `value` is an RE2 regular expression. */
  public readonly regex: boolean;
  /** Whether the condition is inverted. */
  public readonly inverted: boolean;
  /** @internal a problem found when the match was made; the route reports it with its path */
  public readonly _problem?: InputProblem;

  private constructor(name: string, value: string | undefined, regex: boolean, inverted: boolean, valueRequired: boolean) {
    this.name = name;
    this.value = value;
    this.regex = regex;
    this.inverted = inverted;
    if (typeof name !== 'string' || name.length === 0) {
      this._problem = { field: 'name', given: name, expected: 'a non-empty header name' };
    } else if (valueRequired && (typeof value !== 'string' || value.length === 0)) {
      this._problem = {
        field: 'value',
        given: value,
        expected: regex ? 'a non-empty RE2 regular expression' : 'a non-empty value',
        hint: 'to match any value, use HeaderMatch.isPresent()',
      };
    }
  }
}

brand(HeaderMatch, HEADER_MATCH_BRAND);

