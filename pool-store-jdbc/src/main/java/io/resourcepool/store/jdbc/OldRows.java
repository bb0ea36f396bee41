package io.resourcepool.store.jdbc;

/**
 * Deletes rows that retention no longer keeps, a bounded batch per transaction, so that pruning a large backlog
 * never holds the writer (SQLite's one writer, or row locks on a server) for long.
 *
 * <p>The batch is picked in a derived table: PostgreSQL and SQLite could take {@code IN (SELECT … LIMIT ?)}
 * directly, but MariaDB refuses a {@code LIMIT} inside {@code IN} and a subquery on the table being deleted from;
 * a derived table is materialised first, which all three accept. The batch has no {@code ORDER BY}: every row that
 * matches goes in the same sweep anyway, and sorting the whole backlog for each batch made pruning 50,000 jobs on
 * SQLite take 15 s instead of 4 s ({@code RetentionBenchmark}).
 *
 * @param table the table
 * @param key its primary key column
 * @param ended the condition, with its parameters, that a row has ended long enough ago
 */
record OldRows(String table, String key, String ended) {

    /**
     * Deletes one batch.
     *
     * @param db the database
     * @param binding binds the parameters of {@link #ended}
     * @param maxRows the most rows to delete
     * @return how many were deleted
     */
    int deleteBatch(Database db, Database.Binding binding, int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, but is " + maxRows);
        }
        String sql = "DELETE FROM " + table + " WHERE " + key + " IN (SELECT " + key + " FROM (SELECT " + key + " FROM " + table
                + " WHERE " + ended + " LIMIT ?) AS batch)";
        return db.update("prune old rows of " + table, sql, p -> {
            binding.bind(p);
            p.number(maxRows);
        });
    }
}
