/**
 * The audit log's anchor outside the database: signed checkpoints of its head and daily Merkle roots in an
 * append-only file, and the verification that checks the keyed chain against them.
 */
package io.resourcepool.core.audit;
