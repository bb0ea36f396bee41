package io.resourcepool.api;

import java.util.Map;

/** Where a job may run: any node, one named node, or any node carrying the given labels. */
public sealed interface NodeSelector {

    /** Any node the scheduler chooses. */
    NodeSelector ANY = new AnyNode();

    /**
     * Any node the scheduler chooses.
     *
     * @return the selector
     */
    static NodeSelector any() {
        return ANY;
    }

    /**
     * Exactly this node.
     *
     * @param node the node
     * @return the selector
     */
    static NodeSelector named(NodeId node) {
        return new NamedNode(node);
    }

    /**
     * Any node whose labels include all of these.
     *
     * @param labels for example {@code gpu=true}
     * @return the selector
     */
    static NodeSelector labelled(Map<String, String> labels) {
        return new LabelledNodes(labels);
    }

    /** Any node. */
    record AnyNode() implements NodeSelector {}

    /**
     * One named node.
     *
     * @param node the node
     */
    record NamedNode(NodeId node) implements NodeSelector {
        /** Checks the node. */
        public NamedNode {
            Checks.present(node, "node");
        }
    }

    /**
     * Nodes carrying all of the given labels.
     *
     * @param labels the labels required, at least one
     */
    record LabelledNodes(Map<String, String> labels) implements NodeSelector {
        /** Checks and copies the labels. */
        public LabelledNodes {
            labels = Map.copyOf(Checks.present(labels, "labels"));
            if (labels.isEmpty()) {
                throw new IllegalArgumentException("labels must name at least one label; use NodeSelector.any() for any node");
            }
        }
    }
}
