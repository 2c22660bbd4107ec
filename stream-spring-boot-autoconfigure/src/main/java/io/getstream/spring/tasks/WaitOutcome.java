package io.getstream.spring.tasks;

import java.util.Locale;

/**
 * Outcome of a wait for a task.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public enum WaitOutcome {

	/**
	 * The task completed.
	 */
	COMPLETED,

	/**
	 * The task reached a failure status.
	 */
	FAILED,

	/**
	 * The wait's deadline passed.
	 */
	TIMEOUT,

	/**
	 * An HTTP or transport error ended the wait.
	 */
	ERROR,

	/**
	 * The caller cancelled the wait or interrupted its thread.
	 */
	CANCELLED;

	/**
	 * Returns the lowercase name used as a metric tag value.
	 * @return the tag value
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
