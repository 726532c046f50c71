package dev.parley.bench;

import java.util.List;

/** What a scenario found: table rows, and notes printed under the table. */
public record ScenarioReport(List<? extends ResultRow> rows, List<String> notes) {
}
