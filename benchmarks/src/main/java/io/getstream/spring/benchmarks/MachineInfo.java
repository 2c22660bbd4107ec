package io.getstream.spring.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Description of the machine and JVM a measurement ran on, printed with every report.
 */
final class MachineInfo {

	private MachineInfo() {
	}

	/**
	 * Describes the JVM: vendor, runtime version and VM name.
	 * @return the description
	 */
	static String jvm() {
		return System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version") + " ("
				+ System.getProperty("java.vm.name") + ")";
	}

	/**
	 * Describes the processor: the number of cores this JVM may use and the CPU model.
	 * @return the description
	 */
	static String cpu() {
		return Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel();
	}

	/**
	 * Returns the system load averages over 1, 5 and 15 minutes, from
	 * {@code /proc/loadavg} where it exists.
	 * @return the load averages
	 */
	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return fields[0] + " " + fields[1] + " " + fields[2] + " (1, 5, 15 min)";
		}
		catch (IOException | RuntimeException ex) {
			return String.format("%.2f (1 min)", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		}
	}

	private static String cpuModel() {
		try {
			List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
			for (String line : lines) {
				if (line.startsWith("model name")) {
					return line.substring(line.indexOf(':') + 1).trim();
				}
			}
		}
		catch (IOException ex) {
			// No /proc/cpuinfo outside Linux.
		}
		return System.getProperty("os.arch");
	}

}
