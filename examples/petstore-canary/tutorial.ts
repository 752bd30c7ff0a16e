/**
 * Keeps the README's tutorial true: its code excerpts come from this example's source (between
 * `// [tutorial:<name>]` and `// [/tutorial]`), its YAML excerpts from the example's real output.
 *
 *   node .build/examples/petstore-canary/tutorial.js          # checks README.md, exit 1 if stale
 *   node .build/examples/petstore-canary/tutorial.js --write  # rewrites the generated blocks
 *
 * In README.md a generated block looks like this (kind is `code` or `yaml`):
 *
 *   <!-- generated:yaml:part-1-function-routing -->
 *   ```yaml
 *   ...
 *   ```
 *   <!-- /generated -->
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing, Yaml } from 'cdk8s';
import { buildPetstoreCanary } from './app';
import { isStep } from './steps';

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

/** The example code between `// [tutorial:<name>]` and `// [/tutorial]`, dedented. */
export function codeExcerpt(name: string): string {
  for (const file of fs.readdirSync(SOURCE_DIR).filter(f => f.endsWith('.ts')).sort()) {
    const lines = fs.readFileSync(path.join(SOURCE_DIR, file), 'utf8').split('\n');
    const start = lines.findIndex(l => l.trim() === `// [tutorial:${name}]`);
    if (start < 0) continue;
    const end = lines.findIndex((l, i) => i > start && l.trim() === '// [/tutorial]');
    if (end < 0) throw new Error(`${file}: tutorial excerpt ${name} is not closed`);
    const body = lines.slice(start + 1, end);
    const indent = Math.min(...body.filter(l => l.trim()).map(l => l.length - l.trimStart().length));
    return body.map(l => l.slice(indent)).join('\n') + '\n';
  }
  throw new Error(`no tutorial excerpt named ${name} in ${SOURCE_DIR}`);
}

const BLOCK = /<!-- generated:(code|yaml):([a-z0-9-]+) -->\n[\s\S]*?<!-- \/generated -->/g;

/** The README text with every generated block rendered anew. */
export function renderReadme(readme: string): string {
  return readme.replace(BLOCK, (_all, kind: string, name: string) => {
    const body = kind === 'yaml' ? routesYaml(name) : codeExcerpt(name);
    const lang = kind === 'yaml' ? 'yaml' : 'ts';
    return `<!-- generated:${kind}:${name} -->\n\`\`\`${lang}\n${body}\`\`\`\n<!-- /generated -->`;
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
