package dev.mpredis.redis.internal;

import dev.mpredis.machine.MachineObserver;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The observers registered with one manager, read on every machine run: {@link #current()} is
 * {@code null} while there are none, the one observer, or one that tells them all in turn.
 * Thread-safe.
 */
final class Observers {
  private final List<MachineObserver> all = new CopyOnWriteArrayList<>();
  private volatile MachineObserver current;

  MachineObserver current() {
    return current;
  }

  synchronized void add(MachineObserver observer) {
    all.add(Objects.requireNonNull(observer, "observer"));
    update();
  }

  synchronized void remove(MachineObserver observer) {
    all.remove(observer);
    update();
  }

  private void update() {
    List<MachineObserver> now = List.copyOf(all);
    current =
        switch (now.size()) {
          case 0 -> null;
          case 1 -> now.get(0);
          default ->
              (machine, exit, nanos) -> {
                for (MachineObserver observer : now) {
                  observer.exited(machine, exit, nanos);
                }
              };
        };
  }
}
