import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { GlooResource } from './gloo-resource';
import { GLOO_SYSTEM_NAMESPACE, ImportedResource, ImportedResourceOptions, ImportedUpstreamOptions } from './imported-resource';
import { checkServiceSpec, renderOneOf } from './pass-through-options';
import { keepOutOfOutput, routeOutputOf } from './route-output';
import { sortedCopy } from './route-render';
import { checkUpstreamSettings, renderUpstreamSettings } from './upstream-options';
import type {
  UpstreamSpec,
  UpstreamSpecKubeServiceSpecRestTransformations as Transformation,
  UpstreamSpecKubeServiceSpecRestTransformationsHeaders as InjaTemplate,
} from '../imports/gloo.solo.io';
import type { KubeServiceDestination } from '../model/destination';
import type { UpstreamOptions, UpstreamServiceSpec } from '../model/gloo-option-types.generated';
import { LoadBalancer } from '../model/load-balancer';
import { IUpstream } from '../model/references';
import { brand, brandSymbol, hasBrand } from '../private/brand';
import { ProblemCollector } from '../private/errors';
import { GlooUpstream } from '../private/gvk';
import { lookUpKubeService, servicePorts } from '../private/kube-service';
import { discoveredUpstreamName, whyNotLabelKey, whyNotNamespace, whyNotPort, whyNotServiceName } from '../private/names';
import { checkKnownKeys } from '../private/unknown-keys';

const UPSTREAM_BRAND = brandSymbol('Upstream');


/**
 * One REST function of an Upstream: how a routed request is rewritten into a call of the service.
 *
 * It renders to a Gloo `TransformationTemplate` in `serviceSpec.rest.transformations`. Templates
 * use Inja syntax, e.g. `/api/pets/{{ default(id, "") }}`.
 */
export interface RestFunction {
  /**
   * The HTTP method of the call, rendered as the `:method` header.
   * @default - the method of the incoming request is kept
   */
  readonly method?: string;
  /**
   * The path template of the call, rendered as the `:path` header.
   * @default - the path of the incoming request is kept
   */
  readonly path?: string;
  /**
   * Further header templates, by header name. An empty string clears the header, as Gloo's
   * function discovery does for `content-type` and `transfer-encoding` on GET calls.
   * @default - no further headers are set
   */
  readonly headers?: { [name: string]: string };
  /**
   * The body template. An empty string clears the body.
   * @default - the body of the incoming request is kept
   */
  readonly body?: string;
  /**
   * Under the Gateway API target only: the constant path to call instead of `path`, when `path`
   * has templates Gateway API filters cannot compute, such as the petstore's `findPets`
   * (`/api/pets?tags={{default(tags, "")}}&limit=...`). Setting it is a deliberate, reviewed choice
   * that the template's variables are dropped: the Gateway API output calls this path with the
   * function's method (`URLRewrite` `ReplaceFullPath`). The Gloo output does not use it.
   * @default - the Gateway API target renders `path`, or refuses the function
   */
  readonly gatewayApiPath?: string;
}

/**
 * Properties of an `Upstream` of kube type.
 *
 * Give either `service` (a Kubernetes Service of this app) or `serviceName`, not both.
 */
