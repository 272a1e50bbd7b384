package dev.mpredis.testkit;

/**
 * Which certificate a TLS test server presents (see {@link
 * RedisServerConfig.Builder#tlsCertificate(TlsServerCertificate)}). All three are signed by the
 * material's good CA ({@link TlsMaterial#caCertificate()}) and share one server key, so each faulty
 * one has exactly one defect: a client that trusts the CA must still refuse it, for that reason
 * only.
 */
public enum TlsServerCertificate {
  /** For {@code localhost} and {@code 127.0.0.1}, valid from an hour ago for a day: the default. */
  VALID("server.crt"),
  /**
   * For {@code localhost} and {@code 127.0.0.1}, but valid from two days ago until one day ago: a
   * client that checks dates refuses it as expired.
   */
  EXPIRED("server-expired.crt"),
  /**
   * Valid now, but for {@value TlsMaterial#WRONG_HOST_NAME} and {@value
   * TlsMaterial#WRONG_HOST_ADDRESS} only (neither {@code localhost} nor {@code 127.0.0.1}): a
   * client that verifies host names refuses it; one that checks only the chain accepts it.
   */
  WRONG_HOST("server-wrong-host.crt");

  private final String fileName;

  TlsServerCertificate(String fileName) {
    this.fileName = fileName;
  }

  /** The PEM file's name inside the material's directory. */
  String fileName() {
    return fileName;
  }
}
