/**
 * The steps of the walkthrough, in order: the blog's five (named after its VirtualService
 * manifests), then the 100% and rollback stages the blog only mentions. Each step sets the stage
 * of the example's two canary releases.
 */
export const STEP_STAGES = {
  'part-1-function-routing': { findPets: 'stable', findPetById: 'stable' },
  'part-2-header-canary': { findPets: 'header', findPetById: 'stable' },
  'part-2-findpets-v2': { findPets: 'promote', findPetById: 'stable' },
  'part-3-weighted-10': { findPets: 'promote', findPetById: 'weight-10' },
  'part-3-weighted-50': { findPets: 'promote', findPetById: 'weight-50' },
  'part-3-weighted-100': { findPets: 'promote', findPetById: 'promote' },
  'part-3-rollback': { findPets: 'promote', findPetById: 'rollback' },
} as const;

/** One step of the walkthrough. */
export type Step = keyof typeof STEP_STAGES;

/** The steps, in order. */
export const STEPS = Object.keys(STEP_STAGES) as Step[];

/** The five steps the blog has a manifest for. */
export const BLOG_STEPS: Step[] = STEPS.slice(0, 5);

/** Whether `name` is a step of the walkthrough. */
export function isStep(name: string): name is Step {
  return Object.prototype.hasOwnProperty.call(STEP_STAGES, name);
}
