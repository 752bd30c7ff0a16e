import { Construct } from 'constructs';
import { PETSTORE_FUNCTIONS } from './petstore-functions';
import { RestFunction } from '../gloo/upstream';
import { brand, brandSymbol, hasBrand } from '../private/brand';
import { ProblemCollector } from '../private/errors';
import { checkKnownKeys } from '../private/unknown-keys';
import { workloadNamespace } from '../private/workloads';
import { VersionedService } from '../service/versioned-service';

const PETSTORE_SERVICE_BRAND = brandSymbol('PetstoreService');

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
   * @default - the chart's namespace, else `default`
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
 * One version of the petstore: a `VersionedService` with the petstore's defaults. A Deployment and
 * a Service (plain ApiObjects), and the Gloo Upstream in front of them with the petstore's REST
 * functions, named as Gloo's discovery would name it (`default-petstore-v1-8080`).
 */
export class PetstoreService extends VersionedService {
  /**
   * The four REST functions of the go-swagger petstore, as Gloo's function discovery lists them
   * (`addPet`, `deletePet`, `findPetById`, `findPets`): the default `functions` of every
   * PetstoreService, for an Upstream of your own that fronts a petstore.
   */
  public static readonly FUNCTIONS: { [name: string]: RestFunction } = PETSTORE_FUNCTIONS;

  /** Whether `x` is a PetstoreService; works across copies of the library. */
  public static isPetstoreService(x: unknown): x is PetstoreService {
    return hasBrand(x, PETSTORE_SERVICE_BRAND);
  }

  constructor(scope: Construct, id: string, props: PetstoreServiceProps) {
    const name = props.name ?? `petstore-${props.version}`;
    const namespace = workloadNamespace(scope, props.namespace);
    const port = props.port ?? 8080;
    super(scope, id, {
      name: 'petstore',
      version: props.version,
      workloadName: name,
      image: props.image ?? `scottcranton/petstore:${props.version}`,
      port,
      namespace,
      labels: props.labels ?? { app: name },
      replicas: props.replicas,
      upstreamNamespace: props.upstreamNamespace,
      functions: props.functions ?? PetstoreService.FUNCTIONS,
      swaggerUrl: props.swaggerUrl ?? `http://${name}.${namespace}.svc.cluster.local:${port}/swagger.json`,
    });
    const problems = new ProblemCollector(this);
    checkKnownKeys(problems.add.bind(problems), props, 'PetstoreServiceProps');
    if (problems.problems.length > 0) scope.node.tryRemoveChild(id); // nothing half-made stays in the app
    problems.throwIfAny();
  }
}

brand(PetstoreService, PETSTORE_SERVICE_BRAND);

