import { RestFunction, Upstream } from '../gloo/upstream';
import { Destination } from '../model/destination';

/**
 * What a REST function call becomes in Gateway API: a method match, and a rewrite of the path the
 * backend receives. Gateway API cannot set the method or compute a path from templates; it can
 * only match the method and replace the matched prefix (or the whole path) with a constant.
 */
export interface FunctionCall {
  /** The method the function calls with, matched instead of set. */
  readonly method?: string;
  /** `ReplacePrefixMatch`: the matched PathPrefix is replaced by this (the function path before its parameter). */
  readonly replacePrefix?: string;
  /** `ReplaceFullPath`: a constant path. */
  readonly replaceFullPath?: string;
  /** Constant headers the function sets (`RequestHeaderModifier.set`), by name, sorted. */
  readonly setHeaders: Array<{ name: string; value: string }>;
  /** Headers the function clears (`RequestHeaderModifier.remove`), sorted. */
  readonly removeHeaders: string[];
}

/** Why a function call cannot be expressed, as the field of the function and what was expected. */
export interface FunctionRefusal {
  readonly field: string;
  readonly given: unknown;
  readonly expected: string;
}

/** The hint of every function refusal: what would express the call in kgateway. */
export function functionHint(d: Destination): string {
  return `function ${d.functionName} of upstream ${d.targetUpstream?.name} cannot be written as gateway api filters; `
    + 'a kgateway TrafficPolicy transformation (inja templates) can express it, which this renderer does not write; '
    + 'if a constant path does what the call needs, set gatewayApiPath on the function';
}

/** `{{ default(x, "") }}` or `{{ x }}`: the only template the path of a function may end with. */
const TRAILING_VARIABLE = /^(.*?)\{\{\s*(?:default\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*,\s*""\s*\)|([A-Za-z_][A-Za-z0-9_]*))\s*\}\}$/;
/** A `{name}` placeholder at the end of a parameter template such as `/findPetWithId/{id}`. */
const TRAILING_PLACEHOLDER = /^([^{}]*)\{([A-Za-z_][A-Za-z0-9_]*)\}$/;
/** Discovery's normalisation of calls without a body: the body and these headers cleared, `content-length: 0`. */
const NO_BODY_HEADERS: { [name: string]: string } = { 'content-length': '0', 'content-type': '', 'transfer-encoding': '' };
const BODILESS_METHODS = ['GET', 'HEAD'];

/**
 * How a route prefix `prefix` calling `destination`'s function renders, or why it cannot.
 *
 * Expressible: a method (matched), a path that is a constant (`ReplaceFullPath`) or a constant
 * followed by one variable fed from the matched path (`{{ default(id, "") }}` with the parameter
 * template `:path` = `<prefix>/{id}`, so `ReplacePrefixMatch` `<prefix>` -> the constant), constant
 * headers (set), cleared headers (removed), and for GET and HEAD calls discovery's "no body"
 * normalisation (body and `content-type`/`transfer-encoding` cleared, `content-length: 0`), which
 * a bodiless request does not need. Refused: body templates, query strings in the path, variables
 * from anywhere else, header templates.
 */
export function functionCall(destination: Destination, prefix: string | undefined): FunctionCall | FunctionRefusal {
  const upstream = destination.targetUpstream;
  const name = destination.functionName!;
  if (!Upstream.isUpstream(upstream)) {
    return { field: 'destinationSpec.rest.functionName', given: name, expected: 'a function of an Upstream defined in this app (an imported Upstream\'s functions are unknown)' };
  }
  const fn = upstream._functionSpec(name);
  if (!fn) return { field: 'destinationSpec.rest.functionName', given: name, expected: `a function of upstream ${upstream.name}` };
  const params = destination.parameters ?? {};
  if (params.path !== undefined) return { field: 'destinationSpec.rest.parameters.path', given: params.path, expected: 'no path parameter template (parameters come from the matched path only)' };
  const sources = Object.keys(params.headers ?? {}).filter(h => h !== ':path');
  if (sources.length > 0) {
    return { field: `destinationSpec.rest.parameters.headers.${sources[0]}`, given: params.headers![sources[0]], expected: 'parameters from the :path header only' };
  }
  return checkBody(fn, name) ?? headersAndPath(fn, name, params.headers?.[':path'], prefix);
}

function checkBody(fn: RestFunction, name: string): FunctionRefusal | undefined {
  if (fn.body === undefined) return undefined;
  if (fn.body === '' && BODILESS_METHODS.includes(fn.method ?? '')) return undefined;
  return { field: `functions.${name}.body`, given: fn.body, expected: 'no body template (gateway api cannot write a request body)' };
}

function headersAndPath(
  fn: RestFunction, name: string, pathTemplate: string | undefined, prefix: string | undefined,
): FunctionCall | FunctionRefusal {
  const setHeaders: Array<{ name: string; value: string }> = [];
  const removeHeaders: string[] = [];
  const noBody = fn.body === '';
  for (const header of Object.keys(fn.headers ?? {}).sort()) {
    const value = fn.headers![header];
    if (noBody && NO_BODY_HEADERS[header.toLowerCase()] === value) continue;
    if (value.includes('{{')) return { field: `functions.${name}.headers.${header}`, given: value, expected: 'a constant header value (no template)' };
    if (value === '') removeHeaders.push(header);
    else setHeaders.push({ name: header, value });
  }
  const base = { method: fn.method, setHeaders, removeHeaders };
  if (fn.gatewayApiPath !== undefined) return { ...base, replaceFullPath: fn.gatewayApiPath };
  if (fn.path === undefined) return base;
  if (fn.path.includes('?')) {
    return { field: `functions.${name}.path`, given: fn.path, expected: 'a path without a query template (gateway api cannot rewrite the query string)' };
  }
  if (!fn.path.includes('{{')) return { ...base, replaceFullPath: fn.path };
  const variable = TRAILING_VARIABLE.exec(fn.path);
  if (!variable || variable[1].includes('{{')) {
    return { field: `functions.${name}.path`, given: fn.path, expected: 'a constant path, or a constant followed by one variable such as {{ default(id, "") }}' };
  }
  const varName = variable[2] ?? variable[3];
  const placeholder = pathTemplate === undefined ? undefined : TRAILING_PLACEHOLDER.exec(pathTemplate);
  if (!placeholder || placeholder[2] !== varName || prefix === undefined || placeholder[1] !== `${prefix.replace(/\/$/, '')}/`) {
    return {
      field: 'destinationSpec.rest.parameters.headers.:path',
      given: pathTemplate,
      expected: `a template "${(prefix ?? '<prefix>').replace(/\/$/, '')}/{${varName}}" that takes ${varName} from the path element after the route's prefix`,
    };
  }
  return { ...base, replacePrefix: variable[1].replace(/\/$/, '') || '/' };
}

/** Whether `x` is a refusal rather than a call. */
export function isRefusal(x: FunctionCall | FunctionRefusal): x is FunctionRefusal {
  return 'expected' in x;
}
