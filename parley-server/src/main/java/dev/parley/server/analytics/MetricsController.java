package dev.parley.server.analytics;

import dev.parley.server.auth.RequiresRole;
import dev.parley.users.Role;
import dev.parley.TenantScope;
import dev.parley.analytics.Rollups;
import dev.parley.documents.DocumentJson;
import dev.parley.fields.InputFields;
import dev.parley.server.web.JsonReplies;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 000's analytics over REST: {@code log_metric}, {@code get_daily_stats},
 * {@code get_hourly_stats}, and the messaging funnel. Stats come in the tenant's time zone unless
 * {@code tz} names another; {@code tag.<name>=<value>} keeps the values with that tag;
 * {@code source=points} (the default) counts only the points the tenant logged, {@code source=messages} only what
 * Parley's message writes counted ({@code messages_sent}, …), {@code source=all} both.
 */
@RestController
@RequiresRole(Role.VIEWER)
class MetricsController {

    private final ReportCache reports;

    MetricsController(ReportCache reports) {
        this.reports = reports;
    }

    /**
     * One metric (201 with the stored point; 200 when its {@code metric_id} was stored before), or
     * an array of up to 1,000 (201 with {@code {"metrics": [...], "count": n}}).
     */
    @RequiresRole(Role.ADMIN)
    @PostMapping(path = "/api/v1/metrics", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> log(TenantScope tenant, @RequestBody String body) {
        boolean many = body.strip().startsWith("[");
        List<Document> stored = tenant.analytics().logAll(DocumentJson.parseObjects("body", body));
        if (many) {
            return JsonReplies.list(HttpStatus.CREATED, "metrics", stored, tenant, null);
        }
        Document one = stored.get(0);
        return JsonReplies.one(one.getBoolean("created") ? HttpStatus.CREATED : HttpStatus.OK, one, tenant);
    }

    /** {@code [{"_id": "2026-01-27", "total": 1500, "count": 12, "average": 125}, …]}, oldest day first. */
    @GetMapping("/api/v1/metrics/{metricType}/daily")
    ResponseEntity<String> daily(TenantScope tenant, @PathVariable String metricType,
                                 @RequestParam(defaultValue = "30") int days, @RequestParam(required = false) String tz,
                                 @RequestParam(required = false) String source,
                                 @RequestParam Map<String, String> parameters) {
        ZoneId zone = zone(tenant, tz);
        Rollups.Source from = Rollups.Source.parse(source);
        return json(reports.get(tenant.organizationId(), "daily:" + metricType + ":" + zone.getId(), parameters, () ->
                DocumentJson.write(tenant.analytics().daily(metricType, days, zone, tags(parameters), from))));
    }

    /** Like daily, per local hour: {@code _id} {@code 2026-01-27T14:00+03:00}. */
    @GetMapping("/api/v1/metrics/{metricType}/hourly")
    ResponseEntity<String> hourly(TenantScope tenant, @PathVariable String metricType,
                                  @RequestParam(defaultValue = "24") int hours, @RequestParam(required = false) String tz,
                                  @RequestParam(required = false) String source,
                                  @RequestParam Map<String, String> parameters) {
        ZoneId zone = zone(tenant, tz);
        Rollups.Source from = Rollups.Source.parse(source);
        return json(reports.get(tenant.organizationId(), "hourly:" + metricType + ":" + zone.getId(), parameters, () ->
                DocumentJson.write(tenant.analytics().hourly(metricType, hours, zone, tags(parameters), from))));
    }

    /** Sent → delivered → read, failure codes, pricing categories, median times; from message writes. */
    @GetMapping("/api/v1/analytics/messaging")
    ResponseEntity<String> messaging(TenantScope tenant, @RequestParam(defaultValue = "30") int days,
                                     @RequestParam(required = false) String tz) {
        ZoneId zone = zone(tenant, tz);
        return json(reports.get(tenant.organizationId(), "messaging:" + zone.getId(), Map.of("days", Integer.toString(days)), () ->
                JsonReplies.one(HttpStatus.OK, tenant.analytics().messaging(days, zone), tenant).getBody()));
    }

    private static ZoneId zone(TenantScope tenant, String tz) {
        return InputFields.zone("tz", tz, tenant.timeZone());
    }

    private static Map<String, String> tags(Map<String, String> parameters) {
        Map<String, String> tags = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (name.startsWith("tag.")) {
                tags.put(name.substring(4), value);
            }
        });
        return tags;
    }

    private static ResponseEntity<String> json(String body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
