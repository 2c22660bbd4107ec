package io.getstream.spring.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Stream emulator running in a separate JVM, so that the server's CPU time, threads and
 * garbage are not counted against the client under test.
 * <p>
 * The child JVM runs {@link BenchmarkEmulator} from this JVM's class path with the same
 * {@code java} executable, and reports its base URL, credentials and scripted task ids on
 * standard output. It exits when its standard input closes, so it also ends when this JVM
 * dies without calling {@link #close()}.
 */
final class EmulatorProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Marker queued after the child's last output line; no line read can contain a line
	 * break.
	 */
	private static final String END_OF_OUTPUT = "\nend of output";

	private final Process process;

	private final Map<String, String> values;

	private final EmulatorEndpoint endpoint;

	private EmulatorProcess(Process process, Map<String, String> values) {
		this.process = process;
		this.values = values;
		this.endpoint = new EmulatorEndpoint(value("STREAM_BASE_URL"), value("STREAM_API_KEY"),
				value("STREAM_API_SECRET"));
	}

	/**
	 * Starts an emulator process that serves one task, completed with a body of about 300
	 * bytes; its id is {@code value("TASK_ID")}.
	 * @return the running emulator
	 */
	static EmulatorProcess startWithCompletedTask() {
		return start(List.of(BenchmarkEmulator.COMPLETED_TASK_MODE));
	}

	/**
	 * Starts an emulator process that serves the scripted tasks of a soak run.
	 * @param seed the seed of the soak plan
	 * @param batches the number of batches, not counting the warm-up batch
	 * @param batchSize the waits per batch
	 * @return the running emulator
	 */
	static EmulatorProcess startWithSoakPlan(long seed, int batches, int batchSize) {
		return start(List.of(BenchmarkEmulator.SOAK_MODE, Long.toString(seed), Integer.toString(batches),
				Integer.toString(batchSize)));
	}

	private static EmulatorProcess start(List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// The emulator's JDK HttpServer sends a response in two segments. Without
		// TCP_NODELAY, Nagle's algorithm adds about 40 ms to every loopback request.
		command.add("-Dsun.net.httpserver.nodelay=true");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(BenchmarkEmulator.class.getName());
		command.addAll(arguments);
		Process process;
		try {
			process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to start the emulator process " + command, ex);
		}
		try {
			return new EmulatorProcess(process, readValues(process));
		}
		catch (RuntimeException ex) {
			process.destroyForcibly();
			throw ex;
		}
	}

	/**
	 * Reads the child's {@code NAME=value} lines up to its {@code READY} line, then keeps
	 * draining its output on a daemon thread so that the child never blocks on a full
	 * pipe.
	 */
	private static Map<String, String> readValues(Process process) {
		BlockingQueue<String> lines = new LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> forwardLines(process, lines), "emulator-process-output");
		reader.setDaemon(true);
		reader.start();
		Map<String, String> values = new HashMap<>();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (true) {
			String line = pollLine(lines, deadline - System.nanoTime());
			if (line == null) {
				throw new IllegalStateException("Emulator process did not report READY within " + START_TIMEOUT);
			}
			if (line.equals(END_OF_OUTPUT)) {
				throw new IllegalStateException(
						"Emulator process ended before it reported READY; see its errors above");
			}
			if (line.equals(BenchmarkEmulator.READY)) {
				return values;
			}
			int separator = line.indexOf('=');
			if (separator > 0) {
				values.put(line.substring(0, separator), line.substring(separator + 1));
			}
		}
	}

	private static void forwardLines(Process process, BlockingQueue<String> lines) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				lines.add(line);
			}
		}
		catch (IOException ex) {
			// The pipe closes when the process ends, so nothing is left to read.
		}
		lines.add(END_OF_OUTPUT);
	}

	private static @Nullable String pollLine(BlockingQueue<String> lines, long timeoutNanos) {
		try {
			return lines.poll(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the emulator process to start", ex);
		}
	}

	/**
	 * Returns the emulator's base URL and credentials.
	 * @return the endpoint
	 */
	EmulatorEndpoint endpoint() {
		return this.endpoint;
	}

	/**
	 * Returns a value that the emulator process reported at start-up.
	 * @param name the value's name, such as {@code TASK_ID}
	 * @return the value
	 * @throws IllegalStateException if the process did not report it
	 */
	String value(String name) {
		String value = this.values.get(name);
		if (value == null) {
			throw new IllegalStateException(
					"Emulator process did not report " + name + "; it reported " + this.values.keySet());
		}
		return value;
	}

	/**
	 * Stops the emulator by closing its standard input, and kills it if it has not ended
	 * within 10 seconds.
	 */
	@Override
	public void close() {
		try {
			this.process.getOutputStream().close();
			if (!this.process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (IOException ex) {
			this.process.destroyForcibly();
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Returns whether the emulator process is still running.
	 * @return whether the process is alive
	 */
	boolean isAlive() {
		return this.process.isAlive();
	}

}
