package dev.parley.server.cli;

import dev.parley.Parley;
import me.tongfei.progressbar.ProgressBar;
import org.bson.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code ./parley backup --out DIR}: mongodump's layout, restorable with mongorestore or {@code ./parley restore}. */
@Command(name = "backup", description = "Write a backup in mongodump's layout (<dir>/<database>/<collection>.bson and"
        + " .metadata.json): every collection, or one tenant's documents.")
class BackupCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the directory to write (created if missing)")
    Path out;

    @Option(names = "--tenant", paramLabel = "ORGANIZATION_ID", description = "only this tenant's documents")
    String tenant;

    @Option(names = "--collections", split = ",", description = "only these collections (comma-separated)")
    List<String> collections;

    @Option(names = "--gzip", description = "gzip each file (.bson.gz, .metadata.json.gz), as mongodump --gzip does")
    boolean gzip;

    @Override
    public Integer call() {
        try (Parley parley = StoreOptions.connect()) {
            Set<String> only = collections == null ? null : new LinkedHashSet<>(collections);
            int total = only != null ? only.size() : parley.collectionNames().size();
            List<Document> rows;
            try (ProgressBar bar = ProgressBars.onStderr("backup", total, " collections")) {
                rows = parley.backup(out, StoreOptions.requireTenant(parley, tenant), only, gzip, CollectionProgress.of(bar));
            }
            long documents = rows.stream().mapToLong(r -> ((Number) r.get("documents")).longValue()).sum();
            rows.forEach(r -> System.out.printf("%-24s %,12d documents%n", r.getString("collection"), ((Number) r.get("documents")).longValue()));
            System.out.printf("backup of %s written to %s: %,d documents in %d collections%n",
                    tenant == null ? "every tenant" : tenant, out, documents, rows.size());
            return 0;
        }
    }
}
