import { InputProblem } from './input-problem';
import { brand, brandSymbol, hasBrand } from '../private/brand';
import { firstUnknownKey } from '../private/unknown-keys';

const PATH_MATCH_BRAND = brandSymbol('PathMatch');

/** How a route matcher matches the request path. */
export enum PathMatchType {
  /** The path starts with the value (a character prefix: `/find` matches `/findPets`). */
  PREFIX = 'prefix',
  /** The path is exactly the value (the query string is not part of it). */
  EXACT = 'exact',
  /** An RE2 regular expression matches the whole path (the query string is not part of it). */
  REGEX = 'regex',
}

/** Options of a path match. */
export interface PathMatchOptions {
  /**
   * Whether the path is matched case-sensitively.
   * @default true
   */
  readonly caseSensitive?: boolean;
}

/**
 * How a route matches the request path: by prefix, exactly, or by an RE2 regular expression.
 * Every matcher of a Gloo route has exactly one, so the type requires it.
 */
export class PathMatch {
  /** Whether `x` is a path match; works across copies of the library. */
  public static isPathMatch(x: unknown): x is PathMatch {
    return hasBrand(x, PATH_MATCH_BRAND);
  }

  /** Paths that start with `prefix`, e.g. `/findPets` (which also matches `/findPetsx`: a character prefix). */
  public static prefix(prefix: string, options: PathMatchOptions = {}): PathMatch {
    return new PathMatch(PathMatchType.PREFIX, prefix, options, startsWithSlash('prefix', prefix));
  }

  /** Exactly the path `path`, e.g. `/healthz`. */
  public static exact(path: string, options: PathMatchOptions = {}): PathMatch {
    return new PathMatch(PathMatchType.EXACT, path, options, startsWithSlash('exact', path));
  }

  /**
   * Paths that the RE2 regular expression `regex` matches as a whole, e.g. `/pets/[0-9]+`. A regex
   * is always case sensitive (Envoy ignores `case_sensitive` for regex matches): write `(?i)` in
   * the regex to ignore case.
   */
  public static regex(regex: string, options: PathMatchOptions = {}): PathMatch {
    const problem = typeof regex !== 'string' || regex.length === 0
      ? { field: 'regex', given: regex, expected: 'a non-empty RE2 regular expression' }
      : options.caseSensitive === false
        ? { field: 'caseSensitive', given: false, expected: 'no caseSensitive on a regex match', hint: 'envoy ignores case_sensitive for regex matches; start the regex with (?i) to ignore case' }
        : undefined;
    return new PathMatch(PathMatchType.REGEX, regex, options, problem);
  }

  /** How the path is matched. */
  public readonly type: PathMatchType;
  /** The prefix, the exact path or the regular expression. */
  public readonly value: string;
  /** Whether the match is case sensitive; unset leaves Gloo's default (true). */
  public readonly caseSensitive?: boolean;
  /** @internal a problem found when the match was made; the route reports it with its path */
  public readonly _problem?: InputProblem;

  private constructor(type: PathMatchType, value: string, options: PathMatchOptions, problem?: InputProblem) {
    this.type = type;
    this.value = value;
    this.caseSensitive = options.caseSensitive;
    this._problem = problem ?? firstUnknownKey(options, 'PathMatchOptions');
  }
}

brand(PathMatch, PATH_MATCH_BRAND);


function startsWithSlash(field: string, path: string): InputProblem | undefined {
  return typeof path !== 'string' || !path.startsWith('/')
    ? { field, given: path, expected: 'a path that starts with "/"' }
    : undefined;
}
