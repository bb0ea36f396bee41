/**
 * Resource probes: {@code oshi}, the default, which measures the machine through OSHI (and its NVIDIA GPUs
 * through {@code nvidia-smi}), and {@code fixed}, which reports figures an operator or a test states.
 *
 * <p>Both report compute GPUs only, never display adapters: the {@code oshi} probe asks the GPU vendor's tool,
 * which knows only compute devices, at every sample, and the {@code gpu-count} and {@code gpu-model} settings,
 * when given, win over what was found.
 */
package io.resourcepool.core.probe;
