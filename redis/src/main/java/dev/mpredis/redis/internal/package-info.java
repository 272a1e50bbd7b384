/**
 * The engine under the Redis machines: connection strings, managers, leases, error classification,
 * JSON. Public only so the machines can reach it; it may change without notice. Do not use it
 * directly.
 */
package dev.mpredis.redis.internal;
