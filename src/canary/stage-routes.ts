import { CanaryStage, CanaryStageKind } from './canary-stage';
import { RouteProps } from '../gloo/route';
import { Destination } from '../model/destination';
import { HeaderMatch } from '../model/header-match';
import { PathMatch } from '../model/path-match';
import { IUpstream } from '../model/references';
import { RouteAction, WeightedDestination } from '../model/route-action';

/** One route a release moves, with everything a stage needs to route it. */
export interface ReleasedRoute {
  /** The path prefix the route matches. */
  readonly path: string;
  /** Where its requests go before the release, and after a rollback. */
  readonly stable: Destination;
  /** Where they go as the release advances. */
  readonly canary: Destination;
  /** The canary's Upstream, which mirror stages copy requests to. */
  readonly canaryUpstream: IUpstream;
  /** The prefix rewrite of every route of the release. */
  readonly prefixRewrite?: string;
}

/**
 * What a stage means for one route of a release, as routes in evaluation order: which requests go
 * where, with what share, mirrored how. This is the release's logic, and nothing here knows how a
 * gateway writes it: a renderer adds these routes to a Gloo VirtualService or RouteTable (see
 * `CanaryRelease`), another could write them as Gateway API rules.
 *
 * - `stable`, `header` and `rollback`: everything to stable; with a header route first in `header`
 *   (and in weight and mirror stages that keep it), which sends requests with the header to the
 *   canary. The header route comes right before the route it overrides.
 * - `weight`: the canary's share by weight, the rest to stable (weights from `canaryWeights`).
 * - `mirror`: everything to stable, and the share copied to the canary.
 * - `promote`: everything to the canary, as a plain single-destination route.
 */
export function stageRoutes(stage: CanaryStage, route: ReleasedRoute, header: HeaderMatch): RouteProps[] {
  const options = route.prefixRewrite !== undefined ? { prefixRewrite: route.prefixRewrite } : undefined;
  const path = PathMatch.prefix(route.path);
  const routes: RouteProps[] = [];
  if (stage.headerRoute) {
    routes.push({ matchers: [{ path, headers: [header] }], action: RouteAction.forward(route.canary), options });
  }
  const main = { matchers: [{ path }], options };
  switch (stage.kind) {
    case CanaryStageKind.WEIGHT:
      routes.push({ ...main, action: RouteAction.weightedForward(stageWeights(stage, route)) });
      break;
    case CanaryStageKind.MIRROR:
      routes.push({ ...main, action: RouteAction.forward(route.stable), mirror: { upstream: route.canaryUpstream, percent: stage.percent } });
      break;
    case CanaryStageKind.PROMOTE:
      routes.push({ ...main, action: RouteAction.forward(route.canary) });
      break;
    default: // stable, header, rollback
      routes.push({ ...main, action: RouteAction.forward(route.stable) });
  }
  return routes;
}

/** The weighted destinations of a weight stage: the canary first, then stable. */
export function stageWeights(stage: CanaryStage, route: ReleasedRoute): WeightedDestination[] {
  const { canary, stable } = canaryWeights(stage.percent);
  return [{ destination: route.canary, weight: canary }, { destination: route.stable, weight: stable }];
}

/**
 * The canary and stable weights of a percentage: integers that add up to 100, or to 1000, 10000,
 * ... when the percentage has decimals (0.5% → 5 and 995), since Gloo weights are ratios.
 */
export function canaryWeights(percent: number): { canary: number; stable: number } {
  let scale = 1;
  while (!Number.isInteger(Math.round(percent * scale * 1e6) / 1e6) && scale < 10000) scale *= 10;
  const canary = Math.round(percent * scale);
  return { canary, stable: 100 * scale - canary };
}

/** Whether two Upstreams are the same object in the cluster: the same namespace and name. */
export function sameUpstream(a: IUpstream, b: IUpstream): boolean {
  return a.namespace === b.namespace && a.name === b.name;
}