export interface UpstreamProps {
  /**
   * Metadata of the Upstream.
   * @default - name `<serviceNamespace>-<serviceName>-<servicePort>` as Gloo's discovery names it, namespace `gloo-system`
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * The Kubernetes Service behind the Upstream, defined in this app: a `Service` of any cdk8s-plus
   * major, a `KubeService`, or a plain `ApiObject` of kind Service (apiVersion v1), or any construct
   * whose default child is one of those. Its name, namespace and sole port are read when the
   * Upstream is created, its selector when the Upstream is synthesized.
   * @default - `serviceName` and `serviceNamespace` are used
   */
  readonly service?: IConstruct;
  /**
   * The name of the Kubernetes Service behind the Upstream, for a Service defined elsewhere.
   * @default - the name of `service`
   */
  readonly serviceName?: string;
  /**
   * The namespace of the Kubernetes Service.
   * @default - the namespace of `service`, or `default`
   */
  readonly serviceNamespace?: string;
  /**
   * The Service port (not the container port) that traffic goes to.
   * @default - the only port of `service`; required when the Service has several ports or is given by name
   */
  readonly servicePort?: number;
  /**
   * Labels that select the pods of the Service, as `kube.selector`.
   * @default - the selector of `service`; none for a Service given by name
   */
  readonly selector?: { [key: string]: string };
  /**
   * The REST functions of the service, by function name (Gloo's `serviceSpec.rest.transformations`).
   * Routes can only call functions listed here.
   * @default - no functions
   */
  readonly functions?: { [name: string]: RestFunction };
  /**
   * The URL of the service's Swagger/OpenAPI document (`serviceSpec.rest.swaggerInfo.url`).
   * @default - none
   */
  readonly swaggerUrl?: string;
  /**
   * The subsets routes may pick, each as the label keys it selects by (`kube.subsetSpec.selectors`),
   * e.g. `[['version']]`. A destination's `subset` must use exactly the keys of one of them.
   * @default - no subsets: destinations go to every pod
   */
  readonly subsets?: string[][];
  /**
   * How Envoy picks an endpoint (`loadBalancerConfig`), e.g. `LoadBalancer.ringHash()` for session
   * affinity with the routes' `hashPolicies`.
   * @default - Envoy's round robin
   */
  readonly loadBalancer?: LoadBalancer;
  /**
   * Labels as Gloo's discovery gives them (`discoveryMetadata.labels`), for selectors that pick
   * Upstreams by label.
   * @default - none
   */
  readonly discoveryLabels?: { [key: string]: string };
  /**
   * What service the pods offer other than REST functions (`kube.serviceSpec`): gRPC, or gRPC to
   * JSON transcoding (`grpcJsonTranscoder`), as Gloo's CRD has it. Not with `functions` or
   * `swaggerUrl` (Gloo takes one service spec).
   * @default - REST functions when `functions` or `swaggerUrl` is given, else none
   */
  readonly serviceSpec?: UpstreamServiceSpec;
  /**
   * Further fields of the Upstream's `spec` as Gloo's CRD has them: TLS to the endpoints
   * (`sslConfig`), connection limits and timeouts, circuit breakers, health checks, outlier
   * detection, HTTP/2 (`useHttp2`, window sizes).
   * @default - Gloo's defaults
   */
  readonly options?: UpstreamOptions;
}

/**
 * A Gloo Upstream of kube type (`gloo.solo.io/v1`), pointing at one port of a Kubernetes Service.
 *
 * Gloo's discovery is off by default since Gloo 1.20, so the library emits the Upstream itself,
 * under the name discovery would have given it.
 */
export class Upstream extends GlooResource implements IUpstream {
  /** Whether `x` is an Upstream defined in an app (not one imported by name); works across copies of the library. */
  public static isUpstream(x: unknown): x is Upstream {
    return hasBrand(x, UPSTREAM_BRAND);
  }

  /**
   * Refers to an Upstream defined outside this app. Its functions are unknown, so function routes to
   * it are not checked against its REST spec. `options.service` says which Kubernetes Service it
   * stands for, which the Gateway API target needs.
   */
  public static fromUpstreamName(scope: Construct, id: string, name: string, options: ImportedUpstreamOptions = {}): IUpstream {
    return new ImportedResource(scope, id, name, options, true);
  }

  /**
   * Refers to the Upstream Gloo's discovery made for a port of a Kubernetes Service, by the name
   * discovery gives it (`<namespace>-<service>-<port>`, in `gloo-system` unless `options` says
   * otherwise). The Gateway API target sends its routes to the Service.
   */
  public static fromDiscoveredService(
    scope: Construct, id: string, service: KubeServiceDestination, options: ImportedResourceOptions = {},
  ): IUpstream {
    const name = typeof service === 'object' && service !== null ? discoveredUpstreamName(service.serviceNamespace, service.serviceName, service.port) : String(service);
    return new ImportedResource(scope, id, name, { ...(typeof options === 'object' ? options : {}), service }, true);
  }

  public readonly namespace: string;
  public readonly functionNames?: string[];
  /** The name of the Kubernetes Service behind the Upstream. */
  public readonly serviceName: string;
  /** The namespace of the Kubernetes Service behind the Upstream. */
  public readonly serviceNamespace: string;
  /** The Service port that traffic goes to. */
  public readonly servicePort: number;
  /** The label keys of each subset routes may pick. */
  public readonly subsets?: string[][];

  private readonly functions: { [name: string]: RestFunction };
  private readonly swaggerUrl?: string;
  private readonly selector?: { [key: string]: string };
  private readonly service?: ApiObject;
  private readonly loadBalancer?: LoadBalancer;
  private readonly discoveryLabels?: { [key: string]: string };
  private readonly options?: UpstreamOptions;
  private readonly serviceSpec?: UpstreamServiceSpec;

