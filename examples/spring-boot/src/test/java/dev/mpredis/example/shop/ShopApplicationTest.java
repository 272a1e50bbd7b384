package dev.mpredis.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpredis.example.shop.SessionStore.Session;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a real {@code redis-server} from the test kit, as its users run it:
 * Spring Boot's versions, the web server, Actuator over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShopApplicationTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  /** The application finds Redis through Spring Boot's own properties. */
  @DynamicPropertySource
  static void redisProperties(DynamicPropertyRegistry registry) {
    registry.add("spring.data.redis.host", () -> "127.0.0.1");
    registry.add("spring.data.redis.port", () -> redis.server().port());
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired ProductCatalog catalog;
  @Autowired ProductSource source;
  @Autowired SessionStore sessions;
  @Autowired Manager manager;
  @Autowired Environment environment;

  @Test
  void catalog_manyThreadsMissTogether_loadsOnce_andStoresJsonInRedis() throws Exception {
    int before = source.loads();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Product>> finds = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        finds.add(
            threads.submit(
                () -> {
                  start.await();
                  return catalog.find("42");
                }));
      }
      start.countDown();
      for (Future<Product> find : finds) {
        assertThat(find.get().name()).isEqualTo("Product 42");
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(source.loads() - before).as("loads of product 42").isEqualTo(1);

    try (Connection connection = Redis.getConnection(manager).orThrow()) {
      Product stored = Redis.getCachedValue(connection, "products:42", Product.class).orThrow();
      assertThat(stored).isEqualTo(catalog.find("42"));
    }
    catalog.changed("42");
    catalog.find("42");
    assertThat(source.loads() - before).as("loads after the eviction").isEqualTo(2);
  }

  @Test
  void sessions_saveFindAndMiss() {
    sessions.save("s1", new Session("ada", "cart-7"));
    assertThat(sessions.find("s1")).contains(new Session("ada", "cart-7"));
    assertThat(sessions.find("never-saved")).isEmpty();
  }

  @Test
  void signIn_sixthAttemptInAMinute_isRefused() {
    for (int attempt = 1; attempt <= 5; attempt++) {
      assertThat(sessions.mayTryToSignIn("grace")).as("attempt %d", attempt).isTrue();
    }
    assertThat(sessions.mayTryToSignIn("grace")).as("attempt 6").isFalse();
  }

  @Test
  void actuatorHealth_overHttp_isUpWithTheServersVersion() throws Exception {
    JsonNode health = get("/actuator/health");
    JsonNode mpRedis = health.path("components").path("mpRedis");
    assertThat(mpRedis.path("status").asText()).isEqualTo("UP");
    assertThat(mpRedis.path("details").path("version").asText())
        .isEqualTo(redis.server().binary().version());
    assertThat(mpRedis.path("details").path("role").asText()).isEqualTo("master");
  }

  @Test
  void actuatorMetrics_overHttp_timeTheMachinesByExit() throws Exception {
    sessions.find("counted");
    JsonNode timer = get("/actuator/metrics/mpredis.machine");
    JsonNode machines =
        StreamSupport.stream(timer.path("availableTags").spliterator(), false)
            .filter(tag -> tag.path("tag").asText().equals("machine"))
            .findFirst()
            .orElseThrow()
            .path("values");
    assertThat(machines.toString()).contains("get-cached-value", "get-connection");
    JsonNode gauge = get("/actuator/metrics/mpredis.leases.live");
    assertThat(gauge.path("measurements").get(0).path("value").asDouble())
        .isGreaterThanOrEqualTo(0);
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
