/**
 * A fake {@code nvidia-smi}, a fake amdgpu sysfs tree and a fake device tree, for testing GPU detection and
 * assignment on machines without a GPU.
 */
package io.resourcepool.testkit.gpu;
