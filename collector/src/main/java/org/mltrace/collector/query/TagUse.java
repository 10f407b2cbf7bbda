package org.mltrace.collector.query;

import java.util.List;

/** A tag and the components that carry it, sorted. */
public record TagUse(String tag, List<String> components) {}
