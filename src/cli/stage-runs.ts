import * as fs from 'fs';
import * as path from 'path';
import { ReleaseDescription } from '../canary/release-registry';

/** One stage of one release, synthesized into `dir`. */
export interface StageRun {
  readonly release: ReleaseDescription;
  readonly stage: string;
  readonly dir: string;
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
  const releases = run(discovery, {});
  checkWrote(discovery);
  checkReleaseNames(releases);
  const runs: StageRun[] = [];
  for (const release of selectReleases(releases, filter)) {
    for (const stage of selectStages(release, filter)) {
      const dir = path.join(root, release.releaseName, stage);
      if (stage === (release.synthesizedStage ?? release.activeStage)) {
        fs.cpSync(discovery, dir, { recursive: true });
      } else {
        run(dir, { [release.path]: stage });
        checkWrote(dir);
      }
      runs.push({ release, stage, dir });
    }
  }
  fs.rmSync(discovery, { recursive: true, force: true });
  return runs;
}

function selectReleases(releases: ReleaseDescription[], filter: StageFilter): ReleaseDescription[] {
  if (filter.release === undefined) return releases;
  const found = releases.filter(r => r.path === filter.release || r.releaseName === filter.release);
  if (found.length > 0) return found;
  throw new Error(releases.length === 0
    ? `the app has no canary releases, so none named ${JSON.stringify(filter.release)}: check that it creates its CanaryRelease constructs`
    : `the app has no release named ${JSON.stringify(filter.release)}: use one of ${releases.map(r => r.releaseName).join(', ')}`);
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
