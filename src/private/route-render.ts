import { Destination, RouteMatcher, RouteProps } from '../gloo/route';

/** Renders a route in the Gloo 1.x shape. */
export function renderRoute(props: RouteProps): any {
  const options = props.options
    ? compact({ ...(props.options.extra ?? {}), prefixRewrite: props.options.prefixRewrite })
    : undefined;
  return {
    name: props.name,
    matchers: props.matchers?.map(renderMatcher),
    routeAction: renderRouteAction(props),
    delegateAction: props.delegateTo
      ? { ref: { name: props.delegateTo.name, namespace: props.delegateTo.namespace } }
      : undefined,
    options: options && Object.keys(options).length > 0 ? options : undefined,
  };
}

function renderRouteAction(props: RouteProps): any {
  if (props.destination) return { single: renderDestination(props.destination) };
  if (props.weightedDestinations) {
    return {
      multi: {
        destinations: props.weightedDestinations.map(d => ({ destination: renderDestination(d), weight: d.weight })),
      },
    };
  }
  if (props.upstreamGroup) return { upstreamGroup: { name: props.upstreamGroup.name, namespace: props.upstreamGroup.namespace } };
  return undefined;
}

/** Renders a destination (`upstream` or `kube`, plus `destinationSpec`). */
export function renderDestination(d: Destination): any {
  return {
    upstream: d.upstream ? { name: d.upstream.name, namespace: d.upstream.namespace } : undefined,
    kube: d.kube ? { ref: { name: d.kube.serviceName, namespace: d.kube.serviceNamespace }, port: d.kube.port } : undefined,
    destinationSpec: d.functionName !== undefined
      ? {
        rest: {
          functionName: d.functionName,
          parameters: compact({
            headers: d.parameters?.headers ? sortedCopy(d.parameters.headers) : undefined,
            path: d.parameters?.path,
          }),
        },
      }
      : undefined,
  };
}

function renderMatcher(m: RouteMatcher): any {
  return {
    prefix: m.prefix,
    exact: m.exact,
    regex: m.regex,
    caseSensitive: m.caseSensitive,
    headers: m.headers?.map(h => ({ name: h.name, value: h.value, regex: h.regex, invertMatch: h.invertMatch })),
    queryParameters: m.queryParameters?.map(q => ({ name: q.name, value: q.value, regex: q.regex })),
    methods: m.methods ? [...m.methods] : undefined,
  };
}

function sortedCopy(map: { [k: string]: string }): { [k: string]: string } {
  const out: { [k: string]: string } = {};
  for (const k of Object.keys(map).sort()) out[k] = map[k];
  return out;
}

function compact(obj: { [k: string]: any }): { [k: string]: any } {
  const out: { [k: string]: any } = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out;
}
