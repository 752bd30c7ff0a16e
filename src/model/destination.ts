import type { FunctionDestinationSpec } from './gloo-option-types.generated';
import { InputProblem } from './input-problem';
import { IUpstream } from './references';
import { brand, brandSymbol, hasBrand } from '../private/brand';
import { firstUnknownKey } from '../private/unknown-keys';

const DESTINATION_BRAND = brandSymbol('Destination');

/** Parameters that a REST function destination extracts from the request. */
export interface FunctionParameters {
  /**
   * Header templates by header name, e.g. `{ ':path': '/findPetWithId/{id}' }` makes `id` available to the function.
   * @default - none
   */
  readonly headers?: { [name: string]: string };
  /**
   * A template for the path.
   * @default - none
   */
  readonly path?: string;
}

/** Options of a REST function destination. */
export interface RestFunctionDestinationOptions extends DestinationSubsetOptions {
  /**
   * Parameters the function takes from the request.
   * @default - none
   */
  readonly parameters?: FunctionParameters;
}

/** A Kubernetes Service used directly as a destination (`destination.kube`). It has no REST functions. */
export interface KubeServiceDestination {
  /** The Service name. */
  readonly serviceName: string;
  /** The Service namespace. */
  readonly serviceNamespace: string;
  /** The Service port. */
  readonly port: number;
}

/**
 * A service registered in Consul, used directly as a destination (`destination.consul`): Gloo
 * sends to the instances of every Consul Upstream its discovery made for the service.
 */
export interface ConsulServiceDestination {
  /** The service's name in Consul. */
  readonly serviceName: string;
  /**
   * Only the instances with all of these tags.
   * @default - every instance
   */
  readonly tags?: string[];
  /**
   * Only the instances in these data centers.
   * @default - every data center
   */
  readonly dataCenters?: string[];
}

/** Which of an Upstream's pods a destination sends to. */
export interface DestinationSubsetOptions {
  /**
   * Only the Upstream's pods with these labels (`subset.values`). The Upstream must declare a
   * subset with exactly these label keys (`UpstreamProps.subsets`).
   * @default - every pod of the Upstream
   */
  readonly subset?: { [label: string]: string };
}

/** Options of a destination to an Upstream. */
export interface UpstreamDestinationOptions extends DestinationSubsetOptions {
  /**
   * The function of the Upstream the destination calls, other than a REST function (for which see
   * `Destination.restFunction`): an AWS Lambda (`aws`), an Azure function (`azure`) or a gRPC
   * method (`grpc`), as Gloo's CRD has it (`destinationSpec`).
   * @default - the Upstream as it is
   */
  readonly destinationSpec?: FunctionDestinationSpec;
}

interface DestinationParts {
  readonly upstream?: IUpstream;
  readonly kube?: KubeServiceDestination;
  readonly consul?: ConsulServiceDestination;
  readonly functionName?: string;
  readonly parameters?: FunctionParameters;
  readonly subset?: { [label: string]: string };
  readonly destinationSpec?: FunctionDestinationSpec;
  readonly problem?: InputProblem;
}

/**
 * Where a route sends traffic: an Upstream (optionally one of its REST functions), a Kubernetes
 * Service or a Consul service.
 */
export class Destination {
  /** Whether `x` is a destination; works across copies of the library. */
  public static isDestination(x: unknown): x is Destination {
    return hasBrand(x, DESTINATION_BRAND);
  }

  /**
   * Forwards requests to the Upstream as they are, to a subset of its pods if `options.subset` says
   * so, to one of its functions if `options.destinationSpec` does.
   */
  public static upstream(upstream: IUpstream, options: UpstreamDestinationOptions = {}): Destination {
    const problem = !upstream ? { field: 'upstream', given: upstream, expected: 'an Upstream' }
      : firstUnknownKey(options, 'UpstreamDestinationOptions') ?? subsetProblem(options?.subset);
    return new Destination({ upstream, subset: copy(options?.subset), destinationSpec: options?.destinationSpec, problem });
  }

