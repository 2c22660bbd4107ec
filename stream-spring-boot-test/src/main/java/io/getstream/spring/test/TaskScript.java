package io.getstream.spring.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Immutable sequence of {@link TaskStep responses} for the GETs of one scripted task.
 * Each GET consumes the next step (a step made with {@link TaskStep#times(int)} counts as
 * that many), and the last step repeats forever once reached. For example,
 * {@code TaskScript.statuses("pending", "pending", "completed")} returns
 * {@code completed} from the third GET on, and <pre class="code">
 * TaskScript.of(TaskStep.rateLimited(Duration.ofSeconds(1)).times(3))
 * 	.then(TaskStep.completed(Map.of("url", "https://example.com/export.json")));
 * </pre> responds with 429 three times and then with the completed task.
 *
 * @since 0.1.0
 * @see StreamEmulator#scriptTask(TaskScript)
 */
public final class TaskScript {

	private final List<TaskStep> steps;

	private TaskScript(List<TaskStep> steps) {
		this.steps = List.copyOf(steps);
	}

	/**
	 * Creates a script from the given steps.
	 * @param first the first step
	 * @param more the following steps
	 * @return the script
	 */
	public static TaskScript of(TaskStep first, TaskStep... more) {
		List<TaskStep> steps = new ArrayList<>();
		steps.add(Objects.requireNonNull(first, "'first' must not be null"));
		steps.addAll(Arrays.asList(more));
		return new TaskScript(steps);
	}

	/**
	 * Creates a script from the given list of steps.
	 * @param steps the steps in order, at least one
	 * @return the script
	 */
	public static TaskScript of(List<TaskStep> steps) {
		if (steps.isEmpty()) {
			throw new IllegalArgumentException("'steps' must contain at least one step");
		}
		return new TaskScript(steps);
	}

	/**
	 * Creates a script of {@link TaskStep#status(String) status responses}.
	 * @param first the first status
	 * @param more the following statuses
	 * @return the script
	 */
	public static TaskScript statuses(String first, String... more) {
		List<TaskStep> steps = new ArrayList<>();
		steps.add(TaskStep.status(first));
		for (String status : more) {
			steps.add(TaskStep.status(status));
		}
		return new TaskScript(steps);
	}

	/**
	 * Returns a new script with the given steps appended.
	 * @param next the steps to append
	 * @return the longer script
	 */
	public TaskScript then(TaskStep... next) {
		List<TaskStep> steps = new ArrayList<>(this.steps);
		steps.addAll(Arrays.asList(next));
		return new TaskScript(steps);
	}

	/**
	 * Returns the steps in order, each counted once whatever its
	 * {@link TaskStep#times(int) repeat count}.
	 * @return the steps
	 */
	public List<TaskStep> steps() {
		return this.steps;
	}

	/**
	 * Returns the step that responds to the GET with the given zero-based index.
	 * @param index the number of GETs of this task before this one
	 * @return the step for that GET
	 */
	TaskStep stepFor(long index) {
		long remaining = index;
		for (TaskStep step : this.steps) {
			if (remaining < step.repeatCount()) {
				return step;
			}
			remaining -= step.repeatCount();
		}
		return this.steps.get(this.steps.size() - 1);
	}

	@Override
	public String toString() {
		return "TaskScript" + this.steps;
	}

}
