import { ApiObjectMetadata } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { CanaryHeader, canaryHeaderMatcher, checkCanaryHeader, withHeaderDefaults } from './canary-header';
import { CanaryStage, CanaryStageKind } from './canary-stage';
import { announceRelease, describeRelease, ReleaseDescription } from './release-registry';
import { ReleasedRoute, sameUpstream, stageRoutes, stageWeights } from './stage-routes';
import { resolveStage, selectStages } from './stage-selection';
import { checkDestination, checkRoute } from '../gloo/route-checks';
import { RouteContainer } from '../gloo/route-container';
import { sortedCopy } from '../gloo/route-render';
import { UpstreamGroup } from '../gloo/upstream-group';
import { Destination, FunctionParameters } from '../model/destination';
import { IUpstream } from '../model/references';
import { RouteAction, RouteActionType } from '../model/route-action';
import { AppState } from '../private/app-state';
import { brand, brandSymbol, hasBrand } from '../private/brand';
import { GlooInputError, ProblemCollector } from '../private/errors';
import { derivedObjectName } from '../private/names';
import { AN_UPSTREAM, checkRequiredProps } from '../private/required';
import { checkKnownKeys } from '../private/unknown-keys';

const CANARY_RELEASE_BRAND = brandSymbol('CanaryRelease');

/** One route a release moves, usually a REST function route. */
export interface CanaryReleaseRoute {
  /** The path prefix the route matches, e.g. `/findPetWithId`. */
  readonly path: string;
  /**
   * The REST function to call on both targets.
   * @default - no function: requests are forwarded as they are
   */
  readonly functionName?: string;
  /**
   * The function on the canary, when it differs.
   * @default - `functionName`
   */
  readonly canaryFunctionName?: string;
  /**
   * Function parameters, e.g. `{ headers: { ':path': '/findPetWithId/{id}' } }`.
   * @default - none
   */
  readonly parameters?: FunctionParameters;
  /**
   * Replaces the matched prefix before the request is forwarded.
   * @default - the path is forwarded unchanged
   */
  readonly prefixRewrite?: string;
}

/** How a release splits traffic in its weight stages. */
export enum TrafficSplit {
  /** Each route carries its own weighted destinations (`routeAction.multi`). */
  INLINE = 'inline',
  /**
   * All routes of the release point at one UpstreamGroup, whose weights move; Gloo's docs recommend
   * this for canaries. Every route must then call the same function with the same parameters.
   */
  UPSTREAM_GROUP = 'upstream-group',
}

/** Properties of a `CanaryRelease`. */
export interface CanaryReleaseProps {
  /**
   * The VirtualService or RouteTable the release routes on. Its routes go where the release is
   * created among the container's routes.
   */
  readonly routeContainer: RouteContainer;
  /** The routes the release moves, in order. */
  readonly routes: CanaryReleaseRoute[];
  /** Where traffic goes before the release, and after a rollback. */
  readonly stable: IUpstream;
  /** The new version. */
  readonly canary: IUpstream;
  /** The stages, in order. Names must be unique. */
  readonly stages: CanaryStage[];
  /**
   * The active stage, by name. Advancing the release is a change of this one line.
   */
  readonly stage: string;
  /**
   * The header that sends a request to the canary in header stages.
   * @default - `x-canary: true`, matched exactly
   */
  readonly header?: CanaryHeader;
  /**
   * Allow `HeaderMatchType.PRESENT`, which sends any request that has the header, whatever its
   * value, to the canary. Any client can send a header, so a header stage matches a value unless
   * you opt in here.
   * @default false
   */
  readonly allowHeaderPresenceMatch?: boolean;
  /**
   * How weight stages split traffic.
   * @default TrafficSplit.INLINE
   */
  readonly trafficSplit?: TrafficSplit;
  /**
   * Metadata of the UpstreamGroup, with `TrafficSplit.UPSTREAM_GROUP`.
   *
   * The name stays the same wherever the release is created in the construct tree, so moving the
   * release in code never renames the group on the cluster.
   * @default - name `<route container name>-<releaseName>` (lowercased, other characters turned
   * into `-`), namespace `gloo-system`
   */
  readonly upstreamGroupMetadata?: ApiObjectMetadata;
  /**
   * Allow stages whose canary share goes down before a rollback (say, weight-50 then weight-10).
   * @default false
   */
  readonly allowOutOfOrderStages?: boolean;
  /**
   * The release's name in `synth:stages` folders and in the plan.
   * @default - the construct id
   */
  readonly releaseName?: string;
}

