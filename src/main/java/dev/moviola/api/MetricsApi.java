package dev.moviola.api;

import dev.moviola.metrics.PrometheusMeters;
import io.javalin.config.RoutesConfig;

/**
 * {@code GET /metrics}: the process's meters in the Prometheus text format 0.0.4 (docs/operations.md#metrics). No
 * API key: Prometheus scrapes without one, and what it shows names no job, key or URL; operators keep it off the
 * internet by network (docs/operations.md says how).
 */
final class MetricsApi {
    private final PrometheusMeters meters;

    MetricsApi(PrometheusMeters meters) {
        this.meters = meters;
    }

    void routes(RoutesConfig routes) {
        routes.get("/metrics", ctx -> ctx.status(200).contentType(PrometheusMeters.contentType()).result(meters.scrape()));
    }
}
