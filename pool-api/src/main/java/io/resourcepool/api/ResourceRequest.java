package io.resourcepool.api;

/**
 * What a job asks to have to itself while it runs.
 *
 * @param cpus logical processors, 0 for no claim
 * @param memoryBytes memory, 0 for no claim
 */
public record ResourceRequest(int cpus, long memoryBytes) {
    /** No claim at all. */
    public static final ResourceRequest NONE = new ResourceRequest(0, 0);

    /** Checks the figures. */
    public ResourceRequest {
        Checks.nonNegative(cpus, "cpus");
        Checks.nonNegative(memoryBytes, "memoryBytes");
    }
}
