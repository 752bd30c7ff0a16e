import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Step, STEP_STAGES } from './steps';
import { CanaryRelease, CanaryStage, Destination, PathMatch, PetstoreService, RouteAction, VirtualService } from '../../src';

/**
 * The petstore's functions as discovery lists them, plus one deliberate choice for the Gateway API
 * target: `findPets` fills its query template from a JSON body, which Gateway API cannot compute;
 * the blog's clients send no body, so the template gives `/api/pets?tags=&limit=`, which the
 * petstore answers as `/api/pets`. The Gloo output is the same with or without it.
 */
const FUNCTIONS = {
  ...PetstoreService.FUNCTIONS,
  findPets: { ...PetstoreService.FUNCTIONS.findPets, gatewayApiPath: '/api/pets' },
};

/**
 * The two petstore versions: Deployments and Services in `default`, Upstreams in `gloo-system`.
 */
export class PetstoreChart extends Chart {
  public readonly v1: PetstoreService;
  public readonly v2: PetstoreService;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.v1 = new PetstoreService(this, 'v1', { version: 'v1', functions: FUNCTIONS });
    this.v2 = new PetstoreService(this, 'v2', { version: 'v2', functions: FUNCTIONS });
  }
}

/**
 * The VirtualService `coalmine` and the two canary releases that move its functions from v1 to v2.
 */
export class CoalmineChart extends Chart {
  public readonly virtualService: VirtualService;
  public readonly findPetById: CanaryRelease;
  public readonly findPets: CanaryRelease;

  constructor(scope: Construct, id: string, petstore: PetstoreChart, step: Step) {
    super(scope, id);
    const v1 = petstore.v1.upstream;
    const v2 = petstore.v2.upstream;
    const vs = new VirtualService(this, 'coalmine', {
      metadata: { name: 'coalmine', namespace: 'gloo-system' },
      displayName: 'coalmine',
      domains: ['*'],
    });
    this.virtualService = vs;

    // [tutorial:releases]
    // /findPetWithId/{id} calls findPetById: 10%, then 50%, then all of it to v2.
    this.findPetById = new CanaryRelease(this, 'find-pet-by-id', {
      routeContainer: vs,
      routes: [{ path: '/findPetWithId', functionName: 'findPetById', parameters: { headers: { ':path': '/findPetWithId/{id}' } } }],
      stable: v1,
      canary: v2,
      stages: [CanaryStage.stable(), ...CanaryStage.stepWeights([10, 50]), CanaryStage.promote(), CanaryStage.rollback()],
      stage: STEP_STAGES[step].findPetById,
    });

    // /findPets calls findPets: first only for requests with x-canary: true, then for everyone.
    this.findPets = new CanaryRelease(this, 'find-pets', {
      routeContainer: vs,
      routes: [{ path: '/findPets', functionName: 'findPets' }],
      stable: v1,
      canary: v2,
      header: { name: 'x-canary', value: 'true' },
      stages: [CanaryStage.stable(), CanaryStage.header(), CanaryStage.promote(), CanaryStage.rollback()],
      stage: STEP_STAGES[step].findPets,
    });

    // Everything else under /petstore goes to v1's REST API as it is.
    vs.addRoute({
      matchers: [{ path: PathMatch.prefix('/petstore') }],
      action: RouteAction.forward(Destination.upstream(v1)),
      options: { prefixRewrite: '/api/pets' },
    });
    // [/tutorial]
  }
}

/** Builds the walkthrough at one step into `app`. */
export function buildPetstoreCanary(app: App, step: Step): { petstore: PetstoreChart; coalmine: CoalmineChart } {
  const petstore = new PetstoreChart(app, 'petstore');
  const coalmine = new CoalmineChart(app, 'coalmine', petstore, step);
  return { petstore, coalmine };
}
