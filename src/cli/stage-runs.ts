import * as fs from 'fs';
import * as path from 'path';
import { ReleaseDescription } from '../canary/release-registry';

/** One stage of one release, synthesized into `dir`. */
export interface StageRun {
  readonly release: ReleaseDescription;
  readonly stage: string;
  readonly dir: string;
  /**
   * The release as each output of the app describes it: one description per distinct target and
   * container. An app that builds the release once has one; the example, which builds it into a
   * Gloo app and a Gateway API app in one process, has two (a VirtualService and an HTTPRoute).
   */
  readonly outputs: ReleaseDescription[];
}

/** A release of the app, and its outputs (see `StageRun.outputs`). */
export interface DescribedRelease {
  /** The first description of the release: its name and stages, for folders and filters. */
  readonly release: ReleaseDescription;
  readonly outputs: ReleaseDescription[];
}

/** A choice of stages: release construct path or name to stage name. */
export type StageChoice = { [release: string]: string };

/**
 * Runs the app once with `CDK8S_OUTDIR` set to `outdir` and the releases named in `stages` at those
 * stages; returns the releases the app described. Throws when the app fails.
 */
export type AppRun = (outdir: string, stages: StageChoice) => ReleaseDescription[];

/** Which releases and stages to synthesize: all of them unless narrowed. */
export interface StageFilter {
  /** A release name or construct path. */
  readonly release?: string;
  /** A stage of that release. */
  readonly stage?: string;
}

/**
 * Synthesizes every stage of every release of the app (or those the filter names) into
 * `<root>/<release>/<stage>/`, each with the other releases at their active stage. The app runs
 * once to find its releases; that output is reused for each release's active stage, and every
 * other stage is one more run. Returns the runs in release, then stage order.
 */
export function synthEveryStage(run: AppRun, root: string, filter: StageFilter = {}): StageRun[] {
  const discovery = path.join(root, '.discovery');
  const described = run(discovery, {});
  checkWrote(discovery);
  const releases = describedReleases(described);
  checkReleaseNames(releases.map(r => r.release));
  const runs: StageRun[] = [];
  for (const { release, outputs } of selectReleases(releases, filter)) {
    for (const stage of selectStages(release, filter)) {
      const dir = path.join(root, release.releaseName, stage);
      // the discovery run holds this stage only when every output of the release synthesized it
      if (outputs.every(o => stage === (o.synthesizedStage ?? o.activeStage))) {
        fs.cpSync(discovery, dir, { recursive: true });
      } else {
        run(dir, { [release.path]: stage });
        checkWrote(dir);
      }
      runs.push({ release, stage, dir, outputs });
    }
  }
  fs.rmSync(discovery, { recursive: true, force: true });
  return runs;
}

/**
 * The releases the app described, each once with its outputs. One process may build a release
 * into several apps (the example builds a Gloo app and a Gateway API app), and each app describes
 * it; a stage run chooses the stage by construct path, so in all of them at once. The descriptions
 * of one construct path must therefore agree on the release's name and stages; each distinct
 * target and container is one output, in the order the app described them.
 */
export function describedReleases(described: ReleaseDescription[]): DescribedRelease[] {
  const byPath = new Map<string, { release: ReleaseDescription; outputs: ReleaseDescription[] }>();
  for (const d of described) {
    const found = byPath.get(d.path);
    if (!found) {
      byPath.set(d.path, { release: d, outputs: [d] });
      continue;
    }
    const first = found.release;
    if (d.releaseName !== first.releaseName) {
      throw new Error(`[${d.path}] releaseName: got ${JSON.stringify(d.releaseName)} in one app and ${JSON.stringify(first.releaseName)} in another,`
        + ' expected the same name in every app that builds the release');
    }
    if (d.stages.join('\n') !== first.stages.join('\n')) {
      throw new Error(`[${d.path}] stages: got ${d.stages.join(', ')} in one app and ${first.stages.join(', ')} in another,`
        + ' expected the same stages in every app that builds the release (a stage is chosen by construct path, in all of them at once)');
    }
    if (!found.outputs.some(o => outputKey(o) === outputKey(d))) found.outputs.push(d);
  }
  return [...byPath.values()];
}

function outputKey(d: ReleaseDescription): string {
  return JSON.stringify([d.target ?? 'gloo', d.container.kind, d.container.namespace ?? '', d.container.name]);
}

function selectReleases(releases: DescribedRelease[], filter: StageFilter): DescribedRelease[] {
  if (filter.release === undefined) return releases;
  const found = releases.filter(({ release: r }) => r.path === filter.release || r.releaseName === filter.release);
  if (found.length > 0) return found;
  throw new Error(releases.length === 0
    ? `the app has no canary releases, so none named ${JSON.stringify(filter.release)}: check that it creates its CanaryRelease constructs`
    : `the app has no release named ${JSON.stringify(filter.release)}: use one of ${releases.map(r => r.release.releaseName).join(', ')}`);
}

function selectStages(release: ReleaseDescription, filter: StageFilter): string[] {
  if (filter.stage === undefined) return release.stages;
  if (release.stages.includes(filter.stage)) return [filter.stage];
  throw new Error(`release ${release.releaseName} has no stage ${JSON.stringify(filter.stage)}: use one of ${release.stages.join(', ')}`);
}

/** Fails in one line when a run left its folder without a manifest. */
export function checkWrote(dir: string): void {
  if (!hasManifest(dir)) {
    throw new Error(`the app wrote no manifests to ${dir}, the folder CDK8S_OUTDIR named: write there`
      + ' (new App() without outdir does, and so does AtomicOutputDirectory), not to a folder of your own');
  }
}

function hasManifest(dir: string): boolean {
  if (!fs.existsSync(dir)) return false;
  return fs.readdirSync(dir, { withFileTypes: true }).some(e =>
    e.isDirectory() ? hasManifest(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name));
}

/** Checks that release names are unique, since they name folders. */
export function checkReleaseNames(releases: ReleaseDescription[]): void {
  const seen = new Map<string, string>();
  for (const r of releases) {
    const other = seen.get(r.releaseName);
    if (other) throw new Error(`[${r.path}] releaseName: got ${JSON.stringify(r.releaseName)}, expected a name no other release uses, but ${other} uses it too`);
    seen.set(r.releaseName, r.path);
  }
}
