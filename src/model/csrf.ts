import { brand, brandSymbol, hasBrand } from '../private/brand';

const ORIGIN_MATCH_BRAND = brandSymbol('OriginMatch');

/** How an origin is compared. */
export enum OriginMatchType {
  /** Equal. */
  EXACT = 'exact',
  /** Starts with. */
  PREFIX = 'prefix',
  /** Ends with. */
  SUFFIX = 'suffix',
  /** Matches an RE2 regular expression in full. */
  REGEX = 'regex',
}

/** An origin the CSRF filter accepts besides the request's own host. */
export class OriginMatch {
  /** Whether `x` is an origin match; works across copies of the library. */
  public static isOriginMatch(x: unknown): x is OriginMatch {
    return hasBrand(x, ORIGIN_MATCH_BRAND);
  }

  /** Origins equal to `value`. */
  public static exact(value: string): OriginMatch {
    return new OriginMatch(OriginMatchType.EXACT, value);
  }

  /** Origins that start with `value`. */
  public static prefix(value: string): OriginMatch {
    return new OriginMatch(OriginMatchType.PREFIX, value);
  }

  /** Origins that end with `value`, e.g. `example.com`. */
  public static suffix(value: string): OriginMatch {
    return new OriginMatch(OriginMatchType.SUFFIX, value);
  }

  /** Origins the RE2 regular expression `value` matches in full. */
  public static regex(value: string): OriginMatch {
    return new OriginMatch(OriginMatchType.REGEX, value);
  }

  /** How the origin is compared. */
  public readonly type: OriginMatchType;
  /** What it is compared with. */
  public readonly value: string;

  private constructor(type: OriginMatchType, value: string) {
    this.type = type;
    this.value = value;
  }
}

brand(OriginMatch, ORIGIN_MATCH_BRAND);

/**
 * Cross-site request forgery protection (Gloo's `csrf`): requests that change state must come
 * from the request's own origin or one of `additionalOrigins`.
 */
export interface CsrfPolicy {
  /**
   * The share of requests the filter checks and refuses when they fail, in whole percent.
   * @default - none is refused
   */
  readonly enforcedPercent?: number;
  /**
   * The share of requests the filter checks without refusing them (failures only counted), in whole percent.
   * @default - none is checked in shadow mode
   */
  readonly shadowPercent?: number;
  /**
   * Origins accepted besides the request's own.
   * @default - only the request's own origin
   */
  readonly additionalOrigins?: OriginMatch[];
}
