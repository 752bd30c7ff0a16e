/** Cross-origin resource sharing: which other origins' pages may call the routes (Gloo's `cors`). */
export interface CorsPolicy {
  /**
   * Origins allowed, exactly as browsers send them (`https://shop.example.com`). Gloo needs at
   * least one origin here or in `allowOriginRegex`.
   * @default - none
   */
  readonly allowOrigin?: string[];
  /**
   * Origins allowed, as RE2 regular expressions.
   * @default - none
   */
  readonly allowOriginRegex?: string[];
  /**
   * Methods allowed, e.g. `GET`, `POST`.
   * @default - the browser's simple methods
   */
  readonly allowMethods?: string[];
  /**
   * Request headers allowed.
   * @default - none
   */
  readonly allowHeaders?: string[];
  /**
   * Response headers the page may read.
   * @default - none
   */
  readonly exposeHeaders?: string[];
  /**
   * How long, in whole seconds, a browser may cache the answer to a preflight request.
   * @default - the browser's default
   */
  readonly maxAgeSeconds?: number;
  /**
   * Whether the page may send credentials (cookies, authorization).
   * @default false
   */
  readonly allowCredentials?: boolean;
  /**
   * On a route: turn off the VirtualHost's CORS policy for this route.
   * @default false
   */
  readonly disableForRoute?: boolean;
}
