package io.getstream.spring.tasks;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads GetTask responses and Stream error bodies. Lenient by design: unknown fields are
 * ignored and an unreadable timestamp becomes {@code null} rather than failing a poll.
 */
final class TaskJsonReader {

	private static final Log logger = LogFactory.getLog(TaskJsonReader.class);

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> MAP_TYPE = new TypeReference<>() {
	};

	// Epoch values above these bounds are read as nanoseconds, microseconds or
	// milliseconds. Any instant after 1973 in milliseconds exceeds 1e11, and no
	// plausible instant in seconds reaches it.
	private static final long NANOS_BOUND = 100_000_000_000_000_000L;

	private static final long MICROS_BOUND = 100_000_000_000_000L;

	private static final long MILLIS_BOUND = 100_000_000_000L;

	private TaskJsonReader() {
	}

	/**
	 * Parses a body as a JSON object.
	 * @return the object, or {@code null} when the body is not a JSON object
	 */
	static @Nullable JsonNode readObject(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			JsonNode node = mapper.readTree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Builds a task snapshot from a GetTask response.
	 * @return the task, or {@code null} when the object has no {@code status} string
	 */
	static @Nullable Task readTask(JsonNode node, String requestedTaskId) {
		JsonNode statusNode = node.get("status");
		if (statusNode == null || !statusNode.isString()) {
			return null;
		}
		String status = statusNode.stringValue();
		String taskId = text(node, "task_id");
		return new Task((taskId != null) ? taskId : requestedTaskId, status, timestamp(node.get("created_at")),
				timestamp(node.get("updated_at")), textOrEmpty(node, "duration"), result(node.get("result")),
				error(node.get("error")));
	}

	static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull() || value.isContainer()) {
			return null;
		}
		return value.asString();
	}

	static String textOrEmpty(JsonNode node, String field) {
		String text = text(node, field);
		return (text != null) ? text : "";
	}

	static @Nullable Integer integer(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
			return null;
		}
		return value.intValue();
	}

	static Map<String, String> stringMap(@Nullable JsonNode node) {
		if (node == null || !node.isObject()) {
			return Map.of();
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			if (!entry.getValue().isNull()) {
				values.put(entry.getKey(), entry.getValue().asString());
			}
		}
		return values;
	}

	private static Map<String, Object> result(@Nullable JsonNode node) {
		if (node == null || !node.isObject()) {
			return Map.of();
		}
		Map<String, Object> values = new LinkedHashMap<>();
		mapper.convertValue(node, MAP_TYPE).forEach((key, value) -> {
			// Map.copyOf in Task rejects null values, so fields sent as null are left
			// out.
			if (value != null) {
				values.put(key, value);
			}
		});
		return values;
	}

	private static @Nullable TaskError error(@Nullable JsonNode node) {
		if (node == null || !node.isObject()) {
			return null;
		}
		return new TaskError(textOrEmpty(node, "type"), textOrEmpty(node, "description"),
				textOrEmpty(node, "stacktrace"), textOrEmpty(node, "version"));
	}

	/**
	 * Reads a timestamp sent as epoch nanoseconds (unified API), as an RFC 3339 string
	 * (legacy API), or as a numeric string.
	 */
	static @Nullable Instant timestamp(@Nullable JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isIntegralNumber() && node.canConvertToLong()) {
			return epochInstant(node.longValue());
		}
		if (node.isString()) {
			String text = node.stringValue().trim();
			try {
				if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
					return epochInstant(Long.parseLong(text));
				}
				return OffsetDateTime.parse(text).toInstant();
			}
			catch (DateTimeParseException | NumberFormatException ex) {
				logger.debug("Ignoring unreadable task timestamp '" + text + "'");
				return null;
			}
		}
		logger.debug("Ignoring task timestamp of JSON type " + node.getNodeType());
		return null;
	}

	private static Instant epochInstant(long value) {
		if (value >= NANOS_BOUND) {
			return Instant.ofEpochSecond(value / 1_000_000_000L, value % 1_000_000_000L);
		}
		if (value >= MICROS_BOUND) {
			return Instant.ofEpochSecond(value / 1_000_000L, (value % 1_000_000L) * 1_000L);
		}
		if (value >= MILLIS_BOUND) {
			return Instant.ofEpochMilli(value);
		}
		return Instant.ofEpochSecond(value);
	}

}
