package dev.mpredis.redis;

/**
 * What {@code get-or-cache-value} gives: the value, and whether this call's function computed it.
 * Immutable.
 *
 * @param value the value: read from the cache (as the type asked for), or, when {@code computed},
 *     the object the function returned (the same JSON was stored)
 * @param computed {@code true} when this call's function computed the value and stored it; {@code
 *     false} when it came from the cache: stored before, or by another caller while this one waited
 * @param <T> the type the value was read as ({@code Object}: plain JSON data)
 */
public record ObtainedValue<T>(T value, boolean computed) implements PlainValue<T> {}
