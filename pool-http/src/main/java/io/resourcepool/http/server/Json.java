package io.resourcepool.http.server;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.resourcepool.api.PoolException;

/**
 * How answers are written as JSON: records as objects in their components' order, an empty {@code Optional} as
 * {@code null}, times already turned into ISO-8601 text by the views. One mapper, thread-safe, shared.
 */
public final class Json {
    /** The media type of every JSON answer. */
    public static final String MEDIA_TYPE = "application/json";

    // Each request runs on a virtual thread of its own, for which the default per-thread buffer pool would make new
    // buffers every time: a pool shared by all threads reuses them.
    private static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactoryBuilder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build())
            .addModule(new Jdk8Module())
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Json() {}

    /**
     * Writes a value as UTF-8 JSON.
     *
     * @param value a record, map, list or scalar
     * @return its JSON
     */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new PoolException("cannot write an answer as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The shared mapper, for reading trees.
     *
     * @return the mapper; do not reconfigure it
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
