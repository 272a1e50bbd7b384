/**
 * The engine under the Redis machines: connection strings, managers, leases, error classification,
 * JSON. Public only so the machines can reach it; it may change without notice. The module {@code
 * dev.mpredis.redis} does not export it, so on the module path nothing else can use it.
 */
package dev.mpredis.redis.internal;
