package io.getstream.spring.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.getstream.spring.test.StreamEmulator;
import io.getstream.spring.test.TaskScript;
import io.getstream.spring.test.TaskStep;

/**
 * Main class of the emulator process that {@link EmulatorProcess} starts.
 * <p>
 * It differs from the emulator's standalone jar in two ways that the benchmarks need. The
 * rate limit is lifted, because the standalone emulator responds with 429 after 10,000
 * GETs per minute, fewer than one harness round sends. Tasks are scripted here, because
 * scripts can only be registered through the emulator's Java API. It prints
 * {@code NAME=value} lines, then {@code READY}, and runs until its standard input closes.
 */
public final class BenchmarkEmulator {

	static final String COMPLETED_TASK_MODE = "completed-task";

	static final String SOAK_MODE = "soak";

	static final String READY = "READY";

	/**
	 * Result of the completed task, shaped like a DeleteChannels result, so that the
	 * whole GetTask body is about 300 bytes.
	 */
	static final Map<String, Object> COMPLETED_RESULT = completedResult();

	private BenchmarkEmulator() {
	}

	/**
	 * Starts the emulator.
	 * @param args {@code completed-task}, or {@code soak SEED BATCHES BATCH_SIZE}
	 * @throws IOException if reading standard input failed
	 */
	public static void main(String[] args) throws IOException {
		if (args.length == 1 && COMPLETED_TASK_MODE.equals(args[0])) {
			run((emulator) -> print("TASK_ID",
					emulator.scriptTask(TaskScript.of(TaskStep.completed(COMPLETED_RESULT)))));
		}
		else if (args.length == 4 && SOAK_MODE.equals(args[0])) {
			long seed = Long.parseLong(args[1]);
			int batches = Integer.parseInt(args[2]);
			int batchSize = Integer.parseInt(args[3]);
			run((emulator) -> scriptSoakPlan(emulator, seed, batches, batchSize));
		}
		else {
			System.err.println("Usage: BenchmarkEmulator completed-task");
			System.err.println("       BenchmarkEmulator soak SEED BATCHES BATCH_SIZE");
			System.exit(2);
		}
	}

	private static void run(EmulatorSetup setup) throws IOException {
		StreamEmulator emulator = StreamEmulator
			.start(StreamEmulator.Settings.defaults().withRateLimitPerMinute(Integer.MAX_VALUE));
		// The emulator records every request, and the benchmarks send millions and read
		// none.
		ScheduledExecutorService cleaner = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "request-log-cleaner");
			thread.setDaemon(true);
			return thread;
		});
		cleaner.scheduleWithFixedDelay(emulator::clearRequests, 1, 1, TimeUnit.SECONDS);
		try {
			setup.script(emulator);
			print("STREAM_BASE_URL", emulator.baseUrl());
			print("STREAM_API_KEY", emulator.apiKey());
			print("STREAM_API_SECRET", emulator.apiSecret());
			System.out.println(READY);
			System.out.flush();
			awaitEndOfInput(System.in);
		}
		finally {
			cleaner.shutdownNow();
			emulator.close();
		}
	}

	private static void scriptSoakPlan(StreamEmulator emulator, long seed, int batches, int batchSize) {
		int scripted = 0;
		for (SoakPlan.PlannedWait wait : SoakPlan.batch(seed, SoakPlan.WARM_UP_BATCH, SoakPlan.warmUpSize(batchSize))) {
			emulator.scriptTask(wait.taskId(), wait.script());
			scripted++;
		}
		for (int batch = 0; batch < batches; batch++) {
			for (SoakPlan.PlannedWait wait : SoakPlan.batch(seed, batch, batchSize)) {
				emulator.scriptTask(wait.taskId(), wait.script());
				scripted++;
			}
		}
		print("SCRIPTED_TASKS", Integer.toString(scripted));
	}

	private static void awaitEndOfInput(InputStream input) throws IOException {
		byte[] buffer = new byte[256];
		while (input.read(buffer) != -1) {
			// Input is ignored: only its end matters.
		}
	}

	private static void print(String name, String value) {
		System.out.println(name + "=" + value);
	}

	private static Map<String, Object> completedResult() {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("messaging:general", Map.of("status", "ok"));
		result.put("messaging:random", Map.of("status", "ok"));
		result.put("team:red", Map.of("status", "ok"));
		result.put("livestream:launch", Map.of("status", "ok"));
		return result;
	}

	@FunctionalInterface
	private interface EmulatorSetup {

		void script(StreamEmulator emulator);

	}

}
