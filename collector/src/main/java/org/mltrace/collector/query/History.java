package org.mltrace.collector.query;

import java.util.List;

/** A component's runs, newest first, at most {@code limit}. */
public record History(String component, int limit, List<RunView> runs) {}
