package dev.mpredis.spring;

import dev.mpredis.machine.Exit;
import dev.mpredis.machine.Machine;
import dev.mpredis.machine.MachineObserver;
import dev.mpredis.redis.LeaseInfo;
import dev.mpredis.redis.Manager;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters of one manager, registered by {@link #bindTo(MeterRegistry)} (Spring Boot binds
 * every {@code MeterBinder} bean to its registry; without a registry nothing is observed and
 * nothing costs anything):
 *
 * <ul>
 *   <li>timer {@code mpredis.machine}: every run of a machine on the manager ({@code
 *       get-connection}, {@code destroy-manager} and every machine on its connections), tagged
 *       {@code machine} (its identity), {@code exit} (the exit's name) and {@code code} (the error
 *       code of a failure exit, else {@code none}). Never a key, a value or a message: the tags
 *       take a few dozen values in all.
 *   <li>gauge {@code mpredis.leases.live}: the manager's live leases ({@link
 *       Manager#liveLeaseCount()}).
 *   <li>gauge {@code mpredis.connections.dedicated}: those of them with a socket of their own.
 * </ul>
 *
 * <p>Each binding adds one observer to the manager ({@link Manager#addObserver}); bind once per
 * registry (a composite registry counts as one). Thread-safe.
 */
public final class MpRedisMetrics implements MeterBinder {

  /** The timer's name. */
  public static final String MACHINE_TIMER = "mpredis.machine";

  /** The gauge of live leases. */
  public static final String LIVE_LEASES = "mpredis.leases.live";

  /** The gauge of live dedicated leases. */
  public static final String DEDICATED_CONNECTIONS = "mpredis.connections.dedicated";

  /** The {@code code} tag of an exit that carries no error. */
  public static final String NO_CODE = "none";

  private final Manager manager;

  /** Meters of {@code manager}. */
  public MpRedisMetrics(Manager manager) {
    this.manager = Objects.requireNonNull(manager, "manager");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(LIVE_LEASES, manager, Manager::liveLeaseCount)
        .description("Live leases of the mp-redis manager")
        .strongReference(true)
        .register(registry);
    Gauge.builder(DEDICATED_CONNECTIONS, manager, MpRedisMetrics::dedicated)
        .description("Live dedicated leases (a socket each) of the mp-redis manager")
        .strongReference(true)
        .register(registry);
    manager.addObserver(new Timers(registry));
  }

  private static double dedicated(Manager manager) {
    return manager.liveLeases().stream().filter(LeaseInfo::dedicated).count();
  }

  /** One timer per machine, exit and code, made on first use and kept. */
  private static final class Timers implements MachineObserver {
    private record Id(String machine, String exit, String code) {}

    private final MeterRegistry registry;
    private final ConcurrentMap<Id, Timer> timers = new ConcurrentHashMap<>();

    Timers(MeterRegistry registry) {
      this.registry = registry;
    }

    @Override
    public void exited(Machine<?, ?> machine, Exit<?> exit, long nanos) {
      String code = exit instanceof Exit.Failed failed ? failed.error().code().name() : NO_CODE;
      timers
          .computeIfAbsent(new Id(machine.identity(), exit.exitName(), code), this::timer)
          .record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Id id) {
      return Timer.builder(MACHINE_TIMER)
          .description("Runs of mp-redis machines, by machine, exit and error code")
          .tag("machine", id.machine())
          .tag("exit", id.exit())
          .tag("code", id.code())
          .register(registry);
    }
  }
}
