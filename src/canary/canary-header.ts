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
