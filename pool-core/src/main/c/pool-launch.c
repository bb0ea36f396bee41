/*
 * pool-launch: starts a root worker's job processes with one program start each, the job's own.
 *
 * A root worker starts this helper once and keeps it. For each job it asks the helper to fork; the child enters the
 * job's cgroups (writing 0 to each cgroup.procs file it is given), opens its standard input, enters the start
 * directory, drops every supplementary group, takes the job's gid and uid (real, effective and saved), sets
 * no-new-privileges and executes the program. The JVM cannot do this itself: switching the uid must happen between
 * fork and exec, where Java runs no code. The helper is single-threaded, so a fork of it is cheap and safe.
 *
 * Requests, on standard input: a 4-byte length (host byte order), then that many bytes of NUL-terminated fields:
 *   "start" id uid gid stdin cwd ncgroups cgroup-file... argc arg... envc env...
 *                                  (uid and gid "-": the helper's own, kept with its groups and privileges; the
 *                                  helper of a worker that is not root starts jobs so, as the JDK would)
 *   "close" fd fd                  the worker has opened the output pipes through /proc and no longer needs ours
 *   "reap" pid                     the worker has heard of the process's end: its pid may now be reused
 * Replies, on standard output, one line each:
 *   "S id pid stdout-fd stderr-fd"  the program runs; its output is read from /proc/<helper>/fd/<fd>
 *   "F id step: reason"             it could not be started (step: request, pipe, fork, cgroup, stdin, groups,
 *                                   gid, uid, no-new-privs, chdir, stdio, exec; the reason as strerror says it)
 *   "X pid status"                  a process it started has ended; status as waitpid gives it
 * A process that has ended stays a zombie until the worker says "reap": until then its pid is not reused, so the
 * worker can signal the process and read its /proc entry without ever reaching another one. The helper ends when its standard input ends (the worker has gone); the jobs it started keep running.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_REQUEST (8 * 1024 * 1024)

/* The processes started and not yet reaped; ended ones are marked once their end has been told. */
static struct child {
    pid_t pid;
    int told;
} *children;
static size_t child_count, child_room;

static int remember(pid_t pid) {
    if (child_count == child_room) {
        size_t room = child_room == 0 ? 64 : child_room * 2;
        struct child *grown = realloc(children, room * sizeof *children);
        if (grown == NULL) {
            return -1;
        }
        children = grown;
        child_room = room;
    }
    children[child_count++] = (struct child) {pid, 0};
    return 0;
}

static void reply(const char *line) {
    size_t left = strlen(line);
    while (left > 0) {
        ssize_t n = write(STDOUT_FILENO, line, left);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            _exit(3); /* the worker is gone */
        }
        line += n;
        left -= (size_t) n;
    }
}

static int read_fully(int fd, void *buffer, size_t size) {
    char *at = buffer;
    while (size > 0) {
        ssize_t n = read(fd, at, size);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return -1;
        }
        at += n;
        size -= (size_t) n;
    }
    return 0;
}

/* The fields of one request, split at their NULs. */
struct fields {
    char **at;
    size_t count;
    size_t next;
};

static const char *field(struct fields *f) {
    return f->next < f->count ? f->at[f->next++] : NULL;
}

static long number(struct fields *f) {
    const char *text = field(f);
    if (text == NULL) {
        return -1;
    }
    char *end;
    errno = 0;
    long value = strtol(text, &end, 10);
    return errno != 0 || *end != '\0' || end == text ? -1 : value;
}

/* NULL-terminated list of n fields, pointing into the request. */
static char **list(struct fields *f, long n) {
    if (n < 0 || (size_t) n > f->count - f->next) {
        return NULL;
    }
    char **items = calloc((size_t) n + 1, sizeof(char *));
    if (items == NULL) {
        return NULL;
    }
    for (long i = 0; i < n; i++) {
        items[i] = (char *) field(f);
    }
    return items;
}

static void fail_child(int fd, const char *step) {
    char message[160];
    int length = snprintf(message, sizeof message, "%s: %s", step, strerror(errno));
    if (write(fd, message, (size_t) length) < 0) {
        /* nothing more to say */
    }
    _exit(127);
}

