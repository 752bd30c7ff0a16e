import { GlooSslConfigOptions } from './gloo-option-types.generated';
import { ConfigRef } from './virtual-host-options';

/** A TLS protocol version (Gloo's `sslConfig.parameters`). */
export enum TlsProtocolVersion {
  /** Envoy's choice (TLS 1.2 at least, 1.3 at most, for servers). */
  TLS_AUTO = 'TLS_AUTO',
  /** TLS 1.0. */
  TLSV1_0 = 'TLSv1_0',
  /** TLS 1.1. */
  TLSV1_1 = 'TLSv1_1',
  /** TLS 1.2. */
  TLSV1_2 = 'TLSv1_2',
  /** TLS 1.3. */
  TLSV1_3 = 'TLSv1_3',
}

/**
 * TLS for a VirtualService (Gloo's `sslConfig`). A VirtualService with TLS is served by the HTTPS
 * gateway (`gateway-proxy-ssl`), one without by the HTTP gateway: Gloo picks by whether
 * `sslConfig` is set.
 */
export interface SslConfig extends GlooSslConfigOptions {
  /**
   * The Kubernetes TLS Secret (`kubernetes.io/tls`) holding the certificate and key; without a
   * namespace, the VirtualService's. Exactly one of `secretRef`, `sslFiles` and `sds`.
   * @default - none: the certificate comes from `sslFiles` or `sds`
   */
  readonly secretRef?: ConfigRef;
  /**
   * The server names (SNI) this certificate answers for.
   * @default - every server name
   */
  readonly sniDomains?: string[];
  /**
   * The oldest TLS version accepted.
   * @default - Envoy's (TLS 1.2)
   */
  readonly minimumProtocolVersion?: TlsProtocolVersion;
  /**
   * The newest TLS version accepted.
   * @default - Envoy's (TLS 1.3)
   */
  readonly maximumProtocolVersion?: TlsProtocolVersion;
  /**
   * The cipher suites accepted (TLS 1.2 and older), in OpenSSL's names or `[A|B]` groups of equal preference.
   * @default - Envoy's
   */
  readonly cipherSuites?: string[];
  /**
   * The elliptic curves accepted for ECDH, e.g. `X25519`, `P-256`.
   * @default - Envoy's
   */
  readonly ecdhCurves?: string[];
  /**
   * ALPN protocols offered, in order of preference, e.g. `h2`, `http/1.1`.
   * @default - Gloo's (`h2`, `http/1.1`)
   */
  readonly alpnProtocols?: string[];
  /**
   * Do not ask clients for a certificate even when the Secret holds a CA (`oneWayTls`).
   * @default false
   */
  readonly oneWayTls?: boolean;
}
