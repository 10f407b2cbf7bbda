package org.mltrace.collector.openlineage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One input or output dataset of an OpenLineage event.
 *
 * @param facets the dataset facets ({@code schema}, {@code dataSource}, ...), an object or missing
 * @param ioFacets {@code inputFacets} of an input ({@code dataQualityMetrics}, {@code
 *     inputStatistics}) or {@code outputFacets} of an output ({@code outputStatistics})
 */
record Dataset(String namespace, String name, JsonNode facets, JsonNode ioFacets) {}
