/**
 * The test kit: starts real redis-server processes (standalone, ACL, TLS, unix socket, Sentinel,
 * Cluster) for tests, as a JUnit 5 extension or a plain Java API, with fault controls.
 *
 * <p>JUnit is optional at run time ({@code RedisServer.builder().start()} works without it) and
 * transitive for those who use the extension.
 *
 * <p>The bundled redis-server binaries are resources at the root of the embedded-redis jar, read
 * through the class loader; resources outside any package are encapsulated by no module. That jar
 * has no stable module name (only a file-name-derived one), so it is not required here: put it on
 * the class path (Maven does so, as no descriptor requires it), or set {@code REDIS_SERVER}, or
 * have {@code redis-server} on the {@code PATH}.
 */
module dev.mpredis.testkit {
  requires static transitive org.junit.jupiter.api;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.provider;

  exports dev.mpredis.testkit;
}
