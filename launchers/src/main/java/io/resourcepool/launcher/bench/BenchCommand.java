package io.resourcepool.launcher.bench;

import picocli.CommandLine.Command;

/** {@code pool bench}: the benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure the pool on this machine.",
        subcommands = {PoolBench.class, JobsBench.class, ConnectionBench.class, HttpBench.class, SoakBench.class, HubsBench.class, FleetBench.class,
                FleetProcess.class})
public final class BenchCommand {}
