package dev.mpredis.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.redis.ConnectionString;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.statistics.Statistics;

/**
 * Generated canary passwords in generated, often mutilated, connection strings of every scheme: no
 * piece of the password, nor of a sentinel string's {@code sentinelPassword} (a second canary),
 * reaches a {@code malformed} message or the printed parse result, and well-formed strings carry
 * both exactly. Seeded: a failure reproduces with the same seed (jqwik prints it).
 *
 * <p>A canary is a run of cells, each a non-ASCII marker and up to three characters of any kind, so
 * every four characters of it hold a marker: a window of four found in a message is the password's,
 * never a coincidence with our (ASCII) message text or the generated hosts and options. Percent-
 * encoded, a marker is {@code %XX} bytes from {@code %80} up: a window of the encoded password
 * counts when it holds one of those, as an all-ASCII window ({@code 1%3A}) may well be an option's
 * value.
 */
@Tag("unit")
class ConnectionStringSecretsTest {

  /** Non-ASCII markers, one starts every cell; the emoji is two chars. */
  private static final List<String> MARKERS =
      List.of("é", "ü", "Ж", "Ω", "漢", "€", "ß", "\uD83D\uDE00");

  /** A percent-encoded byte of a non-ASCII character: what each marker is made of, encoded. */
  private static final Pattern ENCODED_MARKER_BYTE = Pattern.compile("%[89A-F]");

  /** Anything may follow a marker, reserved URL characters above all. */
  private static final String FILLER = "abcXYZ0189 :@/#?%&=+[]!$'()*,;~-._\t" + "éü€漢\u00a0";

  /** How the password is written into the string. */
  enum Writing {
    /** Every reserved character percent-encoded (what create-connection-url writes). */
    ENCODED,
    /** Raw, only {@code %} encoded: raw {@code : @ / ? #} are legal in the user info. */
    RAW,
    /** Exactly as is, {@code %} too: may be an invalid or a different percent-encoding. */
    VERBATIM
  }

  /** Which user-info form carries the password. */
  enum Form {
    /** {@code :password@} */
    PASSWORD_ONLY,
    /** {@code app:password@} */
    USER_AND_PASSWORD,
    /** {@code password@}: a raw ':' would make it user:password, so ':' is always encoded. */
    NO_COLON
  }

  /** What is done to a well-formed string. */
  enum Damage {
    MISSING_AT,
    EMPTY_NODE,
    DUPLICATE_NODE,
    MISSING_HOST,
    BAD_PORT,
    EXTRA_COLON,
    DUPLICATE_OPTION,
    UNKNOWN_OPTION,
    BAD_OPTION_VALUE,
    BAD_DATABASE,
    BAD_SCHEME,
    FRAGMENT,
    JUNK_AFTER_USER_INFO,
    JUNK_IN_PASSWORD,
    TRUNCATED
  }

  /** One damage with its own choices: a position (taken modulo a length) and a junk text. */
  record Mutilation(Damage damage, int position, String junk) {}

  /** A connection string in parts, so a damage can hit one part. */
  static final class Parts {
    String scheme;
    Kind kind;
    boolean sentinel;
    String userInfo;
    String at = "@";
    String host;
    String port;
    String moreNodes = "";
    String path;
    List<String> options;
    String fragment = "";

    String join() {
      return scheme
          + userInfo
          + at
          + host
          + port
          + moreNodes
          + path
          + (options.isEmpty() ? "" : "?" + String.join("&", options))
          + fragment;
    }

