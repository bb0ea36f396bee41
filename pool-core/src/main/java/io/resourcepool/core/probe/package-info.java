/**
 * Resource probes: {@code oshi}, the default, which measures the machine through OSHI, and {@code fixed},
 * which reports figures an operator or a test states.
 *
 * <p>Both count compute accelerators only. OSHI lists every graphics card, a virtual machine's emulated VGA
 * included; {@link io.resourcepool.core.probe.ComputeAccelerators} keeps the cards it can tell are for
 * compute, and the {@code gpu-count} and {@code gpu-model} settings, when given, win over what was found.
 */
package io.resourcepool.core.probe;
