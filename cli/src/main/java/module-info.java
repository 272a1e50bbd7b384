/**
 * The {@code mp-redis} command line, an application: it exports nothing. Picocli reads and sets the
 * annotated fields of the commands reflectively, so their package is open to picocli only.
 *
 * <p>The runnable jar ({@code cli/target/mp-redis.jar}) is shaded and runs on the class path; this
 * descriptor keeps the command honest at compile time (it reaches the pack through its exported API
 * only).
 */
module dev.mpredis.cli {
  requires dev.mpredis.redis;
  requires dev.mpredis.testkit;
  requires info.picocli;

  opens dev.mpredis.cli to
      info.picocli;
}
