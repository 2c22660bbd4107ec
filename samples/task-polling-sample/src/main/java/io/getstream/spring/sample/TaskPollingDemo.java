package io.getstream.spring.sample;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.getstream.spring.StreamException;
import io.getstream.spring.tasks.Task;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * Demo job that runs when the application starts with {@code --demo}: it exports one
 * channel, waits for the task and prints the result with the time from the export request
 * to the completed task. It then prints the {@code stream.tasks.*} counters and timers
 * that are not zero and the number of waits still active. The exit code is 1 when the
 * export failed.
 *
 * @author Stream Spring Boot contributors
 */
@Component
class TaskPollingDemo implements ApplicationRunner, ExitCodeGenerator {

	/**
	 * Command-line option that runs the demo.
	 */
	static final String OPTION = "demo";

	static final List<String> CIDS = List.of("messaging:general");

	private final ChannelTaskService channelTaskService;

	private final MeterRegistry meterRegistry;

	private volatile int exitCode;

	TaskPollingDemo(ChannelTaskService channelTaskService, MeterRegistry meterRegistry) {
		this.channelTaskService = channelTaskService;
		this.meterRegistry = meterRegistry;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!args.containsOption(OPTION)) {
			return;
		}
		long startNanos = System.nanoTime();
		try {
			Task task = this.channelTaskService.exportChannels(CIDS);
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
			System.out.println("Stream task " + task.taskId() + " completed in " + millis + " ms: " + task.result());
		}
		catch (StreamException ex) {
			System.out.println("Stream export of " + CIDS + " failed: " + ex.getMessage());
			this.exitCode = 1;
		}
		printMeters();
	}

	private void printMeters() {
		this.meterRegistry.getMeters()
			.stream()
			.filter((meter) -> meter.getId().getName().startsWith("stream.tasks."))
			.sorted(Comparator.comparing((Meter meter) -> meter.getId().getName())
				.thenComparing((meter) -> meter.getId().getTags().toString()))
			.forEach(this::printMeter);
	}

	private void printMeter(Meter meter) {
		String value = describe(meter);
		if (value != null) {
			System.out.println(meter.getId().getName() + tags(meter) + " " + value);
		}
	}

	private static @Nullable String describe(Meter meter) {
		if (meter instanceof Counter counter) {
			return (counter.count() > 0) ? String.valueOf(counter.count()) : null;
		}
		if (meter instanceof Timer timer) {
			return (timer.count() > 0)
					? "count=" + timer.count() + " total=" + Math.round(timer.totalTime(TimeUnit.MILLISECONDS)) + " ms"
					: null;
		}
		if (meter instanceof LongTaskTimer timer) {
			return "active=" + timer.activeTasks();
		}
		return null;
	}

	private static String tags(Meter meter) {
		List<Tag> tags = meter.getId().getTags();
		if (tags.isEmpty()) {
			return "";
		}
		return tags.stream()
			.map((tag) -> tag.getKey() + "=" + tag.getValue())
			.collect(Collectors.joining(",", "{", "}"));
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
