import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PETSTORE_FUNCTIONS } from './petstore-functions';
import { RestFunction, Upstream } from '../gloo/upstream';
import { ProblemCollector } from '../private/errors';
import { whyNotNamespace } from '../private/names';

/** Properties of a `PetstoreService`. */
export interface PetstoreServiceProps {
  /** The petstore version, e.g. `v1`. It names everything: `petstore-v1`, image tag `v1`. */
  readonly version: string;
  /**
   * The container image.
   * @default - `scottcranton/petstore:<version>`
   */
  readonly image?: string;
  /**
   * The port the container listens on and the Service exposes.
   * @default 8080
   */
  readonly port?: number;
  /**
   * The namespace of the Deployment and the Service.
   * @default 'default'
   */
  readonly namespace?: string;
  /**
   * The name of the Deployment, the Service and the container.
   * @default - `petstore-<version>`
   */
  readonly name?: string;
  /**
   * Pod labels, also used as the Service's and the Deployment's selector.
   * @default - `{ app: <name> }`
   */
  readonly labels?: { [key: string]: string };
  /**
   * The number of replicas.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * The namespace of the Upstream.
   * @default 'gloo-system'
   */
  readonly upstreamNamespace?: string;
  /**
   * The REST functions of the Upstream.
   * @default - the petstore's four functions: addPet, deletePet, findPetById, findPets
   */
  readonly functions?: { [name: string]: RestFunction };
  /**
   * The Swagger document URL of the Upstream.
   * @default - `http://<name>.<namespace>.svc.cluster.local:<port>/swagger.json`
   */
  readonly swaggerUrl?: string;
}

/**
 * One version of the petstore: a Deployment and a Service (through cdk8s-plus), and the Gloo
 * Upstream in front of them with the petstore's REST functions, named as Gloo's discovery would
 * name it (`default-petstore-v1-8080`).
 */
export class PetstoreService extends Construct {
  /** The Deployment. */
  public readonly deployment: kplus.Deployment;
  /** The Service. */
  public readonly service: kplus.Service;
  /** The Gloo Upstream, with the REST functions. */
  public readonly upstream: Upstream;

  constructor(scope: Construct, id: string, props: PetstoreServiceProps) {
    super(scope, id);
    const problems = new ProblemCollector(this);
    if (typeof props.version !== 'string' || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(props.version)) {
      problems.add('version', props.version, 'a version such as "v1" (lowercase letters, digits, "-" and ".")');
    }
    const port = props.port ?? 8080;
    if (!Number.isInteger(port) || port < 1 || port > 65535) problems.add('port', port, 'an integer port between 1 and 65535');
    const replicas = props.replicas ?? 1;
    if (!Number.isInteger(replicas) || replicas < 0) problems.add('replicas', replicas, 'a whole number of replicas, 0 or more');
    const namespace = props.namespace ?? 'default';
    const nsProblem = whyNotNamespace(namespace);
    if (nsProblem) problems.add('namespace', namespace, nsProblem);
    problems.throwIfAny();

    const name = props.name ?? `petstore-${props.version}`;
    const labels = props.labels ?? { app: name };

    this.deployment = new kplus.Deployment(this, 'Deployment', {
      metadata: { name, namespace, labels },
      replicas,
      select: false,
      podMetadata: { labels },
      // The petstore image runs as root and writes nothing; cdk8s-plus would otherwise force non-root.
      securityContext: { ensureNonRoot: false },
      containers: [{
        name,
        image: props.image ?? `scottcranton/petstore:${props.version}`,
        ports: [{ number: port }],
        securityContext: { ensureNonRoot: false },
      }],
    });
    this.deployment.select(kplus.LabelSelector.of({ labels }));

    this.service = new kplus.Service(this, 'Service', {
      metadata: { name, namespace, labels },
      type: kplus.ServiceType.CLUSTER_IP,
      ports: [{ name: 'http', port, targetPort: port, protocol: kplus.Protocol.TCP }],
    });
    for (const [key, value] of Object.entries(labels)) this.service.selectLabel(key, value);

    this.upstream = new Upstream(this, 'Upstream', {
      service: this.service,
      servicePort: port,
      selector: labels, // what the Service selects; saves rendering the Service to read it back
      metadata: props.upstreamNamespace ? { namespace: props.upstreamNamespace } : undefined,
      functions: props.functions ?? PETSTORE_FUNCTIONS,
      swaggerUrl: props.swaggerUrl ?? `http://${name}.${namespace}.svc.cluster.local:${port}/swagger.json`,
    });
  }
}
