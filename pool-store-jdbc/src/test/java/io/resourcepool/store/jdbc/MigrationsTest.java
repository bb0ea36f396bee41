package io.resourcepool.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The migration scripts are found for every dialect and split into statements. */
class MigrationsTest {

    @Test
    void everyDialectHasTheSameNumberOfMigrations() {
        List<Integer> latest = List.of(new PostgresDialect(), new MariaDbDialect()).stream()
                .map(d -> new Migrations(d, InstantSource.system()).latest())
                .toList();

        assertThat(latest).containsOnly(latest.getFirst()).allSatisfy(v -> assertThat(v).isPositive());
    }

    @Test
    void scriptsSplitAtLineEndingSemicolonsAndDropComments() {
        String script = "-- a comment; with a semicolon\nCREATE TABLE a (x INT);\n\nINSERT INTO a VALUES (1);  \n-- done\n";

        assertThat(Migrations.statements(script)).containsExactly("CREATE TABLE a (x INT)", "INSERT INTO a VALUES (1)");
    }
}
