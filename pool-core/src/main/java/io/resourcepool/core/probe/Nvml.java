package io.resourcepool.core.probe;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.resourcepool.api.NodeResources.Gpu;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * NVIDIA's GPUs read through NVML ({@code libnvidia-ml}, called through JNA): the same figures {@code nvidia-smi}
 * prints, without a process per sample. Kept small: whole cards only; a sample in which a card is in MIG mode, or a
 * call fails, is left to {@code nvidia-smi} ({@link NvidiaGpus}). Checked against a stand-in library built from C in
 * the tests, not against a real driver.
 */
final class Nvml {
    private static final long MIB = 1L << 20;

    private final NvmlLibrary library;

    private Nvml(NvmlLibrary library) {
        this.library = library;
    }

    /**
     * Loads and initialises the library.
     *
     * @param name the library: a name JNA looks up ({@code nvidia-ml} finds {@code libnvidia-ml.so}, or its
     *     versioned file) or a path
     * @return NVML, or why it cannot be used
     */
    static Loaded open(String name) {
        NvmlLibrary library;
        try {
            library = Native.load(name, NvmlLibrary.class);
        } catch (LinkageError e) {
            return new Loaded(Optional.empty(), "no NVML library '" + name + "' (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        int status = library.nvmlInit_v2();
        if (status != NvmlLibrary.SUCCESS) {
            return new Loaded(Optional.empty(), "NVML '" + name + "' would not start (nvmlInit_v2 returned " + status + ")");
        }
        return new Loaded(Optional.of(new Nvml(library)), "");
    }

    /**
     * NVML, if it could be used, and why not when it could not.
     *
     * @param nvml the library, ready
     * @param reason why there is none; empty when there is
     */
    record Loaded(Optional<Nvml> nvml, String reason) {}

    /**
     * The cards now.
     *
     * @return the cards; nothing when a call failed or a card is in MIG mode, for {@code nvidia-smi} to read instead
     */
    Optional<List<Gpu>> sample() {
        IntByReference count = new IntByReference();
        if (library.nvmlDeviceGetCount_v2(count) != NvmlLibrary.SUCCESS) {
            return Optional.empty();
        }
        List<Gpu> gpus = new ArrayList<>();
        for (int i = 0; i < count.getValue(); i++) {
            PointerByReference handle = new PointerByReference();
            if (library.nvmlDeviceGetHandleByIndex_v2(i, handle) != NvmlLibrary.SUCCESS) {
                return Optional.empty();
            }
            Optional<Gpu> gpu = card(handle.getValue(), i);
            if (gpu.isEmpty()) {
                return Optional.empty();
            }
            gpus.add(gpu.get());
        }
        return Optional.of(List.copyOf(gpus));
    }

    private Optional<Gpu> card(Pointer device, int position) {
        IntByReference migCurrent = new IntByReference();
        if (library.nvmlDeviceGetMigMode(device, migCurrent, new IntByReference()) == NvmlLibrary.SUCCESS
                && migCurrent.getValue() == NvmlLibrary.MIG_ENABLED) {
            return Optional.empty();
        }
        byte[] uuid = new byte[NvmlLibrary.TEXT_BUFFER];
        byte[] name = new byte[NvmlLibrary.TEXT_BUFFER];
        Memory memory = new Memory(3 * Long.BYTES);
        if (library.nvmlDeviceGetUUID(device, uuid, uuid.length) != NvmlLibrary.SUCCESS
                || library.nvmlDeviceGetName(device, name, name.length) != NvmlLibrary.SUCCESS
                || library.nvmlDeviceGetMemoryInfo(device, memory) != NvmlLibrary.SUCCESS) {
            return Optional.empty();
        }
        IntByReference index = new IntByReference(position);
        library.nvmlDeviceGetIndex(device, index);
        // a card may not give these: 0, as nvidia-smi's [N/A] reads
        Memory utilization = new Memory(2 * Integer.BYTES);
        utilization.clear();
        double busy = library.nvmlDeviceGetUtilizationRates(device, utilization) == NvmlLibrary.SUCCESS
                ? Math.min(100, Math.max(0, utilization.getInt(0))) / 100.0 : 0.0;
        IntByReference celsius = new IntByReference();
        int temperature = library.nvmlDeviceGetTemperature(device, NvmlLibrary.TEMPERATURE_GPU, celsius) == NvmlLibrary.SUCCESS
                ? Math.min(1000, Math.max(0, celsius.getValue())) : 0;
        long total = Math.max(0, memory.getLong(0));
        long used = Math.min(total, Math.max(0, memory.getLong(2 * Long.BYTES)));
        // whole MiB, as nvidia-smi reports them, so that the two paths agree
        return Optional.of(new Gpu(Math.max(0, index.getValue()), GpuSource.limited(text(uuid)), "NVIDIA", GpuSource.limited(text(name)),
                total / MIB * MIB, used / MIB * MIB, busy, temperature));
    }

    private static String text(byte[] cString) {
        int end = 0;
        while (end < cString.length && cString[end] != 0) {
            end++;
        }
        return new String(cString, 0, end, StandardCharsets.UTF_8).strip();
    }
}
