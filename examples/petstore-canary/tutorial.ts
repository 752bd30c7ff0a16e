/**
 * Keeps the README's tutorial true: its code excerpts come from this example's source (between
 * `// [tutorial:<name>]` and `// [/tutorial]`), its YAML excerpts from the example's real output.
 *
 *   node .build/examples/petstore-canary/tutorial.js          # checks README.md, exit 1 if stale
 *   node .build/examples/petstore-canary/tutorial.js --write  # rewrites the generated blocks
 *
 * In README.md a generated block looks like this:
 *
 *   <!-- generated:yaml:part-1-function-routing -->      the step's routes
 *   <!-- generated:diff:part-2-header-canary -->         what the step changes in the routes
 *   <!-- generated:step:part-2-header-canary -->         the code change that selects the step
 *   <!-- generated:code:releases -->                     source between tutorial markers
 *   <!-- generated:httproute:part-3-weighted-10 -->      the step's HTTPRoute (Gateway API target)
 *   <!-- generated:review:part-3-weighted-50 -->         `cdk8s-gloo-canary diff` of the step's pull request
 *   ```yaml
 *   ...
 *   ```
 *   <!-- /generated -->
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing, Yaml } from 'cdk8s';
import { ACTIVE_STEP } from './active-step';
import { buildPetstoreCanary } from './app';
import { formatDiff, lineDiff } from './line-diff';
import { isStep, Step, STEPS } from './steps';
import { applyTarget, TARGET_SUBDIR, TARGETS } from './targets';
import { CanaryRelease } from '../../src';
import { buildPlans, formatPlans, StageManifests } from '../../src/cli/plan';
import { formatDiffs } from '../../src/review/diff-format';
import { diffRouting } from '../../src/review/routing-diff';

/** The repository root: the nearest folder above this file with a package.json (from src or from .build). */
const ROOT = (function findRoot(dir: string): string {
  if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  const parent = path.dirname(dir);
  if (parent === dir) throw new Error('cannot find the repository root');
  return findRoot(parent);
})(__dirname);
const SOURCE_DIR = path.join(ROOT, 'examples', 'petstore-canary');

/** The `routes:` of the coalmine VirtualService at one step, as YAML text. */
export function routesYaml(step: string): string {
  if (!isStep(step)) throw new Error(`unknown step ${step}`);
  const { coalmine } = buildPetstoreCanary(Testing.app(), step);
  const vs = coalmine.toJson().find((m: any) => m.kind === 'VirtualService');
  return Yaml.stringify({ routes: vs.spec.virtualHost.routes });
}

/** The coalmine HTTPRoute at one step, under the Gateway API target, as YAML text. */
export function httpRouteYaml(step: string): string {
  if (!isStep(step)) throw new Error(`unknown step ${step}`);
  const app = Testing.app();
  applyTarget(app, 'gateway-api');
  const { coalmine } = buildPetstoreCanary(app, step);
  return Yaml.stringify(coalmine.toJson().find((m: any) => m.kind === 'HTTPRoute'));
}

/** What moving to `step` from the step before it changes in the routes, as a diff. */
export function routesDiff(step: string): string {
  if (!isStep(step)) throw new Error(`unknown step ${step}`);
  const previous = STEPS[STEPS.indexOf(step) - 1];
  if (!previous) throw new Error(`${step} is the first step; it has nothing to diff against`);
  return formatDiff(lineDiff(routesYaml(previous), routesYaml(step)));
}

/** The code change that selects `step`: the active-step line, and the stages the step sets. */
export function stepCode(step: Step): string {
  const activeLine = codeExcerpt('active-step').replace(/'[a-z0-9-]+'/, `'${step}'`);
  const stepsSource = fs.readFileSync(path.join(SOURCE_DIR, 'steps.ts'), 'utf8').split('\n');
  const stagesLine = stepsSource.find(l => l.trim().startsWith(`'${step}':`));
  if (!stagesLine) throw new Error(`steps.ts has no line for ${step}`);
  return `// active-step.ts\n${activeLine}// steps.ts: the stage of each release at this step\n${stagesLine.trim()}\n`;
}

/**
 * The plan of the example at its active step, as `cdk8s-gloo-canary plan` prints it, computed in
 * this process: each stage of each release synthesized through the same stage selection, for each
 * target (targets.ts) from its own output folder, so each release has a Gloo table and a Gateway
 * API table.
 */
export function planOf(format: 'text' | 'markdown'): string {
  const { coalmine } = buildPetstoreCanary(Testing.app(), ACTIVE_STEP);
  const runs: StageManifests[] = [];
  for (const release of [coalmine.findPetById, coalmine.findPets]) {
    for (const stage of release.stageNames) {
      for (const target of TARGETS) {
        const app = Testing.app();
        applyTarget(app, target);
        CanaryRelease.selectStages(app, { [release.node.path]: stage });
        const charts = buildPetstoreCanary(app, ACTIVE_STEP);
        const built = charts.coalmine.node.findChild(release.node.id) as CanaryRelease;
        const folder = TARGET_SUBDIR[target] === '.' ? '' : TARGET_SUBDIR[target];
        runs.push({ release: built._description, stage, folder, manifests: [...charts.petstore.toJson(), ...charts.coalmine.toJson()] });
      }
    }
  }
  return formatPlans(buildPlans(runs), format);
}

