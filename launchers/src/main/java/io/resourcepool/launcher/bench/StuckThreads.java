package io.resourcepool.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Threads of a JVM that stay blocked: two thread dumps ({@code jcmd PID Thread.dump_to_file -format=json}, which lists
 * virtual threads too) taken a while apart, and every thread, platform or virtual, that is {@code BLOCKED} on a
 * monitor in both with the same stack. A thread blocked for a moment is normal; one blocked for the whole interval
 * after the load has stopped is stuck.
 */
final class StuckThreads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StuckThreads() {}

    /**
     * Takes two dumps {@code interval} apart.
     *
     * @param pid the JVM
     * @param dir where to write the dumps (kept, to look into)
     * @param interval time between them
     * @return the threads blocked in both, as "name (tid): top of stack"
     */
    static List<String> of(long pid, Path dir, Duration interval) {
        JsonNode first = dump(pid, dir.resolve("threads-" + pid + "-1.json"));
        LockSupport.parkNanos(interval.toNanos());
        JsonNode second = dump(pid, dir.resolve("threads-" + pid + "-2.json"));
        return blockedInBoth(first, second);
    }

    private static JsonNode dump(long pid, Path file) {
        try {
            Files.deleteIfExists(file);
            Signals.run(List.of(PoolJvm.jdkTool("jcmd").toString(), Long.toString(pid), "Thread.dump_to_file", "-format=json", file.toString()));
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the thread dump " + file, e);
        }
    }

    /**
     * The threads {@code BLOCKED} with the same stack in both dumps.
     *
     * @param first the earlier dump
     * @param second the later dump
     * @return "name (tid): top of stack" of each
     */
    static List<String> blockedInBoth(JsonNode first, JsonNode second) {
        Map<String, JsonNode> before = blocked(first);
        List<String> stuck = new ArrayList<>();
        blocked(second).forEach((tid, thread) -> {
            JsonNode earlier = before.get(tid);
            if (earlier != null && earlier.path("stack").equals(thread.path("stack"))) {
                JsonNode stack = thread.path("stack");
                stuck.add(thread.path("name").asText() + " (" + tid + "): " + (stack.isEmpty() ? "no stack" : stack.get(0).asText()));
            }
        });
        return stuck;
    }

    private static Map<String, JsonNode> blocked(JsonNode dump) {
        Map<String, JsonNode> byTid = new HashMap<>();
        for (JsonNode container : dump.path("threadDump").path("threadContainers")) {
            for (JsonNode thread : container.path("threads")) {
                if ("BLOCKED".equals(thread.path("state").asText())) {
                    byTid.put(thread.path("tid").asText(), thread);
                }
            }
        }
        return byTid;
    }
}
