package io.getstream.spring.tasks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Reads Stream's asynchronous tasks and waits until they end.
 * <p>
 * A wait polls at once, then every poll interval, until the task is completed (the task
 * is returned), failed ({@link io.getstream.spring.StreamTaskException}) or the timeout
 * passes ({@link io.getstream.spring.StreamTransportException} of type {@code timeout};
 * the task may still be running on the server). Transient HTTP failures are retried
 * within the timeout; other HTTP errors raise
 * {@link io.getstream.spring.StreamApiException}.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public interface TaskPoller {

	/**
	 * Reads the task once, with no waiting and no retries.
	 * @param taskId the task id returned by the operation that started the task
	 * @return the current snapshot of the task
	 * @throws IllegalArgumentException if the task id is blank or too long
	 */
	Task getTask(String taskId);

	/**
	 * Waits until the task ends, with the configured poll interval and timeout.
	 * @param taskId the task id returned by the operation that started the task
	 * @return the completed task
	 * @throws IllegalArgumentException if the task id is blank or too long
	 */
	Task waitForTask(String taskId);

	/**
	 * Waits until the task ends.
	 * @param taskId the task id returned by the operation that started the task
	 * @param pollInterval the time between two polls; raised to the configured minimum
	 * poll interval when shorter
	 * @param timeout the longest time to wait
	 * @return the completed task
	 * @throws IllegalArgumentException if the task id is blank or too long, or a duration
	 * is zero, negative, or the interval is longer than the timeout
	 */
	Task waitForTask(String taskId, Duration pollInterval, Duration timeout);

	/**
	 * Waits until the task ends without holding a thread between polls, with the
	 * configured poll interval and timeout. Cancelling the returned future stops the
	 * polling.
	 * @param taskId the task id returned by the operation that started the task
	 * @return a future that completes with the completed task, or with the exception that
	 * {@link #waitForTask(String)} would throw
	 * @throws IllegalArgumentException if the task id is blank or too long
	 */
	CompletableFuture<Task> waitForTaskAsync(String taskId);

	/**
	 * Waits until the task ends without holding a thread between polls. Cancelling the
	 * returned future stops the polling.
	 * @param taskId the task id returned by the operation that started the task
	 * @param pollInterval the time between two polls; raised to the configured minimum
	 * poll interval when shorter
	 * @param timeout the longest time to wait
	 * @return a future that completes with the completed task, or with the exception that
	 * {@link #waitForTask(String, Duration, Duration)} would throw
	 * @throws IllegalArgumentException if the task id is blank or too long, or a duration
	 * is zero, negative, or the interval is longer than the timeout
	 */
	CompletableFuture<Task> waitForTaskAsync(String taskId, Duration pollInterval, Duration timeout);

}
