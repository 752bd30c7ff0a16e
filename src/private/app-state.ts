import { IConstruct } from 'constructs';

/**
 * What the library keeps per app (per construct tree root), for the checks that run at synth.
 *
 * cdk8s validates the whole app once per synth and then again for every chart it renders
 * (`App._synthChart`), so with one chart per service every validation runs N+1 times, and every
 * construct with a validation costs something on each of those passes. So the library registers
 * one validation per app, on the root, which cdk8s runs first: it runs every check of the app
 * (once per generation) and gives a construct a validation of its own only when a check finds a
 * problem on it, so that cdk8s reports the problem with that construct's path. An app without
 * problems has one validation in all.
 *
 * Each mutating method of the library's constructs calls `changed()`; checks computed at one
 * generation are reused until the next change.
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
      state = new AppState(root);
      STATES.set(root, state);
    }
    return state;
  }

  private _generation = 0;
  private readonly memos = new Map<string, { generation: number; value: unknown }>();
  private readonly checks: Array<{ readonly scope: IConstruct; readonly check: () => string[] }> = [];
  private readonly reporting = new Set<IConstruct>();
  private problems: { generation: number; byScope: Map<IConstruct, string[]> } | undefined;
  private readonly keptOutOfTree = new Set<IConstruct>();
  private readonly claimedNames = new Map<string, string>();

  private constructor(root: IConstruct) {
    root.node.addValidation({ validate: () => { this.report(); return []; } });
  }

  /** Bumped by every change to a construct of the library in this app. */
  public get generation(): number {
    return this._generation;
  }

  /** Records a change: every cached check of the app is computed anew at its next run. */
  public changed(): void {
    this._generation++;
  }

  /**
   * Records that the construct at `path` writes the object `key` (kind, namespace and name); gives
   * the path of another construct that claimed the same key first, if any.
   */
  public claimName(key: string, path: string): string | undefined {
    const earlier = this.claimedNames.get(key);
    if (earlier !== undefined && earlier !== path) return earlier;
    this.claimedNames.set(key, path);
    return undefined;
  }

  /** `compute()`'s result for the current generation, computed at most once per generation. */
  public memo<T>(key: string, compute: () => T): T {
    const cached = this.memos.get(key);
    if (cached && cached.generation === this._generation) return cached.value as T;
    const value = compute();
    this.memos.set(key, { generation: this._generation, value });
    return value;
  }

  /**
   * Records that `c` was taken out of the construct tree on purpose (a Gloo-only resource under
   * another output target): it is not synthesized, but its checks still run, reported on its scope
   * with its path, and the simulators of the app still see it.
   */
  public keepOut(c: IConstruct): void {
    this.keptOutOfTree.add(c);
    this.changed();
  }

  /**
   * The constructs taken out of the tree on purpose, in the order they were, less those whose scope
   * has left the tree since (a construct that failed after creating them).
   */
  public get keptOut(): IConstruct[] {
    return [...this.keptOutOfTree].filter(c => isAttached(c.node.scope!));
  }

  /** Whether `c` was taken out of the tree on purpose. */
  public isKeptOut(c: IConstruct): boolean {
    return this.keptOutOfTree.has(c);
  }

  /** Registers a check whose problems are reported on `scope`; see `addCachedValidation`. */
  public addCheck(scope: IConstruct, check: () => string[]): void {
    this.checks.push({ scope, check });
    this.changed();
  }

  /** The problems of the checks on `scope`, at the current generation. */
  public problemsOf(scope: IConstruct): string[] {
    this.report();
    return this.problems?.byScope.get(scope) ?? [];
  }

  /** Runs every check once per generation; hooks a reporting validation onto each construct with a problem. */
  private report(): void {
    if (this.problems?.generation === this._generation) return;
    const byScope = new Map<IConstruct, string[]>();
    for (const { scope, check } of this.checks) {
      const keptOut = this.keptOutOfTree.has(scope);
      if (!isAttached(keptOut ? scope.node.scope! : scope)) continue; // taken out of the app after a failed construction
      const found = check();
      if (found.length === 0) continue;
      // a construct kept out of the tree is not validated by cdk8s: its scope reports for it
      const at = keptOut ? scope.node.scope! : scope;
      byScope.set(at, [...(byScope.get(at) ?? []), ...(keptOut ? found.map(p => `[${scope.node.path}] ${p}`) : found)]);
      if (!this.reporting.has(at)) {
        this.reporting.add(at);
        at.node.addValidation({ validate: () => this.problemsOf(at) });
      }
    }
    this.problems = { generation: this._generation, byScope };
  }
}

const STATES = new WeakMap<IConstruct, AppState>();

/**
 * Adds a check whose problems cdk8s reports on `scope` at synth, like `scope.node.addValidation`.
 * It runs once per generation of the app, with every other check of the app (see `AppState`), so
 * `check` must depend only on state whose changes call `AppState.changed()`.
 */
export function addCachedValidation(scope: IConstruct, check: () => string[]): void {
  AppState.of(scope).addCheck(scope, check);
}

/** Whether every construct from `c` up to the root is still a child of its scope. */
export function isAttached(c: IConstruct): boolean {
  for (let n: IConstruct = c; n.node.scope; n = n.node.scope) {
    if (n.node.scope.node.tryFindChild(n.node.id) !== n) return false;
  }
  return true;
}
