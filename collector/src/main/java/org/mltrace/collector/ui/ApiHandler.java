package org.mltrace.collector.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mltrace.collector.MltraceException;
import org.mltrace.collector.query.AlertJson;
import org.mltrace.collector.query.AnalysisJson;
import org.mltrace.collector.query.Annotations;
import org.mltrace.collector.query.BrowseQuery;
import org.mltrace.collector.query.CatalogQuery;
import org.mltrace.collector.query.JsonRenderer;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.query.ReviewQuery;
import org.mltrace.collector.query.RunDetail;
import org.mltrace.collector.query.SampleHistogram;
import org.mltrace.collector.query.SampleQuery;
import org.mltrace.collector.query.TraceLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API under {@code /api/} (docs/api.md). Every call is checked against {@link UiAccess}
 * first; the only writes are {@code POST flag, unflag, note}. The server runs this on one thread,
 * so the single {@link QueryService} (one JDBC connection) is never shared between requests.
 */
final class ApiHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
  private static final int MAX_BODY = 16 * 1024;

  private final QueryService queries;
  private final UiAccess access;
  private final Clock clock;

  ApiHandler(QueryService queries, UiAccess access, Clock clock) {
    this.queries = queries;
    this.access = access;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!access.allows(exchange.getRequestHeaders().getFirst("Authorization"))) {
        HttpReplies.json(exchange, 401, UiJson.error("missing or wrong token"));
        return;
      }
      if (!HttpReplies.sameOrigin(exchange, access)) {
        HttpReplies.json(exchange, 403, UiJson.error("cross-origin request refused"));
        return;
      }
      String path = exchange.getRequestURI().getPath().substring("/api/".length());
      boolean post = "POST".equals(exchange.getRequestMethod());
      if (!post && !"GET".equals(exchange.getRequestMethod())) {
        HttpReplies.json(exchange, 405, UiJson.error("only GET and POST are served"));
        return;
      }
      JsonNode reply;
      try {
        reply = post ? write(path, exchange) : read(path, Params.query(exchange.getRequestURI()));
      } catch (MltraceException e) {
        HttpReplies.json(exchange, status(e), UiJson.error(e.getMessage()));
        return;
      } catch (RuntimeException e) {
        log.warn("internal error serving {}", exchange.getRequestURI(), e);
        HttpReplies.json(exchange, 500, UiJson.error("internal error (see the server's log)"));
        return;
      }
      if (reply == null) {
        HttpReplies.json(
            exchange, 404, UiJson.error("no API call " + (post ? "POST " : "") + path));
      } else {
        HttpReplies.json(exchange, 200, reply);
      }
    }
  }

  private JsonNode read(String path, Params p) {
    Instant now = clock.instant();
    return switch (path) {
      case "components" -> components();
      case "history" -> {
        BrowseQuery browse = new BrowseQuery(queries);
        var page =
            browse.history(p.required("component"), p.integer("offset", 0), p.integer("limit", 50));
        yield UiJson.history(
            page, browse.triggerResults(page.runs().stream().map(r -> r.id()).toList()));
      }
      case "run" -> run(p.required("id"));
      case "trace" ->
          new TraceApi(queries)
              .trace(
                  p.required("id"),
                  p.choice("direction", "upstream", "impact"),
                  traceLimits(p),
                  now);
      case "review" -> review();
      case "alerts" -> UiJson.tree(AlertJson.alerts(queries.alerts(p.bool("all"))));
      case "stale" -> UiJson.tree(AlertJson.stale(queries.staleRuns(now)));
      case "recent" ->
          UiJson.tree(AnalysisJson.runs(new CatalogQuery(queries).recent(p.integer("limit", 50))));
      default -> path.startsWith("monitor") ? new MonitorApi(queries).read(path, p) : null;
    };
  }

  private JsonNode write(String path, HttpExchange exchange) throws IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.startsWith("application/json")) {
      // A form on another site cannot send this type without a CORS preflight, which we refuse.
      throw new BadRequestException("POST bodies must be application/json");
    }
    Params body = Params.json(readBody(exchange.getRequestBody()));
    Annotations annotations = new Annotations(queries);
    return switch (path) {
      case "flag" -> {
        var flag = annotations.flag(body.required("id"), body.optional("note"));
        yield UiJson.object().put("pointer", flag.pointer()).put("flagged", true);
      }
      case "unflag" -> {
        String pointer = annotations.pointer(body.required("id"));
        boolean was = annotations.unflag(pointer);
        yield UiJson.object().put("pointer", pointer).put("flagged", false).put("wasFlagged", was);
      }
      case "note" -> {
        var note = annotations.note(body.required("runId"), body.required("text"));
        yield UiJson.object().put("runId", note.runId()).put("note", note.text());
      }
      default -> null;
    };
  }

  private JsonNode components() {
    ArrayNode list =
        (ArrayNode)
            UiJson.tree(AnalysisJson.components(new CatalogQuery(queries).components(null, null)));
    Map<String, Integer> openAlerts = new HashMap<>();
    queries.alerts(false).forEach(a -> openAlerts.merge(a.component(), 1, Integer::sum));
    for (JsonNode n : list) {
      ObjectNode o = (ObjectNode) n;
      JsonNode reasons = o.path("lastRunStale");
      o.put("stale", reasons.isArray() && reasons.size() > 0);
      o.put("openAlerts", openAlerts.getOrDefault(o.get("name").asText(), 0));
    }
    return list;
  }

  private JsonNode run(String id) {
    RunDetail detail = queries.inspect(id);
    ObjectNode o = (ObjectNode) UiJson.tree(JsonRenderer.render(detail));
    BrowseQuery browse = new BrowseQuery(queries);
    o.set("staleReasons", AlertJson.reasons(detail.stale())); // worked out once, by inspect
    o.set("notes", UiJson.tree(AnalysisJson.notes(new Annotations(queries).notes(id))));
    putHistograms(o, new SampleQuery(queries).histograms(id));
    var marks = browse.marks(List.of(id)).get(id);
    ArrayNode flagged = o.putArray("flaggedOutputs");
    if (marks != null) {
      marks.flaggedOutputs().forEach(flagged::add);
    }
    return o;
  }

  /** The CLI trace's --depth, --since and --until, with errors that name the API's arguments. */
  private static TraceLimits traceLimits(Params p) {
    int depth = p.integer("depth", -1);
    if (depth != -1 && depth < 1) {
      throw new BadRequestException("'depth' must be at least 1, got " + depth);
    }
    Instant since = p.instant("since");
    Instant until = p.instant("until");
    if (since != null && until != null && !since.isBefore(until)) {
      throw new BadRequestException(
          "'since' (" + since + ") must be before 'until' (" + until + ")");
    }
    return new TraceLimits(depth, since, until);
  }

  /** Each input and output with a sample gets {@code histogram} (docs/api.md). */
  private static void putHistograms(
      ObjectNode run, Map<String, Map<Integer, SampleHistogram>> all) {
    for (String direction : List.of("input", "output")) {
      JsonNode values = run.path(direction + "s");
      all.getOrDefault(direction, Map.of())
          .forEach(
              (index, histogram) -> {
                if (index >= 0 && index < values.size()) {
                  ((ObjectNode) values.get(index)).set("histogram", UiJson.histogram(histogram));
                }
              });
    }
  }

  private JsonNode review() {
    Annotations annotations = new Annotations(queries);
    ObjectNode o = UiJson.object();
    var flagged = annotations.flagged();
    o.set("flagged", UiJson.tree(AnalysisJson.flags(flagged)));
    if (flagged.isEmpty()) {
      o.putArray("runs");
    } else {
      JsonNode ranking =
          UiJson.tree(AnalysisJson.ranking(new ReviewQuery(queries).review(List.of())));
      o.set("runs", ranking.get("runs"));
      o.set("unproduced", ranking.get("unproduced"));
    }
    return o;
  }

  private static int status(MltraceException e) {
    return switch (e.category()) {
      case USAGE -> 400;
      case NOT_FOUND -> 404;
      case IO -> 503;
    };
  }

  private static String readBody(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY + 1);
    if (bytes.length > MAX_BODY) {
      throw new BadRequestException("request body over " + MAX_BODY + " bytes");
    }
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }
}
