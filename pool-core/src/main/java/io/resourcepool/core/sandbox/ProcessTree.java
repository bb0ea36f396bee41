package io.resourcepool.core.sandbox;

import java.util.ArrayList;
import java.util.List;

/** Kills a process and every process below it, as far as parent links can tell. */
final class ProcessTree {
    private ProcessTree() {}

    /**
     * Kills {@code root} and its descendants with SIGKILL.
     *
     * <p>The whole tree is listed before anything is killed: once a parent dies its children are re-parented
     * to init and can no longer be found from {@code root}. The root goes first so that it forks no more
     * children while the rest are killed. What this cannot reach is described in the package documentation.
     *
     * @param root the process the sandbox started
     * @return how many processes were signalled
     */
    static int kill(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        int signalled = 0;
        for (ProcessHandle process : tree) {
            if (process.destroyForcibly()) {
                signalled++;
            }
        }
        return signalled;
    }
}
