package io.getstream.spring.tasks;

import java.util.List;

import io.getstream.spring.StreamException;
import org.jspecify.annotations.Nullable;

/**
 * {@link TaskPollerListener} that forwards each callback to several listeners, in order.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public final class CompositeTaskPollerListener implements TaskPollerListener {

	private final List<TaskPollerListener> listeners;

	/**
	 * Creates a listener that forwards to the given listeners.
	 * @param listeners the listeners, in the order they are called
	 */
	public CompositeTaskPollerListener(List<? extends TaskPollerListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public WaitObservation waitStarted() {
		List<WaitObservation> observations = this.listeners.stream().map(TaskPollerListener::waitStarted).toList();
		return (WaitOutcome outcome, @Nullable StreamException failure) -> observations
			.forEach((observation) -> observation.ended(outcome, failure));
	}

	@Override
	public void polled(String status) {
		this.listeners.forEach((listener) -> listener.polled(status));
	}

	@Override
	public void retrying(RetryReason reason) {
		this.listeners.forEach((listener) -> listener.retrying(reason));
	}

}
