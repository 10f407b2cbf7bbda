package org.mltrace.agent.event;

/**
 * Where a woven class came from, appended once per agent for each component and class it wove (not
 * per run): the run's {@code codeVersion} names the class file, this names the jar around it. A
 * run's code source is the one its agent sent for its component.
 *
 * @param agentId the agent that wove the class
 * @param component the component whose method the class holds
 * @param className the class, dotted ({@code ml.dmlc.xgboost4j.java.XGBoost})
 * @param codeVersion the class file's hash, as in the runs
 * @param location where the class was loaded from: the jar's or directory's absolute path, or the
 *     code source URL when it is not a file; null when the class had none (a JDK class)
 * @param sha256 the SHA-256 (64 hex digits) of the jar file's bytes; null for a directory, a
 *     location that is not a file, or a jar that could not be read
 * @param maven {@code groupId:artifactId:version} from the jar's {@code
 *     META-INF/maven/GROUP/ARTIFACT/pom.properties}, or null when it has none (or several, none of
 *     them named like the jar)
 */
public record CodeSourceEvent(
    String agentId,
    String component,
    String className,
    String codeVersion,
    String location,
    String sha256,
    String maven)
    implements Event {}
