package dev.parley.server.cli;

import dev.parley.Parley;
import dev.parley.backup.Restored;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ./parley restore DIR}: a backup of Parley's, or a real mongodump; then the erasure log
 * re-applied (exit {@link ReappliedErasures#BLOCKED} when a legal hold kept an erasure from it).
 */
@Command(name = "restore", description = "Restore a backup (./parley backup or mongodump): all of it, or one tenant's"
        + " documents, optionally into another tenant. Documents already there are left alone unless --drop (which never"
        + " drops the erasure log). Then every contact erased since the backup was taken is erased again; exit 3 when a legal"
        + " hold kept one from it.")
class RestoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR")
    Path dir;

    @Option(names = "--tenant", paramLabel = "ORGANIZATION_ID", description = "only this tenant's documents")
    String tenant;

    @Option(names = "--into-tenant", paramLabel = "ORGANIZATION_ID", description = "restore --tenant's documents as this tenant's"
            + " (keys and tenant fields rewritten; the audit chain stays with its tenant)")
    String intoTenant;

    @Option(names = "--drop", description = "delete what is there first (the tenant's documents, or everything)")
    boolean drop;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            System.err.println("restore: no such directory: " + dir);
            return 2;
        }
        try (Parley parley = StoreOptions.connect()) {
            long files;
            try (var walk = Files.walk(dir, 2)) {
                files = walk.filter(f -> f.getFileName().toString().matches(".+\\.bson(\\.gz)?")).count();
            }
            Restored restored;
            try (ProgressBar bar = ProgressBars.onStderr("restore", files, " collections")) {
                restored = parley.restore(dir, tenant, drop, intoTenant, CollectionProgress.of(bar));
            }
            restored.collections().forEach(r -> System.out.printf("%-24s %,12d inserted %,10d already there%s%n", r.getString("collection"),
                    ((Number) r.get("inserted")).longValue(), ((Number) r.get("skipped")).longValue(),
                    r.get("note") == null ? "" : "  (" + r.get("note") + ")"));
            System.out.println("restored; run ./parley search reindex if the backup came from another system");
            return ReappliedErasures.print(restored.erasures());
        }
    }
}
