import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { GatewayApiTarget } from '../../src';
import { adoptManifests } from '../../src/adopt/adopt';
import { readManifestText } from '../../src/adopt/reader';
import { synthesizeGenerated } from '../../src/adopt/run-generated';
import { CrdSchemaValidator } from '../../src/validation/crd-schema';

/** One configuration: the YAML of one code block (or one fixture file), and where it came from. */
export interface CorpusConfiguration {
  readonly source: string;
  readonly text: string;
}

/** What adopt and validate made of one configuration. */
export interface CorpusOutcome {
  readonly source: string;
  /** proven: code written, type-checked and routing as the input; refused: a named reason; crashed: an exception. */
  readonly adopt: 'proven' | 'refused' | 'crashed';
  /** The first line of the report's reason, for a refusal or a crash. */
  readonly reason?: string;
  /** Whether the proven code uses an escape hatch (options.extra, a JSON patch, a plain ApiObject). */
  readonly escapeHatch?: boolean;
  /** Each escape hatch the proven code uses, by kind (`options.extra: timeout`, `json patch: spec.sslConfig`). */
  readonly escapes?: string[];
  /** Canary releases recognised. */
  readonly releases: number;
  /** Lines `validate` reports for the configuration's Gloo objects. */
  readonly validateProblems: number;
  /**
   * The proven code with `GatewayApiTarget.apply` added: `moved` when it synthesizes HTTPRoutes with
   * their proof, `no routes` when it has no VirtualService, `refused` with the first reason.
   */
  readonly gatewayApi?: GatewayApiOutcome;
  /**
   * The same after the answers a team gives when a refusal asks for one (see `answerAndRetarget`):
   * the Service behind each imported Upstream, a GatewayExtension per ext auth configuration, and
   * that the TLS VirtualServices need no client certificates.
   */
  readonly gatewayApiAnswered?: GatewayApiOutcome;
}

/** What the adopted code does under the Gateway API target. */
export interface GatewayApiOutcome {
  readonly outcome: 'moved' | 'no routes' | 'refused';
  readonly reason?: string;
  /** The answers it took, as a team would give them (`--service default-petstore-8080=default/petstore:80`). */
  readonly answers?: string[];
}

const GLOO_KIND = /^\s*kind:\s*(VirtualService|RouteTable|Upstream|UpstreamGroup)\s*$/m;
const GLOO_GROUP = /^\s*apiVersion:\s*(gateway|gloo)\.solo\.io\//m;

/**
 * The Gloo configurations in the Markdown files under `dir` (Gloo's docs/content): each fenced or
 * Hugo-highlighted code block holding a VirtualService, RouteTable, Upstream or UpstreamGroup of
 * the gloo.solo.io or gateway.solo.io groups. Blocks with Hugo template code or that do not parse
 * as YAML are counted, not kept.
 */
