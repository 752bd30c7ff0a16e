/**
 * The fields of Gloo manifests (and the workloads adoption keeps) that the simulator and adoption
 * read. The manifests come from elsewhere (synthesized, parsed YAML, `kubectl get -o yaml`), so
 * these shapes describe what is read, not what was checked: the code still tests what it relies on.
 * Produced objects are typed with the generated bindings in `src/imports/` instead.
 */

import { isObject, JsonObject } from '../private/json';

/** A JSON object whose fields are not known yet (`JsonObject`, under the name the readers use). */
export type Json = JsonObject;

/** Whether a value is a JSON object (not `null`, not an array): `isObject`. */
export const isJsonObject = isObject;

/** `metadata` of an object. */
export interface ObjectMetaShape {
  name: string;
  namespace?: string;
  labels?: { [key: string]: string };
  annotations?: { [key: string]: string };
  [key: string]: unknown;
}

/** A reference to an object: `name`, maybe `namespace`. */
export interface RefShape {
  name: string;
  namespace?: string;
}

/**
 * A header or query parameter condition of a matcher. Parsed YAML may hold `null` for a field; the
 * code reading these shapes takes `null` as unset (see `isSet`).
 */
export interface ConditionShape {
  readonly name: string;
  readonly value?: string;
  readonly regex?: boolean;
  readonly invertMatch?: boolean;
}

/** A route matcher (`matchers[]`); `null` fields are taken as unset, as for `ConditionShape`. */
export interface MatcherShape {
  readonly prefix?: string;
  readonly exact?: string;
  readonly regex?: string;
  readonly connectMatcher?: unknown;
  readonly caseSensitive?: boolean;
  readonly headers?: ConditionShape[];
  readonly queryParameters?: ConditionShape[];
  readonly methods?: string[];
}

/** The REST function a destination calls. */
export interface RestDestinationShape {
  functionName: string;
  parameters?: Json;
}

/** A destination: an Upstream, a Kubernetes Service, maybe a function and a subset. */
export interface DestinationShape {
  upstream?: RefShape;
  kube?: { ref?: RefShape; port?: number };
  consul?: { serviceName?: string; tags?: string[]; dataCenters?: string[] };
  destinationSpec?: { rest?: RestDestinationShape; aws?: unknown; azure?: unknown; grpc?: unknown };
  subset?: { values?: { [label: string]: string } };
}

/** A destination and its weight (`multi.destinations[]`, an UpstreamGroup's `destinations[]`). */
export interface WeightedDestinationShape {
  destination?: DestinationShape;
  weight?: number;
}

/** `routeAction`. */
export interface RouteActionShape {
  single?: DestinationShape;
  multi?: { destinations?: WeightedDestinationShape[] };
  upstreamGroup?: RefShape;
  clusterHeader?: string;
  dynamicForwardProxy?: { hostRewrite?: string; autoHostRewriteHeader?: string };
}

/** A label requirement of a RouteTable selector. */
export interface LabelExpressionShape {
  key: string;
  operator?: string | number;
  values?: string[];
}

/** `delegateAction.selector`. */
export interface RouteTableSelectorShape {
  namespaces?: string[];
  labels?: { [key: string]: string };
  expressions?: LabelExpressionShape[];
}

/** `delegateAction`: a `ref`, a `selector`, or the legacy `name`/`namespace`. */
export interface DelegateActionShape {
  name?: string | null;
  namespace?: string | null;
  ref?: RefShape;
  selector?: RouteTableSelectorShape;
}

/** `options.shadowing` of a route. */
export interface ShadowingShape {
  upstream: RefShape;
  percentage?: number;
  hostRewriteLiteral?: string;
  disableShadowHostSuffixAppend?: boolean;
}

/** `options` of a route; the options not named here are passed on as they are. */
export interface RouteOptionsShape {
  prefixRewrite?: string;
  shadowing?: ShadowingShape;
  [key: string]: unknown;
}

/** A route of a VirtualService or RouteTable. */
export interface RouteShape {
  name?: string | null;
  matchers?: MatcherShape[];
  inheritableMatchers?: boolean | null;
  inheritablePathMatchers?: boolean | null;
  routeAction?: RouteActionShape;
  delegateAction?: DelegateActionShape;
  directResponseAction?: DirectResponseActionShape;
  redirectAction?: RedirectActionShape;
  options?: RouteOptionsShape;
}

/** `directResponseAction`. */
export interface DirectResponseActionShape {
  status?: number;
  body?: string;
}

/** `redirectAction`. */
export interface RedirectActionShape {
  hostRedirect?: string;
  pathRedirect?: string;
  prefixRewrite?: string;
  httpsRedirect?: boolean;
  portRedirect?: number;
  responseCode?: string | number;
  stripQuery?: boolean;
  [key: string]: unknown;
}

/** `spec.kube` of an Upstream. */
export interface UpstreamKubeShape {
  serviceName?: string;
  serviceNamespace?: string;
  servicePort?: number;
  selector?: { [key: string]: string };
  serviceSpec?: unknown;
  [key: string]: unknown;
}

/** `spec` of the kinds read: the fields of each kind, all optional. */
export interface SpecShape {
  /** VirtualService. */
  virtualHost?: { domains?: string[]; routes?: RouteShape[]; [key: string]: unknown };
  displayName?: string;
  /** RouteTable. */
  routes?: RouteShape[];
  weight?: number;
  /** UpstreamGroup. */
  destinations?: WeightedDestinationShape[];
  /** Upstream. */
  kube?: UpstreamKubeShape;
  /** Service. */
  selector?: { [key: string]: string };
  /** Deployment. */
  template?: { metadata?: { labels?: { [key: string]: string } } };
  [key: string]: unknown;
}

/** An object with a kind and a name, as the simulator and adoption keep them. */
export interface ManifestShape {
  apiVersion?: string;
  kind: string;
  metadata: ObjectMetaShape;
  spec?: SpecShape;
  [key: string]: unknown;
}
