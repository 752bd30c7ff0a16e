import * as fs from 'fs';
import * as path from 'path';
import { unknownKeys } from '../private/unknown-keys';

/** Options of an `AtomicOutputDirectory`. */
export interface AtomicOutputDirectoryOptions {
  /**
   * Keep the subfolders of the output folder (such as `stages/`) when the new output is swapped
   * in; only the files at its top level are replaced.
   * @default false - the whole folder is replaced
   */
  readonly keepSubdirectories?: boolean;
  /**
   * Use the folder given to the constructor even when the `CDK8S_OUTDIR` environment variable is
   * set.
   * @default false - `CDK8S_OUTDIR` wins when it is set
   */
  readonly ignoreOutdirEnv?: boolean;
}

/**
 * An output folder that is replaced only when synthesis succeeds.
 *
 * Synthesize into `stagingDir`, then `commit()` to swap the result in, or `abort()` to throw it
 * away. Until `commit()`, the previous output stays exactly as it was. (`cdk8s synth` itself
 * empties its output folder before it runs the app, so a failing app leaves it empty.)
 *
 * The output folder is the one given, unless the `CDK8S_OUTDIR` environment variable is set: then
 * it is that one, as for cdk8s's own `App`. `cdk8s synth` and the `cdk8s-gloo-canary` commands set
 * it to say where the app must write, so an app that writes through this class works under all of
 * them. Set `ignoreOutdirEnv` to always use the folder given.
 *
 * @example
 * const out = new AtomicOutputDirectory('dist');
 * try {
 *   const app = new App({ outdir: out.stagingDir });
 *   // ... define charts ...
 *   app.synth();
 *   out.commit();
 * } catch (e) {
 *   out.abort();
 *   throw e;
 * }
 */
export class AtomicOutputDirectory {
  /** The folder the output finally goes to. */
  public readonly outdir: string;
  /** The temporary folder to synthesize into: a sibling of `outdir`, so the swap is a rename. */
  public readonly stagingDir: string;
  private readonly keepSubdirectories: boolean;
  private done = false;

  /**
   * @param outdir the output folder, when `CDK8S_OUTDIR` is not set
   */
  constructor(outdir: string, options: AtomicOutputDirectoryOptions = {}) {
    const unknown = unknownKeys(options, 'AtomicOutputDirectoryOptions')[0];
    if (unknown) throw new Error(`AtomicOutputDirectory options.${unknown.key}: got ${JSON.stringify(unknown.given)}, expected ${unknown.expected} (hint: ${unknown.hint})`);
    const fromEnv = options.ignoreOutdirEnv ? undefined : process.env.CDK8S_OUTDIR;
    this.outdir = path.resolve(fromEnv || outdir);
    this.keepSubdirectories = options.keepSubdirectories ?? false;
    fs.mkdirSync(path.dirname(this.outdir), { recursive: true });
    this.stagingDir = fs.mkdtempSync(`${this.outdir}.staging-`);
  }

  /** Swaps the staged output in, replacing the previous output. */
  public commit(): void {
    this.assertOpen();
    this.done = true;
    if (this.keepSubdirectories && fs.existsSync(this.outdir)) {
      for (const entry of fs.readdirSync(this.outdir, { withFileTypes: true })) {
        if (!entry.isDirectory()) fs.rmSync(path.join(this.outdir, entry.name), { force: true });
      }
      for (const entry of fs.readdirSync(this.stagingDir)) {
        const target = path.join(this.outdir, entry);
        fs.rmSync(target, { recursive: true, force: true });
        fs.renameSync(path.join(this.stagingDir, entry), target);
      }
      fs.rmSync(this.stagingDir, { recursive: true, force: true });
      return;
    }
    const previous = `${this.stagingDir}.previous`;
    if (fs.existsSync(this.outdir)) fs.renameSync(this.outdir, previous);
    fs.renameSync(this.stagingDir, this.outdir);
    fs.rmSync(previous, { recursive: true, force: true });
  }

  /** Throws the staged output away; the previous output stays as it was. */
  public abort(): void {
    if (this.done) return;
    this.done = true;
    fs.rmSync(this.stagingDir, { recursive: true, force: true });
  }

  private assertOpen(): void {
    if (this.done) throw new Error(`output ${this.outdir} was already committed or aborted`);
  }
}
