package io.getstream.spring.tasks;

/**
 * Error details that Stream attaches to a failed task. Fields the server left out are
 * empty strings.
 *
 * @param type the error type, such as {@code "export_failed"}
 * @param description the human-readable description
 * @param stackTrace the server-side stack trace text (sent as {@code stacktrace})
 * @param version the server version that reported the error
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public record TaskError(String type, String description, String stackTrace, String version) {

}
