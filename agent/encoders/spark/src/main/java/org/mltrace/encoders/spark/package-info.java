/**
 * The Spark {@code Dataset} value encoder shipped with mltrace (see docs/plugins.md). Reflection
 * only: it compiles against no Spark version and runs against whichever the application has.
 */
package org.mltrace.encoders.spark;
