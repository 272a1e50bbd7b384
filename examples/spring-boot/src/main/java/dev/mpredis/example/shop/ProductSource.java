package dev.mpredis.example.shop;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** Stands for the slow system of record (a database, another service); counts its loads. */
@Component
public class ProductSource {
  private final AtomicInteger loads = new AtomicInteger();

  /** Loads one product; every call counts. */
  public Product load(String id) {
    loads.incrementAndGet();
    return new Product(id, "Product " + id, new BigDecimal("19.90"), List.of("new", "sale"));
  }

  /** How many times {@link #load} ran. */
  public int loads() {
    return loads.get();
  }
}
