/**
 * A taxi tip pipeline on Apache Spark MLlib in local mode, with no reference to mltrace:
 * config-examples/spark-mllib.yaml traces it by instrumenting Spark's own classes.
 */
package com.example.sparktaxi;
