package io.getstream.spring.test;

import org.jspecify.annotations.Nullable;

/**
 * Endpoints that the emulator serves, each on its unified ({@code /api/v2}) and legacy
 * chat path.
 */
enum Route {

	GET_TASK("GetTask", "GET", "/api/v2/tasks/", "/tasks/"),

	DELETE_CHANNELS("DeleteChannels", "POST", "/api/v2/chat/channels/delete", "/channels/delete"),

	EXPORT_CHANNELS("ExportChannels", "POST", "/api/v2/chat/export_channels", "/export_channels"),

	EXPORT_USERS("ExportUsers", "POST", "/api/v2/export/users", "/export/users"),

	DELETE_USERS("DeleteUsers", "POST", "/api/v2/users/delete", "/users/delete"),

	/**
	 * Download of an export file. It replaces a pre-signed storage URL and so needs no
	 * authentication.
	 */
	EXPORT_FILE("GetExportFile", "GET", "/exports/", "/exports/");

	private static final String UNIFIED_PREFIX = "/api/v2/";

	private final String operation;

	private final String method;

	private final String unifiedPath;

	private final String legacyPath;

	Route(String operation, String method, String unifiedPath, String legacyPath) {
		this.operation = operation;
		this.method = method;
		this.unifiedPath = unifiedPath;
		this.legacyPath = legacyPath;
	}

	/**
	 * Returns the operation name that starts Stream's error messages, such as
	 * {@code GetTask}.
	 * @return the operation name
	 */
	String operation() {
		return this.operation;
	}

	boolean requiresAuthentication() {
		return this != EXPORT_FILE;
	}

	private boolean hasIdSegment() {
		return this == GET_TASK || this == EXPORT_FILE;
	}

	/**
	 * Finds the route for a request.
	 * @param method the HTTP method
	 * @param rawPath the raw request path
	 * @return the match, or {@code null} when no route serves the request
	 */
	static @Nullable Match match(String method, String rawPath) {
		for (Route route : values()) {
			if (!route.method.equals(method)) {
				continue;
			}
			Match match = route.matchPath(rawPath, route.unifiedPath);
			if (match == null) {
				match = route.matchPath(rawPath, route.legacyPath);
			}
			if (match != null) {
				return match;
			}
		}
		return null;
	}

	private @Nullable Match matchPath(String rawPath, String path) {
		boolean unified = path.startsWith(UNIFIED_PREFIX);
		if (!hasIdSegment()) {
			return rawPath.equals(path) ? new Match(this, unified, null) : null;
		}
		if (!rawPath.startsWith(path)) {
			return null;
		}
		String segment = rawPath.substring(path.length());
		if (segment.isEmpty() || segment.contains("/")) {
			return null;
		}
		String id = UriText.decodePathSegment(segment);
		return (id != null) ? new Match(this, unified, id) : null;
	}

	/**
	 * Route that serves a request.
	 *
	 * @param route the route
	 * @param unified whether the request used the unified {@code /api/v2} path rather
	 * than the legacy chat path
	 * @param id the percent-decoded id from the last path segment, or {@code null} for
	 * routes without one
	 */
	record Match(Route route, boolean unified, @Nullable String id) {

	}

}
