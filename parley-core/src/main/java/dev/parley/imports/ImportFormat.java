package dev.parley.imports;

import dev.parley.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;

/**
 * What an upload holds. {@code seed002}: seed 002's {@code message_statuses} documents, as JSON
 * lines or one JSON array ({@code mongoexport} with or without {@code --jsonArray}).
 */
public enum ImportFormat {
    WHATSAPP_EXPORT("whatsapp-export"), JSONL("jsonl"), JSON("json"), CSV("csv"), LOG("log"), SEED002("seed002");

    private final String wire;

    ImportFormat(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static ImportFormat parse(String value) {
        String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.wire.equals(wanted)).findFirst()
                .orElseThrow(() -> new InvalidInputException("format", "must be one of whatsapp-export, jsonl, json, csv, log, seed002"));
    }
}
