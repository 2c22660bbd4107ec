package io.getstream.spring.sample;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.getstream.spring.StreamTaskException;
import io.getstream.spring.StreamTransportException;
import io.getstream.spring.tasks.Task;
import io.getstream.spring.tasks.WaitOutcome;
import org.jspecify.annotations.Nullable;

/**
 * State of a wait that runs in the background, as {@code GET /tasks/{id}} returns it.
 *
 * @param taskId the task id
 * @param outcome {@value #PENDING} while the wait runs, then how it ended:
 * {@code completed}, {@code failed}, {@code timeout}, {@code error} or {@code cancelled},
 * as the {@code outcome} tag of the {@code stream.tasks.wait} timer
 * @param result the completed task's result, or {@code null}
 * @param errorType the error type of a wait that did not complete, such as Stream's
 * {@code error.type} of a failed task or {@code timeout}, or {@code null}
 * @param description the description of that error, or {@code null}
 * @author Stream Spring Boot contributors
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BackgroundWait(String taskId, String outcome, @Nullable Map<String, Object> result, @Nullable String errorType,
		@Nullable String description) {

	/**
	 * Outcome of a wait that is still running.
	 */
	static final String PENDING = "pending";

	static BackgroundWait pending(String taskId) {
		return new BackgroundWait(taskId, PENDING, null, null, null);
	}

	static BackgroundWait completed(Task task) {
		return new BackgroundWait(task.taskId(), WaitOutcome.COMPLETED.tagValue(), task.result(), null, null);
	}

	/**
	 * Creates the state of a wait that ended with the given exception.
	 * @param taskId the task id
	 * @param failure the exception that ended the wait, possibly wrapped in a
	 * {@link CompletionException}
	 * @return the state
	 */
	static BackgroundWait failed(String taskId, Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof StreamTaskException ex) {
			return new BackgroundWait(taskId, WaitOutcome.FAILED.tagValue(), null, ex.getErrorType(),
					ex.getDescription());
		}
		if (cause instanceof StreamTransportException ex) {
			WaitOutcome outcome = ex.isTimeout() ? WaitOutcome.TIMEOUT : WaitOutcome.ERROR;
			return new BackgroundWait(taskId, outcome.tagValue(), null, ex.getErrorType(), ex.getMessage());
		}
		if (cause instanceof CancellationException) {
			return new BackgroundWait(taskId, WaitOutcome.CANCELLED.tagValue(), null, null, null);
		}
		return new BackgroundWait(taskId, WaitOutcome.ERROR.tagValue(), null, null, cause.toString());
	}

}
