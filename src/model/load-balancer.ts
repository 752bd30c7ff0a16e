import { InputProblem } from './input-problem';
import { brand, brandSymbol, hasBrand } from '../private/brand';
import { firstUnknownKey } from '../private/unknown-keys';

const LOAD_BALANCER_BRAND = brandSymbol('LoadBalancer');

/** How Envoy picks an endpoint of an Upstream. */
export enum LoadBalancerType {
  /** In turn (Envoy's default). */
  ROUND_ROBIN = 'roundRobin',
  /** The endpoint with the fewest active requests among a few picked at random. */
  LEAST_REQUEST = 'leastRequest',
  /** At random. */
  RANDOM = 'random',
  /** By a hash of the request, on a ring (consistent hashing; a route's `hashPolicies` say what is hashed). */
  RING_HASH = 'ringHash',
  /** By a hash of the request, with Maglev (consistent hashing; a route's `hashPolicies` say what is hashed). */
  MAGLEV = 'maglev',
}

/** Options of a ring-hash load balancer. */
export interface RingHashOptions {
  /**
   * The smallest ring, in entries.
   * @default - Envoy's (1024)
   */
  readonly minimumRingSize?: number;
  /**
   * The largest ring, in entries.
   * @default - Envoy's (8M)
   */
  readonly maximumRingSize?: number;
}

/** Options of a least-request load balancer. */
export interface LeastRequestOptions {
  /**
   * How many endpoints are compared per pick.
   * @default 2 - Envoy's
   */
  readonly choiceCount?: number;
}

/** The load-balancing policy of an Upstream (Gloo's `loadBalancerConfig`): one, made with a factory. */
export class LoadBalancer {
  /** Whether `x` is a load balancer; works across copies of the library. */
  public static isLoadBalancer(x: unknown): x is LoadBalancer {
    return hasBrand(x, LOAD_BALANCER_BRAND);
  }

  /** Round robin. */
  public static roundRobin(): LoadBalancer {
    return new LoadBalancer(LoadBalancerType.ROUND_ROBIN, {});
  }

  /** Least request. */
  public static leastRequest(options: LeastRequestOptions = {}): LoadBalancer {
    return new LoadBalancer(LoadBalancerType.LEAST_REQUEST, { choiceCount: options?.choiceCount }, options);
  }

  /** Random. */
  public static random(): LoadBalancer {
    return new LoadBalancer(LoadBalancerType.RANDOM, {});
  }

  /** Ring hash (for session affinity with the routes' `hashPolicies`). */
  public static ringHash(options: RingHashOptions = {}): LoadBalancer {
    const sizes = { minimumRingSize: options?.minimumRingSize, maximumRingSize: options?.maximumRingSize };
    return new LoadBalancer(LoadBalancerType.RING_HASH, sizes, options);
  }

  /** Maglev (for session affinity with the routes' `hashPolicies`). */
  public static maglev(): LoadBalancer {
    return new LoadBalancer(LoadBalancerType.MAGLEV, {});
  }

  /** The policy. */
  public readonly type: LoadBalancerType;
  /** Endpoints compared per pick, for least request. */
  public readonly choiceCount?: number;
  /** The smallest ring, for ring hash. */
  public readonly minimumRingSize?: number;
  /** The largest ring, for ring hash. */
  public readonly maximumRingSize?: number;
  /** @internal what is wrong with the options given, reported by the Upstream that uses it */
  public readonly _problem?: InputProblem;

  private constructor(type: LoadBalancerType, o: { choiceCount?: number; minimumRingSize?: number; maximumRingSize?: number }, given?: unknown) {
    this._problem = given === undefined ? undefined
      : firstUnknownKey(given, type === LoadBalancerType.RING_HASH ? 'RingHashOptions' : 'LeastRequestOptions');
    this.type = type;
    this.choiceCount = o.choiceCount;
    this.minimumRingSize = o.minimumRingSize;
    this.maximumRingSize = o.maximumRingSize;
  }
}

brand(LoadBalancer, LOAD_BALANCER_BRAND);
