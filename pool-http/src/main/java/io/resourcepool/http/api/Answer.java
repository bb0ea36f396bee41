package io.resourcepool.http.api;

import java.util.Map;
import java.util.Objects;

/** What an endpoint answers: a JSON document, nothing, or a stream of events. */
sealed interface Answer {
    /**
     * A JSON document.
     *
     * @param status the status, 2xx
     * @param body the document (a record, map or list)
     * @param headers more headers, such as {@code Location}
     */
    record Json(int status, Object body, Map<String, String> headers) implements Answer {
        /** Checks the fields. */
        public Json {
            Objects.requireNonNull(body, "body must be given");
            headers = Map.copyOf(headers);
        }
    }

    /** {@code 204 No Content}. */
    record Empty() implements Answer {}

    /**
     * A Server-Sent Events stream: the headers go out at once, then what the source emits.
     *
     * @param source writes the events
     */
    record Events(EventSource source) implements Answer {}

    /** Writes the events of one stream; returns when the stream is done. */
    @FunctionalInterface
    interface EventSource {
        /**
         * Writes the events.
         *
         * @param events the open stream
         */
        void emit(EventStream events);
    }

    static Answer ok(Object body) {
        return new Json(200, body, Map.of());
    }

    static Answer created(Object body, String location) {
        return new Json(201, body, Map.of("Location", location));
    }

    static Answer accepted(Object body, String location) {
        return new Json(202, body, Map.of("Location", location));
    }

    static Answer empty() {
        return new Empty();
    }
}
