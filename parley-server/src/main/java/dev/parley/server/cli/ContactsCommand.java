package dev.parley.server.cli;

import dev.parley.Parley;
import dev.parley.TenantScope;
import dev.parley.contacts.ErasureReapply;
import dev.parley.documents.DocumentJson;
import me.tongfei.progressbar.ProgressBar;
import org.bson.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.Scanner;

/** {@code ./parley contacts …}: the people a tenant talks to, their data export and their erasure. */
@Command(name = "contacts", description = "Contacts: list, show, merge, export a contact's data, erase it, re-apply erasures after a restore.",
        subcommands = {ContactsCommand.ListContacts.class, ContactsCommand.Show.class, ContactsCommand.Merge.class,
                ContactsCommand.Export.class, ContactsCommand.Erase.class, ContactsCommand.Report.class,
                ContactsCommand.ReapplyErasures.class})
class ContactsCommand {

    /** What every subcommand names: the tenant. */
    abstract static class InTenant implements Callable<Integer> {

        @Option(names = "--tenant", required = true, paramLabel = "ORGANIZATION_ID", description = "the tenant (must exist)")
        String tenant;

        @Override
        public Integer call() throws Exception {
            try (Parley parley = StoreOptions.connect()) {
                return run(parley.tenant(StoreOptions.requireTenant(parley, tenant)));
            }
        }

        abstract Integer run(TenantScope tenant) throws Exception;
    }

    @Command(name = "list", description = "Contacts in id order; --q finds by phone number, email or part of a name.")
    static class ListContacts extends InTenant {

        @Option(names = "--q", paramLabel = "TEXT", description = "a phone number, an email address or part of a name")
        String q;

        @Option(names = "--limit", defaultValue = "50", description = "at most this many (1-200; default ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--cursor", paramLabel = "CONTACT_ID", description = "continue after this contact")
        String cursor;

        @Override
        Integer run(TenantScope tenant) {
            List<Document> page = tenant.contacts().list(q, limit, cursor);
            for (Document contact : page) {
                System.out.printf("%-36s %-28s %s%n", contact.getString("contact_id"),
                        contact.getString("display_name") == null ? "-" : contact.getString("display_name"),
                        String.join(", ", contact.getList("identifiers", Document.class, List.of()).stream()
                                .map(i -> i.getString("value")).toList()));
            }
            System.err.println(page.size() + " contacts" + (page.size() == limit ? "; more after " + page.get(page.size() - 1)
                    .getString("contact_id") : ""));
            return 0;
        }
    }

    @Command(name = "show", description = "One contact with its conversations, as JSON.")
    static class Show extends InTenant {

        @Parameters(paramLabel = "CONTACT_ID")
        String contactId;

        @Override
        Integer run(TenantScope tenant) {
            System.out.println(DocumentJson.write(tenant.contacts().get(contactId)));
            return 0;
        }
    }

    @Command(name = "merge", description = "Merge contact OTHER into CONTACT_ID (its identifiers and conversations move; it goes).")
    static class Merge extends InTenant {

        @Parameters(index = "0", paramLabel = "CONTACT_ID")
        String contactId;

        @Parameters(index = "1", paramLabel = "OTHER")
        String other;

        @Override
        Integer run(TenantScope tenant) {
            System.out.println(DocumentJson.write(tenant.contacts().update(contactId, new Document("merge", other))));
            return 0;
        }
    }

    @Command(name = "export", description = "Export everything about a contact into one zip (GDPR article 15), with a progress bar.")
    static class Export extends InTenant {

        @Parameters(paramLabel = "CONTACT_ID")
        String contactId;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the zip")
        Path out;

        @Override
        Integer run(TenantScope tenant) throws IOException {
            Document job;
            try (ProgressBar bar = ProgressBars.onStderr("export " + contactId, 100, "%")) {
                job = tenant.contactExport().runHere(contactId, bar::stepTo);
            }
            if (!"done".equals(job.getString("status"))) {
                System.err.println("contacts export: failed: " + job.getString("error"));
                return 1;
            }
            Files.copy(tenant.contactExport().archive(contactId, job.getString("export_id")), out, StandardCopyOption.REPLACE_EXISTING);
            System.err.printf("contacts export: %,d documents, %,d bytes in %s%n", job.getLong("documents"), Files.size(out), out);
            return 0;
        }
    }

    @Command(name = "erase", description = "Erase a contact's personal data everywhere (GDPR article 17, PDPL); asks first unless --yes."
            + " Refused under a legal hold. Prints the erasure report.")
    static class Erase extends InTenant {

        @Parameters(paramLabel = "CONTACT_ID")
        String contactId;

        @Option(names = "--yes", description = "do not ask for confirmation")
        boolean yes;

        @Override
        Integer run(TenantScope tenant) {
            if (!yes) {
                Document contact = tenant.contacts().get(contactId);
                System.err.printf("Erase %s (%s) and everything about them in tenant %s? This cannot be undone. Type the contact id: ",
                        contactId, contact.getString("display_name"), tenant.organizationId());
                String typed = System.console() == null ? new Scanner(System.in).nextLine() : System.console().readLine();
                if (!contactId.equals(typed == null ? null : typed.strip())) {
                    System.err.println("contacts erase: not confirmed, nothing erased");
                    return 1;
                }
            }
            Document record = tenant.contactErasure().erase(contactId);
            System.out.println(DocumentJson.write(record));
            return record.get("report", Document.class).getBoolean("clean") ? 0 : 1;
        }
    }

    @Command(name = "report", description = "The erasure report of an erased contact: every collection walked and what was found.")
    static class Report extends InTenant {

        @Parameters(paramLabel = "CONTACT_ID")
        String contactId;

        @Override
        Integer run(TenantScope tenant) {
            System.out.println(DocumentJson.write(tenant.contactErasure().report(contactId)));
            return 0;
        }
    }

    @Command(name = "reapply-erasures", description = "After restoring a backup by other means (mongorestore): erase again every"
            + " contact of the tenant (or of every tenant) that an erasure in the erasure log finds by its identifiers."
            + " Running it again changes nothing. Exit 3 when a legal hold kept an erasure from it.")
    static class ReapplyErasures implements Callable<Integer> {

        @Option(names = "--tenant", paramLabel = "ORGANIZATION_ID", description = "only this tenant (default: every tenant)")
        String tenant;

        @Override
        public Integer call() {
            try (Parley parley = StoreOptions.connect()) {
                Map<String, ErasureReapply.Outcome> outcomes = new TreeMap<>();
                for (String organization : StoreOptions.tenants(parley, tenant)) {
                    outcomes.put(organization, parley.tenant(organization).contactErasure().reapply());
                }
                return ReappliedErasures.print(outcomes);
            }
        }
    }
}
