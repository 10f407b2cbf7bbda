package org.mltrace.collector.doctor;

/**
 * One thing the doctor looked at: what ({@code subject}, e.g. "database" or a queue's path), how it
 * stands, what it saw, and, unless it is fine, what to do about it.
 */
public record Finding(
    Severity severity, String check, String subject, String detail, String advice) {

  /** How a finding stands; a {@link #PROBLEM} makes {@code doctor} exit non-zero. */
  public enum Severity {
    OK,
    WARNING,
    PROBLEM
  }

  static Finding ok(String check, String subject, String detail) {
    return new Finding(Severity.OK, check, subject, detail, null);
  }

  static Finding warning(String check, String subject, String detail, String advice) {
    return new Finding(Severity.WARNING, check, subject, detail, advice);
  }

  static Finding problem(String check, String subject, String detail, String advice) {
    return new Finding(Severity.PROBLEM, check, subject, detail, advice);
  }
}
