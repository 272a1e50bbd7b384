package dev.mpredis.bench;

/** A benchmark client of any workload: opened once per trial, closed with it, without a throw. */
interface OpenClient extends AutoCloseable {
  @Override
  void close();
}
