import { IConstruct } from 'constructs';
import { AppState } from '../private/app-state';

const DISABLED = new WeakSet<IConstruct>();

/**
 * The CRD-schema check at synth: every Gloo object the library emits (VirtualService, RouteTable,
 * Upstream, UpstreamGroup) is checked against the vendored Gloo CRDs with `CrdSchemaValidator`,
 * pruning included, when the app is synthesized. A field the API server would drop or refuse, such
 * as a typo in an escape-hatch option (`options.extra.timout`), fails `cdk8s synth`,
 * `app.synth()` and `Testing.synth()`, naming the construct and the field.
 *
 * It is on by default. To turn it off for a chart or the whole app, call `CrdSchemaCheck.disable(scope)`
 * at any time before synth, or set the context key `CrdSchemaCheck.CONTEXT_KEY` to `false` on a scope
 * before its children are added.
 */
export class CrdSchemaCheck {
  /** The context key that turns the check off for a scope when set to `false` (or `"false"`). */
  public static readonly CONTEXT_KEY = 'cdk8s-gloo-canary:crdSchemaCheck';

  /** Turns the check off for every Gloo object in `scope` (a chart, or the app). */
  public static disable(scope: IConstruct): void {
    DISABLED.add(scope);
    AppState.of(scope).changed();
  }

  /** Whether the check runs for the Gloo objects in `scope`. */
  public static isEnabled(scope: IConstruct): boolean {
    return isSchemaCheckEnabled(scope);
  }

  private constructor() {}
}

/** Whether the CRD-schema check runs for `scope`: not disabled on it or any of its ancestors. */
export function isSchemaCheckEnabled(scope: IConstruct): boolean {
  for (const c of scope.node.scopes) {
    if (DISABLED.has(c)) return false;
  }
  const context = scope.node.tryGetContext(CrdSchemaCheck.CONTEXT_KEY);
  return context !== false && context !== 'false';
}
