/**
 * The {@code mltrace} command line, picocli only: one class per leaf command ({@code collect},
 * {@code trace}, {@code inspect}, {@code history}, {@code sql}), mixins for the shared {@code --db}
 * and {@code --json} options, text renderers, and one place ({@link
 * org.mltrace.collector.cli.ExitCodes}) that turns failures into a one-line message and an exit
 * code. Commands reach the database only through {@code query.QueryService} and {@code
 * ingest.Collector}.
 */
package org.mltrace.collector.cli;
