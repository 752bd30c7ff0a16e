import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { GlooResource } from './gloo-resource';
import { GLOO_SYSTEM_NAMESPACE, ImportedResource, ImportedResourceOptions } from './imported-resource';
import { checkWeightedDestinations } from './route-checks';
import { keepOutOfOutput, routeOutputOf } from './route-output';
import { renderWeighted } from './route-render';
import type { UpstreamGroupSpec } from '../imports/gloo.solo.io';
import { IUpstreamGroup } from '../model/references';
import { WeightedDestination } from '../model/route-action';
import { AppState } from '../private/app-state';
import { formatProblemBody, ProblemCollector } from '../private/errors';
import { GlooUpstreamGroup } from '../private/gvk';
import { isInApp } from './rules/route-rules';
import { brand, brandSymbol, hasBrand } from '../private/brand';
import { checkKnownKeys } from '../private/unknown-keys';

const UPSTREAM_GROUP_BRAND = brandSymbol('UpstreamGroup');


/** Properties of an `UpstreamGroup`. */
export interface UpstreamGroupProps {
  /**
   * Metadata of the UpstreamGroup.
   * @default - a name generated from the construct path, namespace `gloo-system`
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * The weighted destinations. More can be added with `addDestination`.
   * @default - none; at least one must be added before synth
   */
  readonly destinations?: WeightedDestination[];
}

/**
 * A Gloo UpstreamGroup (`gloo.solo.io/v1`): weighted destinations shared by the routes that name
 * the group. Gloo's docs recommend it for canaries, since one change moves every route at once.
 */
export class UpstreamGroup extends GlooResource implements IUpstreamGroup {
  /** Whether `x` is an UpstreamGroup defined in an app; works across copies of the library. */
  public static isUpstreamGroup(x: unknown): x is UpstreamGroup {
    return hasBrand(x, UPSTREAM_GROUP_BRAND);
  }

  /** Refers to an UpstreamGroup defined outside this app. */
  public static fromUpstreamGroupName(scope: Construct, id: string, name: string, options: ImportedResourceOptions = {}): IUpstreamGroup {
    return new ImportedResource(scope, id, name, options);
  }

  public readonly namespace: string;
  private readonly _destinations: WeightedDestination[] = [];

  constructor(scope: Construct, id: string, props: UpstreamGroupProps = {}) {
    super(scope, id, { gvk: GlooUpstreamGroup.GVK, metadata: props.metadata, defaultNamespace: GLOO_SYSTEM_NAMESPACE });
    this.namespace = this.metadata.namespace ?? GLOO_SYSTEM_NAMESPACE;
    const problems = new ProblemCollector(this);
    this._construct(problems, () => {
      checkKnownKeys(problems.add.bind(problems), props, 'UpstreamGroupProps');
      problems.throwIfAny();
      for (const d of props.destinations ?? []) this.addDestination(d);
    });
    keepOutOfOutput(this);
  }

  public get destinations(): WeightedDestination[] {
    return [...this._destinations];
  }

  /** Adds a weighted destination. */
  public addDestination(destination: WeightedDestination): void {
    const problems = new ProblemCollector(this);
    const field = `destinations[${this._destinations.length}]`;
    checkWeightedDestinations([destination], 'destinations', (f, given, expected, hint) => {
      if (f.endsWith('[*].weight')) return; // the total is checked at synth, once every destination is in
      problems.add(f.replace('destinations[0]', field), given, expected, hint);
    });
    problems.throwIfAny();
    this._destinations.push(destination);
    AppState.of(this).changed();
    if (AppState.of(this).isKeptOut(this)) routeOutputOf(this)?.destinationAdded(this, destination);
  }

  /** @internal References outside the app, and the total weight. */
  public _synthProblems(): string[] {
    const errors: string[] = [];
    this._destinations.forEach(({ destination: { targetUpstream: upstream } }, i) => {
      if (upstream && !isInApp(upstream, this.node.root)) {
        errors.push(formatProblemBody({
          path: this.node.path,
          field: `destinations[${i}].destination.upstream`,
          given: `${upstream.namespace}/${upstream.name}`,
          expected: 'an Upstream defined in this app or declared external with Upstream.fromUpstreamName()',
          hint: 'gloo rejects an upstream group whose upstream does not exist ("upstream not found")',
        }));
      }
    });
    checkWeightedDestinations(this._destinations, 'destinations', (f, given, expected, hint) => {
      errors.push(formatProblemBody({ path: this.node.path, field: f, given, expected, hint }));
    });
    return errors;
  }

  /** @internal */
  public _renderSpec(): UpstreamGroupSpec {
    return this.renderSpec();
  }

  private renderSpec(): UpstreamGroupSpec {
    return {
      destinations: renderWeighted(this._destinations),
    };
  }
}

brand(UpstreamGroup, UPSTREAM_GROUP_BRAND);

