import { brand, brandSymbol, hasBrand } from '../private/brand';
import { KnownInterface } from '../private/known-keys';
import { firstUnknownKey } from '../private/unknown-keys';

const CANARY_STAGE_BRAND = brandSymbol('CanaryStage');

/** What a stage does with the traffic of a release's routes. */
export enum CanaryStageKind {
  /** Everything goes to the stable target (before the release starts). */
  STABLE = 'stable',
  /** Requests with the canary header go to the canary; everything else to stable. */
  HEADER = 'header',
  /** A percentage of the traffic goes to the canary. */
  WEIGHT = 'weight',
  /** Everything goes to stable, and a percentage is copied (shadowed) to the canary. */
  MIRROR = 'mirror',
  /** Everything goes to the canary, as a plain single-destination route; no header route is left. */
  PROMOTE = 'promote',
  /** Everything goes back to the stable target; the header route is removed. */
  ROLLBACK = 'rollback',
}

/** Options of a stage. */
export interface CanaryStageOptions {
  /**
   * The stage's name, used by `stage:` and in folder names. Lowercase letters, digits, `-` and `.`.
   * @default - the kind, with the percentage for weight and mirror stages: `stable`, `header`, `weight-10`, `mirror-5`, `promote`, `rollback`
   */
  readonly name?: string;
}

/** Options of a weight or mirror stage. */
export interface CanaryTrafficStageOptions extends CanaryStageOptions {
  /**
   * Keep the header route of the release during this stage, so requests with the canary header
   * still always reach the canary (Solo's two-phased canary).
   * @default false
   */
  readonly keepHeaderRoute?: boolean;
}

/** Options of a weight schedule. */
export interface CanaryScheduleOptions {
  /**
   * Keep the header route of the release during the schedule's stages.
   * @default false
   */
  readonly keepHeaderRoute?: boolean;
}

/** A linear weight schedule, with Flagger's semantics. */
export interface LinearScheduleOptions extends CanaryScheduleOptions {
  /** The percentage added at each stage. */
  readonly stepWeight: number;
  /**
   * The schedule stops once the canary has at least this much. As in Flagger, the last step may
   * overshoot it: stepWeight 20 and maxWeight 50 give 20, 40, 60.
   * @default 100
   */
  readonly maxWeight?: number;
}

/**
 * One stage of a canary release: what happens to the release's traffic while it is active.
 *
 * Create stages with the static factories; `CanaryStage.stepWeights` and `CanaryStage.linear`
 * generate whole weight schedules.
 */
export class CanaryStage {
  /** Whether `x` is a canary stage; works across copies of the library. */
  public static isCanaryStage(x: unknown): x is CanaryStage {
    return hasBrand(x, CANARY_STAGE_BRAND);
  }

  /** Everything to the stable target: the routing before the release starts. */
  public static stable(options: CanaryStageOptions = {}): CanaryStage {
    return withOptionProblem(new CanaryStage(CanaryStageKind.STABLE, options.name ?? 'stable', 0, false), options, 'CanaryStageOptions');
  }

  /** Only requests with the release's header (matched by value) go to the canary. */
  public static header(options: CanaryStageOptions = {}): CanaryStage {
    return withOptionProblem(new CanaryStage(CanaryStageKind.HEADER, options.name ?? 'header', 0, true), options, 'CanaryStageOptions');
  }

  /**
   * `percent` of the traffic goes to the canary, the rest to stable. Fractions such as 0.5 are
   * fine: Gloo weights are ratios, so 0.5% renders as weights 5 and 995.
   */
  public static weight(percent: number, options: CanaryTrafficStageOptions = {}): CanaryStage {
    return withOptionProblem(new CanaryStage(CanaryStageKind.WEIGHT, options.name ?? `weight-${percent}`, percent, options.keepHeaderRoute ?? false),
      options, 'CanaryTrafficStageOptions');
  }

