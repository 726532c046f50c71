package dev.parley.server.cli;

import dev.parley.Parley;
import dev.parley.documents.DocumentJson;
import dev.parley.imports.ImportFormat;
import dev.parley.imports.ImportRequest;
import dev.parley.imports.Imports;
import me.tongfei.progressbar.ProgressBar;
import org.bson.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ./parley import FILE --format .. --tenant ..}: an import job run here, with a progress bar. */
@Command(name = "import", description = "Import a file into a tenant: whatsapp-export, jsonl, json, csv or log."
        + " Bad lines are reported and skipped; the same file twice is detected (use --force to import it again).")
class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--format", required = true, description = "whatsapp-export, jsonl, json, csv or log")
    String format;

    @Option(names = "--tenant", required = true, paramLabel = "ORGANIZATION_ID", description = "the tenant to import into (must exist)")
    String tenant;

    @Option(names = "--source", description = "seed 003's source (e.g. the system the file came from)")
    String source;

    @Option(names = "--environment", description = "seed 003's environment (e.g. production)")
    String environment;

    @Option(names = "--service-name", description = "seed 003's service name (the service that wrote the log)")
    String serviceName;

    @Option(names = "--conversation-id", description = "the conversation a chat export (or messages without one) belong to")
    String conversationId;

    @Option(names = "--channel", description = "the channel of a chat export's conversation (default whatsapp)")
    String channel;

    @Option(names = "--me", description = "in a chat export, the name of the exporting user: their messages are outbound")
    String me;

    @Option(names = "--map", description = "CSV: message field=column pairs, e.g. content=text,created_at=time")
    String map;

    @Option(names = "--force", description = "import even if this file was imported before (messages are never duplicated)")
    boolean force;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            System.err.println("import: no such file: " + file);
            return 2;
        }
        ImportRequest request = new ImportRequest(ImportFormat.parse(format), file.getFileName().toString(), source, environment,
                serviceName, null, conversationId, channel, me, ImportRequest.columns(map), force);
        try (Parley parley = StoreOptions.connect(); InputStream in = Files.newInputStream(file);
             ProgressBar bar = ProgressBars.onStderr("import " + file.getFileName(), 100, "%")) {
            Imports.Accepted done = parley.tenant(StoreOptions.requireTenant(parley, tenant)).imports().run(in, request, bar::stepTo);
            bar.stepTo(100);
            Document upload = done.upload();
            System.out.println(DocumentJson.write(upload));
            if (upload.get("retention") instanceof Document retention && retention.getString("warning") != null) {
                System.err.println("import: " + retention.getString("warning"));
            }
            if (done.duplicate()) {
                System.err.println("import: this file was imported before as " + upload.getString("upload_id")
                        + " (use --force to import it again)");
            }
            return "failed".equals(upload.getString("status")) ? 1 : 0;
        }
    }
}
