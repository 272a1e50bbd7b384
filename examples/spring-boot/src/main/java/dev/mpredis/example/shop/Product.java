package dev.mpredis.example.shop;

import java.math.BigDecimal;
import java.util.List;

/** A product as the catalog returns it and the cache stores it (as JSON). */
public record Product(String id, String name, BigDecimal price, List<String> tags) {}
