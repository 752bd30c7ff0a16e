import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AtomicOutputDirectory } from '../../src';

describe('AtomicOutputDirectory and CDK8S_OUTDIR', () => {
  let work: string;
  const saved = process.env.CDK8S_OUTDIR;
  beforeEach(() => { work = fs.mkdtempSync(path.join(os.tmpdir(), 'atomic-env-')); });
  afterEach(() => {
    if (saved === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = saved;
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('writes where CDK8S_OUTDIR says when it is set, as cdk8s synth and the CLI ask', () => {
    process.env.CDK8S_OUTDIR = path.join(work, 'asked');
    const out = new AtomicOutputDirectory(path.join(work, 'dist'));
    expect(out.outdir).toBe(path.join(work, 'asked'));
    expect(path.dirname(out.stagingDir)).toBe(work);
    fs.writeFileSync(path.join(out.stagingDir, 'a.k8s.yaml'), 'a: 1\n');
    out.commit();
    expect(fs.readdirSync(work)).toEqual(['asked']);
    expect(fs.readdirSync(path.join(work, 'asked'))).toEqual(['a.k8s.yaml']);
  });

  test('writes to the folder given when CDK8S_OUTDIR is not set, or empty', () => {
    delete process.env.CDK8S_OUTDIR;
    expect(new AtomicOutputDirectory(path.join(work, 'dist')).outdir).toBe(path.join(work, 'dist'));
    process.env.CDK8S_OUTDIR = '';
    expect(new AtomicOutputDirectory(path.join(work, 'dist')).outdir).toBe(path.join(work, 'dist'));
  });

  test('ignoreOutdirEnv keeps the folder given', () => {
    process.env.CDK8S_OUTDIR = path.join(work, 'asked');
    expect(new AtomicOutputDirectory(path.join(work, 'dist'), { ignoreOutdirEnv: true }).outdir).toBe(path.join(work, 'dist'));
  });
});
