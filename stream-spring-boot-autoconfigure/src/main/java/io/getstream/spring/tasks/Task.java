package io.getstream.spring.tasks;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Immutable snapshot of a Stream task as returned by {@code GET /api/v2/tasks/{id}}.
 *
 * @param taskId the task id
 * @param status the raw status; values this library does not know are kept as sent
 * @param createdAt when the task was created, or {@code null} when absent or unreadable
 * @param updatedAt when the task last changed, or {@code null} when absent or unreadable
 * @param duration the server time spent on the request, such as {@code "36.23ms"}, or an
 * empty string
 * @param result the operation-specific result, empty when absent
 * @param error the error details of a failed task, or {@code null}
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public record Task(String taskId, String status, @Nullable Instant createdAt, @Nullable Instant updatedAt,
		String duration, Map<String, Object> result, @Nullable TaskError error) {

	/**
	 * Status of a task that ended successfully.
	 */
	public static final String COMPLETED = "completed";

	/**
	 * Status of a task that ended with an error.
	 */
	public static final String FAILED = "failed";

	/**
	 * Failure status that some Stream responses use in place of {@value #FAILED}.
	 */
	public static final String ERROR = "error";

	/**
	 * Creates a snapshot, copying the result map so the snapshot stays immutable.
	 */
	public Task {
		result = Map.copyOf(result);
	}

	/**
	 * Returns whether the task ended successfully.
	 * @return whether the status is {@value #COMPLETED}
	 */
	public boolean isCompleted() {
		return COMPLETED.equals(this.status);
	}

	/**
	 * Returns whether the task ended with an error.
	 * @return whether the status is {@value #FAILED} or {@value #ERROR}
	 */
	public boolean isFailed() {
		return FAILED.equals(this.status) || ERROR.equals(this.status);
	}

	/**
	 * Returns whether the task has ended, successfully or not.
	 * @return whether the task is completed or failed
	 */
	public boolean isTerminal() {
		return isCompleted() || isFailed();
	}

}
