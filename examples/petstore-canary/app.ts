import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Step } from './steps';
import {
  CanaryRoute,
  FunctionRoute,
  PetstoreService,
  VirtualService,
  WeightedFunctionRoute,
} from '../../src';

/** `/findPetWithId/1` calls `findPetById` with `id: 1`. */
const FIND_PET_BY_ID = {
  path: '/findPetWithId',
  functionName: 'findPetById',
  parameters: { headers: { ':path': '/findPetWithId/{id}' } },
};

/** `/findPets` calls `findPets`. */
const FIND_PETS = { path: '/findPets', functionName: 'findPets' };

/**
 * The two petstore versions: Deployments and Services in `default`, Upstreams in `gloo-system`.
 */
export class PetstoreChart extends Chart {
  public readonly v1: PetstoreService;
  public readonly v2: PetstoreService;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.v1 = new PetstoreService(this, 'v1', { version: 'v1' });
    this.v2 = new PetstoreService(this, 'v2', { version: 'v2' });
  }
}

/**
 * The VirtualService `coalmine`, routed as the blog's manifest of the given step routes it.
 */
export class CoalmineChart extends Chart {
  public readonly virtualService: VirtualService;

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

    switch (step) {
      case 'part-1-function-routing':
        // [tutorial:part-1-function-routing]
        new FunctionRoute(vs, 'find-pet-by-id', { ...FIND_PET_BY_ID, upstream: v1 });
        new FunctionRoute(vs, 'find-pets', { ...FIND_PETS, upstream: v1 });
        // [/tutorial]
        break;
      case 'part-2-header-canary':
        // [tutorial:part-2-header-canary]
        new FunctionRoute(vs, 'find-pet-by-id', { ...FIND_PET_BY_ID, upstream: v1 });
        // The header route goes before every other route; everyone else keeps v1.
        new CanaryRoute(vs, 'find-pets', { ...FIND_PETS, stable: v1, canary: v2, header: { name: 'x-canary', value: 'true' } });
        // [/tutorial]
        break;
      case 'part-2-findpets-v2':
        // [tutorial:part-2-findpets-v2]
        new FunctionRoute(vs, 'find-pets', { ...FIND_PETS, upstream: v2 });
        new FunctionRoute(vs, 'find-pet-by-id', { ...FIND_PET_BY_ID, upstream: v1 });
        // [/tutorial]
        break;
      case 'part-3-weighted-10':
      case 'part-3-weighted-50': {
        // [tutorial:part-3-weighted]
        const canaryWeight = step === 'part-3-weighted-10' ? 10 : 50;
        new FunctionRoute(vs, 'find-pets', { ...FIND_PETS, upstream: v2 });
        new WeightedFunctionRoute(vs, 'find-pet-by-id', {
          ...FIND_PET_BY_ID,
          targets: [{ upstream: v2, weight: canaryWeight }, { upstream: v1, weight: 100 - canaryWeight }],
        });
        // [/tutorial]
        break;
      }
    }

    // Everything else under /petstore goes to v1's REST API as it is.
    vs.addRoute({
      matchers: [{ prefix: '/petstore' }],
      destination: { upstream: v1 },
      options: { prefixRewrite: '/api/pets' },
    });
  }
}

/** Builds the walkthrough at one step into `app`. */
export function buildPetstoreCanary(app: App, step: Step): { petstore: PetstoreChart; coalmine: CoalmineChart } {
  const petstore = new PetstoreChart(app, 'petstore');
  const coalmine = new CoalmineChart(app, 'coalmine', petstore, step);
  return { petstore, coalmine };
}
