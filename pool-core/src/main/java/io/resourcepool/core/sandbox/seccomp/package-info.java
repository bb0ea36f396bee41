/**
 * The system-call filter for jobs of the bubblewrap sandbox: {@link io.resourcepool.core.sandbox.seccomp.SeccompProfile}
 * says what is denied (Docker's default profile is the model), libseccomp compiles it through JNA into a BPF
 * program file once, and {@link io.resourcepool.core.sandbox.seccomp.BubblewrapSeccomp} says how bwrap is given
 * that file for every job.
 *
 * <p>Nothing here loads a filter into the worker itself, and nothing here fails the worker: a host without
 * libseccomp, or of an unsupported architecture, gets a reason to show instead of a filter.
 */
package io.resourcepool.core.sandbox.seccomp;
