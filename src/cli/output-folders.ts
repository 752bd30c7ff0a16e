import * as fs from 'fs';
import * as path from 'path';
import { loadManifests } from './app-runner';
import { StageManifests } from './plan';
import { StageRun } from './stage-runs';
import { ReleaseDescription } from '../canary/release-registry';
import { asString, jsonAt } from '../private/json';

/** A folder of a stage's output that holds YAML files, with the manifests of its own files. */
export interface OutputFolder {
  /** Relative to the stage's folder, with `/` between parts; `''` for the stage's folder itself. */
  readonly folder: string;
  readonly manifests: unknown[];
}

/**
 * Every folder of a stage's output that holds YAML files: the stage's folder itself first, then its
 * subfolders in path order. An app that synthesizes two targets writes one of them to a subfolder
 * (the example writes Gateway API objects to `gateway-api/`); each folder is one app's output, and
 * its manifests are planned on apart from the others.
 */
export function outputFolders(dir: string): OutputFolder[] {
  return yamlFolders(dir).map(({ folder }) => ({ folder, manifests: loadManifests(path.join(dir, folder)) }));
}

/**
 * The folders under `dir` (itself included, as `''`) that hold YAML files, in the order of
 * `outputFolders`, each with the names of its YAML files, sorted.
 */
export function yamlFolders(dir: string): Array<{ folder: string; files: string[] }> {
  const found: Array<{ folder: string; files: string[] }> = [];
  const visit = (folder: string) => {
    const entries = fs.readdirSync(path.join(dir, folder), { withFileTypes: true });
    const files = entries.filter(e => !e.isDirectory() && /\.ya?ml$/.test(e.name)).map(e => e.name).sort();
    if (files.length > 0) found.push({ folder, files });
    const subfolders = entries.filter(e => e.isDirectory()).map(e => e.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of subfolders) visit(folder === '' ? name : `${folder}/${name}`);
  };
  visit('');
  return found;
}

/**
 * The manifests each output of a release is planned on, for one stage: for every output folder (in
 * the order of `outputFolders`) and every output of the release whose container that folder holds,
 * that folder's manifests. An output no folder holds is planned on the stage's folder itself, as
 * before there were several outputs (the plan then says what is missing).
 */
export function stageManifests(run: StageRun, folders: OutputFolder[]): StageManifests[] {
  const planned: StageManifests[] = [];
  const found = new Set<ReleaseDescription>();
  for (const { folder, manifests } of folders) {
    for (const output of run.outputs) {
      if (!manifests.some(m => holdsContainer(m, output))) continue;
      planned.push({ release: output, stage: run.stage, manifests, folder });
      found.add(output);
    }
  }
  for (const output of run.outputs.filter(o => !found.has(o))) {
    planned.push({ release: output, stage: run.stage, manifests: folders.find(f => f.folder === '')?.manifests ?? [], folder: '' });
  }
  return planned;
}

/** Whether a manifest is the object the release's container synthesized as. */
function holdsContainer(manifest: unknown, release: ReleaseDescription): boolean {
  const c = release.container;
  return jsonAt(manifest, 'kind') === c.kind
    && jsonAt(manifest, 'metadata', 'name') === c.name
    && (c.namespace === undefined || asString(jsonAt(manifest, 'metadata', 'namespace')) === c.namespace);
}