export function docsConfigurations(dir: string): { configurations: CorpusConfiguration[]; unparseable: number } {
  const configurations: CorpusConfiguration[] = [];
  let unparseable = 0;
  for (const file of markdownFiles(dir)) {
    const text = fs.readFileSync(file, 'utf8');
    const blocks = [...text.matchAll(/^```(?:ya?ml)?[^\n]*\n([\s\S]*?)^```/gm), ...text.matchAll(/\{\{<\s*highlight\s+yaml[^>]*>\}\}\n([\s\S]*?)\{\{<\s*\/highlight\s*>\}\}/g)]
      .sort((a, b) => a.index - b.index);
    // UpstreamGroups shown earlier on the page, for a `routes:` fragment that uses them
    const groups: string[] = [];
    blocks.forEach((b, i) => {
      // shell lines around a heredoc, at the start of a line (an indented `kubectl.kubernetes.io/...` key stays)
      const yaml = b[1].replace(/^(kubectl|glooctl|cat|EOF)\b.*$/gm, '');
      const fragment = /^routes:\s*$/m.test(yaml.split('\n').find(l => l.trim() !== '' && !l.trim().startsWith('#')) ?? '');
      if (!fragment && (!GLOO_KIND.test(yaml) || !GLOO_GROUP.test(yaml))) return;
      const parses = !/\{\{/.test(yaml) && [...parseAllDocuments(yaml)].every(d => d.errors.length === 0);
      if (!parses) {
        unparseable++;
        return;
      }
      const source = `${path.relative(dir, file)}#${i}`;
      if (fragment) {
        // the docs show a route list alone: under a VirtualService made for the corpus
        const routes = yaml.replace(/^/gm, '    ');
        const vs = 'apiVersion: gateway.solo.io/v1\nkind: VirtualService\nmetadata: { name: docs-fragment, namespace: gloo-system }\n'
          + `spec:\n  virtualHost:\n    domains: ['*']\n${routes}`;
        configurations.push({ source: `${source} (a route list, under a VirtualService)`, text: [...groups, vs].join('\n---\n') });
        return;
      }
      if (/^\s*kind:\s*UpstreamGroup\s*$/m.test(yaml)) groups.push(yaml);
      configurations.push({ source, text: yaml });
    });
  }
  return { configurations, unparseable };
}

/** The configurations of the fixture files under `dir`, one per file. */
export function fixtureConfigurations(dir: string): CorpusConfiguration[] {
  return fs.readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).sort().map(f => ({ source: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

/** Runs adopt and the CRD-schema check of validate on one configuration; never throws. */
export function runConfiguration(c: CorpusConfiguration): CorpusOutcome {
  let validateProblems = 0;
  try {
    const docs = [...parseAllDocuments(c.text)].map(d => d.toJS() as unknown);
    validateProblems = CrdSchemaValidator.gloo().validate(docs).length;
  } catch {
    validateProblems = -1;
  }
  try {
    const r = adoptManifests(readManifestText(c.text, c.source));
    const rep = r.report;
    if (r.ok) {
      const gatewayApi = retarget(r.code!);
      return {
        source: c.source,
        adopt: 'proven',
        escapeHatch: rep.escapeHatch.length > 0,
        escapes: rep.escapeHatch.map(escapeKind),
        releases: rep.releases.length,
        validateProblems,
        gatewayApi,
        gatewayApiAnswered: gatewayApi.outcome === 'refused' ? answerAndRetarget(c, gatewayApi) : gatewayApi,
      };
    }
    const reason = rep.problems[0] ?? rep.typeErrors?.[0] ?? rep.schemaProblems?.[0] ?? rep.synthError
      ?? rep.comparison?.routingDifferences[0] ?? rep.comparison?.objectDifferences[0] ?? 'refused without a reason';
    return { source: c.source, adopt: 'refused', reason: reason.split('\n')[0], releases: rep.releases.length, validateProblems };
  } catch (e) {
    return { source: c.source, adopt: 'crashed', reason: (e as Error).stack?.split('\n').slice(0, 3).join(' | '), releases: 0, validateProblems };
  }
}

/**
 * Synthesizes adopted code under the Gateway API target as a team moving would set it: both accept
 * flags on, and the target writing the Gateway (for the VirtualServices with TLS).
 */
function retarget(code: string, answers?: Answers): GatewayApiOutcome {
  try {
    const manifests = synthesizeGenerated(code, 'AdoptedChart', app => GatewayApiTarget.apply(app, {
      gatewayName: 'gw',
      gatewayNamespace: 'gw',
      acceptNarrowedPrefixes: true,
      acceptFunctionMethodMatch: true,
      renderGateway: {},
      ...(answers ? { acceptTlsWithoutClientCertificates: answers.acceptTls, extAuthExtensions: answers.extAuth } : {}),
    }));
    return { outcome: manifests.some(m => m.kind === 'HTTPRoute') ? 'moved' : 'no routes' };
  } catch (e) {
    const lines = (e as Error).message.split('\n').map(l => l.trim()).filter(l => l.startsWith('['));
    return { outcome: 'refused', reason: lines[0] ?? (e as Error).message.split('\n')[0] };
  }
}

/** What a team answers when the target asks: Services for imported Upstreams (adopt's `--service`) and ext auth GatewayExtensions. */
interface Answers {
  readonly services: { [upstream: string]: { serviceName: string; serviceNamespace: string; port: number } };
  readonly extAuth: { [glooAuth: string]: string };
  acceptTls: boolean;
}

/**
 * Answers the refusals that ask a team for something the configuration cannot say, one at a time
 * (at most ten), and synthesizes again: an imported Upstream `<ns>/<name>` is the Service
 * `<ns>/<name>` on port 80 (adopt's `--service`; discovery's names are read by adopt already),
 * an ext auth configuration gets the GatewayExtension `gw/ext-auth`, and the TLS VirtualServices
 * are taken to need no client certificates. Any other refusal ends it.
 */
function answerAndRetarget(c: CorpusConfiguration, first: GatewayApiOutcome): GatewayApiOutcome {
  const answers: Answers = { services: {}, extAuth: {}, acceptTls: false };
  const given: string[] = [];
  let outcome = first;
  for (let round = 0; round < 10 && outcome.outcome === 'refused'; round++) {
    const reason = outcome.reason ?? '';
    const upstream = /upstream: got "([^"/]+)\/([^"]+)", expected an Upstream whose Kubernetes Service is known/.exec(reason);
    const auth = /options\.extauth: got "(?:AuthConfig |custom auth )([^"]+)", expected a kgateway GatewayExtension/.exec(reason);
    const tls = /sslConfig\.oneWayTls: got .*, expected true, or acceptTlsWithoutClientCertificates/.test(reason);
    if (upstream && answers.services[`${upstream[1]}/${upstream[2]}`] === undefined) {
      answers.services[`${upstream[1]}/${upstream[2]}`] = { serviceName: upstream[2], serviceNamespace: upstream[1], port: 80 };
      given.push(`--service ${upstream[1]}/${upstream[2]}=${upstream[1]}/${upstream[2]}:80`);
    } else if (auth && answers.extAuth[auth[1]] === undefined) {
      answers.extAuth[auth[1]] = 'gw/ext-auth';
      given.push(`extAuthExtensions['${auth[1]}']`);
    } else if (tls && !answers.acceptTls) {
      answers.acceptTls = true;
      given.push('acceptTlsWithoutClientCertificates');
    } else {
      break;
    }
    const r = adoptManifests(readManifestText(c.text, c.source), { services: answers.services });
    if (!r.ok) return { outcome: 'refused', reason: `adopt with the answers: ${r.report.problems[0] ?? 'refused'}`, answers: given };
    outcome = retarget(r.code!, answers);
  }
  return { ...outcome, answers: given };
}

/** Counts of outcomes, and refusals grouped by kind of reason. */
export function summarize(outcomes: CorpusOutcome[]): string {
  const count = (f: (o: CorpusOutcome) => boolean) => outcomes.filter(f).length;
  const reasons = new Map<string, number>();
  for (const o of outcomes.filter(x => x.adopt === 'refused')) {
    const kind = reasonKind(o.reason ?? '');
    reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
  }
  const byKind = (pick: (o: CorpusOutcome) => GatewayApiOutcome | undefined) => {
    const kinds = new Map<string, number>();
    for (const o of outcomes.filter(x => pick(x)?.outcome === 'refused')) {
      const kind = gatewayReasonKind(pick(o)!.reason ?? '');
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    return [...kinds.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `  ${n} ${k}`);
  };
  // each kind of escape hatch once per configuration that uses it
  const escapes = new Map<string, number>();
  for (const o of outcomes) for (const e of new Set(o.escapes ?? [])) escapes.set(e, (escapes.get(e) ?? 0) + 1);
  return [
    `configurations: ${outcomes.length}`,
    `adopt proven (code written, type-checked strict, routing as the input): ${count(o => o.adopt === 'proven')}`,
    `  of which with typed constructs alone: ${count(o => o.adopt === 'proven' && !o.escapeHatch)}`,
    `  canary releases recognised: ${outcomes.reduce((n, o) => n + (o.adopt === 'proven' ? o.releases : 0), 0)}`,
    ...[...escapes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `    ${n} ${k}`),
    `adopt refused, with a named reason: ${count(o => o.adopt === 'refused')}`,
    ...[...reasons.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `  ${n} ${k}`),
    `adopt crashed: ${count(o => o.adopt === 'crashed')}`,
    `validate: ${count(o => o.validateProblems > 0)} with problems, ${count(o => o.validateProblems === 0)} clean`,
    `gateway api (the proven code with GatewayApiTarget.apply): ${count(o => o.gatewayApi?.outcome === 'moved')} become HTTPRoutes with their proof, `
      + `${count(o => o.gatewayApi?.outcome === 'no routes')} hold no VirtualService, ${count(o => o.gatewayApi?.outcome === 'refused')} refused`,
    ...byKind(o => o.gatewayApi),
    'gateway api with a team\'s answers (adopt --service for imported Upstreams, extAuthExtensions, acceptTlsWithoutClientCertificates): '
      + `${count(o => o.gatewayApiAnswered?.outcome === 'moved')} become HTTPRoutes with their proof, ${count(o => o.gatewayApiAnswered?.outcome === 'refused')} refused`,
    ...byKind(o => o.gatewayApiAnswered),
  ].join('\n');
}

/** An escape hatch without the document and indices: `options.extra: faults`, `json patch: spec.virtualHost.options.cors`. */
function escapeKind(line: string): string {
  const at = line.replace(/^\S+ document \d+( \([^)]*\))? ?/, '').replace(/\[\d+\]/g, '[n]');
  const extra = /^(.*)\.options\.(\w+) passed through options\.extra$/.exec(at);
  if (extra) return `options.extra: ${extra[2]}`;
  const patch = /^(.*) set with a json patch$/.exec(at);
  if (patch) return `json patch: ${patch[1].replace(/\.\d+(?=\.|$)/g, '[n]')}`;
  const raw = /kept as a plain ApiObject: (.*)$/.exec(at);
  if (raw) return `plain ApiObject: ${raw[1].replace(/^\S+: /, '').replace(/"[^"]*"/g, '"…"').slice(0, 100)}`;
  return at.slice(0, 100);
}

/** A Gateway API refusal without construct paths, indices and values: the field and what was expected. */
function gatewayReasonKind(reason: string): string {
  return reason
    .replace(/^\[[^\]]*\] /, '')
    .replace(/\[\d+\]/g, '[n]')
    .replace(/: got .*?, expected/, ': expected')
    .replace(/ \(hint: .*$/, '')
    .slice(0, 140);
}

/** A refusal's reason without the document and values: what kind of thing was refused. */
function reasonKind(reason: string): string {
  return reason
    .replace(/^\S+ document \d+( \([^)]*\))? ?/, '')
    .replace(/: got .*?, expected/, ': expected')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\[\d+\]/g, '[n]')
    .slice(0, 160);
}

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.name.endsWith('.md')) out.push(p);
    }
  };
  visit(dir);
  return out;
}

