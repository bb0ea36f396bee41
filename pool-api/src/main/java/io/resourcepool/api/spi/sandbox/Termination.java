package io.resourcepool.api.spi.sandbox;

/** How a command's run ended. */
public enum Termination {
    /** It exited by itself (with any code). */
    EXITED,
    /** It was killed for running past its wall-time limit. */
    TIMED_OUT,
    /** It was cancelled. */
    CANCELLED,
    /** It was killed for breaking another limit (memory, CPU time, processes). */
    LIMIT_EXCEEDED,
    /** It could not be started. */
    FAILED_TO_START
}
