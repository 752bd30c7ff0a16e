import { IConstruct } from 'constructs';
import { STAGES_ENV } from './release-registry';
import { formatProblemBody, GlooInputError, Problem } from '../private/errors';

/** The construct context key under which `CanaryRelease.selectStages` keeps its choice. */
export const STAGES_CONTEXT = 'cdk8s-gloo-canary:stages';

/** A choice of stages: release name or construct path to stage name. */
export type StageMap = { [release: string]: string };

/** The stage a release starts at, and who chose it. */
export interface ResolvedStage {
  readonly name: string;
  /** Who chose it when it is not the release's `stage` prop, for error messages. */
  readonly chosenBy?: string;
}

interface SelectableRelease extends IConstruct {
  readonly releaseName: string;
}

/** Per app root: the selections made in it, and the releases that have asked for theirs. */
const seenReleases = new WeakMap<IConstruct, Set<SelectableRelease>>();

/**
 * Stores a choice of stages in the root of `scope` (its app), for every release created in that app
 * afterwards. Later calls add to the choice. The app validates that every name chosen is a release.
 */
export function selectStages(scope: IConstruct, stages: StageMap): void {
  const root = scope.node.root;
  const problems: Problem[] = [];
  const given = (stages ?? {}) as unknown;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    problems.push({ path: root.node.path, field: 'selectStages(stages)', given, expected: 'an object from release name or construct path to stage name' });
  } else {
    for (const [release, stage] of Object.entries(stages)) {
      if (typeof stage !== 'string' || stage === '') {
        problems.push({ path: root.node.path, field: `selectStages(stages)[${JSON.stringify(release)}]`, given: stage, expected: 'a stage name' });
      }
    }
  }
  if (problems.length > 0) throw new GlooInputError(problems);
  const merged = { ...contextSelection(root), ...stages };
  try {
    root.node.setContext(STAGES_CONTEXT, merged);
  } catch {
    throw new GlooInputError([{
      path: root.node.path,
      field: 'selectStages',
      given: root.node.children.map(c => c.node.id),
      expected: 'an app without charts yet',
      hint: 'call CanaryRelease.selectStages(app, ...) before any chart is added to the app',
    }]);
  }
  if (!seenReleases.has(root)) {
    seenReleases.set(root, new Set());
    root.node.addValidation({ validate: () => unknownReleases(root) });
  }
}

/**
 * The stage a release starts at: the one the cdk8s-gloo-canary CLI chose for this process (it
 * drives the app from outside), else the one `selectStages` chose in its app, else its `stage` prop.
 * A choice may name the release by construct path or by release name; the path wins.
 */
export function resolveStage(release: SelectableRelease, stageProp: string): ResolvedStage {
  const root = release.node.root;
  seenReleases.get(root)?.add(release);
  const fromCli = pick(processSelection(), release);
  if (fromCli !== undefined) return { name: fromCli, chosenBy: 'the cdk8s-gloo-canary CLI' };
  const fromContext = pick(contextSelection(root), release);
  if (fromContext !== undefined) return { name: fromContext, chosenBy: 'CanaryRelease.selectStages' };
  return { name: stageProp };
}

function pick(selection: StageMap, release: SelectableRelease): string | undefined {
  if (Object.prototype.hasOwnProperty.call(selection, release.node.path)) return selection[release.node.path];
  if (Object.prototype.hasOwnProperty.call(selection, release.releaseName)) return selection[release.releaseName];
  return undefined;
}

function contextSelection(root: IConstruct): StageMap {
  return (root.node.tryGetContext(STAGES_CONTEXT) as StageMap | undefined) ?? {};
}

let parsed: { raw: string; map: StageMap } | undefined;

/** The selection the CLI passes to the app's process through `CDK8S_GLOO_CANARY_STAGES`. */
function processSelection(): StageMap {
  const raw = process.env[STAGES_ENV];
  if (!raw) return {};
  if (!parsed || parsed.raw !== raw) {
    let map: unknown;
    try {
      map = JSON.parse(raw);
    } catch {
      map = undefined;
    }
    if (typeof map !== 'object' || map === null || Array.isArray(map)) {
      throw new Error(`${STAGES_ENV}: got ${JSON.stringify(raw)}, expected a JSON object from release path or name to stage name`);
    }
    parsed = { raw, map: map as StageMap };
  }
  return parsed.map;
}

/** The names in the app's selection that no release of the app answers to. */
function unknownReleases(root: IConstruct): string[] {
  const releases = [...seenReleases.get(root) ?? []];
  const known = new Set(releases.flatMap(r => [r.node.path, r.releaseName]));
  const names = [...new Set(releases.map(r => r.releaseName))].sort();
  return Object.keys(contextSelection(root)).filter(name => !known.has(name)).map(name => formatProblemBody({
    path: root.node.path,
    field: 'selectStages',
    given: name,
    expected: names.length > 0 ? `the name or construct path of a release in this app: ${names.join(', ')}` : 'a release, but the app has no canary releases',
  }));
}
