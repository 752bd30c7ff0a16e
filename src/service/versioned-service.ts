import { ApiObject, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { RestFunction, Upstream } from '../gloo/upstream';
import { brand, brandSymbol, hasBrand } from '../private/brand';
import { ProblemCollector } from '../private/errors';
import {
  whyNotDnsLabel, whyNotLabelKey, whyNotLabelValue, whyNotNamespace, whyNotObjectName, whyNotServiceName,
} from '../private/names';
import { checkKnownKeys } from '../private/unknown-keys';
import { deploymentSpec, POD_ADDRESS_LABEL, serviceSpec, workloadNamespace, WorkloadSpec } from '../private/workloads';

const VERSIONED_SERVICE_BRAND = brandSymbol('VersionedService');

/** Properties of a `VersionedService`. */
export interface VersionedServiceProps {
  /** The service, e.g. `checkout`: the `app` label, and the first half of the workload name. */
  readonly name: string;
  /** The version, e.g. `v1`: the `version` label, and the second half of the workload name. */
  readonly version: string;
  /** The container image, e.g. `example/checkout:1.0`. */
  readonly image: string;
  /** The port the Service exposes, which the Upstream sends traffic to. */
  readonly port: number;
  /**
   * The port the container listens on (the Service's `targetPort`).
   * @default - the same as `port`
   */
  readonly containerPort?: number;
  /**
   * The namespace of the Deployment and the Service.
   * @default - the chart's namespace, else `default`
   */
  readonly namespace?: string;
  /**
   * The name of the Deployment, the Service and the container.
   * @default - `<name>-<version>`, e.g. `checkout-v1`
   */
  readonly workloadName?: string;
  /**
   * Pod labels, also the Deployment's and the Service's selector. They must tell this version's
   * pods from every other version's.
   * @default - `{ app: <name>, version: <version> }`
   */
  readonly labels?: { [key: string]: string };
  /**
   * The number of replicas.
   * @default 1 (cdk8s-plus-28 gives 2 when none is set: the library keeps one per version, as the blog's canary does)
   */
  readonly replicas?: number;
  /**
   * Environment variables of the container, by name (rendered sorted by name).
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * The name of the Upstream.
   * @default - `<namespace>-<workloadName>-<port>`, as Gloo's discovery names it
   */
  readonly upstreamName?: string;
  /**
   * The namespace of the Upstream.
   * @default 'gloo-system'
   */
  readonly upstreamNamespace?: string;
  /**
   * The REST functions of the Upstream, for function routes.
   * @default - no functions
   */
  readonly functions?: { [name: string]: RestFunction };
  /**
   * The URL of the service's Swagger/OpenAPI document, on the Upstream.
   * @default - none
   */
  readonly swaggerUrl?: string;
}

const VERSION = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const SERVICE_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/**
 * One version of a service: a Deployment and a ClusterIP Service (plain `apps/v1` and `v1`
 * ApiObjects, no cdk8s-plus needed) and the Gloo Upstream in front of them, named as Gloo's
 * discovery would name it.
 *
 * `new VersionedService(chart, 'checkout-v1', { name: 'checkout', version: 'v1', image: 'example/checkout:1.0', port: 8080, namespace: 'shop' })`
 * gives the Deployment and the Service `checkout-v1` in `shop`, and the Upstream
 * `shop-checkout-v1-8080` in `gloo-system`.
 *
 * The Deployment is what cdk8s-plus-28 renders for one replica whose pod and container may run as
 * root (`replicas: 1`, `securityContext: { ensureNonRoot: false }` on both, container ports without a
 * startup probe), with its other defaults: resource requests and limits, a read-only root
 * filesystem, no privilege escalation, no service account token. The workloads go to `namespace`,
 * else the chart's namespace, else `default`. Change anything else with `addJsonPatch(...)` on
 * `deployment`.
 */
export class VersionedService extends Construct {
  /** Whether `x` is a VersionedService (a PetstoreService included); works across copies of the library. */
  public static isVersionedService(x: unknown): x is VersionedService {
    return hasBrand(x, VERSIONED_SERVICE_BRAND);
  }

  /** The `apps/v1` Deployment. */
  public readonly deployment: ApiObject;
  /** The `v1` Service, of type ClusterIP, with one TCP port named `http`. */
  public readonly service: ApiObject;
  /** The Gloo Upstream in front of the Service. */
  public readonly upstream: Upstream;

  constructor(scope: Construct, id: string, props: VersionedServiceProps) {
    super(scope, id);
    const workload = checkedWorkload(this, props);
    const namespace = workloadNamespace(scope, props.namespace);
    const metadata = { name: workload.name, namespace, labels: workload.labels };

    const deployment = deploymentSpec(workload);
    this.deployment = new ApiObject(this, 'Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec: deployment.spec });
    deployment.podLabels[POD_ADDRESS_LABEL] = Names.toLabelValue(this.deployment);

    this.service = new ApiObject(this, 'Service', { apiVersion: 'v1', kind: 'Service', metadata, spec: serviceSpec(workload) });

    const upstreamMetadata = props.upstreamName || props.upstreamNamespace
      ? { name: props.upstreamName, namespace: props.upstreamNamespace }
      : undefined;
    this.upstream = new Upstream(this, 'Upstream', {
      service: this.service,
      servicePort: workload.port,
      selector: workload.labels, // what the Service selects; saves rendering the Service to read it back
      metadata: upstreamMetadata,
      functions: props.functions,
      swaggerUrl: props.swaggerUrl,
    });
  }
}

brand(VersionedService, VERSIONED_SERVICE_BRAND);


/** The workload the props describe, or a `GlooInputError` with every problem found. */
function checkedWorkload(scope: Construct, props: VersionedServiceProps): WorkloadSpec {
  const problems = new ProblemCollector(scope);
  checkKnownKeys(problems.add.bind(problems), props, 'VersionedServiceProps');
  if (typeof props.name !== 'string' || !SERVICE_NAME.test(props.name)) {
    problems.add('name', props.name, 'a service name such as "checkout" (lowercase letters, digits and "-", starting with a letter)');
  }
  if (typeof props.version !== 'string' || !VERSION.test(props.version)) {
    problems.add('version', props.version, 'a version such as "v1" (lowercase letters, digits, "-" and ".")');
  }
  if (typeof props.image !== 'string' || !/^\S+$/.test(props.image)) {
    problems.add('image', props.image, 'a container image such as "example/checkout:1.0"');
  }
  const port = checkPort(problems, 'port', props.port);
  const containerPort = props.containerPort === undefined ? port : checkPort(problems, 'containerPort', props.containerPort);
  const replicas = props.replicas ?? 1;
  if (!Number.isInteger(replicas) || replicas < 0) problems.add('replicas', replicas, 'a whole number of replicas, 0 or more');
  const namespace = workloadNamespace(scope, props.namespace);
  const nsProblem = whyNotNamespace(namespace);
  if (nsProblem) problems.add('namespace', namespace, nsProblem);
  for (const envName of Object.keys(props.env ?? {})) {
    if (!ENV_NAME.test(envName)) problems.add('env', envName, 'environment variable names of letters, digits, "-", "_" and ".", not starting with a digit');
  }
  if (props.upstreamName !== undefined) {
    const upstreamProblem = whyNotObjectName(props.upstreamName);
    if (upstreamProblem) problems.add('upstreamName', props.upstreamName, upstreamProblem);
  }
  // names derived from bad input would only repeat its problems
  problems.throwIfAny();

  const name = props.workloadName ?? `${props.name}-${props.version}`;
  const labels = props.labels ?? { app: props.name, version: props.version };
  checkDerivedNames(problems, name, labels);
  problems.throwIfAny();
  return { name, labels, image: props.image, port, containerPort, replicas, env: props.env };
}

function checkPort(problems: ProblemCollector, field: string, port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) problems.add(field, port, 'an integer port between 1 and 65535');
  return port;
}

/** Each rule Kubernetes applies to the names the workload name and labels end up in. */
function checkDerivedNames(problems: ProblemCollector, name: string, labels: { [key: string]: string }): void {
  const rules: Array<[string, string | undefined]> = [
    ['deployment.metadata.name', whyNotObjectName(name)],
    ['service.metadata.name', whyNotServiceName(name)],
    ['deployment.spec.template.spec.containers[0].name', whyNotDnsLabel(name, 'container name')],
  ];
  for (const [field, problem] of rules) if (problem) problems.add(field, name, problem);
  if (Object.keys(labels).length === 0) problems.add('labels', labels, 'at least one label, to select the pods by');
  for (const [key, value] of Object.entries(labels)) {
    const keyProblem = whyNotLabelKey(key);
    if (keyProblem) problems.add('labels', key, keyProblem);
    const valueProblem = whyNotLabelValue(value);
    if (valueProblem) problems.add(`labels.${key}`, value, valueProblem);
  }
}
