package dev.mpredis.redis;

import dev.mpredis.machine.Exit;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.Outcome;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One way of calling the cache machines, so that a behaviour is written once and run through every
 * face: the typed methods of {@link Redis}, the machines' asynchronous {@code runAsync}, and the
 * dynamic face that runs a machine by identity with a map of inputs. Each call gives a {@link Ran}:
 * the exit's name and its output as plain Java, whatever the face. A {@code ttl} is in seconds,
 * {@code null} for none given.
 */
enum Face {
  /** {@code Redis.cacheValue(connection, key, value, ttl)} and its siblings. */
  TYPED {
    @Override
    Ran cacheValue(Connection c, String key, Object value, Long ttl) {
      return Ran.of(Redis.cacheValue(c, key, value, ttl == null ? null : Duration.ofSeconds(ttl)));
    }

    @Override
    Ran getCachedValue(Connection c, String key) {
      return Ran.of(Redis.getCachedValue(c, key));
    }

    @Override
    Ran destroyCachedValues(Connection c, List<String> keys) {
      return Ran.of(Redis.destroyCachedValues(c, keys));
    }

    @Override
    Ran flushCache(Connection c) {
      return Ran.of(Redis.flushCache(c));
    }

    @Override
    Ran cacheValues(Connection c, Map<String, ?> values, Long ttl) {
      return Ran.of(Redis.cacheValues(c, values, ttl == null ? null : Duration.ofSeconds(ttl)));
    }

    @Override
    Ran getCachedValues(Connection c, List<String> keys) {
      return Ran.of(Redis.getCachedValues(c, keys));
    }

    @Override
    Ran getOrCacheValue(Connection c, String key, Long ttl, Callable<?> compute) {
      Duration seconds = ttl == null ? null : Duration.ofSeconds(ttl);
      return Ran.of(Redis.getOrCacheValue(c, key, Object.class, seconds, compute));
    }
  },

