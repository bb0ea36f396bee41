/* A stand-in for libnvidia-ml with the few functions the worker calls, for NvmlTest: two cards, an A100 and an L4
 * (whose utilisation is not supported). Built with -DINIT_FAILS, nvmlInit_v2 fails; with -DMIG, the A100 is in MIG mode. */
#include <string.h>

typedef struct { unsigned long long total, free, used; } memory_t;
typedef struct { unsigned int gpu, memory; } utilization_t;

static int cards[2];

int nvmlInit_v2(void) {
#ifdef INIT_FAILS
    return 9; /* NVML_ERROR_DRIVER_NOT_LOADED */
#else
    return 0;
#endif
}

int nvmlDeviceGetCount_v2(unsigned int *count) { *count = 2; return 0; }

int nvmlDeviceGetHandleByIndex_v2(unsigned int index, void **device) {
    if (index > 1) return 2;
    *device = &cards[index];
    return 0;
}

static int which(void *device) { return device == &cards[0] ? 0 : 1; }

int nvmlDeviceGetIndex(void *device, unsigned int *index) { *index = which(device); return 0; }

int nvmlDeviceGetUUID(void *device, char *uuid, unsigned int length) {
    strncpy(uuid, which(device) == 0 ? "GPU-nvml-0000" : "GPU-nvml-1111", length);
    return 0;
}

int nvmlDeviceGetName(void *device, char *name, unsigned int length) {
    strncpy(name, which(device) == 0 ? "NVIDIA A100-SXM4-40GB" : "NVIDIA L4", length);
    return 0;
}

int nvmlDeviceGetMemoryInfo(void *device, memory_t *memory) {
    memory->total = (which(device) == 0 ? 40960ULL : 23034ULL) << 20;
    memory->used = (which(device) == 0 ? 1024ULL : 0ULL) << 20;
    memory->free = memory->total - memory->used;
    return 0;
}

int nvmlDeviceGetUtilizationRates(void *device, utilization_t *utilization) {
    if (which(device) == 1) return 3; /* NVML_ERROR_NOT_SUPPORTED */
    utilization->gpu = 42;
    utilization->memory = 7;
    return 0;
}

int nvmlDeviceGetTemperature(void *device, int sensor, unsigned int *celsius) {
    *celsius = which(device) == 0 ? 55 : 40;
    return sensor == 0 ? 0 : 2;
}

int nvmlDeviceGetMigMode(void *device, unsigned int *current, unsigned int *pending) {
#ifdef MIG
    if (which(device) == 0) { *current = 1; *pending = 1; return 0; }
#endif
    return 3; /* not supported */
}