  constructor(scope: Construct, id: string, props: UpstreamProps = {}) {
    const target = serviceTarget(props);
    const name = props.metadata?.name ?? discoveredUpstreamName(target.serviceNamespace, target.serviceName, target.servicePort);
    super(scope, id, { gvk: GlooUpstream.GVK, metadata: { ...props.metadata, name }, defaultNamespace: GLOO_SYSTEM_NAMESPACE });
    this.service = target.service;
    this.serviceName = target.serviceName;
    this.serviceNamespace = target.serviceNamespace;
    this.servicePort = target.servicePort;
    this.namespace = this.metadata.namespace ?? GLOO_SYSTEM_NAMESPACE;
    this.functions = { ...(props.functions ?? {}) };
    this.functionNames = Object.keys(this.functions).sort();
    this.swaggerUrl = props.swaggerUrl;
    this.selector = props.selector;
    this.loadBalancer = props.loadBalancer;
    this.discoveryLabels = props.discoveryLabels ? { ...props.discoveryLabels } : undefined;
    this.options = props.options;
    this.serviceSpec = props.serviceSpec;
    this.subsets = Array.isArray(props.subsets) ? props.subsets.map(k => (Array.isArray(k) ? [...k] : k)) : props.subsets;

    const problems = new ProblemCollector(this);
    this._construct(problems, () => {
      checkKnownKeys(problems.add.bind(problems), props, 'UpstreamProps');
      if (props.service && props.serviceName) {
        problems.add('serviceName', props.serviceName, 'either service or serviceName, not both');
      }
      if (!props.service && !props.serviceName) {
        problems.add('service', undefined, 'a Kubernetes Service (service) or the name of one (serviceName)');
      }
      if (target.problem) problems.add('service', props.service, target.problem);
      if (props.servicePort === undefined && this.servicePort === 0) {
        if (this.service || props.serviceName) {
          problems.add('servicePort', undefined, this.service
            ? `the port to use, since service ${this.service.name} has ${target.portCount} ports`
            : 'the Service port to send traffic to');
        }
      } else {
        const portProblem = whyNotPort(this.servicePort);
        if (portProblem) problems.add('servicePort', this.servicePort, portProblem);
      }
      if (props.serviceName || this.service) {
        const serviceProblem = whyNotServiceName(this.serviceName);
        if (serviceProblem) problems.add(this.service ? 'service.name' : 'serviceName', this.serviceName, serviceProblem);
      }
      const nsProblem = whyNotNamespace(this.serviceNamespace);
      if (nsProblem) problems.add('serviceNamespace', this.serviceNamespace, nsProblem);
      if (this.subsets !== undefined) {
        if (!Array.isArray(this.subsets) || this.subsets.length === 0) {problems.add('kube.subsetSpec.selectors', this.subsets, 'a list of subsets, each a list of label keys');} else {
          this.subsets.forEach((keys, i) => {
            if (!Array.isArray(keys) || keys.length === 0) return problems.add(`kube.subsetSpec.selectors[${i}].keys`, keys, 'a non-empty list of label keys');
            keys.forEach((k, j) => {
              const why = whyNotLabelKey(k);
              if (why) problems.add(`kube.subsetSpec.selectors[${i}].keys[${j}]`, k, why);
            });
          });
        }
      }
      const output = routeOutputOf(scope);
      // discovery labels only serve selectors of Upstreams, which the target does not write; a load balancer and
      // options become a BackendConfigPolicy (checked there)
      const unmapped = (['subsets', 'serviceSpec'] as const).find(f => props[f] !== undefined);
      if (output && unmapped) {
        problems.add(unmapped, props[unmapped], `no ${unmapped} under the ${output.targetName} target (the Upstream becomes its Service there)`,
          output.unmovedUpstreamHint(unmapped));
      }
      checkUpstreamSettings(props, problems.add.bind(problems));
      if (props.serviceSpec !== undefined) {
        checkServiceSpec(props.serviceSpec, problems.add.bind(problems));
        if (props.functions !== undefined || props.swaggerUrl !== undefined) {
          problems.add('kube.serviceSpec', props.serviceSpec, 'a serviceSpec without functions or swaggerUrl', 'gloo takes one service spec: rest (the functions) or grpc');
        }
      }
      for (const [fn, spec] of Object.entries(this.functions)) {
        if (!fn) problems.add('functions', fn, 'a non-empty function name');
        checkKnownKeys(problems.add.bind(problems), spec, 'RestFunction', `functions.${fn}.`);
        if (spec.method !== undefined && !/^[A-Z]+$/.test(spec.method)) {
          problems.add(`functions.${fn}.method`, spec.method, 'an upper-case HTTP method such as GET or POST');
        }
        if (spec.gatewayApiPath !== undefined && !/^\/[^?#{}\s]*$/.test(spec.gatewayApiPath)) {
          problems.add(`functions.${fn}.gatewayApiPath`, spec.gatewayApiPath, 'a constant path starting with "/", without query, fragment or template');
        }
      }
      problems.throwIfAny();
    });
    keepOutOfOutput(this);
  }

  /** @internal The REST function of the given name, if the Upstream has it (for renderers of other gateways). */
  public _functionSpec(name: string): RestFunction | undefined {
    return Object.prototype.hasOwnProperty.call(this.functions, name) ? this.functions[name] : undefined;
  }

  /** @internal What a target other than Gloo writes for the Upstream's connections: load balancing and further options, as given. */
  public get _settings(): { loadBalancer?: LoadBalancer; options?: UpstreamOptions } {
    return { loadBalancer: this.loadBalancer, options: this.options };
  }

  /** @internal */
  public _renderSpec(): UpstreamSpec {
    return this.renderSpec();
  }

  private renderSpec(): UpstreamSpec {
    const transformations: { [fn: string]: Transformation } = {};
    const names = this.functionNames ?? [];
    for (const fn of names) transformations[fn] = renderTransformation(this.functions[fn]);
    const rest = names.length > 0 || this.swaggerUrl
      ? {
        swaggerInfo: this.swaggerUrl ? { url: this.swaggerUrl } : undefined,
        transformations: names.length > 0 ? transformations : undefined,
      }
      : undefined;
    return {
      kube: {
        serviceName: this.serviceName,
        serviceNamespace: this.serviceNamespace,
        servicePort: this.servicePort,
        selector: this.selector ?? this.serviceSelector(),
        serviceSpec: rest ? { rest } : renderOneOf(this.serviceSpec),
        subsetSpec: this.subsets ? { selectors: this.subsets.map(keys => ({ keys: [...keys] })) } : undefined,
      },
      ...renderUpstreamSettings({ loadBalancer: this.loadBalancer, discoveryLabels: this.discoveryLabels, options: this.options }),
    };
  }

  private serviceSelector(): { [key: string]: string } | undefined {
    const selector: { [key: string]: string } | undefined = this.service?.toJson()?.spec?.selector;
    return selector && Object.keys(selector).length > 0 ? sortedCopy(selector) : undefined;
  }
}

brand(Upstream, UPSTREAM_BRAND);

/** The Service an Upstream points at, resolved from its props before the Upstream is made. */
function serviceTarget(props: UpstreamProps) {
  const lookup = props.service ? lookUpKubeService(props.service) : undefined;
  const service = lookup && 'apiObject' in lookup ? lookup.apiObject : undefined;
  const ports = props.servicePort === undefined && service ? servicePorts(service) : [];
  return {
    service,
    problem: lookup && 'problem' in lookup ? lookup.problem : undefined,
    serviceName: service?.name ?? props.serviceName ?? '',
    serviceNamespace: props.serviceNamespace ?? service?.metadata.namespace ?? 'default',
    servicePort: props.servicePort ?? (ports.length === 1 ? ports[0] : 0),
    portCount: ports.length,
  };
}


/**
 * Rendered transformations, by function spec: the same spec (say, the petstore's functions shared by
 * thousands of Upstreams) renders once. Synthesis copies the result, so sharing it is safe.
 */
const RENDERED = new WeakMap<RestFunction, Transformation>();

function renderTransformation(fn: RestFunction): Transformation {
  let rendered = RENDERED.get(fn);
  if (!rendered) {
    rendered = renderTransformationOnce(fn);
    RENDERED.set(fn, rendered);
  }
  return rendered;
}

function renderTransformationOnce(fn: RestFunction): Transformation {
  const headers: { [name: string]: string } = { ...(fn.headers ?? {}) };
  if (fn.method !== undefined) headers[':method'] = fn.method;
  if (fn.path !== undefined) headers[':path'] = fn.path;
  const rendered: { [name: string]: InjaTemplate } = {};
  for (const name of Object.keys(headers).sort()) rendered[name] = inja(headers[name]);
  return {
    body: fn.body === undefined ? undefined : inja(fn.body),
    headers: Object.keys(rendered).length > 0 ? rendered : undefined,
  };
}

/** An Inja template; an empty one (`{}`) clears the header or body it stands for. */
function inja(text: string): InjaTemplate {
  return text === '' ? {} : { text };
}