  /** {@code CacheValue.INSTANCE.runAsync(() -> new CacheValue.Inputs(...))}, then the stage. */
  ASYNC {
    @Override
    Ran cacheValue(Connection c, String key, Object value, Long ttl) {
      return await(
          CacheValue.INSTANCE.runAsync(() -> new CacheValue.Inputs(c, key, value, ttl, null)));
    }

    @Override
    Ran getCachedValue(Connection c, String key) {
      return await(GetCachedValue.INSTANCE.runAsync(() -> new GetCachedValue.Inputs(c, key, null)));
    }

    @Override
    Ran destroyCachedValues(Connection c, List<String> keys) {
      return await(
          DestroyCachedValues.INSTANCE.runAsync(
              () -> new DestroyCachedValues.Inputs(c, keys, null)));
    }

    @Override
    Ran flushCache(Connection c) {
      return await(FlushCache.INSTANCE.runAsync(() -> new FlushCache.Inputs(c, null)));
    }

    @Override
    Ran cacheValues(Connection c, Map<String, ?> values, Long ttl) {
      Map<String, Object> copy = values == null ? null : new LinkedHashMap<>(values);
      return await(CacheValues.INSTANCE.runAsync(() -> new CacheValues.Inputs(c, copy, ttl, null)));
    }

    @Override
    Ran getCachedValues(Connection c, List<String> keys) {
      return await(
          GetCachedValues.INSTANCE.runAsync(() -> new GetCachedValues.Inputs(c, keys, null)));
    }

    @Override
    Ran getOrCacheValue(Connection c, String key, Long ttl, Callable<?> compute) {
      return await(
          GetOrCacheValue.INSTANCE.runAsync(
              () -> new GetOrCacheValue.Inputs(c, key, compute, ttl, null, null, null),
              ReadAs.of(Object.class)));
    }

    private Ran await(CompletionStage<? extends Exit<?>> stage) {
      try {
        return Ran.of(stage.toCompletableFuture().get(30, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for the stage", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new AssertionError("the stage must complete with an exit within 30 s", e);
      }
    }
  },

  /** {@code Redis.PACK.machine("cache-value").run(Map.of("connection", c, ...))}. */
  DYNAMIC {
    @Override
    Ran cacheValue(Connection c, String key, Object value, Long ttl) {
      Map<String, Object> inputs = inputs(c);
      inputs.put("key", key);
      inputs.put("value", value);
      if (ttl != null) {
        inputs.put("ttl", ttl);
      }
      return run("cache-value", inputs);
    }

    @Override
    Ran getCachedValue(Connection c, String key) {
      Map<String, Object> inputs = inputs(c);
      inputs.put("key", key);
      return run("get-cached-value", inputs);
    }

    @Override
    Ran destroyCachedValues(Connection c, List<String> keys) {
      Map<String, Object> inputs = inputs(c);
      inputs.put("keys", keys);
      return run("destroy-cached-values", inputs);
    }

    @Override
    Ran flushCache(Connection c) {
      return run("flush-cache", inputs(c));
    }

    @Override
    Ran cacheValues(Connection c, Map<String, ?> values, Long ttl) {
      Map<String, Object> inputs = inputs(c);
      inputs.put("values", values);
      if (ttl != null) {
        inputs.put("ttl", ttl);
      }
      return run("cache-values", inputs);
    }

    @Override
    Ran getCachedValues(Connection c, List<String> keys) {
      Map<String, Object> inputs = inputs(c);
      inputs.put("keys", keys);
      return run("get-cached-values", inputs);
    }

    @Override
    Ran getOrCacheValue(Connection c, String key, Long ttl, Callable<?> compute) {
      Map<String, Object> inputs = inputs(c);
      inputs.put("key", key);
      inputs.put("compute", compute);
      if (ttl != null) {
        inputs.put("ttl", ttl);
      }
      return run("get-or-cache-value", inputs);
    }

    /** A map that takes null values: an input given as null is not an input left out. */
    private Map<String, Object> inputs(Connection c) {
      Map<String, Object> inputs = new HashMap<>();
      inputs.put("connection", c);
      return inputs;
    }

    private Ran run(String identity, Map<String, Object> inputs) {
      return Ran.of(Redis.PACK.machine(identity).run(inputs));
    }
  };

  abstract Ran cacheValue(Connection c, String key, Object value, Long ttl);

  abstract Ran getCachedValue(Connection c, String key);

  abstract Ran destroyCachedValues(Connection c, List<String> keys);

  abstract Ran flushCache(Connection c);

  abstract Ran cacheValues(Connection c, Map<String, ?> values, Long ttl);

  abstract Ran getCachedValues(Connection c, List<String> keys);

  abstract Ran getOrCacheValue(Connection c, String key, Long ttl, Callable<?> compute);

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * A machine's exit as every face reports it: its name, and its output as plain Java. The output
   * is the value for {@code get-cached-value}'s {@code success}, the map {@code {values, notFound}}
   * for {@code get-cached-values}'s, the {@link MachineError} of a failure exit, and null
   * otherwise.
   *
   * @param exit the exit's name
   * @param output the output, as above
   */
  record Ran(String exit, Object output) {

    /** The output of a typed exit. */
    static Ran of(Exit<?> exit) {
      Object output;
      if (exit instanceof Exit.Failed failed) {
        output = failed.error();
      } else if (exit instanceof GetCachedValue.Success<?> found) {
        output = found.value();
      } else if (exit instanceof GetCachedValues.Success<?> found) {
        output = bulk(found.found().values(), found.found().notFound());
      } else if (exit instanceof GetOrCacheValue.Success<?> got) {
        output = obtained(got.obtained().value(), got.obtained().computed());
      } else {
        output = null;
      }
      return new Ran(exit.exitName(), output);
    }

    /**
     * The output of a dynamic run, read from the shape its exit declares; a shape other than the
     * declared one fails the test.
     */
    static Ran of(Outcome outcome) {
      if (outcome.error().isPresent()) {
        return new Ran(outcome.exitName(), outcome.error().get());
      }
      Object output = outcome.output();
      if (output == null) {
        return new Ran(outcome.exitName(), null);
      }
      if (output instanceof Map<?, ?> report && report.keySet().equals(java.util.Set.of("value"))) {
        return new Ran(outcome.exitName(), report.get("value"));
      }
      if (output instanceof Map<?, ?> report
          && report.keySet().equals(java.util.Set.of("values", "notFound"))) {
        return new Ran(outcome.exitName(), bulk(report.get("values"), report.get("notFound")));
      }
      if (output instanceof Map<?, ?> report
          && report.keySet().equals(java.util.Set.of("value", "computed"))) {
        return new Ran(outcome.exitName(), obtained(report.get("value"), report.get("computed")));
      }
      throw new AssertionError("an output of no declared shape: " + outcome);
    }

    /** The output of {@code get-or-cache-value}'s success: {@code {value, computed}}. */
    static Map<String, Object> obtained(Object value, Object computed) {
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("value", value);
      output.put("computed", computed);
      return output;
    }

    private static Map<String, Object> bulk(Object values, Object notFound) {
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("values", values);
      output.put("notFound", notFound);
      return output;
    }

    /** The error of a failure exit. */
    MachineError error() {
      if (!(output instanceof MachineError error)) {
        throw new AssertionError("exit " + exit + " carries no error: " + this);
      }
      return error;
    }

    /** The {@code values} of {@code get-cached-values}'s success. */
    @SuppressWarnings("unchecked")
    Map<String, Object> values() {
      return (Map<String, Object>) ((Map<String, Object>) output).get("values");
    }

    /** The {@code notFound} keys of {@code get-cached-values}'s success. */
    @SuppressWarnings("unchecked")
    List<String> notFound() {
      return (List<String>) ((Map<String, Object>) output).get("notFound");
    }
  }
}
