package io.resourcepool.core.probe;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The few functions of NVIDIA's management library ({@code libnvidia-ml}, nvml.h) the worker calls. Each returns an
 * {@code nvmlReturn_t}, 0 for success. Structures are passed as plain memory: {@code nvmlMemory_t} is three
 * {@code unsigned long long} (total, free, used), {@code nvmlUtilization_t} two {@code unsigned int} (gpu, memory).
 */
interface NvmlLibrary extends Library {
    /** {@code NVML_SUCCESS}. */
    int SUCCESS = 0;
    /** {@code NVML_DEVICE_UUID_V2_BUFFER_SIZE}, which also holds a name ({@code NVML_DEVICE_NAME_V2_BUFFER_SIZE}). */
    int TEXT_BUFFER = 96;
    /** {@code NVML_TEMPERATURE_GPU}. */
    int TEMPERATURE_GPU = 0;
    /** {@code NVML_DEVICE_MIG_ENABLE}. */
    int MIG_ENABLED = 1;

    int nvmlInit_v2();

    int nvmlDeviceGetCount_v2(IntByReference count);

    int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

    int nvmlDeviceGetIndex(Pointer device, IntByReference index);

    int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length);

    int nvmlDeviceGetName(Pointer device, byte[] name, int length);

    int nvmlDeviceGetMemoryInfo(Pointer device, Pointer memory);

    int nvmlDeviceGetUtilizationRates(Pointer device, Pointer utilization);

    int nvmlDeviceGetTemperature(Pointer device, int sensor, IntByReference celsius);

    int nvmlDeviceGetMigMode(Pointer device, IntByReference current, IntByReference pending);
}