static int enter_cgroup(const char *file) {
    int fd = open(file, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    ssize_t n = write(fd, "0", 1);
    int saved = errno;
    close(fd);
    errno = saved;
    return n == 1 ? 0 : -1;
}

/* In the child, between fork and exec: no return. */
static void become_job(int fail, int switched, uid_t uid, gid_t gid, const char *input, const char *cwd, char **cgroups, char **argv,
        char **envp, int out, int err) {
    sigset_t none;
    sigemptyset(&none);
    for (int signal = 1; signal < NSIG; signal++) {
        (void) sigaction(signal, &(struct sigaction) {.sa_handler = SIG_DFL}, NULL);
    }
    sigprocmask(SIG_SETMASK, &none, NULL);
    for (char **file = cgroups; *file != NULL; file++) {
        if (enter_cgroup(*file) != 0) {
            fail_child(fail, "cgroup");
        }
    }
    int in = open(input, O_RDONLY | O_CLOEXEC);
    if (in < 0) {
        fail_child(fail, "stdin");
    }
    /* as root, as the JDK does before setpriv: the job's directory may lie under one its uid cannot search */
    if (chdir(cwd) != 0) {
        fail_child(fail, "chdir");
    }
    if (switched && setgroups(0, NULL) != 0) {
        fail_child(fail, "groups");
    }
    if (switched && setresgid(gid, gid, gid) != 0) {
        fail_child(fail, "gid");
    }
    if (switched && setresuid(uid, uid, uid) != 0) {
        fail_child(fail, "uid");
    }
    if (switched && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        fail_child(fail, "no-new-privs");
    }
    if (dup2(in, STDIN_FILENO) < 0 || dup2(out, STDOUT_FILENO) < 0 || dup2(err, STDERR_FILENO) < 0) {
        fail_child(fail, "stdio");
    }
    execve(argv[0], argv, envp);
    fail_child(fail, "exec");
}

static void start(struct fields *f) {
    char line[256];
    const char *id = field(f);
    int switched = f->next < f->count && strcmp(f->at[f->next], "-") != 0;
    long uid = switched ? number(f) : (field(f), 1);
    long gid = switched ? number(f) : (field(f), 1);
    const char *input = field(f);
    const char *cwd = field(f);
    char **cgroups = list(f, number(f));
    char **argv = list(f, number(f));
    char **envp = list(f, number(f));
    if (id == NULL || uid <= 0 || gid <= 0 || input == NULL || cwd == NULL || cgroups == NULL || argv == NULL || argv[0] == NULL
            || envp == NULL) {
        snprintf(line, sizeof line, "F %s request: malformed\n", id == NULL ? "?" : id);
        reply(line);
    } else {
        int out[2] = {-1, -1}, err[2] = {-1, -1}, fail[2] = {-1, -1};
        if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0 || pipe2(fail, O_CLOEXEC) != 0) {
            snprintf(line, sizeof line, "F %s pipe: %s\n", id, strerror(errno));
            int made[] = {out[0], out[1], err[0], err[1]};
            for (size_t i = 0; i < sizeof made / sizeof made[0]; i++) {
                if (made[i] >= 0) {
                    close(made[i]);
                }
            }
            reply(line);
        } else {
            pid_t pid = fork();
            if (pid == 0) {
                close(fail[0]);
                become_job(fail[1], switched, (uid_t) uid, (gid_t) gid, input, cwd, cgroups, argv, envp, out[1], err[1]);
            }
            int saved = errno;
            close(out[1]);
            close(err[1]);
            close(fail[1]);
            char why[160] = {0};
            ssize_t n = pid < 0 ? 0 : read(fail[0], why, sizeof why - 1);
            close(fail[0]);
            if (pid < 0) {
                snprintf(line, sizeof line, "F %s fork: %s\n", id, strerror(saved));
            } else if (n > 0) {
                snprintf(line, sizeof line, "F %s %s\n", id, why);
            } else {
                snprintf(line, sizeof line, "S %s %d %d %d\n", id, (int) pid, out[0], err[0]);
            }
            if (pid > 0 && n > 0) {
                waitpid(pid, NULL, 0); /* it has failed and exits at once: nobody will ask for it */
            }
            if (pid > 0 && n == 0 && remember(pid) != 0) {
                kill(pid, SIGKILL);
                waitpid(pid, NULL, 0);
                snprintf(line, sizeof line, "F %s memory: %s\n", id, strerror(ENOMEM));
                n = 1;
            }
            if (pid < 0 || n > 0) {
                close(out[0]);
                close(err[0]);
            }
            reply(line);
        }
    }
    free(cgroups);
    free(argv);
    free(envp);
}

