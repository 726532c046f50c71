package dev.parley.server;

import dev.parley.server.analytics.AnalyticsSettings;
import dev.parley.server.auth.AuthSettings;
import dev.parley.server.backup.BackupSettings;
import dev.parley.server.health.HealthSettings;
import dev.parley.server.retention.RetentionSettings;
import dev.parley.server.web.WebSettings;
import dev.parley.server.webhooks.WebhookSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's settings records read the environment variables users set (and README lists) under
 * the same names and with the same defaults as before they were records: Spring Boot's own mapping
 * from a {@code systemEnvironment} source, the one the real process environment goes through.
 */
class SettingsFromEnvironmentTest {

    private static final List<Class<? extends Record>> SETTINGS = List.of(StartupSettings.class, AuthSettings.class,
            WebSettings.class, HealthSettings.class, BackupSettings.class, RetentionSettings.class, AnalyticsSettings.class,
            WebhookSettings.class);

    /** Every server setting users set, with a value other than its default. */
    private static final Map<String, String> ENVIRONMENT = new LinkedHashMap<>();

    static {
        ENVIRONMENT.put("PARLEY_INIT_DB", "false");
        ENVIRONMENT.put("PARLEY_MIGRATE", "false");
        ENVIRONMENT.put("PARLEY_BOOTSTRAP_KEY", "boot-key");
        ENVIRONMENT.put("PARLEY_ADMIN_KEY", "admin-key");
        ENVIRONMENT.put("PARLEY_ACCESS_TOKEN_MINUTES", "5");
        ENVIRONMENT.put("PARLEY_REFRESH_TOKEN_DAYS", "2");
        ENVIRONMENT.put("PARLEY_RATE_LIMIT_API_KEY", "100/1h");
        ENVIRONMENT.put("PARLEY_RATE_LIMIT_TENANT", "1000/1h");
        ENVIRONMENT.put("PARLEY_RATE_LIMIT_LOGIN", "6/1m");
        ENVIRONMENT.put("PARLEY_MAX_BODY_BYTES", "65536");
        ENVIRONMENT.put("PARLEY_HEALTH_TIMEOUT_MS", "500");
        ENVIRONMENT.put("PARLEY_BACKUP_CRON", "0 0 3 * * *");
        ENVIRONMENT.put("PARLEY_BACKUP_DIR", "/var/backups/parley");
        ENVIRONMENT.put("PARLEY_BACKUP_KEEP", "3");
        ENVIRONMENT.put("PARLEY_RETENTION_SWEEP_MINUTES", "0");
        ENVIRONMENT.put("PARLEY_REPORT_CACHE_SECONDS", "30");
        ENVIRONMENT.put("PARLEY_PUBLIC_URL", "https://parley.example.com");
        ENVIRONMENT.put("PARLEY_UNROUTED_LIMIT_ADDRESS", "10/1h");
        ENVIRONMENT.put("PARLEY_UNROUTED_LIMIT_ID", "3/1h");
        ENVIRONMENT.put("PARLEY_UNROUTED_PREFIX_BYTES", "4096");
        ENVIRONMENT.put("PARLEY_UNROUTED_MAX_BYTES", "1048576");
        ENVIRONMENT.put("PARLEY_WEBHOOK_ACK", "applied");
        ENVIRONMENT.put("PARLEY_WEBHOOK_UNAPPLIED_BYTES", "1000000");
    }

    @Test
    void everyVariableReachesItsSetting() {
        Binder binder = binderOver(ENVIRONMENT);
        assertThat(bind(binder, StartupSettings.class)).isEqualTo(new StartupSettings(false, false, "boot-key"));
        assertThat(bind(binder, AuthSettings.class)).isEqualTo(new AuthSettings("admin-key", 5, 2, "100/1h", "1000/1h", "6/1m"));
        assertThat(bind(binder, WebSettings.class)).isEqualTo(new WebSettings(65536));
        assertThat(bind(binder, HealthSettings.class)).isEqualTo(new HealthSettings(500));
        assertThat(bind(binder, BackupSettings.class)).isEqualTo(new BackupSettings("0 0 3 * * *", "/var/backups/parley", 3));
        assertThat(bind(binder, RetentionSettings.class)).isEqualTo(new RetentionSettings(0));
        assertThat(bind(binder, AnalyticsSettings.class)).isEqualTo(new AnalyticsSettings(30));
        assertThat(bind(binder, WebhookSettings.class)).isEqualTo(new WebhookSettings("https://parley.example.com",
                new WebhookSettings.Unrouted("10/1h", "3/1h", 4096, 1_048_576), "applied", 1_000_000));
    }

