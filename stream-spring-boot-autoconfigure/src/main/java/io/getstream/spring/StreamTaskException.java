package io.getstream.spring;

import io.getstream.spring.tasks.Task;
import io.getstream.spring.tasks.TaskError;

/**
 * Exception raised when a task reaches a failure status ({@code failed} or
 * {@code error}). The error fields are empty strings when the server sent no
 * {@code error} object.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public class StreamTaskException extends StreamException {

	private final transient Task task;

	/**
	 * Creates an exception for the given failed task.
	 * @param task the last snapshot of the task
	 */
	public StreamTaskException(Task task) {
		super(buildMessage(task), null);
		this.task = task;
	}

	private static String buildMessage(Task task) {
		TaskError error = task.error();
		if (error == null) {
			return "Stream task '%s' ended with status '%s' and no error details".formatted(task.taskId(),
					task.status());
		}
		return "Stream task '%s' ended with status '%s': %s: %s".formatted(task.taskId(), task.status(), error.type(),
				error.description());
	}

	/**
	 * Returns the id of the failed task.
	 * @return the task id
	 */
	public String getTaskId() {
		return this.task.taskId();
	}

	/**
	 * Returns the error type reported by Stream, such as {@code "export_failed"}.
	 * @return the error type, or an empty string when none was sent
	 */
	public String getErrorType() {
		TaskError error = this.task.error();
		return (error != null) ? error.type() : "";
	}

	/**
	 * Returns the human-readable error description reported by Stream.
	 * @return the description, or an empty string when none was sent
	 */
	public String getDescription() {
		TaskError error = this.task.error();
		return (error != null) ? error.description() : "";
	}

	/**
	 * Returns the server-side stack trace text reported by Stream. Named so that it does
	 * not hide {@link Throwable#getStackTrace()}.
	 * @return the stack trace text, or an empty string when none was sent
	 */
	public String getStackTraceText() {
		TaskError error = this.task.error();
		return (error != null) ? error.stackTrace() : "";
	}

	/**
	 * Returns the server version that reported the error.
	 * @return the version, or an empty string when none was sent
	 */
	public String getVersion() {
		TaskError error = this.task.error();
		return (error != null) ? error.version() : "";
	}

	/**
	 * Returns the last snapshot of the failed task.
	 * @return the task
	 */
	public Task getTask() {
		return this.task;
	}

}
