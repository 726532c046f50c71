package dev.parley.server;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@code --PARLEY_ADMIN_KEY=…} and {@code -DPARLEY_ADMIN_KEY=…} working as they did before
 * the settings became records: Spring Boot maps the upper-case names onto {@code parley.admin-key}
 * only for a source it treats as the environment (named {@code …-systemEnvironment}), so the
 * {@code PARLEY_…} entries of every other source are offered again as such a source, right after
 * their own, which keeps their precedence (arguments over system properties over the environment).
 */
public class UpperCaseSettingNames implements EnvironmentPostProcessor {

    private static final String SUFFIX = "-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<PropertySource<?>> sources = new ArrayList<>();
        environment.getPropertySources().forEach(sources::add);
        for (PropertySource<?> source : sources) {
            if (!(source instanceof EnumerablePropertySource<?> names) || source instanceof SystemEnvironmentPropertySource
                    || source.getName().endsWith(SUFFIX)) {
                continue;
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            for (String name : names.getPropertyNames()) {
                if (name.startsWith("PARLEY_")) {
                    settings.put(name, source.getProperty(name));
                }
            }
            if (!settings.isEmpty()) {
                environment.getPropertySources().addAfter(source.getName(),
                        new SystemEnvironmentPropertySource(source.getName() + SUFFIX, settings));
            }
        }
    }
}