  /** Everything goes to stable, and `percent` of it is copied to the canary (Gloo's `shadowing` option); canary responses are discarded. */
  public static mirror(percent: number, options: CanaryTrafficStageOptions = {}): CanaryStage {
    return withOptionProblem(new CanaryStage(CanaryStageKind.MIRROR, options.name ?? `mirror-${percent}`, percent, options.keepHeaderRoute ?? false),
      options, 'CanaryTrafficStageOptions');
  }

  /** Everything to the canary, as a plain single-destination route with no header route left. */
  public static promote(options: CanaryStageOptions = {}): CanaryStage {
    return withOptionProblem(new CanaryStage(CanaryStageKind.PROMOTE, options.name ?? 'promote', 100, false), options, 'CanaryStageOptions');
  }

  /** Everything back to the stable target, with the header route removed. */
  public static rollback(options: CanaryStageOptions = {}): CanaryStage {
    return withOptionProblem(new CanaryStage(CanaryStageKind.ROLLBACK, options.name ?? 'rollback', 0, false), options, 'CanaryStageOptions');
  }

  /**
   * Weight stages at the given percentages, in order (Flagger's `stepWeights`), e.g.
   * `[1, 5, 25, 50]`. They must increase unless the release allows out-of-order stages.
   */
  public static stepWeights(weights: number[], options: CanaryScheduleOptions = {}): CanaryStage[] {
    if (!Array.isArray(weights) || weights.length === 0) {
      return [CanaryStage.invalid('stepWeights', weights, 'at least one weight')];
    }
    return weights.map(w => withOptionProblem(CanaryStage.weight(w, { keepHeaderRoute: options.keepHeaderRoute }), options, 'CanaryScheduleOptions'));
  }

  /**
   * Weight stages that step up linearly (Flagger's `stepWeight` and `maxWeight`): stepWeight,
   * 2 × stepWeight, ... until the canary has at least maxWeight, never above 100.
   */
  public static linear(options: LinearScheduleOptions): CanaryStage[] {
    const step = options.stepWeight;
    const max = options.maxWeight ?? 100;
    if (typeof step !== 'number' || !(step > 0) || step > 100) {
      return [CanaryStage.invalid('stepWeight', step, 'a percentage above 0 and at most 100')];
    }
    if (typeof max !== 'number' || !(max > 0) || max > 100) {
      return [CanaryStage.invalid('maxWeight', max, 'a percentage above 0 and at most 100')];
    }
    const stages: CanaryStage[] = [];
    for (let canary = 0; canary < max;) {
      canary = Math.min(100, roundPercent(canary + step));
      stages.push(withOptionProblem(CanaryStage.weight(canary, { keepHeaderRoute: options.keepHeaderRoute }), options, 'LinearScheduleOptions'));
    }
    return stages;
  }

  private static invalid(field: string, given: unknown, expected: string): CanaryStage {
    const stage = new CanaryStage(CanaryStageKind.WEIGHT, `invalid-${field}`, 0, false);
    stage._problem = { field, given, expected };
    return stage;
  }

  /** @internal a problem found when the stage was made, reported by the release with its path */
  public _problem?: { field: string; given: unknown; expected: string; hint?: string };

  private constructor(
    /** What the stage does. */
    public readonly kind: CanaryStageKind,
    /** The stage's name. */
    public readonly name: string,
    /** The percentage of traffic to (or mirrored to) the canary. */
    public readonly percent: number,
    /** Whether requests with the release's header go to the canary in this stage. */
    public readonly headerRoute: boolean,
  ) {}

  /** The share of ordinary traffic (without the header) the canary gets, in percent. */
  public get canaryShare(): number {
    return this.kind === CanaryStageKind.WEIGHT || this.kind === CanaryStageKind.PROMOTE ? this.percent : 0;
  }
}

brand(CanaryStage, CANARY_STAGE_BRAND);

/** `stage`, with the first property of `options` that `iface` does not have as its problem. */
function withOptionProblem(stage: CanaryStage, options: unknown, iface: KnownInterface): CanaryStage {
  stage._problem ??= firstUnknownKey(options, iface, 'options.');
  return stage;
}


/** Rounds away float noise such as 0.1 + 0.2, keeping four decimals. */
function roundPercent(x: number): number {
  return Math.round(x * 10000) / 10000;
}