    /** A sentinel string gets {@code sentinelPassword}, last of the options (before the name). */
    void sentinelPassword(String written) {
      if (sentinel) {
        options.add("sentinelPassword=" + written);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Properties

  @Property(tries = 1500, seed = "20261128")
  void parse_mutilatedStringWithCanary_printsNoPieceOfIt(
      @ForAll("canaries") String password,
      @ForAll Writing writing,
      @ForAll Form form,
      @ForAll("shortCanaries") String sentinelPassword,
      @ForAll Writing sentinelWriting,
      @ForAll("wellFormed") Parts parts,
      @ForAll("mutilations") List<Mutilation> mutilations) {
    parts.userInfo = userInfo(form, writing, password);
    parts.sentinelPassword(writeOption(sentinelPassword, sentinelWriting));
    String url = mutilate(parts, mutilations);

    String printed = printedParse(url);
    assertNoPieceOf(password, printed, url);
    assertNoPieceOf(sentinelPassword, printed, url);
  }

  @Property(tries = 1500, seed = "20261129")
  void parse_wellFormedStringWithCanary_carriesTheExactPasswords(
      @ForAll("shortCanaries") String password,
      @ForAll("writings") Writing writing,
      @ForAll Form form,
      @ForAll("shortCanaries") String sentinelPassword,
      @ForAll("writings") Writing sentinelWriting,
      @ForAll("wellFormed") Parts parts) {
    parts.userInfo = userInfo(form, writing, password);
    parts.sentinelPassword(writeOption(sentinelPassword, sentinelWriting));
    String url = parts.join();

    ConnectionString settings = ConnectionStrings.parse(url);

    assertThat(settings.password()).as(url).contains(password);
    assertThat(settings.username().orElse(null))
        .as(url)
        .isEqualTo(form == Form.USER_AND_PASSWORD ? "app" : null);
    assertThat(settings.sentinelPassword().orElse(null))
        .as(url)
        .isEqualTo(parts.sentinel ? sentinelPassword : null);
    assertNoPieceOf(password, settings.toString(), url);
    assertNoPieceOf(sentinelPassword, settings.toString(), url);
    assertThat(ConnectionStrings.parse(settings.format())).as(url).isEqualTo(settings);
    Statistics.collect(parts.kind);
    Statistics.coverage(
        coverage -> {
          for (Kind kind : Kind.values()) {
            coverage.check(kind).percentage(p -> p > 10);
          }
        });
  }

  @Property(tries = 1000, seed = "20261130")
  void parse_canaryWhereTheHostGoes_printsNoPieceOfIt(
      @ForAll("shortCanaries") String password, @ForAll Writing writing, @ForAll boolean tls) {
    // The password pasted instead of a whole connection string, a host or a master name. Its '@'
    // is encoded: with a raw '@' it is user info (user:password@host), a case covered above. (A
    // socket path may be anything: one pasted there is a path, printed as such.)
    String pasted = write(password, writing).replace("@", "%40");
    for (String url :
        List.of(
            pasted,
            (tls ? "rediss://" : "redis://") + pasted,
            "redis://" + pasted + ":6379/0",
            "redis://[" + pasted + "]:6379",
            pasted + "://127.0.0.1",
            "redis-socket://" + pasted,
            "redis-sentinel://" + pasted + "#mymaster",
            "redis-sentinel://s1#" + pasted,
            "redis-sentinel://s1?masterName=" + pasted,
            "redis-cluster://a:7000," + pasted,
            "rediss-cluster://[" + pasted + "]:7000")) {
      assertNoPieceOf(password, printedParse(url), url);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Generators

  @Provide
  Arbitrary<String> canaries() {
    return canaries(300); // up to ~1 200 characters, often over the 4 096 limit once encoded
  }

  @Provide
  Arbitrary<String> shortCanaries() {
    return canaries(40); // fits the 4 096-character limit however it is written
  }

  private static Arbitrary<String> canaries(int maxCells) {
    Arbitrary<String> cell =
        Combinators.combine(
                Arbitraries.of(MARKERS),
                Arbitraries.strings().withChars(FILLER.toCharArray()).ofMaxLength(3))
            .as((marker, filler) -> marker + filler);
    return cell.list().ofMinSize(1).ofMaxSize(maxCells).map(cells -> String.join("", cells));
  }

  @Provide
  Arbitrary<Writing> writings() {
    return Arbitraries.of(Writing.ENCODED, Writing.RAW); // VERBATIM may decode to something else
  }

  /** The schemes, as written (the case varies), and what each points at. */
  enum Kind {
    STANDALONE("redis://", "rediss://", "REDIS://"),
    SOCKET("redis-socket://", "Redis-Socket://"),
    SENTINEL("redis-sentinel://", "rediss-sentinel://", "REDISS-SENTINEL://"),
    CLUSTER("redis-cluster://", "rediss-cluster://");

    final List<String> schemes;

    Kind(String... schemes) {
      this.schemes = List.of(schemes);
    }
  }

  @Provide
  Arbitrary<Parts> wellFormed() {
    Arbitrary<Kind> kind = Arbitraries.of(Kind.class);
    Arbitrary<Integer> scheme = Arbitraries.integers().between(0, 2);
    Arbitrary<List<String>> node =
        Combinators.combine(
                Arbitraries.of(
                    "127.0.0.1", "cache.example.com", "localhost", "[::1]", "redis_1", ""),
                Arbitraries.of("", ":6379", ":6380", ":1", ":65535"))
            .as(List::of);
    Arbitrary<String> moreNodes = Arbitraries.of("", ",s2", ",s2:26380,[::2]");
    Arbitrary<String> path = Arbitraries.of("", "/", "/0", "/15");
    Arbitrary<String> socket = Arbitraries.of("/tmp/redis.sock", "/var/run/r%20s/redis.sock");
    Arbitrary<List<String>> options =
        Arbitraries.of(
                "connectTimeout=250",
                "commandTimeout=750ms",
                "timeout=2s",
                "clientName=worker-1",
                "protocol=3",
                "namespace=app1%3A",
                "namespace=app2",
                "trackLeases=true",
                "db=2")
            .set()
            .ofMaxSize(4)
            .filter(set -> !(set.contains("commandTimeout=750ms") && set.contains("timeout=2s")))
            .filter(set -> !(set.contains("namespace=app1%3A") && set.contains("namespace=app2")))
            .map(ArrayList::new);
    Arbitrary<Boolean> masterNameAsOption = Arbitraries.of(true, false);
    return Combinators.combine(
            kind, scheme, node, moreNodes, path, socket, options, masterNameAsOption)
        .as(
            (k, s, n, m, d, so, o, asOption) -> {
              Parts parts = new Parts();
              parts.scheme = k.schemes.get(s % k.schemes.size());
              parts.kind = k;
              parts.sentinel = k == Kind.SENTINEL;
              parts.options = o;
              if (k == Kind.SOCKET) {
                parts.host = "";
                parts.port = "";
                parts.path = so;
                return parts;
              }
              parts.host = n.get(0);
              parts.port = n.get(1);
              parts.moreNodes = k == Kind.SENTINEL || k == Kind.CLUSTER ? m : "";
              if (!parts.moreNodes.isEmpty() && (parts.host + parts.port).isEmpty()) {
                parts.host = "localhost"; // else the list starts with an empty node
              }
              boolean database = o.contains("db=2") || k == Kind.CLUSTER;
              parts.path = database ? "" : o.isEmpty() || !d.isEmpty() ? d : "/";
              if (k == Kind.CLUSTER) {
                o.remove("db=2");
              }
              if (k == Kind.SENTINEL && asOption) {
                o.add(0, "masterName=mymaster");
              } else if (k == Kind.SENTINEL) {
                parts.fragment = "#mymaster";
              }
              return parts;
            });
  }

  @Provide
  Arbitrary<List<Mutilation>> mutilations() {
    Arbitrary<String> junk =
        Arbitraries.oneOf(
            Arbitraries.of(
                " ", "\n", "%zz", "%C3", "%", "#", "?", "&", "=", "[", "]", ":", "::", "@", "//",
                "\u0000", "?x", "&&", "\r\n"),
            Arbitraries.strings().ascii().ofMaxLength(6));
    Arbitrary<Mutilation> one =
        Combinators.combine(
                Arbitraries.of(Damage.class), Arbitraries.integers().between(0, 4096), junk)
            .as(Mutilation::new);
    return one.list().ofMinSize(1).ofMaxSize(3);
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private static String userInfo(Form form, Writing writing, String password) {
    return switch (form) {
      case PASSWORD_ONLY -> ":" + write(password, writing);
      case USER_AND_PASSWORD -> "app:" + write(password, writing);
      case NO_COLON -> write(password, writing).replace(":", "%3A");
    };
  }

  private static String write(String password, Writing writing) {
    return switch (writing) {
      case ENCODED -> PercentEncoding.encode(password);
      case RAW -> password.replace("%", "%25");
      case VERBATIM -> password;
    };
  }

  /** A value written into an option: {@code & # @ %} must be encoded there, the rest need not. */
  private static String writeOption(String secret, Writing writing) {
    return switch (writing) {
      case ENCODED -> PercentEncoding.encode(secret);
      case RAW ->
          secret.replace("%", "%25").replace("&", "%26").replace("#", "%23").replace("@", "%40");
      case VERBATIM -> secret;
    };
  }

  private static String mutilate(Parts parts, List<Mutilation> mutilations) {
    List<Mutilation> late = new ArrayList<>();
    for (Mutilation m : mutilations) {
      switch (m.damage()) {
        case MISSING_AT -> parts.at = "";
        case EMPTY_NODE -> parts.moreNodes = parts.moreNodes + ",";
        case DUPLICATE_NODE -> parts.moreNodes = parts.moreNodes + "," + parts.host + parts.port;
        case MISSING_HOST -> parts.host = "";
        case BAD_PORT ->
            parts.port =
                ":"
                    + List.of("0", "65536", "abc", "-1", "", "6379:1", "99999999999")
                        .get(pick(m, 7));
        case EXTRA_COLON -> parts.host = parts.host + ":";
        case DUPLICATE_OPTION -> parts.options.add("commandTimeout=100&commandTimeout=200");
        case UNKNOWN_OPTION ->
            parts.options.add(List.of("nope=1", "Protocol=3", "flag").get(pick(m, 3)));
        case BAD_OPTION_VALUE ->
            parts.options.add(
                List.of("connectTimeout=0", "protocol=4", "clientName=a%20b", "namespace=*")
                    .get(pick(m, 4)));
        case BAD_DATABASE ->
            parts.path = List.of("/x", "/-1", "/1/2", "/9999999999").get(pick(m, 4));
        case BAD_SCHEME ->
            parts.scheme = List.of("http://", "redis:/", "", "redis+tls://").get(pick(m, 4));
        case FRAGMENT -> parts.fragment = "#" + m.junk();
        case JUNK_IN_PASSWORD -> {
          // Junk inside the user info, never a ':' (that would make it user:password on purpose).
          String junk = m.junk().replace(":", "");
          int at = m.position() % (parts.userInfo.length() + 1);
          parts.userInfo = parts.userInfo.substring(0, at) + junk + parts.userInfo.substring(at);
        }
        case JUNK_AFTER_USER_INFO, TRUNCATED -> late.add(m);
      }
    }
    String url = parts.join();
    int userInfoEnd = parts.scheme.length() + parts.userInfo.length() + parts.at.length();
    for (Mutilation m : late) {
      if (m.damage() == Damage.TRUNCATED) {
        url = url.substring(0, m.position() % (url.length() + 1));
      } else if (url.length() >= userInfoEnd) {
        int at = userInfoEnd + m.position() % (url.length() - userInfoEnd + 1);
        url = url.substring(0, at) + m.junk() + url.substring(at);
      }
    }
    return url;
  }

  /** The parse result's toString, or the exception's message and toString. */
  private static String printedParse(String url) {
    try {
      return ConnectionStrings.parse(url).toString();
    } catch (MalformedConnectionStringException e) {
      return e.getMessage() + "\n" + e;
    }
  }

  private static int pick(Mutilation m, int choices) {
    return m.position() % choices;
  }

  /**
   * No four consecutive characters of the password in {@code text}: raw, or percent-encoded with an
   * encoded marker byte in them (see the class comment).
   */
  private static void assertNoPieceOf(String password, String text, String url) {
    Set<String> secret = pieces(password);
    for (String window : pieces(PercentEncoding.encode(password))) {
      if (ENCODED_MARKER_BYTE.matcher(window).find()) {
        secret.add(window);
      }
    }
    for (String window : pieces(text)) { // the text is short, the password may be long
      if (secret.contains(window)) {
        assertThat(text).as("printed for %s", Text.quote(url)).doesNotContain(window);
      }
    }
  }

  private static Set<String> pieces(String text) {
    Set<String> pieces = new LinkedHashSet<>();
    for (int i = 0; i + 4 <= text.length(); i++) {
      pieces.add(text.substring(i, i + 4));
    }
    return pieces;
  }
}
