package io.getstream.spring.test;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.getstream.spring.test.StepAction.TaskResponse;

/**
 * Task whose GETs follow a {@link TaskScript}. Its {@code updated_at} is the time the
 * current status was first sent.
 */
final class ScriptedTask implements EmulatedTask {

	private final TaskScript script;

	private final Instant createdAt;

	private long pollCount;

	private @Nullable String lastStatus;

	private Instant updatedAt;

	ScriptedTask(TaskScript script, Instant createdAt) {
		this.script = script;
		this.createdAt = createdAt;
		this.updatedAt = createdAt;
	}

	@Override
	public synchronized Poll poll(Instant now) {
		TaskStep step = this.script.stepFor(this.pollCount);
		this.pollCount++;
		if (step.action() instanceof TaskResponse task) {
			if (this.lastStatus != null && !task.status().equals(this.lastStatus)) {
				this.updatedAt = now;
			}
			this.lastStatus = task.status();
		}
		return new Poll(step, this.createdAt, this.updatedAt);
	}

}
