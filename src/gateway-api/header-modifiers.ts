import type { ActionProblem } from './backend-render';
import type { FunctionCall } from './function-rewrite';
import { HeaderManipulation } from '../model/route-options';
import { compact } from '../private/json';

type HeaderEntry = { name: string; value: string };
/** One direction's changes, shaped as Gateway API's header modifier filters and kgateway's `headerModifiers`. */
export type HeaderModifier = { set?: HeaderEntry[]; add?: HeaderEntry[]; remove?: string[] };
/** The changes to request and response headers, each left out when there are none. */
export interface HeaderModifiers {
  readonly request?: HeaderModifier;
  readonly response?: HeaderModifier;
}

/**
 * The route's header manipulation and the function call's headers as Gateway API header modifiers:
 * a Gloo header added with `append: false` is `set`, one appended (Gloo's default) is `add`, a
 * removed one `remove`; responses likewise. Refused: a value with `%` (Envoy formats it in Gloo,
 * Gateway API takes it literally), and a header the function call sets too.
 */
export function headerModifiers(h: HeaderManipulation | undefined, call: FunctionCall | undefined): HeaderModifiers | ActionProblem {
  const request: HeaderModifier = { set: [...(call?.setHeaders ?? [])], add: [], remove: [...(call?.removeHeaders ?? [])] };
  const response: HeaderModifier = { set: [], add: [], remove: [] };
  const called = new Set([...request.set!.map(e => e.name.toLowerCase()), ...request.remove!.map(n => n.toLowerCase())]);
  for (const [list, into, field] of [
    [h?.requestHeadersToAdd, request, 'requestHeadersToAdd'], [h?.responseHeadersToAdd, response, 'responseHeadersToAdd'],
  ] as const) {
    for (const [i, e] of (list ?? []).entries()) {
      const at = `options.headerManipulation.${field}[${i}]`;
      if (e.value.includes('%')) {
        return { field: `${at}.header.value`, given: e.value, expected: 'a value without %', hint: 'envoy formats %...% in a gloo header value; gateway api takes the value as it is' };
      }
      if (into === request && called.has(e.name.toLowerCase())) {
        return { field: `${at}.header.key`, given: e.name, expected: 'a header the route\'s function call does not set or remove' };
      }
      (e.append === false ? into.set! : into.add!).push({ name: e.name, value: e.value });
    }
  }
  for (const [list, into, field] of [[h?.requestHeadersToRemove, request, 'requestHeadersToRemove'], [h?.responseHeadersToRemove, response, 'responseHeadersToRemove']] as const) {
    for (const [i, name] of (list ?? []).entries()) {
      if (into === request && called.has(name.toLowerCase())) {
        return { field: `options.headerManipulation.${field}[${i}]`, given: name, expected: 'a header the route\'s function call does not set or remove' };
      }
      into.remove!.push(name);
    }
  }
  const modifier = (m: HeaderModifier) => compact({
    set: m.set!.length > 0 ? m.set : undefined, add: m.add!.length > 0 ? m.add : undefined, remove: m.remove!.length > 0 ? m.remove : undefined,
  });
  return compact({
    request: Object.keys(modifier(request)).length > 0 ? modifier(request) : undefined,
    response: Object.keys(modifier(response)).length > 0 ? modifier(response) : undefined,
  });
}
