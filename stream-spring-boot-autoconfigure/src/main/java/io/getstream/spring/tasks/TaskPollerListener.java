package io.getstream.spring.tasks;

import io.getstream.spring.StreamException;
import org.jspecify.annotations.Nullable;

/**
 * Callback interface that can be used to observe what a {@link TaskPoller} does, for
 * metrics or logging. Callbacks run on the polling thread and must return quickly.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public interface TaskPollerListener {

	/**
	 * Listener that does nothing.
	 */
	TaskPollerListener NONE = new TaskPollerListener() {
	};

	/**
	 * Called when a wait starts.
	 * @return a handle that receives the wait's outcome once
	 */
	default WaitObservation waitStarted() {
		return (outcome, failure) -> {
		};
	}

	/**
	 * Called after each poll that returned a task.
	 * @param status the raw status of the task
	 */
	default void polled(String status) {
	}

	/**
	 * Called before a failed request is retried.
	 * @param reason why the request is retried
	 */
	default void retrying(RetryReason reason) {
	}

	/**
	 * Handle on one wait that receives its outcome once.
	 *
	 * @since 0.1.0
	 */
	@FunctionalInterface
	interface WaitObservation {

		/**
		 * Called once when the wait ends.
		 * @param outcome how the wait ended
		 * @param failure the exception the wait ended with, or {@code null} when it
		 * completed or its future was cancelled; an interrupted blocking wait has outcome
		 * {@link WaitOutcome#CANCELLED} and its {@code interrupted} exception
		 */
		void ended(WaitOutcome outcome, @Nullable StreamException failure);

	}

}
