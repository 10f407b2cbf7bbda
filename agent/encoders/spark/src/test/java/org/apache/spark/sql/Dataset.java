package org.apache.spark.sql;

/** Test stand-in for Spark's abstract API class; the encoder only ever checks the name. */
public abstract class Dataset {}
