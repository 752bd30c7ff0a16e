/**
 * Keeps the option pages of docs/ true, as tutorial.ts keeps the README: their code comes from
 * route-options.ts (between `// [tutorial:<name>]` markers), their YAML from what that code
 * synthesizes, and their simulated outcomes from the Gloo simulator.
 *
 *   node .build/examples/options/pages.js          # checks the pages, exit 1 if one is stale
 *   node .build/examples/options/pages.js --write  # rewrites their generated blocks
 *
 * A generated block: `<!-- generated:code:<excerpt> -->`, `<!-- generated:routes:<example> -->`
 * (the example VirtualService's routes), `<!-- generated:spec:<example> -->` (its spec without
 * the routes), `<!-- generated:upstreams:<example> -->` (its Upstreams) or `<!-- generated:simulate:<example> -->` (where the
 * page's sample requests go), then a fenced block, then `<!-- /generated -->`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing, Yaml } from 'cdk8s';
import { Construct } from 'constructs';
import {
  CrdOptionsExample, ResponseActionsExample, RouteOptionsExample, StaticUpstreamExample, SubsetsExample, TlsExample, VirtualHostOptionsExample,
} from './route-options';
import { RoutingSimulator } from '../../src';
import { routingMeaning } from '../../src/simulate/request-set';
import { codeExcerpt } from '../petstore-canary/tutorial';

const ROOT = (function findRoot(dir: string): string {
  if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  return findRoot(path.dirname(dir));
})(__dirname);

/** The pages this file keeps, relative to the repository root. */
export const PAGES = ['docs/route-options.md', 'docs/direct-responses-and-redirects.md', 'docs/virtual-host-options.md', 'docs/tls.md', 'docs/static-upstreams.md', 'docs/gloo-crd-options.md'];

const EXAMPLES: { [name: string]: (scope: Construct) => Chart } = {
  'route-options': scope => new RouteOptionsExample(scope, 'route-options'),
  'response-actions': scope => new ResponseActionsExample(scope, 'response-actions'),
  'virtual-host-options': scope => new VirtualHostOptionsExample(scope, 'virtual-host-options'),
  'tls': scope => new TlsExample(scope, 'tls'),
  'static-upstream': scope => new StaticUpstreamExample(scope, 'static-upstream'),
  'subsets': scope => new SubsetsExample(scope, 'subsets'),
  'crd-options': scope => new CrdOptionsExample(scope, 'crd-options'),
};

/** The requests each example's page simulates. */
const REQUESTS: { [name: string]: string[] } = {
  'response-actions': ['/healthz', '/store/cart?id=7', '/account/login', '/'],
  'static-upstream': ['/payments/charge', '/'],
  'route-options': ['/catalog/v2/items?page=2', '/catalog/items'],
};

function example(name: string): Chart {
  const make = EXAMPLES[name];
  if (!make) throw new Error(`no option example named ${name}`);
  return make(Testing.app());
}

function routesYaml(name: string): string {
  const vs = example(name).toJson().find((m: any) => m.kind === 'VirtualService');
  return Yaml.stringify({ routes: vs.spec.virtualHost.routes });
}

/** The example VirtualService's `spec`, without its routes. */
function specYaml(name: string): string {
  const vs = example(name).toJson().find((m: any) => m.kind === 'VirtualService');
  const { routes: _routes, ...virtualHost } = vs.spec.virtualHost;
  return Yaml.stringify({ spec: { ...vs.spec, virtualHost } });
}

function simulated(name: string): string {
  const chart = example(name);
  const sim = RoutingSimulator.fromApp(chart);
  return (REQUESTS[name] ?? []).map(p => `GET ${p} -> ${routingMeaning(sim.route({ host: 'shop.example.com', path: p }))}`).join('\n') + '\n';
}

/** The example's objects of `kind`, as YAML documents. */
function objectsYaml(name: string, kind: string): string {
  return Yaml.stringify(...example(name).toJson().filter((m: any) => m.kind === kind));
}

const BLOCK = /<!-- generated:(code|routes|spec|upstreams|simulate):([a-z0-9-]+) -->\n[\s\S]*?<!-- \/generated -->/g;

/** A page's text with every generated block rendered anew. */
export function renderPage(text: string): string {
  return text.replace(BLOCK, (_all, kind: string, name: string) => {
    const [body, lang] = kind === 'code' ? [codeExcerpt(name), 'ts']
      : kind === 'routes' ? [routesYaml(name), 'yaml']
        : kind === 'spec' ? [specYaml(name), 'yaml']
          : kind === 'upstreams' ? [objectsYaml(name, 'Upstream'), 'yaml'] : [simulated(name), 'text'];
    return `<!-- generated:${kind}:${name} -->\n\`\`\`${lang}\n${body}\`\`\`\n<!-- /generated -->`;
  });
}

if (require.main === module) {
  let stale = false;
  for (const page of PAGES) {
    const file = path.join(ROOT, page);
    const text = fs.readFileSync(file, 'utf8');
    const rendered = renderPage(text);
    if (process.argv.includes('--write')) {
      fs.writeFileSync(file, rendered);
      console.log(rendered === text ? `${page} was up to date` : `${page} updated`);
    } else if (rendered !== text) {
      console.error(`${page} is out of date: run \`npm run docs:readme\``);
      stale = true;
    }
  }
  if (stale) process.exit(1);
}
