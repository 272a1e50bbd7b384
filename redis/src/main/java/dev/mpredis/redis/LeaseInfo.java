package dev.mpredis.redis;

import java.time.Instant;
import java.util.Optional;

/**
 * What a manager knows about one live lease, to track down a leaked one.
 *
 * @param id the lease's id
 * @param dedicated whether it has a socket of its own
 * @param acquiredAt when it was acquired
 * @param thread the name of the thread that acquired it
 * @param acquiredHere the stack trace of the acquisition, when the manager tracks leases
 */
public record LeaseInfo(
    long id,
    boolean dedicated,
    Instant acquiredAt,
    String thread,
    Optional<Throwable> acquiredHere) {}
