package io.getstream.spring.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Measures the cost of sequential GetTask polls on the calling thread.
 */
final class PollCost {

	private static final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private static final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private PollCost() {
	}

	/**
	 * Sends the given number of polls and checks that each returns a completed task.
	 * @param client the client
	 * @param polls the number of polls
	 * @return the cost per poll
	 * @throws IllegalStateException if a poll returned another status
	 */
	static Round measure(PollClient client, int polls) {
		long cpuStart = os.getProcessCpuTime();
		long threadCpuStart = threads.getCurrentThreadCpuTime();
		long allocatedStart = threads.getCurrentThreadAllocatedBytes();
		long wallStart = System.nanoTime();
		int notCompleted = 0;
		String lastStatus = "";
		for (int i = 0; i < polls; i++) {
			String status = client.poll();
			if (!"completed".equals(status)) {
				notCompleted++;
				lastStatus = status;
			}
		}
		long wall = System.nanoTime() - wallStart;
		long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedStart;
		long threadCpu = threads.getCurrentThreadCpuTime() - threadCpuStart;
		long cpu = os.getProcessCpuTime() - cpuStart;
		if (notCompleted > 0) {
			throw new IllegalStateException(notCompleted + " of " + polls
					+ " polls did not return 'completed', the last returned '" + lastStatus + "'");
		}
		return new Round((double) cpu / polls, (double) threadCpu / polls, (double) wall / polls,
				(double) allocated / polls);
	}

	/**
	 * Cost per poll of one round of polls.
	 *
	 * @param cpuNanos CPU time of the whole client process per poll, including JIT, GC
	 * and the HTTP client's own threads
	 * @param threadCpuNanos CPU time of the polling thread per poll
	 * @param wallNanos elapsed time per poll
	 * @param allocatedBytes bytes allocated by the polling thread per poll
	 */
	record Round(double cpuNanos, double threadCpuNanos, double wallNanos, double allocatedBytes) {

		/**
		 * Formats the round as the line a client JVM sends to {@link PollCostHarness}.
		 * @return the line
		 */
		String toLine() {
			return String.format(Locale.ROOT, "ROUND %.1f %.1f %.1f %.1f", this.cpuNanos, this.threadCpuNanos,
					this.wallNanos, this.allocatedBytes);
		}

		/**
		 * Parses a line made by {@link #toLine()}.
		 * @param line the line
		 * @return the round
		 * @throws IllegalArgumentException if the line is not a round line
		 */
		static Round parse(String line) {
			String[] fields = line.split(" ");
			if (fields.length != 5 || !"ROUND".equals(fields[0])) {
				throw new IllegalArgumentException("Invalid round line '" + line + "'");
			}
			return new Round(Double.parseDouble(fields[1]), Double.parseDouble(fields[2]),
					Double.parseDouble(fields[3]), Double.parseDouble(fields[4]));
		}

		/**
		 * Describes the round in microseconds and bytes.
		 * @return the description
		 */
		String describe() {
			return String.format(Locale.ROOT,
					"CPU %.1f us/poll, polling thread %.1f us/poll, wall %.1f us/poll, %.0f B/poll",
					this.cpuNanos / 1000, this.threadCpuNanos / 1000, this.wallNanos / 1000, this.allocatedBytes);
		}

	}

	/**
	 * Rounds measured for one client.
	 *
	 * @param client the client
	 * @param rounds the rounds, in the order they ran
	 */
	record ClientRounds(ClientKind client, List<Round> rounds) {

		ClientRounds {
			rounds = List.copyOf(rounds);
		}

		/**
		 * Returns the median of a per-poll value over the rounds.
		 * @param value the value
		 * @return the median
		 */
		double median(ToDoubleFunction<Round> value) {
			double[] sorted = sorted(value);
			int middle = sorted.length / 2;
			return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
		}

		/**
		 * Formats the median and range of a time per poll in microseconds.
		 * @param value the value in nanoseconds
		 * @return the text, such as {@code 42.1 us (40.3-45.0)}
		 */
		String microseconds(ToDoubleFunction<Round> value) {
			double[] sorted = sorted(value);
			return String.format(Locale.ROOT, "%.1f us (%.1f-%.1f)", median(value) / 1000, sorted[0] / 1000,
					sorted[sorted.length - 1] / 1000);
		}

		private double[] sorted(ToDoubleFunction<Round> value) {
			return this.rounds.stream().mapToDouble(value).sorted().toArray();
		}

	}

}
