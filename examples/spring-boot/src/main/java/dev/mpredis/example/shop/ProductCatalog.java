package dev.mpredis.example.shop;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * The catalog, cached in Redis under {@code products:<id>}. {@code sync = true} makes it {@code
 * get-or-cache-value}: however many threads and processes miss the same product at once, the source
 * loads it once.
 */
@Service
public class ProductCatalog {
  private final ProductSource source;

  public ProductCatalog(ProductSource source) {
    this.source = source;
  }

  /** The product, from the cache or, on a miss, from the source (once across processes). */
  @Cacheable(cacheNames = "products", sync = true)
  public Product find(String id) {
    return source.load(id);
  }

  /** Forgets the cached copy, so the next {@link #find} loads it again. */
  @CacheEvict(cacheNames = "products")
  public void changed(String id) {}
}
