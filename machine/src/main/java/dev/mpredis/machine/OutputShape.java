package dev.mpredis.machine;

/**
 * How the dynamic face ({@link Outcome#output()}) gives an exit's output; the typed face always
 * gives the exit record itself. Read from the exit record by {@link ExitSpec#outputShape()}.
 */
public enum OutputShape {
  /** No output: {@code null}. The exit record has no components. */
  NONE,
  /**
   * A report: an unmodifiable map from field name to value, in declaration order, such as {@code
   * {value}} or {@code {error}}. The fields are the exit record's component; when that component is
   * itself a record (a report record such as {@code {values, notFound}}), they are its components.
   */
  REPORT,
  /**
   * The value itself, unwrapped: declared with {@link ExitDoc#bareOutput()} (a URL string), and the
   * implicit {@code error} exit, whose report is given as it is (as the original's {@code error}
   * exit gives its Error).
   */
  BARE
}
