package dev.parley.server.apidocs;

import dev.parley.analytics.Rollups;
import dev.parley.audit.AuditTrail;
import dev.parley.conversations.ConversationFields;
import dev.parley.conversations.Conversations;
import dev.parley.imports.ImportFormat;
import dev.parley.imports.UploadMetadata;
import dev.parley.messages.MessageFields;
import dev.parley.messages.MessageStatus;
import dev.parley.users.Role;
import dev.parley.users.UserDirectory;
import io.swagger.v3.oas.models.media.Schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The allowed values the API description lists, read from the code that checks them, so the
 * document cannot promise a value the API refuses. A schema names one with {@code x-parley-enum}.
 */
final class Vocabularies {

    static final String EXTENSION = "x-parley-enum";

    private static final Map<String, List<String>> VALUES = Map.ofEntries(
            Map.entry("directions", sorted(MessageFields.DIRECTIONS)),
            Map.entry("sender_types", sorted(MessageFields.SENDER_TYPES)),
            Map.entry("message_roles", sorted(MessageFields.ROLES)),
            Map.entry("message_types", sorted(MessageFields.MESSAGE_TYPES)),
            // in the order the latest status may move
            Map.entry("message_statuses", Arrays.stream(MessageStatus.values()).map(MessageStatus::wire).toList()),
            Map.entry("channels", sorted(Conversations.CHANNELS)),
            Map.entry("conversation_statuses", sorted(ConversationFields.STATUSES)),
            Map.entry("audit_actions", sorted(AuditTrail.ACTIONS)),
            Map.entry("upload_statuses", sorted(UploadMetadata.STATUSES)),
            Map.entry("import_formats", Arrays.stream(ImportFormat.values()).map(ImportFormat::wire).toList()),
            Map.entry("roles", Arrays.stream(Role.values()).map(Role::wire).toList()),
            Map.entry("themes", sorted(UserDirectory.THEMES)),
            Map.entry("metric_sources", Arrays.stream(Rollups.Source.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList()));

    private Vocabularies() {
    }

    static List<String> values(String name) {
        List<String> values = VALUES.get(name);
        if (values == null) {
            throw new IllegalStateException("the API description names an unknown vocabulary " + name + "; known: " + VALUES.keySet());
        }
        return values;
    }

    /** Replaces every {@code x-parley-enum} in {@code schema} and the schemas inside it by the values it names. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void apply(Schema schema) {
        if (schema == null) {
            return;
        }
        if (schema.getExtensions() != null && schema.getExtensions().remove(EXTENSION) instanceof String name) {
            schema.setEnum(new ArrayList<>(values(name)));
        }
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).values().forEach(Vocabularies::apply);
        }
        apply(schema.getItems());
        if (schema.getAdditionalProperties() instanceof Schema more) {
            apply(more);
        }
        for (List<Schema> parts : Arrays.asList(schema.getOneOf(), schema.getAnyOf(), schema.getAllOf())) {
            if (parts != null) {
                parts.forEach(Vocabularies::apply);
            }
        }
    }

    private static List<String> sorted(Collection<String> values) {
        return values.stream().sorted().toList();
    }
}
