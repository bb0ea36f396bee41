package io.resourcepool.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StuckThreadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode dump(String threads) throws Exception {
        return JSON.readTree("{\"threadDump\":{\"threadContainers\":[{\"container\":\"<root>\",\"threads\":[" + threads + "]},"
                + "{\"container\":\"java.util.concurrent.ThreadPerTaskExecutor@1\",\"threads\":[]}]}}");
    }

    private static String thread(String tid, String name, String state, String top) {
        return "{\"tid\":\"" + tid + "\",\"name\":\"" + name + "\",\"state\":\"" + state + "\",\"stack\":[\"" + top + "\",\"java.base/java.lang.Thread.run\"]}";
    }

    @Test
    void aThreadBlockedWithTheSameStackInBothDumpsIsStuck() throws Exception {
        JsonNode first = dump(thread("7", "hub-relay", "BLOCKED", "io.resourcepool.core.hub.Relay.send") + ","
                + thread("8", "reader", "RUNNABLE", "sun.nio.ch.Net.poll"));
        JsonNode second = dump(thread("7", "hub-relay", "BLOCKED", "io.resourcepool.core.hub.Relay.send") + ","
                + thread("8", "reader", "BLOCKED", "io.resourcepool.core.hub.Relay.send"));

        assertThat(StuckThreads.blockedInBoth(first, second)).containsExactly("hub-relay (7): io.resourcepool.core.hub.Relay.send");
    }

    @Test
    void aThreadBlockedOnceOrBlockedElsewhereTheSecondTimeIsNotStuck() throws Exception {
        JsonNode first = dump(thread("7", "a", "BLOCKED", "x.Y.one") + "," + thread("9", "b", "BLOCKED", "x.Y.one"));
        JsonNode second = dump(thread("7", "a", "BLOCKED", "x.Y.two") + "," + thread("9", "b", "WAITING", "x.Y.one"));

        assertThat(StuckThreads.blockedInBoth(first, second)).isEmpty();
    }
}