/**
 * What `cdk8s-gloo-canary diff --base <ref>` prints for the pull request that moves the example
 * from the step before `step` to `step`, computed in this process: both steps synthesized for each
 * target (each its own output folder, as the example writes them), with the releases they describe.
 */
export function reviewOf(step: string): string {
  if (!isStep(step)) throw new Error(`unknown step ${step}`);
  const previous = STEPS[STEPS.indexOf(step) - 1];
  if (!previous) throw new Error(`${step} is the first step; it has nothing to diff against`);
  const side = (s: Step, target: (typeof TARGETS)[number]) => {
    const app = Testing.app();
    applyTarget(app, target);
    const charts = buildPetstoreCanary(app, s);
    return {
      manifests: [...charts.coalmine.toJson(), ...charts.petstore.toJson()],
      releases: [charts.coalmine.findPetById._description, charts.coalmine.findPets._description],
    };
  };
  return formatDiffs(TARGETS.map(target => {
    const [base, head] = [side(previous, target), side(step, target)];
    const diff = diffRouting({ base: base.manifests, head: head.manifests, baseReleases: base.releases, headReleases: head.releases });
    return { folder: TARGET_SUBDIR[target] === '.' ? '' : TARGET_SUBDIR[target], diff };
  }), 'text');
}

/**
 * The example code between `// [tutorial:<name>]` and `// [/tutorial]` in any example (or in the
 * tests of the examples, test/examples/), dedented, with imports of the library's source shown as
 * imports of the package and imports of an example's files as imports next to them.
 */
export function codeExcerpt(name: string): string {
  const examples = path.join(ROOT, 'examples');
  const folders = [
    ...fs.readdirSync(examples, { withFileTypes: true }).filter(d => d.isDirectory()).map(d => path.join(examples, d.name)),
    path.join(ROOT, 'test', 'examples'),
  ];
  const files = folders.filter(d => fs.existsSync(d))
    .flatMap(d => fs.readdirSync(d).filter(f => f.endsWith('.ts')).sort().map(f => path.join(d, f)));
  for (const file of files) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const start = lines.findIndex(l => l.trim() === `// [tutorial:${name}]`);
    if (start < 0) continue;
    const end = lines.findIndex((l, i) => i > start && l.trim() === '// [/tutorial]');
    if (end < 0) throw new Error(`${path.relative(ROOT, file)}: tutorial excerpt ${name} is not closed`);
    const body = lines.slice(start + 1, end);
    const indent = Math.min(...body.filter(l => l.trim()).map(l => l.length - l.trimStart().length));
    return body.map(l => l.slice(indent)
      .replace(/from '(\.\.\/)+src'/, "from 'cdk8s-gloo-canary'")
      .replace(/from '(\.\.\/)+examples\/[a-z0-9-]+\/([a-z0-9-]+)'/, "from './$2'")).join('\n') + '\n';
  }
  throw new Error(`no tutorial excerpt named ${name} in ${examples}`);
}

const BLOCK = /<!-- generated:(code|yaml|httproute|diff|step|plan|review):([a-z0-9-]+) -->\n[\s\S]*?<!-- \/generated -->/g;

/** The README text with every generated block rendered anew. */
export function renderReadme(readme: string): string {
  return readme.replace(BLOCK, (_all, kind: string, name: string) => {
    const [body, lang] = kind === 'yaml' ? [routesYaml(name), 'yaml']
      : kind === 'httproute' ? [httpRouteYaml(name), 'yaml']
        : kind === 'diff' ? [routesDiff(name), 'diff']
          : kind === 'step' ? [stepCode(name as Step), 'ts']
            : kind === 'plan' ? [planOf(name as 'text' | 'markdown'), name === 'markdown' ? 'markdown' : 'text']
              : kind === 'review' ? [reviewOf(name), 'text']
                : [codeExcerpt(name), 'ts'];
    // a Markdown plan is shown as the tables it renders to; everything else as a code block
    const content = lang === 'markdown' ? body : `\`\`\`${lang}\n${body}\`\`\`\n`;
    return `<!-- generated:${kind}:${name} -->\n${content}<!-- /generated -->`;
  });
}

if (require.main === module) {
  const file = path.join(ROOT, 'README.md');
  const readme = fs.readFileSync(file, 'utf8');
  const rendered = renderReadme(readme);
  if (process.argv.includes('--write')) {
    fs.writeFileSync(file, rendered);
    console.log(rendered === readme ? 'README.md was up to date' : 'README.md updated');
  } else if (rendered !== readme) {
    console.error('README.md is out of date: run `npm run docs:readme`');
    process.exit(1);
  }
}
