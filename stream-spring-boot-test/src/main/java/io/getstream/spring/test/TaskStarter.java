package io.getstream.spring.test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * POST endpoints that start a task: each validates its body like Stream does, registers a
 * {@link StartedTask} with the result Stream would give, and returns the new task id.
 */
final class TaskStarter {

	private static final Set<String> DELETION_MODES = Set.of("soft", "pruning", "hard");

	private static final Map<String, String> OK = Map.of("status", "ok");

	private final Map<String, EmulatedTask> tasks;

	private final Map<String, String> exports;

	private final JsonMapper jsonMapper;

	private final String baseUrl;

	private final Supplier<Duration> progressionStep;

	TaskStarter(Map<String, EmulatedTask> tasks, Map<String, String> exports, JsonMapper jsonMapper, String baseUrl,
			Supplier<Duration> progressionStep) {
		this.tasks = tasks;
		this.exports = exports;
		this.jsonMapper = jsonMapper;
		this.baseUrl = baseUrl;
		this.progressionStep = progressionStep;
	}

	/**
	 * Validates the body of a request to the given route and starts its task.
	 * @param route one of the routes that start a task
	 * @param body the request body
	 * @param now the time the request arrived
	 * @return the new task id
	 * @throws StreamApiException with HTTP 400 and code 4 when the body is invalid
	 */
	String start(Route route, String body, Instant now) {
		JsonNode request = parseObject(route, body);
		String taskId = UUID.randomUUID().toString();
		Map<String, Object> result = switch (route) {
			case DELETE_CHANNELS -> deleteChannels(request);
			case EXPORT_CHANNELS -> exportChannels(request, taskId);
			case EXPORT_USERS -> exportUsers(request, taskId);
			case DELETE_USERS -> deleteUsers(request);
			default -> throw new IllegalArgumentException("Route " + route + " does not start a task");
		};
		this.tasks.put(taskId, new StartedTask(now, this.progressionStep.get(), result));
		return taskId;
	}

	private Map<String, Object> deleteChannels(JsonNode request) {
		String operation = Route.DELETE_CHANNELS.operation();
		List<String> cids = stringList(operation, request, "cids", 1, 100);
		for (int i = 0; i < cids.size(); i++) {
			checkCid(operation, "cids[" + i + "]", cids.get(i));
		}
		checkOptionalBoolean(operation, request, "hard_delete");
		Map<String, Object> result = new LinkedHashMap<>();
		cids.forEach((cid) -> result.put(cid, OK));
		return result;
	}

	private Map<String, Object> exportChannels(JsonNode request, String taskId) {
		String operation = Route.EXPORT_CHANNELS.operation();
		JsonNode channels = request.get("channels");
		if (channels == null || !channels.isArray() || channels.isEmpty()) {
			throw StreamApiException.inputError(operation, "channels", "channels must contain at least 1 item");
		}
		List<Map<String, Object>> exported = new ArrayList<>();
		for (int i = 0; i < channels.size(); i++) {
			String cid = channelCid(operation, "channels[" + i + "]", channels.get(i));
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("cid", cid);
			entry.put("messages", List.of());
			exported.add(entry);
		}
		checkOptionalDateTime(operation, request, "messages_since");
		checkOptionalDateTime(operation, request, "messages_until");
		checkOptionalString(operation, request, "version");
		checkOptionalString(operation, request, "format");
		return exportResult(taskId, Map.of("channels", exported));
	}

	private Map<String, Object> exportUsers(JsonNode request, String taskId) {
		List<String> userIds = stringList(Route.EXPORT_USERS.operation(), request, "user_ids", 1, 25);
		List<Map<String, Object>> exported = new ArrayList<>();
		userIds.forEach((userId) -> exported.add(Map.of("id", userId)));
		return exportResult(taskId, Map.of("users", exported));
	}

	private Map<String, Object> deleteUsers(JsonNode request) {
		String operation = Route.DELETE_USERS.operation();
		List<String> userIds = stringList(operation, request, "user_ids", 1, 100);
		for (String field : List.of("user", "messages", "conversations")) {
			String mode = checkOptionalString(operation, request, field);
			if (mode != null && !DELETION_MODES.contains(mode)) {
				throw StreamApiException.inputError(operation, field,
						field + " must be one of soft, pruning or hard but was " + mode);
			}
		}
		Map<String, Object> result = new LinkedHashMap<>();
		userIds.forEach((userId) -> result.put(userId, OK));
		return result;
	}

	private Map<String, Object> exportResult(String taskId, Map<String, Object> fileContent) {
		this.exports.put(taskId, this.jsonMapper.writeValueAsString(fileContent));
		return Map.of("url", this.baseUrl + "/exports/" + taskId + ".json");
	}

	private JsonNode parseObject(Route route, String body) {
		try {
			JsonNode request = this.jsonMapper.readTree(body);
			if (request != null && request.isObject()) {
				return request;
			}
		}
		catch (JacksonException ex) {
			// Reported below like any other body that is not a JSON object.
		}
		throw StreamApiException.inputError(route.operation(), "body", "request body must be a JSON object");
	}

	private static List<String> stringList(String operation, JsonNode request, String field, int min, int max) {
		JsonNode node = request.get(field);
		if (node == null || !node.isArray() || node.size() < min || node.size() > max) {
			throw StreamApiException.inputError(operation, field,
					field + " must contain between " + min + " and " + max + " items");
		}
		List<String> values = new ArrayList<>();
		for (int i = 0; i < node.size(); i++) {
			JsonNode item = node.get(i);
			if (!item.isString() || item.stringValue().isEmpty()) {
				throw StreamApiException.inputError(operation, field, field + "[" + i + "] must be a non-empty string");
			}
			values.add(item.stringValue());
		}
		return values;
	}

	private static String channelCid(String operation, String field, JsonNode channel) {
		if (channel.isObject() && channel.get("cid") != null && channel.get("cid").isString()) {
			return checkCid(operation, field + ".cid", channel.get("cid").stringValue());
		}
		JsonNode type = channel.get("type");
		JsonNode id = channel.get("id");
		if (channel.isObject() && type != null && type.isString() && id != null && id.isString()) {
			return checkCid(operation, field, type.stringValue() + ":" + id.stringValue());
		}
		throw StreamApiException.inputError(operation, field, field + " must have a cid or a type and an id");
	}

	private static String checkCid(String operation, String field, String cid) {
		int colon = cid.indexOf(':');
		if (colon <= 0 || colon == cid.length() - 1 || cid.indexOf(':', colon + 1) >= 0) {
			throw StreamApiException.inputError(operation, field,
					field + " must be a channel cid of the form type:id but was " + cid);
		}
		return cid;
	}

	private static void checkOptionalBoolean(String operation, JsonNode request, String field) {
		JsonNode node = request.get(field);
		if (node != null && !node.isNull() && !node.isBoolean()) {
			throw StreamApiException.inputError(operation, field, field + " must be a boolean");
		}
	}

	private static @Nullable String checkOptionalString(String operation, JsonNode request, String field) {
		JsonNode node = request.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			throw StreamApiException.inputError(operation, field, field + " must be a string");
		}
		return node.stringValue();
	}

	private static void checkOptionalDateTime(String operation, JsonNode request, String field) {
		String value = checkOptionalString(operation, request, field);
		if (value == null) {
			return;
		}
		try {
			OffsetDateTime.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw StreamApiException.inputError(operation, field,
					field + " must be an RFC 3339 date-time but was " + value);
		}
	}

}
