package dev.mpredis.redis.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A parser that refuses an object with the same key twice, as Jackson's {@code
 * STRICT_DUPLICATE_DETECTION} does (the same exception and message), for the parser it wraps, which
 * must have that feature off. Why not the feature: Jackson keeps a {@code HashSet} for every object
 * of more than two keys, about 400 bytes for a record of eight properties, on every read. Here, the
 * keys of all open objects share one array, each object's checked by scanning its own slice; an
 * object of more than {@value #SCANNED} keys moves to a set, so a huge object stays linear.
 *
 * <p>Every way a reader moves through the tokens ends in {@link #nextToken()}: Jackson's {@link
 * JsonParser#nextFieldName()}, {@link JsonParser#nextTextValue()} and the others call it, and
 * {@link #nextValue()} and {@link #skipChildren()} are written on it here (the delegate would pass
 * them to the wrapped parser, and keys inside skipped values would go unchecked). Not thread-safe,
 * like any parser.
 */
final class DuplicateNames extends JsonParserDelegate {

  /** Most keys an object has that are checked by scanning; beyond, by a set. */
  static final int SCANNED = 16;

  private String[] names = new String[8];
  private int count; // names in use, for all open objects
  private int[] starts = new int[4]; // per open container: where its names start in names
  private Set<String>[] sets; // per open container: its names, once beyond SCANNED
  private int depth; // open containers

  DuplicateNames(JsonParser parser) {
    super(parser);
  }

  @Override
  public JsonToken nextToken() throws IOException {
    JsonToken token = delegate.nextToken();
    if (token != null) {
      switch (token) {
        case START_OBJECT, START_ARRAY -> opened();
        case END_OBJECT, END_ARRAY -> closed();
        case FIELD_NAME -> add(delegate.currentName());
        default -> {}
      }
    }
    return token;
  }

  @Override
  public JsonToken nextValue() throws IOException {
    JsonToken token = nextToken();
    return token == JsonToken.FIELD_NAME ? nextToken() : token;
  }

  @Override
  public JsonParser skipChildren() throws IOException {
    JsonToken token = currentToken();
    if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
      return this;
    }
    int open = 1;
    while (open > 0) {
      token = nextToken();
      if (token == null) {
        return this; // the wrapped parser reports a truncated text when asked for more
      }
      if (token.isStructStart()) {
        open++;
      } else if (token.isStructEnd()) {
        open--;
      }
    }
    return this;
  }

  private void opened() {
    if (depth == starts.length) {
      starts = Arrays.copyOf(starts, depth * 2);
    }
    starts[depth++] = count;
  }

  private void closed() {
    if (depth == 0) {
      return; // unbalanced: the wrapped parser has already refused it
    }
    depth--;
    count = starts[depth];
    if (sets != null && depth < sets.length) {
      sets[depth] = null;
    }
  }

  private void add(String name) throws JsonParseException {
    int object = depth - 1;
    Set<String> set = sets == null || object >= sets.length ? null : sets[object];
    if (set != null) {
      if (!set.add(name)) {
        throw duplicate(name);
      }
      return;
    }
    int start = starts[object];
    for (int i = start; i < count; i++) {
      if (name.equals(names[i])) {
        throw duplicate(name);
      }
    }
    if (count - start < SCANNED) {
      if (count == names.length) {
        names = Arrays.copyOf(names, count * 2);
      }
      names[count++] = name;
      return;
    }
    // The object outgrew scanning: its names so far, and all further ones, go to a set.
    set = new HashSet<>(Arrays.asList(names).subList(start, count));
    set.add(name);
    count = start;
    setOf(object, set);
  }

  @SuppressWarnings("unchecked") // an array of sets, created empty
  private void setOf(int object, Set<String> set) {
    if (sets == null) {
      sets = new Set[Math.max(starts.length, object + 1)];
    } else if (object >= sets.length) {
      sets = Arrays.copyOf(sets, Math.max(sets.length * 2, object + 1));
    }
    sets[object] = set;
  }

  /** What Jackson's duplicate detection throws, for the wrapped parser. */
  private JsonParseException duplicate(String name) {
    return new JsonParseException(delegate, "Duplicate field '" + name + "'");
  }
}
