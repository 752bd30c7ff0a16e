/**
 * The apiVersion and kind of each Gloo resource this library renders.
 *
 * The generated bindings in src/imports/ carry the same constants (`Upstream.GVK`, ...), but importing
 * a value from them loads megabytes of JavaScript; the L2 constructs use only their types
 * (`import type`) and take these constants instead. A unit test checks both agree. Each constant is
 * shaped like the binding's class (`GlooUpstream.GVK`), so the constructs read the same either way.
 */

/** The apiVersion and kind of a Kubernetes resource type, as cdk8s `ApiObject` props take them. */
export interface GroupVersionKind {
  readonly apiVersion: string;
  readonly kind: string;
}

function gvk(apiVersion: string, kind: string): { readonly GVK: GroupVersionKind } {
  return Object.freeze({ GVK: Object.freeze({ apiVersion, kind }) });
}

/** Gloo's `Upstream`. */
export const GlooUpstream = gvk('gloo.solo.io/v1', 'Upstream');
/** Gloo's `UpstreamGroup`. */
export const GlooUpstreamGroup = gvk('gloo.solo.io/v1', 'UpstreamGroup');
/** Gloo's `VirtualService`. */
export const GlooVirtualService = gvk('gateway.solo.io/v1', 'VirtualService');
/** Gloo's `RouteTable`. */
export const GlooRouteTable = gvk('gateway.solo.io/v1', 'RouteTable');
/** Gateway API's `Gateway`. */
export const GatewayGateway = gvk('gateway.networking.k8s.io/v1', 'Gateway');
/** Gateway API's `HTTPRoute`. */
export const GatewayHttpRoute = gvk('gateway.networking.k8s.io/v1', 'HTTPRoute');
/**
 * Gateway API's `ReferenceGrant`, at `v1beta1`: the version every Gateway API release since v0.6
 * serves (v1.6.1 serves `v1` too, but stores `v1beta1`).
 */
export const GatewayReferenceGrant = gvk('gateway.networking.k8s.io/v1beta1', 'ReferenceGrant');