/**
 * A canary release of one or more routes of a VirtualService or RouteTable: a stable and a canary target, an
 * ordered list of stages, and the active stage, set by one committed line.
 *
 * Only the active stage is synthesized. Moving it to the next stage changes only the routing
 * lines of the output. Where the routes go: every route of the release keeps the place where the
 * release was added among the container's routes, in every stage. A header route is placed
 * immediately before the route it overrides, after every route added earlier, so a more specific
 * route that was added first keeps its traffic in every stage.
 */
export class CanaryRelease extends Construct {
  /** Whether `x` is a CanaryRelease; works across copies of the library. */
  public static isCanaryRelease(x: unknown): x is CanaryRelease {
    return hasBrand(x, CANARY_RELEASE_BRAND);
  }

  /**
   * Builds the app at a chosen stage of some of its releases, whatever their `stage` props say:
   * for tests, and for the `plan` and `synth-stages` commands, which go through the same choice.
   *
   * Call it on the app (or any construct in it) before adding charts; every release created in
   * the app afterwards starts at the stage chosen for it. Name a release by its `releaseName` or
   * its construct path. A stage the release does not have fails when the release is created; a
   * name that no release of the app answers to fails when the app is synthesized (`app.synth()`,
   * `chart.toJson()`, `Testing.synth()`). Later calls add to the choice.
   *
   * @example
   * const app = Testing.app();
   * CanaryRelease.selectStages(app, { 'find-pet-by-id': 'weight-10' });
   * // ... add the charts; find-pet-by-id is now at weight-10 ...
   *
   * @param scope the app, or any construct in it
   * @param stages release name or construct path to stage name
   */
  public static selectStages(scope: IConstruct, stages: { [release: string]: string }): void {
    selectStages(scope, stages);
  }

  /** The release's name in stage folders and plans. */
  public readonly releaseName: string;
  /** The stages, in order. */
  public readonly stages: CanaryStage[];
  /** The active stage. */
  public readonly activeStage: CanaryStage;
  /** The header that sends requests to the canary. */
  public readonly header: CanaryHeader;
  /** The VirtualService or RouteTable the release routes on. */
  public readonly routeContainer: RouteContainer;
  /** The UpstreamGroup of the active weight stage, with `TrafficSplit.UPSTREAM_GROUP`. */
  public readonly upstreamGroup?: UpstreamGroup;
  /** @internal what the plan needs to know about the release */
  public readonly _description: ReleaseDescription;

  constructor(scope: Construct, id: string, props: CanaryReleaseProps) {
    super(scope, id);
    try {
      checkReleaseProps(this, props);
      this.routeContainer = props.routeContainer;
      this.releaseName = props.releaseName ?? id;
      this.stages = [...props.stages];
      this.header = withHeaderDefaults(props.header);
      const split = props.trafficSplit ?? TrafficSplit.INLINE;
      const active = resolveStage(this, props.stage);
      checkRelease(this, props, active.name, split, active.chosenBy);
      this.activeStage = this.stages.find(s => s.name === active.name)!;

      if (split === TrafficSplit.UPSTREAM_GROUP && this.activeStage.kind === CanaryStageKind.WEIGHT) {
        this.upstreamGroup = new UpstreamGroup(this, 'UpstreamGroup', {
          metadata: { ...props.upstreamGroupMetadata, name: upstreamGroupName(this, props) },
          destinations: stageWeights(this.activeStage, releasedRoute(props, props.routes[0])),
        });
      }

      // the Gloo rendering of what the stage means: the routes in the container, a shared split in
      // the UpstreamGroup when there is one; every route is checked before any is added
      const header = canaryHeaderMatcher(this.header);
      const routes = props.routes
        .flatMap(r => stageRoutes(this.activeStage, releasedRoute(props, r), header))
        .map(route => (this.upstreamGroup && route.action.type === RouteActionType.WEIGHTED_FORWARD
          ? { ...route, action: RouteAction.upstreamGroup(this.upstreamGroup) }
          : route));
      const problems = routes.flatMap(route => checkRoute(route, this.node.path, ''));
      if (problems.length > 0) throw new GlooInputError(problems);
      for (const route of routes) this.routeContainer._addRoute(route, this);

      if (this.upstreamGroup) claimGroupName(this, this.upstreamGroup);
      this._description = describeRelease(this, props, active.name);
      announceRelease(this._description);
    } catch (e) {
      scope.node.tryRemoveChild(id); // nothing half-made stays in the app
      throw e;
    }
  }

