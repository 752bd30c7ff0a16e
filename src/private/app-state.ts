import { IConstruct } from 'constructs';

/**
 * What the library keeps per app (per construct tree root), for the checks that run at synth.
 *
 * cdk8s validates the whole app once per synth and then again for every chart it renders
 * (`App._synthChart`), so with one chart per service every validation runs N+1 times. Each
 * mutating method of the library's constructs calls `changed()`; a check computed at one
 * generation is reused until the next change, so repeated validation costs O(1) per check.
 *
 * The state lives in a WeakMap keyed by the root: it goes away with the app, and apps never
 * see each other's constructs.
 */
export class AppState {
  /** The state of the app that `scope` belongs to. */
  public static of(scope: IConstruct): AppState {
    const root = scope.node.root;
    let state = STATES.get(root);
    if (!state) {
      state = new AppState();
      STATES.set(root, state);
    }
    return state;
  }

  private _generation = 0;
  private readonly memos = new Map<string, { generation: number; value: unknown }>();

  private constructor() {}

  /** Bumped by every change to a construct of the library in this app. */
  public get generation(): number {
    return this._generation;
  }

  /** Records a change: every cached check of the app is computed anew at its next run. */
  public changed(): void {
    this._generation++;
  }

  /** `compute()`'s result for the current generation, computed at most once per generation. */
  public memo<T>(key: string, compute: () => T): T {
    const cached = this.memos.get(key);
    if (cached && cached.generation === this._generation) return cached.value as T;
    const value = compute();
    this.memos.set(key, { generation: this._generation, value });
    return value;
  }
}

const STATES = new WeakMap<IConstruct, AppState>();

/**
 * Adds a validation to `scope` that runs `validate` once per generation of the app and answers
 * from its cache on every repeat. `validate` must depend only on state whose changes call
 * `AppState.changed()`.
 */
export function addCachedValidation(scope: IConstruct, validate: () => string[]): void {
  const state = AppState.of(scope);
  let cache: { generation: number; errors: string[] } | undefined;
  scope.node.addValidation({
    validate: () => {
      if (!cache || cache.generation !== state.generation) cache = { generation: state.generation, errors: validate() };
      return cache.errors;
    },
  });
}
