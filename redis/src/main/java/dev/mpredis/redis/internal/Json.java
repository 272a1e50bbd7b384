package dev.mpredis.redis.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
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

/**
 * The JSON of cached values, compatible with what the JavaScript original writes ({@code
 * JSON.stringify}): a string is stored with its quotes, {@code null} as {@code null}.
 *
 * <p>Rules: no default typing ever (the stored text names no Java class); trailing text after the
 * value is rejected; duplicate object keys are rejected; Jackson's read limits apply (nesting depth
 * 1000, 20M-character strings, 1000-digit numbers); {@code NaN} and infinities cannot be written
 * (JSON has no such numbers). Thread-safe.
 */
public final class Json {

  private static final ObjectMapper MAPPER = createMapper();

  private Json() {}

  private static ObjectMapper createMapper() {
    SimpleModule finiteNumbers = new SimpleModule("finite-numbers");
    finiteNumbers.addSerializer(Double.class, new FiniteDoubleSerializer());
    finiteNumbers.addSerializer(double.class, new FiniteDoubleSerializer());
    finiteNumbers.addSerializer(Float.class, new FiniteFloatSerializer());
    finiteNumbers.addSerializer(float.class, new FiniteFloatSerializer());
    finiteNumbers.setSerializerModifier(new RefuseSynthetic());
    return JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        // JSON.stringify writes non-BMP characters (emoji) as they are; so do we.
        .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .addModule(finiteNumbers)
        .build();
  }

  /**
   * The JSON text of {@code value}, as UTF-8.
   *
   * @throws JsonProcessingException if the value cannot be written as JSON
   */
  public static byte[] write(Object value) throws JsonProcessingException {
    return MAPPER.writeValueAsBytes(value);
  }

  /**
   * Parses a stored value as plain JSON: maps, lists, strings, numbers, booleans, null.
   *
   * @throws IOException if it is not valid JSON
   */
  public static Object read(byte[] json) throws IOException {
    return MAPPER.readValue(json, Object.class);
  }

  /** Parses a stored value as the given type. */
  public static Object read(byte[] json, JavaType type) throws IOException {
    return MAPPER.readValue(json, type);
  }

  /** The Jackson type of a class. */
  public static JavaType type(Class<?> type) {
    return MAPPER.constructType(type);
  }

  /** The Jackson type of a type reference. */
  public static JavaType type(TypeReference<?> type) {
    return MAPPER.constructType(type);
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
}
