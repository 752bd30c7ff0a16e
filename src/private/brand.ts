/**
 * Brands: how a class of the library answers `instanceof` and `isXxx()` for its own kind only.
 *
 * `instanceof` compares prototypes, so it fails across two copies of the library in one app (two
 * versions installed side by side, or a test that loads the source next to the package). cdk8s's
 * `ApiObject` works around that with a `Symbol.hasInstance` that answers `true` for every ApiObject,
 * and subclasses inherit it: without a brand of their own, any Deployment is "a VirtualService".
 *
 * A brand is a `Symbol.for` key on the class's prototype, so instances of the class and of its
 * subclasses carry it, whichever copy of the library made them.
 */

/** The registry-wide symbol that marks instances of one kind of the library. */
export function brandSymbol(kind: string): symbol {
  return Symbol.for(`cdk8s-gloo-canary.${kind}`);
}

/** Whether `x` carries the brand `symbol` (an instance of that kind, from any copy of the library). */
export function hasBrand(x: unknown, symbol: symbol): boolean {
  return x !== null && (typeof x === 'object' || typeof x === 'function') && (x as { [k: symbol]: unknown })[symbol] === true;
}

/**
 * Marks `cls`'s instances with the brand `symbol`, and makes `x instanceof cls` ask for the brand.
 * A subclass defined by a user keeps the ordinary prototype test, so `vs instanceof MyVirtualService`
 * is true only for instances of `MyVirtualService`.
 */
export function brand(cls: Function, symbol: symbol): void {
  Object.defineProperty(cls.prototype, symbol, { value: true });
  Object.defineProperty(cls, Symbol.hasInstance, {
    value: function hasInstance(this: Function, x: unknown): boolean {
      return this === cls ? hasBrand(x, symbol) : Function.prototype[Symbol.hasInstance].call(this, x);
    },
  });
}
