/**
 * The README's adoption example is the real output of `adopt` on the blog's part-2 manifest: the
 * generated code and the report shown there must be what the command writes today, and the code
 * must compile under the strict tsconfig of `cdk8s init typescript-app`.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { adoptManifests, formatReport } from '../../src/adopt/adopt';
import { readManifestFiles } from '../../src/adopt/reader';

const ROOT = path.join(__dirname, '..', '..');
const BLOG = path.join(__dirname, '..', 'fixtures', 'gloo-canary-example');
const FILES = ['coalmine-virtual-service-part-2-header.yaml', 'default-petstore-v1-8080-upstream.yaml'];

/** The fenced block of `lang` that follows `heading` in the README's adoption section. */
function readmeBlock(heading: string, lang: string): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Adopting existing Gloo YAML'));
  const start = section.indexOf(`${heading}\n\n\`\`\`${lang}\n`);
  if (start < 0) throw new Error(`README.md has no ${lang} block after "${heading}" in its adoption section`);
  const body = section.slice(start + heading.length + lang.length + 6);
  return body.slice(0, body.indexOf('```\n'));
}

describe('the README\'s adoption example', () => {
  const result = adoptManifests(readManifestFiles(FILES, BLOG));

  test('shows the code adopt generates for the blog\'s part-2 manifest', () => {
    expect(result.ok).toBe(true);
    expect(readmeBlock('Generated code (`src/adopted.ts`):', 'ts')).toBe(result.code);
  });

  test('shows the report adopt prints', () => {
    const report = formatReport(result.report);
    expect(report).toContain('0 routed differently');
    expect(readmeBlock('Report:', 'text')).toBe(`${report.trimEnd()}\nwrote src/adopted.ts\n`);
  });

  test('the generated code compiles under the strict tsconfig of a cdk8s TypeScript app', () => {
    const file = path.join(ROOT, 'test', 'adopt', '.adopted-readme.generated.ts');
    // the package's own name resolves to the source, as it would to the installed package
    fs.writeFileSync(file, result.code!.replace(/from 'cdk8s-gloo-canary'/g, "from '../../src'"));
    try {
      const program = ts.createProgram([file], {
        strict: true,
        noImplicitAny: true,
        noUnusedLocals: true,
        noUnusedParameters: true,
        noImplicitReturns: true,
        target: ts.ScriptTarget.ES2020,
        module: ts.ModuleKind.CommonJS,
        noEmit: true,
        skipLibCheck: true,
        experimentalDecorators: true,
      });
      const diagnostics = ts.getPreEmitDiagnostics(program).filter(d => d.file?.fileName === file);
      expect(diagnostics.map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
    } finally {
      fs.rmSync(file, { force: true });
    }
  }, 60_000);
});
