/** A fake {@code nvidia-smi} and a fake device tree, for testing GPU detection and assignment on machines without a GPU. */
package io.resourcepool.testkit.gpu;
