import { CorsPolicy } from './cors';
import { CsrfPolicy } from './csrf';
import { GlooVirtualHostOptions } from './gloo-option-types.generated';
import { BasicRateLimits, RateLimitDescriptor } from './rate-limits';
import { HeaderManipulation, RetryPolicy } from './route-options';
import { brand, brandSymbol, hasBrand } from '../private/brand';

const EXT_AUTH_BRAND = brandSymbol('ExtAuth');

/** A reference to a Gloo object by name (an AuthConfig, a RateLimitConfig). */
export interface ConfigRef {
  /** Its name. */
  readonly name: string;
  /**
   * Its namespace.
   * @default - the namespace of the VirtualService
   */
  readonly namespace?: string;
}

/** A custom external authorization service (Gloo Enterprise's `extauth.customAuth`). */
export interface CustomExtAuthOptions {
  /**
   * Which of the services named in Gloo's settings (`namedExtauth`) checks the requests.
   * @default - the default one (`extauth` in Gloo's settings)
   */
  readonly name?: string;
  /**
   * Context sent with each check request to the service.
   * @default - none
   */
  readonly contextExtensions?: { [key: string]: string };
}

/**
 * External authentication of a VirtualHost or a route (Gloo Enterprise's `extauth`): the
 * AuthConfig that checks requests, a custom authorization service, or none.
 */
export class ExtAuth {
  /** Whether `x` is an ExtAuth; works across copies of the library. */
  public static isExtAuth(x: unknown): x is ExtAuth {
    return hasBrand(x, EXT_AUTH_BRAND);
  }

  /** Checks requests with the AuthConfig `ref` (`extauth.configRef`). */
  public static config(ref: ConfigRef): ExtAuth {
    return new ExtAuth(typeof ref === 'object' && ref !== null ? { ...ref } : ref, false);
  }

  /** Turns off the external authentication a VirtualHost (or a parent route) set (`extauth.disable: true`). */
  public static disabled(): ExtAuth {
    return new ExtAuth(undefined, true);
  }

  /**
   * Checks requests with a custom authorization service set up in Gloo's settings
   * (`extauth.customAuth`), rather than an AuthConfig.
   */
  public static custom(options: CustomExtAuthOptions = {}): ExtAuth {
    return new ExtAuth(undefined, false, typeof options === 'object' && options !== null ? { ...options } : options);
  }

  /** The AuthConfig, for `ExtAuth.config`. */
  public readonly configRef?: ConfigRef;
  /** Whether external authentication is turned off. */
  public readonly disable: boolean;
  /** The custom authorization service, for `ExtAuth.custom`. */
  public readonly customAuth?: CustomExtAuthOptions;

  private constructor(configRef: ConfigRef | undefined, disable: boolean, customAuth?: CustomExtAuthOptions) {
    this.configRef = configRef;
    this.disable = disable;
    this.customAuth = customAuth;
  }
}

brand(ExtAuth, EXT_AUTH_BRAND);

/**
 * How Gloo treats every request of a VirtualHost (Gloo's `virtualHost.options`). A route's own
 * options win over these where both say the same thing. The options typed by hand are here; the
 * others are as Gloo's CRD has them (`GlooVirtualHostOptions`).
 */
export interface VirtualHostBehavior extends GlooVirtualHostOptions {
  /**
   * Headers added to or removed from every request and response.
   * @default - headers are left as they are
   */
  readonly headerManipulation?: HeaderManipulation;
  /**
   * Retries for every route that sets none.
   * @default - no retries
   */
  readonly retries?: RetryPolicy;
  /**
   * The CORS policy of every route.
   * @default - no CORS headers
   */
  readonly cors?: CorsPolicy;
  /**
   * External authentication of every route (Gloo Enterprise).
   * @default - none
   */
  readonly extauth?: ExtAuth;
  /**
   * RateLimitConfigs applied to every request (Gloo Enterprise's `rateLimitConfigs.refs`).
   * @default - none
   */
  readonly rateLimitConfigs?: ConfigRef[];
  /**
   * Basic rate limits for anonymous and authorized clients (Gloo Enterprise's `ratelimitBasic`).
   * @default - none
   */
  readonly ratelimitBasic?: BasicRateLimits;
  /**
   * The descriptors every request yields for the rate-limit server (Gloo Enterprise's `ratelimit.rateLimits`).
   * @default - none
   */
  readonly rateLimits?: RateLimitDescriptor[];
  /**
   * Cross-site request forgery protection of every route.
   * @default - none
   */
  readonly csrf?: CsrfPolicy;
}
