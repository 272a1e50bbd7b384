package dev.mpredis.example.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;

/**
 * A small shop on mp-redis: a product catalog cached with Spring Cache, a session store and a login
 * rate limit on the machines, Actuator's health and metrics. The {@code Manager} bean, the cache
 * manager, the health indicator and the meters all come from {@code mp-redis-spring}'s
 * auto-configuration; {@code application.properties} says where Redis is.
 */
@SpringBootApplication
@EnableCaching
public class ShopApplication {
  public static void main(String[] args) {
    SpringApplication.run(ShopApplication.class, args);
  }
}
