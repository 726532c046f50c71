package dev.parley.server.cli;

import dev.parley.Parley;
import dev.parley.documents.DocumentJson;
import org.bson.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code ./parley stats}: collections, sizes, indexes and documents per tenant (seed 000's monitoring). */
@Command(name = "stats", description = "Per collection: documents, data/storage size, indexes, documents per tenant;"
        + " the server's mode, versions and uptime. Reads every collection once.")
class StatsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "print the report as JSON (as GET /api/v1/admin/stats does)")
    boolean json;

    @Override
    public Integer call() {
        try (Parley parley = StoreOptions.connect()) {
            Document stats = parley.stats();
            if (json) {
                System.out.println(DocumentJson.write(stats));
                return 0;
            }
            Document server = stats.get("server", Document.class);
            System.out.printf("Parley %s, %s (%s), database %s, MongoDB %s%n", server.get("parley_version"), server.get("mode"),
                    server.get("detail"), server.get("database"), server.get("mongodb_version"));
            System.out.printf("%-24s %12s %12s %12s %8s  %s%n", "collection", "documents", "data MB", "storage MB", "indexes",
                    "documents per tenant");
            for (Document row : stats.getList("collections", Document.class)) {
                System.out.printf("%-24s %,12d %12s %12s %8d  %s%n", row.getString("collection"),
                        ((Number) row.get("documents")).longValue(), megabytes(row.get("data_size_bytes")),
                        megabytes(row.get("storage_size_bytes")), row.getInteger("index_count"),
                        tenants(row.get("documents_per_tenant", Document.class)));
            }
            Document totals = stats.get("totals", Document.class);
            System.out.printf("%-24s %,12d %12s%n", "total", ((Number) totals.get("documents")).longValue(),
                    megabytes(totals.get("data_size_bytes")));
            return 0;
        }
    }

    private static String megabytes(Object bytes) {
        return bytes instanceof Number n ? String.format("%.1f", n.doubleValue() / 1e6) : "n/a";
    }

    private static String tenants(Document counts) {
        StringBuilder out = new StringBuilder();
        counts.forEach((tenant, n) -> out.append(out.isEmpty() ? "" : ", ").append(tenant).append('=').append(n));
        return out.toString();
    }
}
