package dev.parley.server.cli;

import picocli.CommandLine.Command;

/** {@code ./parley <command>}: the server and the operator CLI in one jar. */
@Command(name = "parley", mixinStandardHelpOptions = true, version = "Parley 0.1.0",
        description = "Self-hostable conversation data platform on MongoDB.",
        subcommands = {ServeCommand.class, InitDbCommand.class, TenantsCommand.class, WebhooksCommand.class,
                StatusesCommand.class, AuditCommand.class, AnalyticsCommand.class, RetentionCommand.class, SearchCommand.class, ImportCommand.class, StatsCommand.class, MigrateCommand.class, SeedCommand.class, BackupCommand.class, RestoreCommand.class,
                UsersCommand.class, EmbeddedMongoCommand.class})
public class ParleyCommand {
}
