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
import { HttpRouteRules } from '../src/gateway-api/http-route-rules';
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

/**
 * Runs `fn` with the three checks the Gateway API target adds replaced by no-ops, and puts them
 * back: the differential check (`glooModelManifests` and `compareRouting`) and the HTTPRoute rules
 * (`HttpRouteRules.check`); `fn` turns the CRD schema check off on its app itself
 * (`CrdSchemaCheck.disable`). What is left is what the library does for the same app code either
 * way: constructing the app (Upstreams and releases included), rendering the HTTPRoutes, the
 * route checks of the Gloo model. The benchmark's own instrument, like `measureDifferentialCheck`;
 * it returns how many times the stubbed `compareRouting` was called, so the caller can tell that
 * the stubs were reached.
 */
export function withoutGatewayApiChecks<T>(fn: () => T): { result: T; comparisons: number } {
  let comparisons = 0;
  const restore = [
    replace(glooModel, 'glooModelManifests', () => []),
    replace(comparison, 'compareRouting', () => { comparisons++; return []; }),
    replace(HttpRouteRules as unknown as object, 'check', () => []),
  ];
  try {
    return { result: fn(), comparisons };
  } finally {
    restore.forEach(undo => undo());
  }
}

/** Replaces a writable function of a compiled module or a class by `stub`; returns what puts it back. */
function replace(holder: object, name: string, stub: (...args: unknown[]) => unknown): () => void {
  const fns = holder as { [name: string]: (...args: unknown[]) => unknown };
  const original = fns[name];
  if (typeof original !== 'function' || !Object.getOwnPropertyDescriptor(holder, name)?.writable) {
    throw new Error(`cannot turn the check off: ${name} is not a writable function of its compiled module or class`);
  }
  fns[name] = stub;
  return () => { fns[name] = original; };
}
