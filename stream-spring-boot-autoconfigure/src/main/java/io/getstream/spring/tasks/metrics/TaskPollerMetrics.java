package io.getstream.spring.tasks.metrics;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import io.getstream.spring.tasks.RetryReason;
import io.getstream.spring.tasks.TaskPollerListener;
import io.getstream.spring.tasks.WaitOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@link TaskPollerListener} that records the poller's Micrometer meters:
 * <ul>
 * <li>{@code stream.tasks.polls}: counter of polls that returned a task, tagged
 * {@code status} (a known status, else {@code other});</li>
 * <li>{@code stream.tasks.wait}: timer of waits, tagged {@code outcome};</li>
 * <li>{@code stream.tasks.wait.active}: long task timer of waits in progress;</li>
 * <li>{@code stream.tasks.retries}: counter of retried requests, tagged
 * {@code reason}.</li>
 * </ul>
 * No tag contains a task id or a URL.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public class TaskPollerMetrics implements TaskPollerListener {

	static final String OTHER_STATUS = "other";

	private static final String[] KNOWN_STATUSES = { "waiting", "pending", "running", "completed", "failed", "error" };

	private final Map<String, Counter> polls = new HashMap<>();

	private final Map<WaitOutcome, Timer> waits = new EnumMap<>(WaitOutcome.class);

	private final Map<RetryReason, Counter> retries = new EnumMap<>(RetryReason.class);

	private final LongTaskTimer activeWaits;

	private final MeterRegistry registry;

	/**
	 * Creates the listener and registers its meters.
	 * @param registry the registry to record to
	 */
	public TaskPollerMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (String status : KNOWN_STATUSES) {
			this.polls.put(status, pollCounter(status));
		}
		this.polls.put(OTHER_STATUS, pollCounter(OTHER_STATUS));
		for (WaitOutcome outcome : WaitOutcome.values()) {
			this.waits.put(outcome,
					Timer.builder("stream.tasks.wait")
						.description("Time spent waiting for Stream tasks to end")
						.tag("outcome", outcome.tagValue())
						.register(registry));
		}
		for (RetryReason reason : RetryReason.values()) {
			this.retries.put(reason,
					Counter.builder("stream.tasks.retries")
						.description("Requests to Stream's task API that were retried after a transient failure")
						.baseUnit("requests")
						.tag("reason", reason.tagValue())
						.register(registry));
		}
		this.activeWaits = LongTaskTimer.builder("stream.tasks.wait.active")
			.description("Waits for Stream tasks in progress")
			.register(registry);
	}

	private Counter pollCounter(String status) {
		return Counter.builder("stream.tasks.polls")
			.description("Polls of Stream tasks, by the status they returned")
			.baseUnit("requests")
			.tag("status", status)
			.register(this.registry);
	}

	@Override
	public WaitObservation waitStarted() {
		Timer.Sample sample = Timer.start(this.registry);
		LongTaskTimer.Sample active = this.activeWaits.start();
		return (outcome, failure) -> {
			active.stop();
			sample.stop(this.waits.get(outcome));
		};
	}

	@Override
	public void polled(String status) {
		Counter counter = this.polls.get(status);
		((counter != null) ? counter : this.polls.get(OTHER_STATUS)).increment();
	}

	@Override
	public void retrying(RetryReason reason) {
		this.retries.get(reason).increment();
	}

}