/**
 * `npx ts-node -P test/tsconfig.json test/corpus/corpus.ts <gloo checkout>/docs/content`: the
 * counts, and each refusal and crash (the same as the GLOO_DOCS run of test/corpus/fixtures.test.ts).
 */
if (require.main === module) {
  process.env.CDK8S_GLOO_CANARY_TYPESCRIPT = process.env.CDK8S_GLOO_CANARY_TYPESCRIPT || 'typescript-5.9';
  const dir = process.argv[2];
  if (!dir || !fs.existsSync(dir)) {
    process.stderr.write('usage: npx ts-node -P test/tsconfig.json test/corpus/corpus.ts <a gloo checkout>/docs/content\n');
    process.exit(2);
  }
  const { configurations, unparseable } = docsConfigurations(dir);
  const outcomes = configurations.map(runConfiguration);
  for (const o of outcomes.filter(x => x.adopt !== 'proven')) process.stdout.write(`${o.adopt} ${o.source}: ${o.reason}\n`);
  if (process.env.CORPUS_GATEWAY_REASONS) {
    for (const o of outcomes.filter(x => x.gatewayApi?.outcome === 'refused')) process.stdout.write(`gateway api refused ${o.source}: ${o.gatewayApi!.reason}\n`);
    for (const o of outcomes.filter(x => x.gatewayApiAnswered?.outcome === 'refused')) {
      process.stdout.write(`gateway api with answers (${o.gatewayApiAnswered!.answers!.join(', ')}) refused ${o.source}: ${o.gatewayApiAnswered!.reason}\n`);
    }
  }
  process.stdout.write(`\n${summarize(outcomes)}\ncode blocks left out (Hugo templates or YAML that does not parse): ${unparseable}\n`);
  process.exitCode = outcomes.some(o => o.adopt === 'crashed') ? 1 : 0;
}
