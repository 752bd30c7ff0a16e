import * as fs from 'fs';
import { IConstruct } from 'constructs';
import { CanaryHeader } from './canary-header';
import { routeOutputOf } from '../gloo/route-output';
import { Upstream } from '../gloo/upstream';

/**
 * How the `plan` and `synth-stages` commands drive an app they only know by its command line:
 *
 * - `CDK8S_GLOO_CANARY_STAGES`: a JSON object from release (construct path or release name) to
 *   stage name; the release synthesizes that stage instead of its `stage` prop (see
 *   `resolveStage` in stage-selection.ts, which `CanaryRelease.selectStages` goes through too).
 * - `CDK8S_GLOO_CANARY_DESCRIBE`: a file; every release appends one JSON line describing itself.
 */
export const STAGES_ENV = 'CDK8S_GLOO_CANARY_STAGES';
export const DESCRIBE_ENV = 'CDK8S_GLOO_CANARY_DESCRIBE';

/** A Kubernetes Service port a release sends to: the one behind its stable or canary Upstream. */
export interface DescribedService {
  readonly name: string;
  readonly namespace: string;
  readonly port: number;
}

/** What a release says about itself to the commands. */
export interface ReleaseDescription {
  readonly path: string;
  readonly releaseName: string;
  /**
   * The object the release's routes synthesize into: the VirtualService or RouteTable it routes on,
   * or under the Gateway API target the HTTPRoute that VirtualService becomes (its kind, name and
   * namespace as synthesized).
   */
  readonly container: { readonly kind: string; readonly name: string; readonly namespace?: string };
  /**
   * The output target of the container: `gloo`, or `gateway api` under `GatewayApiTarget`.
   * Descriptions from older versions lack it (they are Gloo).
   */
  readonly target?: string;
  readonly stages: string[];
  /** Whether any stage has a header route; descriptions from older versions lack it. */
  readonly hasHeaderStage?: boolean;
  /** The committed stage: the release's `stage` prop. */
  readonly activeStage: string;
  /** The stage this run synthesized, when a choice of stages moved it from `activeStage`. */
  readonly synthesizedStage?: string;
  readonly header: CanaryHeader;
  readonly routes: string[];
  /** The name of the stable Upstream. */
  readonly stable: string;
  /** The name of the canary Upstream. */
  readonly canary: string;
  /** The Service behind the stable Upstream, when it is an Upstream of the app. */
  readonly stableService?: DescribedService;
  /** The Service behind the canary Upstream, when it is an Upstream of the app. */
  readonly canaryService?: DescribedService;
}

interface Describable extends IConstruct {
  readonly releaseName: string;
  readonly stages: Array<{ readonly name: string; readonly headerRoute: boolean }>;
  readonly header: CanaryHeader;
  readonly routeContainer: IConstruct & { readonly kind: string; readonly name: string; readonly metadata: { readonly namespace?: string } };
}

/** What a release's props say about it. */
export interface DescribedProps {
  readonly stage: string;
  readonly routes: Array<{ readonly path: string }>;
  readonly stable: { readonly name: string };
  readonly canary: { readonly name: string };
}

/** Appends the release's description to the file the environment names, if any. */
export function announceRelease(description: ReleaseDescription): void {
  const file = process.env[DESCRIBE_ENV];
  if (file) fs.appendFileSync(file, `${JSON.stringify(description)}\n`);
}

/** The releases described in a file of JSON lines, as `announceRelease` writes it. */
export function readDescriptions(file: string): ReleaseDescription[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l));
}

/** A release's description; `synthesized` is the stage it builds. */
export function describeRelease(release: Describable, props: DescribedProps, synthesized: string = props.stage): ReleaseDescription {
  return {
    path: release.node.path,
    releaseName: release.releaseName,
    container: { kind: release.routeContainer.kind, name: release.routeContainer.name, namespace: release.routeContainer.metadata.namespace },
    target: routeOutputOf(release.routeContainer)?.targetName ?? 'gloo',
    stages: release.stages.map(s => s.name),
    hasHeaderStage: release.stages.some(s => s.headerRoute),
    activeStage: props.stage,
    ...(synthesized !== props.stage ? { synthesizedStage: synthesized } : {}),
    header: release.header,
    routes: props.routes.map(r => r.path),
    stable: props.stable.name,
    canary: props.canary.name,
    ...serviceOf('stableService', props.stable),
    ...serviceOf('canaryService', props.canary),
  };
}

function serviceOf(key: 'stableService' | 'canaryService', upstream: unknown): { [k in typeof key]?: DescribedService } {
  if (!Upstream.isUpstream(upstream)) return {};
  return { [key]: { name: upstream.serviceName, namespace: upstream.serviceNamespace, port: upstream.servicePort } };
}
