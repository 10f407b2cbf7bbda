package org.mltrace.collector.query;

import java.util.List;

/**
 * The rows of an ad-hoc query. Values are null, String, Number or Boolean; timestamps are ISO-8601
 * strings.
 */
public record SqlResult(List<String> columns, List<List<Object>> rows) {}
