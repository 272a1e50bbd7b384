package dev.mpredis.redis;

import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The deployments an {@link AcrossDeployments} test runs on: one server over TCP, one on a unix
 * socket, a Sentinel group and a Cluster of three masters without replicas, each with the pack's
 * manager and lease ({@link Deployment#withPack}). A test class extends it; each class starts them
 * once and stops them after its tests.
 */
@Tag("server")
abstract class EveryDeployment {

  @RegisterExtension
  static final RedisExtension standalone =
      Deployment.withPack(RedisExtension.of(RedisKind.STANDALONE));

  @RegisterExtension
  static final RedisExtension socket = Deployment.withPack(RedisExtension.of(RedisKind.SOCKET));

  @RegisterExtension
  static final RedisExtension sentinel = Deployment.withPack(RedisExtension.of(RedisKind.SENTINEL));

  @RegisterExtension
  static final RedisExtension cluster =
      Deployment.withPack(RedisExtension.cluster(b -> b.replicasPerMaster(0)));
}