static void close_pipes(struct fields *f) {
    for (long fd = number(f); fd > STDERR_FILENO; fd = number(f)) {
        close((int) fd);
    }
}

/* Tells of every remembered process that has ended, without reaping it. */
static void tell_ended(void) {
    char line[64];
    for (size_t i = 0; i < child_count; i++) {
        siginfo_t info = {0};
        if (children[i].told || waitid(P_PID, (id_t) children[i].pid, &info, WEXITED | WNOHANG | WNOWAIT) != 0 || info.si_pid == 0) {
            continue;
        }
        int status = info.si_code == CLD_EXITED ? (info.si_status & 0xff) << 8 : info.si_status & 0x7f;
        snprintf(line, sizeof line, "X %d %d\n", (int) children[i].pid, status);
        reply(line);
        children[i].told = 1;
    }
}

static void reap(struct fields *f) {
    long pid = number(f);
    for (size_t i = 0; i < child_count; i++) {
        if (children[i].pid == pid && children[i].told) {
            waitpid((pid_t) pid, NULL, 0);
            children[i] = children[--child_count];
            return;
        }
    }
}

static int serve_request(void) {
    unsigned int length;
    if (read_fully(STDIN_FILENO, &length, sizeof length) != 0) {
        return -1;
    }
    if (length == 0 || length > MAX_REQUEST) {
        return -1;
    }
    char *request = malloc(length + 1);
    if (request == NULL || read_fully(STDIN_FILENO, request, length) != 0) {
        free(request);
        return -1;
    }
    request[length] = '\0';
    size_t count = 0;
    for (unsigned int i = 0; i < length; i++) {
        count += request[i] == '\0';
    }
    struct fields f = {calloc(count + 1, sizeof(char *)), 0, 0};
    if (f.at == NULL) {
        free(request);
        return -1;
    }
    for (unsigned int i = 0, begin = 0; i < length; i++) {
        if (request[i] == '\0') {
            f.at[f.count++] = request + begin;
            begin = i + 1;
        }
    }
    const char *kind = field(&f);
    if (kind != NULL && strcmp(kind, "start") == 0) {
        start(&f);
    } else if (kind != NULL && strcmp(kind, "close") == 0) {
        close_pipes(&f);
    } else if (kind != NULL && strcmp(kind, "reap") == 0) {
        reap(&f);
    }
    free(f.at);
    free(request);
    return 0;
}

int main(void) {
    sigset_t child;
    sigemptyset(&child);
    sigaddset(&child, SIGCHLD);
    sigprocmask(SIG_BLOCK, &child, NULL);
    /* it ends when the worker does (its input ends), not at a signal meant for the worker's terminal or group */
    int ignored[] = {SIGPIPE, SIGINT, SIGQUIT, SIGHUP, SIGTERM};
    for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++) {
        signal(ignored[i], SIG_IGN);
    }
    int exits = signalfd(-1, &child, SFD_CLOEXEC | SFD_NONBLOCK);
    if (exits < 0) {
        perror("pool-launch: signalfd");
        return 2;
    }
    reply("R\n");
    for (;;) {
        struct pollfd watched[2] = {{.fd = STDIN_FILENO, .events = POLLIN}, {.fd = exits, .events = POLLIN}};
        if (poll(watched, 2, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            return 2;
        }
        if (watched[1].revents & POLLIN) {
            struct signalfd_siginfo info;
            while (read(exits, &info, sizeof info) == sizeof info) {
                /* one reap takes every ended child, however many signals were merged */
            }
            tell_ended();
        }
        if (watched[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            if (serve_request() != 0) {
                return 0;
            }
        }
    }
}
