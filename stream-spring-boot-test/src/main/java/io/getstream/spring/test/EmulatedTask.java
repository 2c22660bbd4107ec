package io.getstream.spring.test;

import java.time.Instant;

/**
 * Task known to the emulator, either scripted by a test or started through a POST
 * endpoint.
 */
interface EmulatedTask {

	/**
	 * Chooses the response to one GET of this task.
	 * @param now the time of the GET
	 * @return the step to perform and the timestamps to send
	 */
	Poll poll(Instant now);

	/**
	 * Response to one GET of a task.
	 *
	 * @param step the step to perform
	 * @param createdAt the task's {@code created_at} time
	 * @param updatedAt the task's {@code updated_at} time
	 */
	record Poll(TaskStep step, Instant createdAt, Instant updatedAt) {

	}

}
