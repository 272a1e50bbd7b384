package dev.mpredis.redis.internal;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The JSON of cached values, compatible with what the JavaScript original writes ({@code
 * JSON.stringify}): a string is stored with its quotes, {@code null} as {@code null}.
 *
 * <p>Rules: no default typing ever (the stored text names no Java class); trailing text after the
 * value is rejected; duplicate object keys are rejected; {@code NaN} and infinities cannot be
 * written (JSON has no such numbers).
 *
 * <p>Limits, the same for writing and reading, so that every value this library writes can be read
 * back: the JSON text of a value is at most {@value #MAX_BYTES} bytes (512 MB, Redis's default
 * {@code proto-max-bulk-len}); arrays and objects nest at most {@value #MAX_DEPTH} deep; a number
 * is at most {@value #MAX_NUMBER_LENGTH} characters long; an object key (property name) is at most
 * {@value #MAX_NAME_LENGTH} characters long. A string may be as long as the text allows. The number
 * and name limits are Jackson's defaults and keep parsing linear (long numbers parse in quadratic
 * time); the depth limit keeps the stack bounded. Thread-safe.
 */
public final class Json {

  /** Longest JSON text of one value, in bytes: Redis's default {@code proto-max-bulk-len}. */
  public static final int MAX_BYTES = 512 * 1024 * 1024;

  /** Deepest nesting of arrays and objects (Jackson's default read and write limit). */
  public static final int MAX_DEPTH = 1000;

  /** Longest number, in characters (Jackson's default read limit). */
  public static final int MAX_NUMBER_LENGTH = 1000;

  /** Longest object key, in characters (Jackson's default read limit). */
  public static final int MAX_NAME_LENGTH = 50_000;

  private static final ObjectMapper MAPPER = createMapper();

  /**
   * {@link #MAPPER} without Jackson's duplicate-key check, for texts already found well-formed
   * ({@link JsonTypes#readWellFormed}). A reader's {@code without(STRICT_DUPLICATE_DETECTION)} does
   * not turn it off: the parser's root context already holds its detector.
   */
  static final ObjectMapper WELL_FORMED_MAPPER =
      MAPPER.copy().configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, false);

  /** Plain JSON data: maps, lists, strings, numbers, booleans and null. */
  static final JavaType PLAIN = MAPPER.constructType(Object.class);

  private Json() {}

  private static ObjectMapper createMapper() {
    SimpleModule finiteNumbers = new SimpleModule("finite-numbers");
    finiteNumbers.addSerializer(Double.class, new FiniteDoubleSerializer());
    finiteNumbers.addSerializer(double.class, new FiniteDoubleSerializer());
    finiteNumbers.addSerializer(Float.class, new FiniteFloatSerializer());
    finiteNumbers.addSerializer(float.class, new FiniteFloatSerializer());
    finiteNumbers.setSerializerModifier(new RefuseSynthetic());
    JsonFactoryBuilder factory = new JsonFactoryBuilder();
    factory.streamReadConstraints(
        StreamReadConstraints.builder()
            .maxStringLength(MAX_BYTES)
            .maxNameLength(MAX_NAME_LENGTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxNestingDepth(MAX_DEPTH)
            .build());
    factory.streamWriteConstraints(
        StreamWriteConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
    return JsonMapper.builder(factory.build())
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        // JSON.stringify writes non-BMP characters (emoji) as they are; so do we. Where Jackson
        // cannot do it safely, SurrogatePairs does it after Jackson wrote them escaped.
        .configure(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8, combinesSurrogatesSafely())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .addModule(finiteNumbers)
        .build();
  }

  /**
   * Whether the Jackson on the class path combines surrogate pairs without harm. Before 2.21 it
   * also combined a lone high surrogate with whatever character followed it, storing another code
   * point in silence (Spring Boot 3.5 manages 2.19); see {@link SurrogatePairs}.
   */
  private static boolean combinesSurrogatesSafely() {
    Version jackson = com.fasterxml.jackson.core.json.PackageVersion.VERSION;
    return jackson.getMajorVersion() > 2 || jackson.getMinorVersion() >= 21;
  }

  private static final boolean COMBINES_SURROGATES = combinesSurrogatesSafely();

  /**
   * The JSON text of {@code value}, as UTF-8, at most {@value #MAX_BYTES} bytes.
   *
   * @throws LimitExceededException if the text would break one of the limits
   * @throws JsonProcessingException if the value cannot be written as JSON
   */
  public static byte[] write(Object value) throws JsonProcessingException {
    return write(value, MAX_BYTES);
  }

  /**
   * The JSON text of {@code value}, as UTF-8, at most {@code maxBytes} bytes (a smaller cap than
   * {@link #MAX_BYTES} is for tests). Writing stops as soon as the text is too long.
   *
   * @throws LimitExceededException if the text would break one of the limits
   * @throws JsonProcessingException if the value cannot be written as JSON
   */
  public static byte[] write(Object value, int maxBytes) throws JsonProcessingException {
    BoundedBytes out = new BoundedBytes(maxBytes);
    try (JsonGenerator generator = new LimitedGenerator(MAPPER.createGenerator(out))) {
      MAPPER.writeValue(generator, value);
    } catch (JsonProcessingException e) {
      LimitExceededException limit = causeOfType(e, LimitExceededException.class);
      if (limit != null) {
        throw limit; // ours, possibly wrapped by a serializer with the path to it
      }
      if (e instanceof JsonMappingException mapping
          && causeOfType(e, StreamConstraintsException.class) != null) {
        throw nestingProblem(mapping); // Jackson's depth limit, reached by a deep value or a cycle
      }
      throw e;
    } catch (IOException e) { // not thrown by an in-memory stream; kept classified all the same
      throw new JsonMappingException(null, e.getMessage(), e);
    }
    return COMBINES_SURROGATES ? out.toByteArray() : SurrogatePairs.combine(out.toByteArray());
  }

  private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /**
   * A cycle (an object that contains itself) never ends, so it is not serializable; a value that
   * only nests too deep breaks the depth limit.
   */
  private static JsonProcessingException nestingProblem(JsonMappingException e) {
    java.util.Set<Object> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (JsonMappingException.Reference step : e.getPath()) {
      Object from = step.getFrom();
      if (from != null && !seen.add(from)) {
        return new JsonMappingException(
            null, "the value contains itself (a cycle), which JSON cannot represent", e);
      }
    }
    return new LimitExceededException(
        "nests deeper than " + MAX_DEPTH + " levels of arrays and objects", e);
  }

  /**
   * Parses a stored value as plain JSON: maps, lists, strings, numbers, booleans, null.
   *
   * @throws IOException if it is not valid JSON
   */
  public static Object read(byte[] json) throws IOException {
    return JsonTypes.read(json, PLAIN);
  }

  /** The shared mapper, for parsing JSON given on a command line. Do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Lambdas and other synthetic classes are code, not data: refuse them instead of {@code {}}. */
  private static final class RefuseSynthetic extends BeanSerializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public JsonSerializer<?> modifySerializer(
        SerializationConfig config, BeanDescription description, JsonSerializer<?> serializer) {
      if (!description.getBeanClass().isSynthetic()) {
        return serializer;
      }
      return new StdSerializer<Object>(Object.class) {
        private static final long serialVersionUID = 1L;

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider)
            throws IOException {
          throw new com.fasterxml.jackson.databind.JsonMappingException(
              gen, "a lambda or synthetic class is not data and cannot be stored as JSON");
        }
      };
    }
  }

  private static final class FiniteDoubleSerializer extends StdSerializer<Double> {
    private static final long serialVersionUID = 1L;

    FiniteDoubleSerializer() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (value.isNaN() || value.isInfinite()) {
        throw new com.fasterxml.jackson.databind.JsonMappingException(
            gen, "JSON has no number " + value + " (NaN and infinities cannot be stored)");
      }
      gen.writeNumber(value);
    }
  }

  private static final class FiniteFloatSerializer extends StdSerializer<Float> {
    private static final long serialVersionUID = 1L;

    FiniteFloatSerializer() {
      super(Float.class);
    }

    @Override
    public void serialize(Float value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (value.isNaN() || value.isInfinite()) {
        throw new com.fasterxml.jackson.databind.JsonMappingException(
            gen, "JSON has no number " + value + " (NaN and infinities cannot be stored)");
      }
      gen.writeNumber(value);
    }
  }

  /**
   * A value breaks one of the documented limits: the caller's input is refused, not the value's
   * type. The message says which limit, starting with a verb phrase ("is 600000000 bytes ...").
   */
  public static final class LimitExceededException extends JsonProcessingException {
    private static final long serialVersionUID = 1L;

    LimitExceededException(String problem, Throwable cause) {
      super(problem, cause);
    }
  }

  /** A growable byte buffer that refuses to grow beyond its cap. Not thread-safe. */
  private static final class BoundedBytes extends OutputStream {
    private static final byte[] NONE = new byte[0];

    private final int max;
    private byte[] bytes = NONE; // the first write sizes it, so no empty array per value
    private int count;

    BoundedBytes(int max) {
      this.max = max;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] source, int offset, int length) throws IOException {
      if (length > max - count) {
        throw new LimitExceededException(
            "is more than "
                + max
                + " bytes as JSON, at most "
                + max
                + " are allowed"
                + (max == MAX_BYTES ? " (512 MB, Redis's proto-max-bulk-len)" : ""),
            null);
      }
      if (count + length > bytes.length) {
        long grown = Math.max((long) bytes.length * 2, count + length);
        bytes = Arrays.copyOf(bytes, (int) Math.min(grown, max));
      }
      System.arraycopy(source, offset, bytes, count, length);
      count += length;
    }

    byte[] toByteArray() {
      return count == bytes.length && bytes != NONE ? bytes : Arrays.copyOf(bytes, count);
    }
  }

  /** Refuses numbers and object keys that the reader's limits would refuse. */
  private static final class LimitedGenerator extends JsonGeneratorDelegate {

    private static final String TOO_LONG = "9".repeat(MAX_NUMBER_LENGTH + 1);

    LimitedGenerator(JsonGenerator delegate) {
      super(delegate, false);
    }

    private static void checkName(int length) throws LimitExceededException {
      if (length > MAX_NAME_LENGTH) {
        throw new LimitExceededException(
            "has an object key of "
                + length
                + " characters, at most "
                + MAX_NAME_LENGTH
                + " are allowed",
            null);
      }
    }

    private static void checkNumber(String text) throws LimitExceededException {
      int digits = text.startsWith("-") ? text.length() - 1 : text.length();
      if (digits > MAX_NUMBER_LENGTH) {
        throw new LimitExceededException(
            "has a number of "
                + (text == TOO_LONG ? "more than " + MAX_NUMBER_LENGTH : String.valueOf(digits))
                + " characters, at most "
                + MAX_NUMBER_LENGTH
                + " are allowed",
            null);
      }
    }

    @Override
    public void writeFieldName(String name) throws IOException {
      checkName(name.length());
      super.writeFieldName(name);
    }

    @Override
    public void writeFieldName(SerializableString name) throws IOException {
      checkName(name.charLength());
      super.writeFieldName(name);
    }

    @Override
    public void writeNumber(BigInteger value) throws IOException {
      if (value != null) {
        // 3330 bits is more than 1000 digits: refuse before an expensive toString
        checkNumber(value.bitLength() > 3330 ? TOO_LONG : value.toString());
      }
      super.writeNumber(value);
    }

    @Override
    public void writeNumber(BigDecimal value) throws IOException {
      if (value != null) {
        checkNumber(value.precision() > MAX_NUMBER_LENGTH ? TOO_LONG : value.toString());
      }
      super.writeNumber(value);
    }

    @Override
    public void writeNumber(String encodedValue) throws IOException {
      if (encodedValue != null) {
        checkNumber(encodedValue);
      }
      super.writeNumber(encodedValue);
    }

    @Override
    public void writeNumber(char[] encodedValue, int offset, int length) throws IOException {
      checkNumber(new String(encodedValue, offset, length));
      super.writeNumber(encodedValue, offset, length);
    }
  }
}
