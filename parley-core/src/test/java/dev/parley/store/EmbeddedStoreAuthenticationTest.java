package dev.parley.store;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoSecurityException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.parley.Parley;
import dev.parley.ParleyConfig;
import dev.parley.StoreAccess;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 23: the loopback port of the embedded store (data/mongo.port) answered any local client and
 * gave it every tenant's data. Now it takes SCRAM-SHA-256 credentials kept in data/mongo.password
 * (0600); a standard driver connects with them, and nothing else reads or writes.
 */
class EmbeddedStoreAuthenticationTest {

    @TempDir
    Path dataDir;

    @Test
    void aClientWithoutTheStoresPasswordReadsNothing() throws Exception {
        ParleyConfig config = ParleyConfig.from(Map.of("PARLEY_DATA_DIR", dataDir.toString(), "PARLEY_EMBEDDED", "h2"));
        try (Parley owner = Parley.connect(config)) {
            owner.tenant("acme").documents("notes").insert(new Document("_id", "secret-note").append("text", "only acme"));
            int port = Integer.parseInt(Files.readString(dataDir.resolve("mongo.port")).trim());
            Path passwordFile = dataDir.resolve("mongo.password");
            assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String password = Files.readString(passwordFile).trim();
            assertThat(password).hasSizeGreaterThanOrEqualTo(32);

            // what the issue did: a standard client on the port, no credentials
            try (MongoClient anonymous = client("mongodb://127.0.0.1:" + port + "/")) {
                assertThat(anonymous.getDatabase("admin").runCommand(new Document("ping", 1)).get("ok")).isEqualTo(1.0);
                assertThatThrownBy(() -> anonymous.listDatabaseNames().into(new ArrayList<>()))
                        .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode()).isEqualTo(13));
                assertThatThrownBy(() -> anonymous.getDatabase("parley").getCollection("u_notes").find().first())
                        .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode()).isEqualTo(13));
                assertThatThrownBy(() -> anonymous.getDatabase("parley").getCollection("u_notes").insertOne(new Document("x", 1)))
                        .isInstanceOf(MongoCommandException.class);
            }
            // the right user with a wrong password
            try (MongoClient guessing = client("mongodb://parley:not-the-password@127.0.0.1:" + port + "/?authSource=admin")) {
                assertThatThrownBy(() -> guessing.listDatabaseNames().into(new ArrayList<>())).isInstanceOf(MongoSecurityException.class);
            }
            // what the README tells a person: the user parley and the password in data/mongo.password
            // (no mechanism named: the driver asks the server, which offers SCRAM-SHA-256)
            try (MongoClient allowed = client("mongodb://parley:" + password + "@127.0.0.1:" + port + "/?authSource=admin")) {
                assertThat(allowed.listDatabaseNames().into(new ArrayList<>())).contains("parley");
                Document found = allowed.getDatabase("parley").getCollection("u_notes").find(new Document("text", "only acme")).first();
                assertThat(found).isNotNull();
            }
            // a second process on the data directory (a CLI command beside the server) finds the password itself
            try (Parley beside = Parley.connect(config)) {
                assertThat(StoreAccess.of(beside).modeDetail()).contains("served by another Parley process");
                assertThat(beside.tenant("acme").documents("notes").get("secret-note")).isNotNull();
            }
        }
        // the password is the data directory's: the next start keeps it (long-lived tools keep working)
        String before = Files.readString(dataDir.resolve("mongo.password")).trim();
        try (Parley reopened = Parley.connect(config)) {
            assertThat(reopened.tenant("acme").documents("notes").get("secret-note")).isNotNull();
        }
        assertThat(Files.readString(dataDir.resolve("mongo.password")).trim()).isEqualTo(before);
    }

    @Test
    void aPasswordFileOthersCouldReadIsMadeOwnerOnlyAgain() throws Exception {
        Files.writeString(dataDir.resolve("mongo.password"), "restored-from-a-backup-0123456789abcdef");
        Files.setPosixFilePermissions(dataDir.resolve("mongo.password"), PosixFilePermissions.fromString("rw-r--r--"));
        ParleyConfig config = ParleyConfig.from(Map.of("PARLEY_DATA_DIR", dataDir.toString(), "PARLEY_EMBEDDED", "h2"));
        try (Parley owner = Parley.connect(config)) {
            owner.tenant("acme").documents("notes").insert(new Document("_id", "n"));
        }
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("mongo.password"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    private static MongoClient client(String uri) {
        return MongoClients.create(com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString(uri))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(5, TimeUnit.SECONDS)).build());
    }
}
