package dev.parley.server;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs here, so the compose files are checked as data: development publishes
 * MongoDB on loopback with its data on the host; production publishes neither MongoDB nor Redis,
 * takes credentials from .env, and gives every service a restart policy, limits and a health check.
 */
class ComposeFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services(String file) throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve(file)));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void developmentRunsMongoRedisAndParleyWithMongoDataOnTheHostAndPortsOnLoopback() throws Exception {
        Map<String, Map<String, Object>> services = services("docker-compose.yml");

        assertThat(services).containsKeys("mongodb", "redis", "parley");
        assertThat(String.valueOf(services.get("mongodb").get("image"))).startsWith("mongo:7");
        assertThat((List<String>) services.get("mongodb").get("volumes")).contains("./data/mongodb:/data/db");
        for (Map<String, Object> service : services.values()) {
            for (Object port : (List<?>) service.getOrDefault("ports", List.of())) {
                assertThat(port.toString()).startsWith("127.0.0.1:");
            }
            assertThat(service).containsKey("healthcheck");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void productionExposesNoDatabaseAndTakesCredentialsFromEnv() throws Exception {
        Map<String, Map<String, Object>> services = services("docker-compose.prod.yml");

        assertThat(services.get("mongodb")).doesNotContainKey("ports");
        assertThat(services.get("redis")).doesNotContainKey("ports");
        Map<String, Object> mongoEnv = (Map<String, Object>) services.get("mongodb").get("environment");
        assertThat(mongoEnv.get("MONGO_INITDB_ROOT_USERNAME").toString()).contains("${MONGO_ROOT_USERNAME");
        assertThat(mongoEnv.get("MONGO_INITDB_ROOT_PASSWORD").toString()).contains("${MONGO_ROOT_PASSWORD");
        assertThat(((List<String>) services.get("mongodb").get("volumes"))).anyMatch(v -> v.endsWith(":/data/db"));
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            assertThat(service.getValue()).as(service.getKey()).containsKeys("restart", "healthcheck", "deploy");
            assertThat(service.getValue().get("networks").toString()).as(service.getKey()).contains("internal");
        }
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.prod.yml")));
        Map<String, Map<String, Object>> networks = (Map<String, Map<String, Object>>) compose.get("networks");
        assertThat(networks.get("internal")).containsEntry("internal", true);
        String example = Files.readString(ROOT.resolve(".env.example"));
        assertThat(example).contains("MONGO_ROOT_USERNAME=").contains("MONGO_ROOT_PASSWORD=").contains("PARLEY_SECRET_KEY=");
        assertThat(Files.readString(ROOT.resolve(".gitignore")).lines()).contains(".env");
    }

    @Test
    void theImageRunsAsAnUnprivilegedUserWithAHealthCheck() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).containsPattern("(?m)^FROM .+ AS build$").containsPattern("(?m)^USER parley$")
                .contains("HEALTHCHECK").contains("/actuator/health/liveness");
    }
}