  /**
   * Calls one REST function of the Upstream (`destinationSpec.rest`), e.g. `findPetById`. The
   * Upstream must list the function.
   */
  public static restFunction(upstream: IUpstream, functionName: string, options: RestFunctionDestinationOptions = {}): Destination {
    const problem = !upstream ? { field: 'upstream', given: upstream, expected: 'an Upstream' }
      : typeof functionName !== 'string' || functionName.length === 0 ? { field: 'functionName', given: functionName, expected: 'a non-empty function name' }
        : firstUnknownKey(options, 'RestFunctionDestinationOptions') ?? firstUnknownKey(options?.parameters, 'FunctionParameters', 'parameters.')
          ?? subsetProblem(options?.subset);
    return new Destination({ upstream, functionName, parameters: options.parameters ?? {}, subset: copy(options?.subset), problem });
  }

  /** Sends requests to a Kubernetes Service directly (`destination.kube`); it has no REST functions. */
  public static kubeService(service: KubeServiceDestination): Destination {
    const port = service?.port;
    const problem = !Number.isInteger(port) || port < 1 || port > 65535
      ? { field: 'kube.port', given: port, expected: 'an integer port between 1 and 65535' }
      : firstUnknownKey(service, 'KubeServiceDestination', 'kube.');
    return new Destination({ kube: service, problem });
  }

  /**
   * Sends requests to a service registered in Consul (`destination.consul`), optionally to the
   * instances with some tags or in some data centers; it has no REST functions.
   */
  public static consulService(service: ConsulServiceDestination): Destination {
    const copied = typeof service === 'object' && service !== null
      ? { ...service, tags: copyStrings(service.tags), dataCenters: copyStrings(service.dataCenters) } : service;
    return new Destination({ consul: copied, problem: firstUnknownKey(service, 'ConsulServiceDestination', 'consul.') });
  }

  /** The Upstream, unless this is a Kubernetes Service or Consul destination. */
  public readonly targetUpstream?: IUpstream;
  /** The Kubernetes Service, for a `kube` destination. */
  public readonly kube?: KubeServiceDestination;
  /** The Consul service, for a `consul` destination. */
  public readonly consul?: ConsulServiceDestination;
  /** The REST function called, if any. */
  public readonly functionName?: string;
  /** The function's parameters, for a function destination. */
  public readonly parameters?: FunctionParameters;
  /** The labels of the Upstream's pods the destination is limited to. */
  public readonly subset?: { [label: string]: string };
  /** The function called other than a REST function (an AWS Lambda, an Azure function, a gRPC method), if any. */
  public readonly destinationSpec?: FunctionDestinationSpec;
  /** @internal a problem found when the destination was made; the route reports it with its path */
  public readonly _problem?: InputProblem;

  private constructor(d: DestinationParts) {
    this.targetUpstream = d.upstream;
    this.kube = d.kube;
    this.consul = d.consul;
    this.functionName = d.functionName;
    this.parameters = d.parameters;
    this.subset = d.subset;
    this.destinationSpec = d.destinationSpec;
    this._problem = d.problem;
  }
}

brand(Destination, DESTINATION_BRAND);


/** What is wrong with a subset's labels, if anything. */
function subsetProblem(subset: unknown): InputProblem | undefined {
  if (subset === undefined) return undefined;
  const ok = typeof subset === 'object' && subset !== null && !Array.isArray(subset) && Object.keys(subset).length > 0
    && Object.values(subset).every(v => typeof v === 'string');
  return ok ? undefined : { field: 'subset.values', given: subset, expected: 'labels and their values, such as { version: \'v2\' }' };
}

function copy(labels: { [label: string]: string } | undefined): { [label: string]: string } | undefined {
  return labels && typeof labels === 'object' ? { ...labels } : labels;
}

function copyStrings(list: string[] | undefined): string[] | undefined {
  return Array.isArray(list) ? [...list] : list;
}
