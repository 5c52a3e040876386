package dev.moviola.job;

/**
 * A message to send about a job — a callback event or an export webhook — as the API that owns its shape built it.
 *
 * @param kind        {@code callback} or {@code webhook}
 * @param event       {@code progress}, {@code done}, {@code failed} or {@code cancelled}
 * @param contentType the body's media type ({@code application/json} or {@code application/x-www-form-urlencoded})
 */
public record Notice(String kind, String event, String url, String contentType, String body) {
}