    /** The defaults the {@code @Value("${PARLEY_…:default}")} lookups had, and README's table shows. */
    @Test
    void unsetVariablesKeepTheirDefaults() {
        Binder binder = binderOver(Map.of());
        assertThat(bind(binder, StartupSettings.class)).isEqualTo(new StartupSettings(true, true, ""));
        assertThat(bind(binder, AuthSettings.class)).isEqualTo(new AuthSettings("", 15, 14, "", "", "20/1m"));
        assertThat(bind(binder, WebSettings.class)).isEqualTo(new WebSettings(10_485_760));
        assertThat(bind(binder, HealthSettings.class)).isEqualTo(new HealthSettings(2000));
        assertThat(bind(binder, BackupSettings.class)).isEqualTo(new BackupSettings("", "", 7));
        assertThat(bind(binder, RetentionSettings.class)).isEqualTo(new RetentionSettings(60));
        assertThat(bind(binder, AnalyticsSettings.class)).isEqualTo(new AnalyticsSettings(60));
        assertThat(bind(binder, WebhookSettings.class)).isEqualTo(new WebhookSettings("",
                new WebhookSettings.Unrouted("60/1m", "100/1h", 16_384, 67_108_864), "auto", 4_194_304));
    }

    /** {@code --PARLEY_X=…} and {@code -DPARLEY_X=…} set a setting as they did before it was a record, above the environment. */
    @Test
    void upperCaseNamesGivenAsArgumentsOrSystemPropertiesStillReachTheirSettings() {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("PARLEY_BACKUP_KEEP", "3", "PARLEY_BACKUP_DIR", "/env")));
        sources.replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, new MapPropertySource(
                StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, Map.of("PARLEY_BACKUP_DIR", "/property", "PARLEY_BACKUP_KEEP", "4")));
        sources.addFirst(new SimpleCommandLinePropertySource("--PARLEY_BACKUP_KEEP=5", "--PARLEY_ADMIN_KEY=from-argument"));

        new UpperCaseSettingNames().postProcessEnvironment(environment, new SpringApplication());

        Binder binder = Binder.get(environment);
        assertThat(bind(binder, BackupSettings.class)).isEqualTo(new BackupSettings("", "/property", 5));
        assertThat(bind(binder, AuthSettings.class).adminKey()).isEqualTo("from-argument");
    }

    /** README's configuration table names every variable the records read. */
    @Test
    void readmeListsEverySetting() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (String variable : ENVIRONMENT.keySet()) {
            assertThat(readme).as(variable).contains("`" + variable + "`");
        }
    }

    /** Each record reads only variables of the list above: a new setting needs its line there (and in README). */
    @Test
    void noSettingIsLeftOutOfTheList() {
        Binder full = binderOver(ENVIRONMENT);
        Binder none = binderOver(Map.of());
        for (Class<? extends Record> type : SETTINGS) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getType().isRecord()) {
                    continue; // nested: compared as a whole in everyVariableReachesItsSetting
                }
                assertThat(value(bind(full, type), component)).as(type.getSimpleName() + "." + component.getName())
                        .isNotEqualTo(value(bind(none, type), component));
            }
        }
    }

    private static Binder binderOver(Map<String, String> environment) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new LinkedHashMap<String, Object>(environment)));
        return new Binder(ConfigurationPropertySources.from(sources));
    }

    private static <T> T bind(Binder binder, Class<T> type) {
        return binder.bindOrCreate(type.getAnnotation(ConfigurationProperties.class).value(), type);
    }

    private static Object value(Object record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
