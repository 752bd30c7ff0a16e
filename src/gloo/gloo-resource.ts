import { ApiObject, ApiObjectMetadata, Chart, GroupVersionKind, JsonPatch, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { routeOutputOf } from './route-output';
import { addCachedValidation, AppState } from '../private/app-state';
import { brand, brandSymbol, hasBrand } from '../private/brand';
import { formatProblemBody, ProblemCollector } from '../private/errors';
import { addNameProblems } from '../private/imported';
import { CrdSchemaValidator } from '../validation/crd-schema';
import { isSchemaCheckEnabled } from '../validation/schema-check';

const GLOO_RESOURCE_BRAND = brandSymbol('GlooResource');

/** The mutating methods of `ApiObjectMetadataDefinition`, which change what `toJson()` renders. */
const METADATA_MUTATORS = ['add', 'addLabel', 'addAnnotation', 'addFinalizers', 'addOwnerReference'] as const;

/** What every Gloo resource of the library is made of. */
export interface GlooResourceProps {
  /** The resource's apiVersion and kind. */
  readonly gvk: GroupVersionKind;
  /**
   * Metadata of the resource.
   * @default - a name generated from the construct path, the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * The namespace when `metadata` names none.
   * @default - the chart's namespace, if any
   */
  readonly defaultNamespace?: string;
}

/**
 * The base of the library's Gloo resources (Upstream, UpstreamGroup, VirtualService, RouteTable):
 * each is the ApiObject it synthesizes, so `ApiObject.of(resource)` and `addJsonPatch` are its
 * escape hatches.
 *
 * - **Names.** A name left to cdk8s is generated as it was when the resource held its ApiObject
 *   as a child named `Resource`, so the YAML of existing apps keeps its names.
 * - **Checks.** `metadata.name` and `metadata.namespace` are checked as Kubernetes checks them;
 *   at synth, the rendered object is checked against the vendored Gloo CRD schema (unless
 *   `CrdSchemaCheck.disable()` says otherwise), with every violation reported on the resource.
 * - **Once per synth.** JSON patches and metadata changes count as changes of the app (see
 *   `AppState`), so cached checks run again; the check's rendering is handed to the next
 *   `toJson()` when nothing changed since, so synthesis renders each object once.
 *
 * A resource is one construct, not a construct with an ApiObject child: cdk8s validates the whole
 * app again for every chart it renders, so every construct counts in apps with many charts.
 */
export abstract class GlooResource extends ApiObject {
  /** Whether `x` is a Gloo resource of this library (Upstream, UpstreamGroup, VirtualService or RouteTable); works across copies of the library. */
  public static isGlooResource(x: unknown): x is GlooResource {
    return hasBrand(x, GLOO_RESOURCE_BRAND);
  }

  private rendered?: { generation: number; json: unknown };

  protected constructor(scope: Construct, id: string, props: GlooResourceProps) {
    const holder: { resource?: GlooResource } = {};
    super(scope, id, {
      ...props.gvk,
      metadata: {
        ...props.metadata,
        name: props.metadata?.name ?? generatedName(scope, id),
        namespace: props.metadata?.namespace ?? props.defaultNamespace,
      },
      spec: Lazy.any({ produce: () => holder.resource!._renderSpec() }),
    });
    holder.resource = this;
    const state = AppState.of(this);
    const metadata = this.metadata as unknown as { [method: string]: (...args: unknown[]) => unknown };
    for (const method of METADATA_MUTATORS) {
      const original = metadata[method].bind(this.metadata);
      metadata[method] = (...args: unknown[]) => {
        state.changed();
        return original(...args);
      };
    }
    // one validation per resource: cdk8s runs every validation of the app again for each chart
    addCachedValidation(this, () => [
      ...this._synthProblems(),
      // a resource kept out of the output (see `keepOutOfOutput`) writes no object to check
      ...(isSchemaCheckEnabled(this) && !AppState.of(this).isKeptOut(this) ? this.schemaProblems() : []),
    ]);
  }

  /**
   * The resource itself: it is the ApiObject it synthesizes. Kept for code written when the
   * ApiObject was a child; prefer `ApiObject.of(resource)`.
   */
  public get apiObject(): ApiObject {
    return this;
  }

  public addJsonPatch(...ops: JsonPatch[]): void {
    super.addJsonPatch(...ops);
    AppState.of(this).changed();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- overrides ApiObject.toJson(), which returns any
  public toJson(): any {
    const rendered = this.rendered;
    this.rendered = undefined;
    if (rendered && rendered.generation === AppState.of(this).generation) return rendered.json;
    try {
      return super.toJson();
    } catch (e) {
      // what the schema check would have said, when it is off (see `_renderFailureProblems`)
      const problems = this._renderFailureProblems(e);
      if (problems.length > 0) throw new Error(`[${this.node.path}] ${problems.join('; ')}`);
      throw e;
    }
  }

  /** @internal The resource's `spec`, rendered at synth. */
  public abstract _renderSpec(): unknown;

  /**
   * @internal The resource as the Gloo object it means, for the Gloo simulator: what it
   * synthesizes, unless another output target renders it as something else.
   */
  public _glooModelJson(): unknown {
    return this.toJson();
  }

  /**
   * @internal The resource's own synth-time problems, formatted (see `formatProblemBody`). They
   * are computed once per change of the app, like every check of the resource.
   */
  public _synthProblems(): string[] {
    return [];
  }

  /**
   * @internal What to report when rendering the object failed at the schema check: by default
   * nothing, since rendering fails again, with its own error, when the chart is synthesized.
   */
  public _renderFailureProblems(_error: unknown): string[] {
    return [];
  }

  /**
   * @internal
   * Checks the name and namespace as Kubernetes does, and runs `body` (the rest of a subclass's
   * constructor); when either throws, the resource is taken out of its scope again, so a failed
   * construction leaves nothing half-made in the app.
   */
  protected _construct(problems: ProblemCollector, body: () => void): void {
    try {
      addNameProblems(problems, this.name, this.metadata.namespace, 'metadata.');
      body();
    } catch (e) {
      this.node.scope?.node.tryRemoveChild(this.node.id);
      throw e;
    }
  }

  private schemaProblems(): string[] {
    let json: unknown;
    try {
      json = super.toJson();
    } catch (e) {
      return this._renderFailureProblems(e);
    }
    this.rendered = { generation: AppState.of(this).generation, json };
    // the one resource synthesized under another output target is a VirtualService in that target's kind
    const validator = routeOutputOf(this)?.schemaValidator() ?? CrdSchemaValidator.gloo();
    return validator.validate([json]).map(v => formatProblemBody({
      path: this.node.path,
      field: v.field,
      given: valueAt(json, v.field),
      expected: `what the ${v.resource} crd schema accepts: ${v.message}`,
      hint: 'the api server would reject or silently drop it; check the spelling of escape-hatch fields (options.extra, addJsonPatch), or opt out with CrdSchemaCheck.disable(scope)',
    }));
  }
}

brand(GlooResource, GLOO_RESOURCE_BRAND);


/**
 * The name cdk8s generates for an ApiObject named `Resource` under a construct `id` of `scope`:
 * what the library's resources were named when they held their ApiObject as such a child.
 */
function generatedName(scope: IConstruct, id: string): string {
  const probe = new Construct(scope, id);
  try {
    return Chart.of(scope).generateObjectName(new Construct(probe, 'Resource') as ApiObject);
  } finally {
    scope.node.tryRemoveChild(id);
  }
}

/** The value at a field path such as `spec.virtualHost.routes[0].options.timout`. */
function valueAt(json: unknown, field: string): unknown {
  let value = json;
  for (const part of field.split(/\.|(?=\[)/)) {
    if (value === undefined || value === null) return undefined;
    const index = /^\[(\d+)\]$/.exec(part);
    value = (value as { [key: string]: unknown })[index ? Number(index[1]) : part];
  }
  return value;
}
