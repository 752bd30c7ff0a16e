import * as fs from 'fs';
import * as path from 'path';
import { adoptManifests, formatReport } from '../adopt/adopt';
import { readManifestFiles } from '../adopt/reader';
import type { KubeServiceDestination } from '../model/destination';
import { whyNotNamespace, whyNotPort, whyNotServiceName } from '../private/names';

/** Where `adopt` writes the generated app unless `--out` says otherwise. */
export const DEFAULT_ADOPT_OUT = path.join('src', 'adopted.ts');

const USAGE = 'cdk8s-gloo-canary adopt FILE_OR_DIR... [--out FILE] [--namespace NS] [--service UPSTREAM=NAMESPACE/SERVICE:PORT]...';

/**
 * `adopt FILE_OR_DIR... [--out FILE] [--namespace NS] [--service UPSTREAM=NAMESPACE/SERVICE:PORT]...`:
 * reads the YAML, writes the generated app, prints the report. An object without
 * `metadata.namespace` goes to NS, as `kubectl apply -n NS` would put it (`default` unless given).
 * `--service` says which Kubernetes Service an Upstream the input refers to but does not hold
 * stands for (the Gateway API target needs it); otherwise Gloo discovery's naming is read where it
 * is unambiguous.
 * The file is written only when the generated code synthesizes and routes as the input does, and
 * then in one step (a temporary file renamed over it), so a failed run leaves an existing file as
 * it was. Returns 0 when it wrote the file, 1 when the input or the proof failed, 2 on bad usage.
 */
export function adoptCommand(args: string[], cwd: string, out: (s: string) => void, err: (s: string) => void): number {
  const inputs: string[] = [];
  let target = DEFAULT_ADOPT_OUT;
  let namespace: string | undefined;
  const services: { [upstream: string]: KubeServiceDestination } = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out' && args[i + 1] !== undefined && !args[i + 1].startsWith('--')) {
      target = args[++i];
    } else if (args[i] === '--namespace' && args[i + 1] !== undefined && !args[i + 1].startsWith('--')) {
      namespace = args[++i];
      const why = whyNotNamespace(namespace);
      if (why) {
        err(`adopt: --namespace ${JSON.stringify(namespace)}: expected ${why}\n`);
        return 2;
      }
    } else if (args[i] === '--service' && args[i + 1] !== undefined && !args[i + 1].startsWith('--')) {
      const given = args[++i];
      const m = /^([^=]+)=([^/]+)\/([^:]+):(\d+)$/.exec(given);
      const service = m ? { serviceName: m[3], serviceNamespace: m[2], port: Number(m[4]) } : undefined;
      const why = !m || !service ? 'UPSTREAM=NAMESPACE/SERVICE:PORT, e.g. default-petstore-8080=default/petstore:8080'
        : whyNotNamespace(service.serviceNamespace) ?? whyNotServiceName(service.serviceName) ?? whyNotPort(service.port);
      if (why) {
        err(`adopt: --service ${JSON.stringify(given)}: expected ${why}\n`);
        return 2;
      }
      services[m![1]] = service!;
    } else if (args[i].startsWith('--')) {
      err(`adopt: unknown or incomplete option ${JSON.stringify(args[i])}; usage: ${USAGE}\n`);
      return 2;
    } else {
      inputs.push(args[i]);
    }
  }
  if (inputs.length === 0) {
    err(`adopt needs YAML files or folders: ${USAGE}\n`);
    return 2;
  }
  const result = adoptManifests(readManifestFiles(inputs, cwd), { namespace, services });
  out(formatReport(result.report));
  const file = path.resolve(cwd, target);
  if (!result.ok || result.code === undefined) {
    err(`adopt: nothing written to ${target}: ${result.report.problems.length > 0 ? 'the input has problems'
      : result.report.synthError ? 'the generated code does not synthesize' : 'the generated code routes differently'}\n`);
    return 1;
  }
  writeAtomically(file, result.code);
  out(`wrote ${target}\n`);
  return 0;
}

/** Writes a file whole or not at all: a temporary file next to it, renamed over it. */
function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, file);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}
