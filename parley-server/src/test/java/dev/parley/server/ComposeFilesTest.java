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

    /** Issue 23: 8080 was published on every interface over plain HTTP, with unauthenticated metrics on it. */
    @Test
    @SuppressWarnings("unchecked")
    void productionPublishesOnlyTheTlsProxyAndKeepsManagementOffThePublicPort() throws Exception {
        Map<String, Map<String, Object>> services = services("docker-compose.prod.yml");
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            if (!service.getKey().equals("caddy")) {
                assertThat(service.getValue()).as(service.getKey() + " publishes no port").doesNotContainKey("ports");
            }
        }
        assertThat((List<String>) services.get("caddy").get("ports")).containsExactlyInAnyOrder("80:80", "443:443");
        Map<String, Object> parley = services.get("parley");
        Map<String, Object> env = (Map<String, Object>) parley.get("environment");
        assertThat(env.get("MANAGEMENT_SERVER_PORT")).isEqualTo("8081");
        assertThat(parley.get("healthcheck").toString()).contains("localhost:8081/actuator/health");
        assertThat((List<String>) parley.get("networks")).containsExactly("internal");
        String caddyfile = Files.readString(ROOT.resolve("deploy/Caddyfile"));
        assertThat(caddyfile).contains("reverse_proxy").containsPattern("@management path /actuator");
        assertThat(((List<String>) services.get("caddy").get("volumes"))).contains("./deploy/Caddyfile:/etc/caddy/Caddyfile:ro");
    }

    /** Issue 23: Parley connected as MongoDB's root; backups went to a root-owned host directory it cannot write. */
    @Test
    @SuppressWarnings("unchecked")
    void productionConnectsAsAnApplicationUserAndBacksUpIntoAVolumeItOwns() throws Exception {
        Map<String, Map<String, Object>> services = services("docker-compose.prod.yml");
        Map<String, Object> env = (Map<String, Object>) services.get("parley").get("environment");
        assertThat(env.get("MONGO_USER").toString()).contains("MONGO_APP_USERNAME").doesNotContain("ROOT");
        assertThat(env.get("MONGO_PASSWORD").toString()).contains("MONGO_APP_PASSWORD");
        assertThat((List<String>) services.get("mongodb").get("volumes")).contains("./deploy/mongo-init:/docker-entrypoint-initdb.d:ro");
        String init = Files.readString(ROOT.resolve("deploy/mongo-init/create-app-user.js"));
        assertThat(init).contains("createUser").contains("readWrite").doesNotContain("\"root\"").doesNotContain("readWriteAnyDatabase");
        List<String> volumes = (List<String>) services.get("parley").get("volumes");
        assertThat(volumes).contains("parley-backups:/backups").noneMatch(v -> v.startsWith("./"));
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).contains("chown parley:parley /data /backups");
        assertThat(Files.readString(ROOT.resolve(".env.example"))).contains("MONGO_APP_USERNAME=").contains("MONGO_APP_PASSWORD=")
                .contains("PARLEY_DOMAIN=");
    }

    /** Issue 23: no .dockerignore, so data/secret.key went into the build context; the dev Parley lost its key on down. */
    @Test
    @SuppressWarnings("unchecked")
    void secretsStayOutOfImagesAndTheDevelopmentKeySurvives() throws Exception {
        List<String> ignored = Files.readString(ROOT.resolve(".dockerignore")).lines().map(String::strip).toList();
        assertThat(ignored).contains(".env", "data/", "**/data/", "**/target/", ".git");
        assertThat((List<String>) services("docker-compose.yml").get("parley").get("volumes")).contains("./data/parley:/data");
    }

    /** Issue 23: the deployment a growing user moves to, checked as data like the others. */
    @Test
    @SuppressWarnings("unchecked")
    void theScaleOutFileRunsAReplicaSetWithMajorityWritesTwoInstancesAndRedisBehindTheProxy() throws Exception {
        Map<String, Map<String, Object>> services = services("docker-compose.scale.yml");
        assertThat(services).containsKeys("caddy", "mongo1", "mongo2", "mongo3", "mongo-init", "redis", "parley-a", "parley-b");
        for (String member : List.of("mongo1", "mongo2", "mongo3")) {
            assertThat(services.get(member).get("entrypoint").toString()).contains("--replSet rs0").contains("--keyFile");
            assertThat(services.get(member)).doesNotContainKey("ports");
        }
        for (String instance : List.of("parley-a", "parley-b")) {
            Map<String, Object> env = (Map<String, Object>) services.get(instance).get("environment");
            assertThat(env.get("MONGODB_URI").toString()).contains("replicaSet=rs0").contains("w=majority")
                    .contains("mongo1:27017,mongo2:27017,mongo3:27017");
            assertThat(env.get("REDIS_URL").toString()).startsWith("redis://");
            assertThat(env).containsKey("PARLEY_SECRET_KEY");
            assertThat(services.get(instance)).doesNotContainKey("ports");
        }
        Map<String, Object> caddyEnv = (Map<String, Object>) services.get("caddy").get("environment");
        assertThat(caddyEnv.get("PARLEY_UPSTREAMS").toString()).contains("parley-a:8080").contains("parley-b:8080");
        assertThat(Files.readString(ROOT.resolve(".gitignore")).lines()).contains("deploy/mongo-keyfile");
        assertThat(Files.readString(ROOT.resolve("docs/scaling.md"))).contains("shardCollection").contains("w: majority");
    }
}
