package io.resourcepool.core.probe;

import io.resourcepool.api.NodeResources.Gpu;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads what {@code nvidia-smi --query-gpu=index,uuid,name,memory.total,memory.used,utilization.gpu,temperature.gpu
 * --format=csv,noheader,nounits} prints: one line per GPU, fields separated by commas, memory in MiB, utilisation in
 * percent, temperature in degrees Celsius. A figure the card does not give ({@code [N/A]}, {@code [Not Supported]})
 * reads as 0; a line that is not a GPU (too few fields, no index) is skipped rather than failing the whole sample.
 */
public final class NvidiaSmiOutput {
    /** The {@code --query-gpu} fields, in the order they are read. */
    public static final String QUERY = "index,uuid,name,memory.total,memory.used,utilization.gpu,temperature.gpu";
    private static final int FIELDS = 7;
    private static final long MIB = 1L << 20;

    private NvidiaSmiOutput() {}

    /**
     * Parses the output.
     *
     * @param output what {@code nvidia-smi} printed
     * @return the GPUs, in the order printed
     */
    public static List<Gpu> parse(String output) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : output.split("\\R")) {
            String[] fields = line.split(",", -1);
            if (fields.length != FIELDS) {
                continue;
            }
            int index = (int) number(fields[0], -1);
            String uuid = fields[1].strip();
            String name = GpuSource.limited(fields[2].strip());
            if (index < 0 || name.isEmpty()) {
                continue;
            }
            long total = number(fields[3], 0) * MIB;
            long used = Math.min(total, number(fields[4], 0) * MIB);
            double utilization = Math.min(100, number(fields[5], 0)) / 100.0;
            int temperature = (int) Math.min(1000, number(fields[6], 0));
            gpus.add(new Gpu(index, GpuSource.limited(uuid), "NVIDIA", name, total, used, utilization, temperature));
        }
        return List.copyOf(gpus);
    }

    private static long number(String field, long unknown) {
        String text = field.strip().toLowerCase(Locale.ROOT);
        try {
            long value = Math.round(Double.parseDouble(text));
            return value < 0 ? unknown : value;
        } catch (NumberFormatException e) {
            return unknown;
        }
    }
}