  /** The names of the stages, in order. */
  public get stageNames(): string[] {
    return this.stages.map(s => s.name);
  }
}

brand(CanaryRelease, CANARY_RELEASE_BRAND);

/** What the stages need to know of one route of the release. */
function releasedRoute(props: CanaryReleaseProps, r: CanaryReleaseRoute): ReleasedRoute {
  const to = (upstream: IUpstream, functionName: string | undefined) => (functionName !== undefined
    ? Destination.restFunction(upstream, functionName, { parameters: r.parameters ?? {} })
    : Destination.upstream(upstream));
  return {
    path: r.path,
    stable: to(props.stable, r.functionName),
    canary: to(props.canary, r.canaryFunctionName ?? r.functionName),
    canaryUpstream: props.canary,
    prefixRewrite: r.prefixRewrite,
  };
}

/**
 * The name of the release's UpstreamGroup: the one given, else `<container>-<release>`, which does
 * not depend on where the release sits in the construct tree.
 */
function upstreamGroupName(release: CanaryRelease, props: CanaryReleaseProps): string {
  const given = props.upstreamGroupMetadata?.name;
  if (given !== undefined) return given;
  const derived = derivedObjectName(release.routeContainer.name, release.releaseName);
  if (derived === undefined) {
    const problems = new ProblemCollector(release);
    problems.add('upstreamGroupMetadata.name', `${release.routeContainer.name}-${release.releaseName}`,
      'a name derived from the route container and the release that is a valid object name (at most 253 characters)',
      'set upstreamGroupMetadata: { name: ... } or a shorter releaseName');
    problems.throwIfAny();
  }
  return derived!;
}

/** Refuses a second release whose UpstreamGroup would be the same object on the cluster. */
function claimGroupName(release: CanaryRelease, group: UpstreamGroup): void {
  const earlier = AppState.of(release).claimName(`UpstreamGroup ${group.namespace}/${group.name}`, group.node.path);
  if (earlier === undefined) return;
  const problems = new ProblemCollector(release);
  problems.add('upstreamGroupMetadata.name', `${group.namespace}/${group.name}`, 'an UpstreamGroup name no other release of the app uses',
    `${earlier} writes an UpstreamGroup of that name too; set upstreamGroupMetadata: { name: ... } or a releaseName on one of them`);
  problems.throwIfAny();
}

const STAGE_NAME = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;

/** Checks the props JavaScript callers can omit or get wrong, before anything reads them. */
function checkReleaseProps(scope: CanaryRelease, props: CanaryReleaseProps): void {
  const problems = new ProblemCollector(scope);
  checkRequiredProps(problems, props, [
    ['routeContainer', 'container', 'the VirtualService or RouteTable the release routes on'],
    ['routes', 'array', 'at least one route to release, such as [{ path: "/findPets", functionName: "findPets" }]'],
    ['stable', 'upstream', AN_UPSTREAM],
    ['canary', 'upstream', AN_UPSTREAM],
    ['stages', 'array', 'at least one stage, such as [CanaryStage.stable(), CanaryStage.header(), CanaryStage.promote()]'],
    ['stage', 'string', 'the name of the active stage, such as "stable"'],
  ]);
  checkKnownKeys(problems.add.bind(problems), props, 'CanaryReleaseProps');
  (Array.isArray(props?.routes) ? props.routes : []).forEach((r, i) => {
    if (typeof r !== 'object' || r === null) problems.add(`routes[${i}]`, r, 'a route such as { path: "/findPets" }');
    checkKnownKeys(problems.add.bind(problems), r, 'CanaryReleaseRoute', `routes[${i}].`);
    checkKnownKeys(problems.add.bind(problems), r?.parameters, 'FunctionParameters', `routes[${i}].parameters.`);
  });
  (Array.isArray(props?.stages) ? props.stages : []).forEach((s, i) => {
    if (typeof s !== 'object' || s === null || typeof s.kind !== 'string') problems.add(`stages[${i}]`, s, 'a stage such as CanaryStage.header()');
  });
  problems.throwIfAny();
}

