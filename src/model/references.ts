import { IConstruct } from 'constructs';

/**
 * A Gloo Upstream: a destination that routes can send traffic to.
 */
export interface IUpstream extends IConstruct {
  /** The Upstream's `metadata.name`. */
  readonly name: string;
  /** The Upstream's `metadata.namespace`. */
  readonly namespace: string;
  /**
   * The REST functions this Upstream offers, sorted by name.
   *
   * `undefined` when the Upstream is defined outside the app (`Upstream.fromUpstreamName`), so its
   * functions cannot be checked at synth time.
   */
  readonly functionNames?: string[];
}

/** A Gloo UpstreamGroup: weighted destinations that several routes can share. */
export interface IUpstreamGroup extends IConstruct {
  /** The UpstreamGroup's `metadata.name`. */
  readonly name: string;
  /** The UpstreamGroup's `metadata.namespace`. */
  readonly namespace: string;
}

/** A Gloo RouteTable. */
export interface IRouteTable extends IConstruct {
  /** The RouteTable's `metadata.name`. */
  readonly name: string;
  /** The RouteTable's `metadata.namespace`. */
  readonly namespace?: string;
}

/** A Gloo VirtualService. */
export interface IVirtualService extends IConstruct {
  /** The VirtualService's `metadata.name`. */
  readonly name: string;
  /**
   * The VirtualService's `metadata.namespace`.
   * @default - the namespace of the chart, if any
   */
  readonly namespace?: string;
}
