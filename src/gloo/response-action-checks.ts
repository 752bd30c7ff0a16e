import { isHostName } from '../model/host-rules';
import { whyInvalidPrefixRewrite, whyInvalidRoutePath } from '../model/path-rules';
import { DirectResponse, Redirect, RedirectResponseCode } from '../model/route-action';
import { AddProblem } from '../private/errors';
import { REDIRECT_CODES } from '../private/redirect-codes';
import { checkKnownKeys } from '../private/unknown-keys';

/**
 * The checks of the actions Envoy answers itself: a direct response (Envoy's `DirectResponseAction`
 * takes a status from 200 to 599) and a redirect (Gloo validates its path and prefix rewrite as
 * route paths; Envoy takes one of path and prefix rewrite, a port up to 65535 and five response codes).
 */

/** Checks a direct response, reported under `directResponseAction`. */
export function checkDirectResponse(r: DirectResponse, add: AddProblem): void {
  const at = 'directResponseAction';
  if (typeof r !== 'object' || r === null) {
    add(at, r, 'a direct response such as { status: 404, body: \'not found\' }');
    return;
  }
  checkKnownKeys(add, r, 'DirectResponse', `${at}.`);
  if (!(Number.isInteger(r.status) && r.status >= 200 && r.status <= 599)) {
    add(`${at}.status`, r.status, 'an HTTP status from 200 to 599', 'envoy rejects a direct response status outside that range');
  }
  if (r.body !== undefined && typeof r.body !== 'string') add(`${at}.body`, r.body, 'a string');
}

/** Checks a redirect, reported under `redirectAction`. */
export function checkRedirect(r: Redirect, add: AddProblem): void {
  const at = 'redirectAction';
  if (typeof r !== 'object' || r === null) {
    add(at, r, 'a redirect such as { https: true } or { host: \'www.example.com\' }');
    return;
  }
  checkKnownKeys(add, r, 'Redirect', `${at}.`);
  if (r.host !== undefined && !isHostName(r.host)) {
    add(`${at}.hostRedirect`, r.host, 'a host name without scheme, port or path, such as "www.example.com"', 'set the port with port, the scheme with https');
  }
  if (r.path !== undefined) {
    const why = typeof r.path !== 'string' || !r.path.startsWith('/') ? 'a path that starts with "/"' : whyInvalidRoutePath(r.path);
    if (why) add(`${at}.pathRedirect`, r.path, why, 'gloo rejects the route ("the path is invalid")');
  }
  if (r.prefixRewrite !== undefined) {
    const why = typeof r.prefixRewrite !== 'string' ? 'a path such as "/store/"' : whyInvalidPrefixRewrite(r.prefixRewrite);
    if (why) add(`${at}.prefixRewrite`, r.prefixRewrite, why, 'gloo rejects the route ("the rewrite is invalid")');
  }
  if (r.path !== undefined && r.prefixRewrite !== undefined) {
    add(`${at}.prefixRewrite`, r.prefixRewrite, 'no prefixRewrite together with path', 'a redirect replaces the whole path or its matched prefix, not both');
  }
  if (r.port !== undefined && !(Number.isInteger(r.port) && r.port >= 1 && r.port <= 65535)) {
    add(`${at}.portRedirect`, r.port, 'a port from 1 to 65535');
  }
  if (r.responseCode !== undefined && !Object.values(RedirectResponseCode).includes(r.responseCode)) {
    add(`${at}.responseCode`, r.responseCode, `a RedirectResponseCode: ${REDIRECT_CODES.map(c => `${c.name} (${c.status})`).join(', ')}`);
  }
  for (const flag of ['https', 'stripQuery'] as const) {
    if (r[flag] !== undefined && typeof r[flag] !== 'boolean') add(`${at}.${flag === 'https' ? 'httpsRedirect' : 'stripQuery'}`, r[flag], 'true or false');
  }
  const changes = [r.host, r.path, r.prefixRewrite, r.port].some(v => v !== undefined) || r.https === true || r.stripQuery === true;
  if (!changes) {
    add(at, r, 'a redirect that changes the URL: at least one of host, path, prefixRewrite, port, https or stripQuery',
      'a redirect to the same URL sends the client round in a loop');
  }
}