function checkRelease(scope: CanaryRelease, props: CanaryReleaseProps, activeName: string, split: TrafficSplit, chosenBy?: string): void {
  const problems = new ProblemCollector(scope);
  const stages = scope.stages;
  if (props.routes.length === 0) problems.add('routes', props.routes, 'at least one route to release');
  props.routes.forEach((r, i) => {
    if (typeof r.path !== 'string' || !r.path.startsWith('/')) problems.add(`routes[${i}].path`, r.path, 'a path prefix that starts with "/"');
    if (r.functionName !== undefined) {
      const { stable, canary } = releasedRoute(props, r);
      checkDestination(stable, `routes[${i}] stable`, problems.add.bind(problems));
      checkDestination(canary, `routes[${i}] canary`, problems.add.bind(problems));
    }
  });
  const unchanged = props.routes.filter(r => (r.canaryFunctionName ?? r.functionName) === r.functionName).map(r => r.path);
  if (sameUpstream(props.stable, props.canary) && unchanged.length > 0) {
    problems.add('canary', `${props.canary.namespace}/${props.canary.name}`, 'a canary that differs from the stable upstream and function',
      `stable and canary are the same upstream with the same function on ${unchanged.join(', ')}, so no stage would change anything there`);
  }
  if (stages.length === 0) problems.add('stages', stages, 'at least one stage');
  const seen = new Set<string>();
  stages.forEach((s, i) => {
    if (s._problem) problems.add(`stages[${i}].${s._problem.field}`, s._problem.given, s._problem.expected, s._problem.hint);
    if (typeof s.name !== 'string' || !STAGE_NAME.test(s.name)) {
      problems.add(`stages[${i}].name`, s.name, 'a stage name of lowercase letters, digits, "-" and "."');
    }
    if (seen.has(s.name)) problems.add(`stages[${i}].name`, s.name, 'a stage name not used by an earlier stage', 'give one of them a name with { name: ... }');
    seen.add(s.name);
    if ((s.kind === CanaryStageKind.WEIGHT || s.kind === CanaryStageKind.MIRROR)
      && (typeof s.percent !== 'number' || !Number.isFinite(s.percent) || s.percent < 0 || s.percent > 100
        || Math.round(s.percent * 10000) / 10000 !== s.percent)) {
      problems.add(`stages[${i}] (${s.name}).percent`, s.percent, 'a percentage from 0 to 100, with at most four decimals',
        'gloo weights are integers: four decimals already make weights out of 1,000,000');
    }
  });
  if (!props.allowOutOfOrderStages) {
    let highest: CanaryStage | undefined;
    stages.forEach((s, i) => {
      if (s.kind === CanaryStageKind.ROLLBACK) return;
      if (highest && s.canaryShare < highest.canaryShare) {
        problems.add(`stages[${i}] (${s.name})`, `${s.canaryShare}% to the canary after ${highest.canaryShare}% in ${highest.name}`,
          'stages whose canary share does not go down before a rollback',
          'reorder the stages, or set allowOutOfOrderStages: true if this is meant');
      }
      if (!highest || s.canaryShare >= highest.canaryShare) highest = s;
    });
  }
  if (typeof activeName !== 'string' || !stages.some(s => s.name === activeName)) {
    problems.add(chosenBy ? `stage (chosen by ${chosenBy})` : 'stage', activeName, `one of the stage names: ${stages.map(s => s.name).join(', ')}`);
  }
  checkCanaryHeader(props.header, props.allowHeaderPresenceMatch ?? false, problems.add.bind(problems));
  if (split === TrafficSplit.UPSTREAM_GROUP && props.routes.length > 1) {
    // what one UpstreamGroup can carry for every route: one function each side, one set of parameters
    const call = (r: CanaryReleaseRoute) => JSON.stringify([r.functionName, r.canaryFunctionName,
      r.parameters?.path, r.parameters?.headers ? sortedCopy(r.parameters.headers) : undefined]);
    const first = call(props.routes[0]);
    props.routes.forEach((r, i) => {
      if (call(r) !== first) {
        problems.add(`routes[${i}]`, r.functionName, 'the same function and parameters as routes[0], since one UpstreamGroup carries the destinations of every route',
          'use TrafficSplit.INLINE, or one release per function');
      }
    });
  }
  problems.throwIfAny();
}
