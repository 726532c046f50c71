package dev.parley.server.cli;

import dev.parley.NotFoundException;
import dev.parley.Parley;
import dev.parley.InvalidInputException;
import dev.parley.documents.DocumentJson;
import dev.parley.users.UserDirectory;
import org.bson.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code ./parley users create|list|set-password}: seed 003's user profiles from the shell. */
@Command(name = "users", description = "Manage users (seed 003 profiles) who log in with a password.",
        subcommands = {UsersCommand.Create.class, UsersCommand.ListUsers.class, UsersCommand.SetPassword.class})
class UsersCommand {

    /** The first line of stdin: the password, never an argument (it would show in ps and shell history). */
    static String passwordFromStdin() throws IOException {
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new InvalidInputException("password-stdin", "no password on standard input");
        }
        return line;
    }

    @Command(name = "create", description = "Create a user in a tenant; with --password-stdin the user can log in.")
    static class Create implements Callable<Integer> {

        @Option(names = "--tenant", required = true, description = "the tenant's organization_id")
        String tenant;

        @Option(names = "--user-id", required = true, description = "the user's id, unique in the tenant")
        String userId;

        @Option(names = "--role", defaultValue = "viewer", description = "viewer, admin or superadmin (default viewer)")
        String role;

        @Option(names = "--organization", description = "display name of the user's organization (default the tenant)")
        String organization;

        @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
        boolean passwordStdin;

        @Override
        public Integer call() throws IOException {
            try (Parley parley = StoreOptions.connect()) {
                parley.tenants().find(tenant).orElseThrow(() -> new NotFoundException("no tenant " + tenant
                        + " (create it first: ./parley tenants create " + tenant + ")"));
                Document input = new Document("user_id", userId.matches("\\d{1,18}") ? (Object) Long.parseLong(userId) : userId)
                        .append("role", role);
                if (organization != null) {
                    input.append("organization", organization);
                }
                if (passwordStdin) {
                    input.append("password", passwordFromStdin());
                }
                System.out.println(DocumentJson.write(parley.tenant(tenant).users().create(input)));
                return 0;
            }
        }
    }

    @Command(name = "list", description = "List a tenant's users.")
    static class ListUsers implements Callable<Integer> {

        @Option(names = "--tenant", required = true, description = "the tenant's organization_id")
        String tenant;

        @Option(names = "--role", description = "only this role")
        String role;

        @Override
        public Integer call() {
            try (Parley parley = StoreOptions.connect()) {
                System.out.printf("%-24s %-11s %-8s %s%n", "USER_ID", "ROLE", "LOGIN", "CREATED_AT");
                for (Document user : parley.tenant(StoreOptions.requireTenant(parley, tenant)).users().list(role, 1, UserDirectory.MAX_PAGE_SIZE)) {
                    System.out.printf("%-24s %-11s %-8s %s%n", user.get("user_id"), user.getString("role"),
                            Boolean.TRUE.equals(user.get("has_password")) ? "password" : "-", user.get("created_at"));
                }
                return 0;
            }
        }
    }

    @Command(name = "set-password", description = "Set a user's password from the first line of standard input.")
    static class SetPassword implements Callable<Integer> {

        @Option(names = "--tenant", required = true, description = "the tenant's organization_id")
        String tenant;

        @Option(names = "--user-id", required = true, description = "the user's id")
        String userId;

        @Override
        public Integer call() throws IOException {
            try (Parley parley = StoreOptions.connect()) {
                parley.tenant(StoreOptions.requireTenant(parley, tenant)).users().setPassword(userId, passwordFromStdin());
                System.out.println("password set for " + userId + " in " + tenant);
                return 0;
            }
        }
    }
}
