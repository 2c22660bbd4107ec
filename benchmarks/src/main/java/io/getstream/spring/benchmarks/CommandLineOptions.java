package io.getstream.spring.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Options of the form {@code --name value} given to a runner's main method.
 */
final class CommandLineOptions {

	private final Map<String, String> values;

	private CommandLineOptions(Map<String, String> values) {
		this.values = values;
	}

	/**
	 * Parses the arguments.
	 * @param args the arguments
	 * @param names the option names the runner accepts, without {@code --}
	 * @return the options
	 * @throws IllegalArgumentException if an option is unknown or has no value
	 */
	static CommandLineOptions parse(String[] args, Set<String> names) {
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i < args.length; i += 2) {
			String name = args[i].startsWith("--") ? args[i].substring(2) : null;
			if (name == null || !names.contains(name)) {
				throw new IllegalArgumentException("Unknown option '" + args[i] + "'. Use one of --"
						+ String.join(", --", names.stream().sorted().toList()));
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException(
						"Missing value of option '" + args[i] + "': pass it as " + args[i] + " VALUE");
			}
			values.put(name, args[i + 1]);
		}
		return new CommandLineOptions(values);
	}

	/**
	 * Returns an option's text.
	 * @param name the option name
	 * @param defaultValue the value when the option is absent
	 * @return the value
	 */
	String text(String name, String defaultValue) {
		return this.values.getOrDefault(name, defaultValue);
	}

	/**
	 * Returns an option's text, or {@code null} when it is absent.
	 * @param name the option name
	 * @return the value or {@code null}
	 */
	@Nullable String text(String name) {
		return this.values.get(name);
	}

	/**
	 * Returns an option's whole number.
	 * @param name the option name
	 * @param defaultValue the value when the option is absent
	 * @param min the smallest valid value
	 * @return the value
	 * @throws IllegalArgumentException if the value is not a number or is below
	 * {@code min}
	 */
	long number(String name, long defaultValue, long min) {
		String text = this.values.get(name);
		if (text == null) {
			return defaultValue;
		}
		long value;
		try {
			value = Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Invalid --" + name + " '" + text + "': use a whole number");
		}
		if (value < min) {
			throw new IllegalArgumentException("Invalid --" + name + " " + value + ": use at least " + min);
		}
		return value;
	}

	/**
	 * Returns an option's whole number that fits an {@code int}.
	 * @param name the option name
	 * @param defaultValue the value when the option is absent
	 * @param min the smallest valid value
	 * @return the value
	 * @throws IllegalArgumentException if the value is not a number, is below {@code min}
	 * or does not fit an {@code int}
	 */
	int intNumber(String name, int defaultValue, int min) {
		long value = number(name, defaultValue, min);
		if (value > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(
					"Invalid --" + name + " " + value + ": use at most " + Integer.MAX_VALUE);
		}
		return (int) value;
	}

}
