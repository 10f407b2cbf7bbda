/**
 * Tasks: delayed ground truth. Predictions captured from one component's runs are joined, by
 * identifier, to labels that arrive later (another component's runs, or a CSV file), and windowed
 * metrics (accuracy, precision, recall, F1, AUC, MAE) are kept incrementally: each join adds its
 * contribution to a bucket's counts ({@link org.mltrace.collector.truth.Outcome}), a window sums
 * buckets ({@link org.mltrace.collector.truth.TaskEvaluator}). Everything is written in the
 * transaction that stores the runs or the file's labels, so a crash never counts twice. See
 * docs/ground-truth.md.
 */
package org.mltrace.collector.truth;
