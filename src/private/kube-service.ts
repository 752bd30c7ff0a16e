import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

/** A Kubernetes Service found behind a construct, or why there is none. */
export type KubeServiceLookup = { readonly apiObject: ApiObject } | { readonly problem: string };

/**
 * The v1 Service ApiObject behind `service`: a cdk8s-plus Service of any major (its default child),
 * a `KubeService`, or a plain `ApiObject` of kind Service. Works across copies of cdk8s, since
 * `ApiObject.of` recognizes ApiObjects by a shared symbol.
 */
export function lookUpKubeService(service: IConstruct): KubeServiceLookup {
  let apiObject: ApiObject;
  try {
    apiObject = ApiObject.of(service);
  } catch {
    return { problem: 'a v1 Service, or a construct whose default child is one (this one has no default child)' };
  }
  if (apiObject.apiVersion !== 'v1' || apiObject.kind !== 'Service') {
    return { problem: `a v1 Service (a cdk8s-plus Service, a KubeService or an ApiObject of kind Service), not kind ${apiObject.kind} (${apiObject.apiVersion})` };
  }
  return { apiObject };
}

/** The ports of a Service ApiObject as rendered now: `spec.ports[*].port`. */
export function servicePorts(service: ApiObject): number[] {
  const ports: unknown = service.toJson()?.spec?.ports;
  return Array.isArray(ports) ? ports.map(p => p?.port) : [];
}
