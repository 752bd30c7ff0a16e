/**
 * Header names, as HTTP defines them: a token (RFC 9110 §5.6.2, formerly RFC 7230 §3.2.6) of
 * letters, digits and ``!#$%&'*+-.^_`|~``. Envoy's codecs refuse a request whose header name has
 * any other character, so a matcher on such a name never matches. Envoy also matches the HTTP/2
 * pseudo-headers (`:authority`, `:method`, `:path`), hence the optional leading `:`.
 */
const HEADER_NAME = /^:?[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/** Why `name` can never be the name of a request header, or `undefined` when it can. */
export function whyInvalidHeaderName(name: string): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'a non-empty header name, such as "x-canary"';
  if (!HEADER_NAME.test(name)) {
    return 'a header name that is an HTTP token (letters, digits and !#$%&\'*+-.^_`|~, no spaces), such as "x-canary"';
  }
  return undefined;
}
