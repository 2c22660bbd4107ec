package io.getstream.spring.test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Task started through a POST endpoint. It moves through {@code waiting}, {@code pending}
 * and {@code running}, one progression step each counted from its creation, and is
 * {@code completed} with its result after that. Its {@code updated_at} is the scheduled
 * time of the latest change, so repeated GETs of a finished task return identical
 * timestamps.
 */
final class StartedTask implements EmulatedTask {

	private static final List<String> PROGRESSION = List.of("waiting", "pending", "running");

	private final Instant createdAt;

	private final Duration progressionStep;

	private final Map<String, ?> result;

	StartedTask(Instant createdAt, Duration progressionStep, Map<String, ?> result) {
		this.createdAt = createdAt;
		this.progressionStep = progressionStep;
		this.result = result;
	}

	@Override
	public Poll poll(Instant now) {
		int stage = stageAt(now);
		Instant updatedAt = this.createdAt.plus(this.progressionStep.multipliedBy(stage));
		TaskStep step = (stage < PROGRESSION.size()) ? TaskStep.status(PROGRESSION.get(stage))
				: TaskStep.completed(this.result);
		return new Poll(step, this.createdAt, updatedAt);
	}

	private int stageAt(Instant now) {
		if (this.progressionStep.isZero()) {
			return PROGRESSION.size();
		}
		long elapsedNanos = Duration.between(this.createdAt, now).toNanos();
		long stage = Math.max(0, elapsedNanos / this.progressionStep.toNanos());
		return (int) Math.min(stage, PROGRESSION.size());
	}

}
