import { InputProblem } from './input-problem';
import { brand, brandSymbol, hasBrand } from '../private/brand';

const QUERY_PARAMETER_MATCH_BRAND = brandSymbol('QueryParameterMatch');

/** A condition on one query parameter of the request. Parameter names are case-sensitive. */
export class QueryParameterMatch {
  /** Whether `x` is a query parameter match; works across copies of the library. */
  public static isQueryParameterMatch(x: unknown): x is QueryParameterMatch {
    return hasBrand(x, QUERY_PARAMETER_MATCH_BRAND);
  }

  /** The parameter has exactly this value. */
  public static valueIs(name: string, value: string): QueryParameterMatch {
    return new QueryParameterMatch(name, value, false, true);
  }

  /** The parameter's value is matched as a whole by the RE2 regular expression `regex`. */
  public static valueMatchesRegex(name: string, regex: string): QueryParameterMatch {
    return new QueryParameterMatch(name, regex, true, true);
  }

  /** The parameter is present, whatever its value. */
  public static isPresent(name: string): QueryParameterMatch {
    return new QueryParameterMatch(name, undefined, false, false);
  }

  /** The parameter name. */
  public readonly name: string;
  /** The value, or the regular expression; unset for a presence condition. */
  public readonly value?: string;
  /** Whether `value` is an RE2 regular expression. */
  public readonly regex: boolean;
  /** @internal a problem found when the match was made; the route reports it with its path */
  public readonly _problem?: InputProblem;

  private constructor(name: string, value: string | undefined, regex: boolean, valueRequired: boolean) {
    this.name = name;
    this.value = value;
    this.regex = regex;
    if (typeof name !== 'string' || name.length === 0) {
      this._problem = { field: 'name', given: name, expected: 'a non-empty parameter name' };
    } else if (valueRequired && (typeof value !== 'string' || value.length === 0)) {
      this._problem = { field: 'value', given: value, expected: regex ? 'a non-empty RE2 regular expression' : 'a non-empty value' };
    }
  }
}

brand(QueryParameterMatch, QUERY_PARAMETER_MATCH_BRAND);

