import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AppCommand, checkReleaseNames, runApp } from './app-runner';
import { ReleaseDescription } from '../canary/release-registry';

/** One stage of one release, synthesized into `dir`. */
export interface StageRun {
  readonly release: ReleaseDescription;
  readonly stage: string;
  readonly dir: string;
}

/**
 * Synthesizes every stage of every release of the app into `<root>/<release>/<stage>/`, each with
 * the other releases at their active stage. Returns the runs in release, then stage order.
 */
export function synthEveryStage(app: AppCommand, root: string): StageRun[] {
  const discovery = fs.mkdtempSync(path.join(os.tmpdir(), 'gloo-canary-discover-'));
  let releases: ReleaseDescription[];
  try {
    releases = runApp(app, discovery);
  } finally {
    fs.rmSync(discovery, { recursive: true, force: true });
  }
  checkReleaseNames(releases);
  const runs: StageRun[] = [];
  for (const release of releases) {
    for (const stage of release.stages) {
      const dir = path.join(root, release.releaseName, stage);
      runApp(app, dir, { [release.path]: stage });
      runs.push({ release, stage, dir });
    }
  }
  return runs;
}
