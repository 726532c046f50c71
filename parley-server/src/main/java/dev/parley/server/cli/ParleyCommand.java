package dev.parley.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * {@code ./parley <command>}: the server and the operator CLI in one jar. Every command inherits
 * {@code --help} and {@code --version} and shows its options' defaults.
 */
@Command(name = "parley", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, showDefaultValues = true, version = "Parley 0.1.0",
        description = {"Self-hostable conversation data platform on MongoDB.",
                "Errors are one line; add --verbose (anywhere) for the stack trace."},
        subcommands = {ServeCommand.class, InitDbCommand.class, TenantsCommand.class, WebhooksCommand.class,
                StatusesCommand.class, AuditCommand.class, AnalyticsCommand.class, RetentionCommand.class, SearchCommand.class, ImportCommand.class, StatsCommand.class, MigrateCommand.class, SeedCommand.class, BackupCommand.class, RestoreCommand.class,
                UsersCommand.class, EmbeddedMongoCommand.class, ContactsCommand.class})
public class ParleyCommand {
}
