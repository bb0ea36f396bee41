package io.resourcepool.core.probe;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.NodeResources.Gpu;
import io.resourcepool.api.spi.ProviderConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What an operator states about a machine's GPUs, which wins over what a probe found: a count
 * ({@code gpu-count}) and a model ({@code gpu-model}, for example {@code a100}). Either may be absent.
 */
public final class GpuOverride {
    /** The vendor reported for stated GPUs when none was found to take it from. */
    public static final String UNSPECIFIED = "unspecified";

    private static final GpuOverride NONE = new GpuOverride(OptionalInt.empty(), Optional.empty());

    private final OptionalInt count;
    private final Optional<String> model;

    private GpuOverride(OptionalInt count, Optional<String> model) {
        this.count = count;
        this.model = model;
    }

    /**
     * Nothing stated: what was found stands.
     *
     * @return the override that changes nothing
     */
    public static GpuOverride none() {
        return NONE;
    }

    /**
     * A stated count and, optionally, model.
     *
     * @param count how many GPUs the machine has
     * @param model their model, or empty to keep what was found
     * @return the override
     */
    public static GpuOverride of(int count, Optional<String> model) {
        if (count < 0) {
            throw new IllegalArgumentException("gpu count must not be negative, was " + count);
        }
        return new GpuOverride(OptionalInt.of(count), checkedModel(model));
    }

    /**
     * A stated model for the GPUs found; the count stays as found.
     *
     * @param model their model
     * @return the override
     */
    public static GpuOverride model(String model) {
        return new GpuOverride(OptionalInt.empty(), checkedModel(Optional.of(model)));
    }

    /**
     * Reads {@code gpu-count} and {@code gpu-model} from a provider's settings.
     *
     * @param config the settings
     * @return the override, {@link #none()} when neither is set
     * @throws ConfigurationException naming the key when a value is invalid
     */
    public static GpuOverride from(ProviderConfig config) {
        Optional<String> model = config.get("gpu-model").map(String::strip);
        if (model.isPresent() && model.get().isEmpty()) {
            throw new ConfigurationException(config.fullKey("gpu-model") + " must not be blank");
        }
        if (config.get("gpu-count").isEmpty()) {
            return model.map(GpuOverride::model).orElse(NONE);
        }
        int count = config.getInt("gpu-count", 0);
        if (count < 0) {
            throw new ConfigurationException(config.fullKey("gpu-count") + " must not be negative, was " + count);
        }
        return of(count, model);
    }

    /**
     * Applies what was stated to what was found: a stated model renames every GPU; a stated count keeps that many of
     * those found (in their order) and adds unmeasured ones, numbered after the highest index found, when fewer were
     * found.
     *
     * @param found the compute accelerators a probe found
     * @return the GPUs to report
     */
    public List<Gpu> applyTo(List<Gpu> found) {
        List<Gpu> renamed = model.map(m -> found.stream().map(g -> renamed(g, m)).toList()).orElse(found);
        if (count.isEmpty()) {
            return renamed;
        }
        int wanted = count.getAsInt();
        List<Gpu> stated = new ArrayList<>(renamed.subList(0, Math.min(wanted, renamed.size())));
        Optional<Gpu> first = found.stream().findFirst();
        int nextIndex = found.stream().mapToInt(Gpu::index).max().orElse(-1) + 1;
        while (stated.size() < wanted) {
            // a GPU the probe did not see: the operator knows it is there, but nothing measures it
            stated.add(new Gpu(nextIndex++, "", first.map(Gpu::vendor).orElse(UNSPECIFIED),
                    model.orElse(first.map(Gpu::model).orElse(UNSPECIFIED)), first.map(Gpu::memoryBytes).orElse(0L), 0, 0.0, 0));
        }
        return List.copyOf(stated);
    }

    private static Gpu renamed(Gpu gpu, String model) {
        return new Gpu(gpu.index(), gpu.uuid(), gpu.vendor(), model, gpu.memoryBytes(), gpu.memoryUsedBytes(), gpu.utilization(),
                gpu.temperatureCelsius());
    }

    private static Optional<String> checkedModel(Optional<String> model) {
        Objects.requireNonNull(model, "model must be given (empty for none)");
        model.ifPresent(m -> {
            if (m.isBlank() || m.length() > 200) {
                throw new IllegalArgumentException("gpu model must be 1 to 200 characters, was '" + m + "'");
            }
        });
        return model;
    }

    @Override
    public String toString() {
        return "GpuOverride[count=" + (count.isPresent() ? count.getAsInt() : "as found") + ", model=" + model.orElse("as found") + "]";
    }
}
