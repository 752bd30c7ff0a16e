/**
 * What the Gateway API target's differential check costs, measured in place by the benchmark only:
 * the library has no switch to skip or time the check.
 *
 * At synth, `renderHttpRoutes` proves each VirtualService's rendering by building the Gloo model of
 * its routes (`glooModelManifests`) and routing every derived request through both simulators
 * (`compareRouting`). `measureDifferentialCheck()` replaces these two functions, on the exports of
 * their compiled modules that `renderHttpRoutes` calls them through, with wrappers that run them
 * unchanged and add up the time they take. Everything else that rendering does (the rules, the CRD
 * schema check) is not counted.
 */
import { time } from './stats';
import * as glooModel from '../src/gateway-api/gloo-model';
import * as comparison from '../src/gateway-api/routing-comparison';

/** The check's time and number of calls since the last `reset()`. */
export interface CheckMeter {
  /** Milliseconds spent in `glooModelManifests` and `compareRouting`. */
  readonly ms: number;
  /** Calls of `compareRouting`: one per HTTPRoute set, two when a VirtualService needs several HTTPRoutes. */
  readonly calls: number;
  reset(): void;
}

let meter: CheckMeter | undefined;

/** Installs the measuring wrappers (once) and returns the meter they add to. */
export function measureDifferentialCheck(): CheckMeter {
  if (meter) return meter;
  const state = { ms: 0, calls: 0 };
  wrap(glooModel, 'glooModelManifests', () => undefined, state);
  wrap(comparison, 'compareRouting', () => { state.calls++; }, state);
  meter = {
    get ms() { return state.ms; },
    get calls() { return state.calls; },
    reset() { state.ms = 0; state.calls = 0; },
  };
  return meter;
}

function wrap(module: object, name: string, count: () => void, state: { ms: number }): void {
  const exports = module as { [name: string]: (...args: unknown[]) => unknown };
  const original = exports[name];
  const descriptor = Object.getOwnPropertyDescriptor(exports, name);
  if (typeof original !== 'function' || !descriptor?.writable) {
    throw new Error(`cannot measure the differential check: ${name} is not a writable export of its compiled module`);
  }
  exports[name] = (...args: unknown[]) => {
    count();
    let result: unknown;
    state.ms += time(() => { result = original(...args); });
    return result;
  };
}
