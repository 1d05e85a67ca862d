namespace Punctual.Cli.Tests.Support;

/// <summary>Sample answers shaped exactly like docs/api.md.</summary>
internal static class Payloads
{
    public const string SucceededRun = """
        {
          "id": 42, "job": "nightly", "origin": "schedule", "state": "succeeded",
          "scheduled_for": "2026-11-23T02:00:00Z", "due_at": "2026-11-23T02:00:00Z",
          "idempotency_key": "nightly/2026-11-23T02:00:00Z", "task_key": null, "period": null,
          "attempt_count": 1, "fire_count": 1, "reason": null,
          "last_status_code": 200, "last_error_class": null, "deadline_at": null, "lease_owner": null,
          "created_at": "2026-11-23T01:59:00Z", "started_at": "2026-11-23T02:00:00.120Z", "finished_at": "2026-11-23T02:00:00.273Z",
          "duration_ms": 153
        }
        """;

    public const string DeadRun = """
        {
          "id": 43, "job": "invoices", "origin": "schedule", "state": "dead",
          "scheduled_for": "2026-11-23T09:00:00Z", "due_at": "2026-11-23T09:00:00Z",
          "idempotency_key": "invoices/2026-11-23T09:00:00Z", "task_key": null, "period": "2026-11",
          "attempt_count": 5, "fire_count": 1,
          "reason": "HTTP 500 from https://billing.internal/tasks/invoices: upstream database unavailable after several retries, giving up",
          "last_status_code": 500, "last_error_class": "http_status", "deadline_at": null, "lease_owner": null,
          "created_at": "2026-11-23T08:59:00Z", "started_at": "2026-11-23T09:00:00Z", "finished_at": "2026-11-23T09:12:30Z",
          "duration_ms": 750000
        }
        """;

    public const string TaskRun = """
        {
          "id": 44, "job": null, "origin": "task", "state": "pending",
          "scheduled_for": "2026-11-23T14:05:00Z", "due_at": "2026-11-23T14:05:00Z",
          "idempotency_key": "task/report-7", "task_key": "report-7", "period": null,
          "attempt_count": 0, "fire_count": 1, "reason": null,
          "last_status_code": null, "last_error_class": null, "deadline_at": null, "lease_owner": null,
          "created_at": "2026-11-23T14:00:00Z", "started_at": null, "finished_at": null,
          "duration_ms": null
        }
        """;

    public const string SkippedRun = """
        {
          "id": 45, "job": "nightly", "origin": "manual", "state": "skipped",
          "scheduled_for": "2026-11-23T10:00:00Z", "due_at": "2026-11-23T10:00:00Z",
          "idempotency_key": "nightly/2026-11-23T10:00:00Z", "task_key": null, "period": null,
          "attempt_count": 0, "fire_count": 1, "reason": "overlap: run 41 is still running",
          "last_status_code": null, "last_error_class": null, "deadline_at": null, "lease_owner": null,
          "created_at": "2026-11-23T10:00:00Z", "started_at": null, "finished_at": null,
          "duration_ms": null
        }
        """;

    public static readonly string RunWithAttempts = SucceededRun.TrimEnd().TrimEnd('}') + """
        , "attempts": [
            { "number": 1, "node": "node-a", "started_at": "2026-11-23T02:00:00.120Z", "finished_at": "2026-11-23T02:00:00.273Z",
              "duration_ms": 153, "outcome": "succeeded", "status_code": 200, "error_class": null, "error": null, "response_excerpt": "ok" }
          ]
        }
        """;

    public static string Job(string name, string schedule, string state = "active", string? lastRun = SucceededRun, string timezone = "UTC") => $$"""
        {
          "name": "{{name}}", {{schedule}}, "timezone": "{{timezone}}", "jitter": "0s",
          "target": { "method": "POST", "url": "https://example.test/{{name}}", "headers": {}, "body": {"k": 1} },
          "timeout": "30s", "retry": { "attempts": 3, "backoff": "10s..10m", "on_status": [] },
          "overlap": "forbid", "catch_up": "latest", "catch_up_window": "1d", "pause_on_failure": false,
          "state": "{{state}}", "paused": {{(state == "paused" ? "true" : "false")}},
          "next_fire_at": {{(state == "active" ? "\"2026-11-24T02:00:00Z\"" : "null")}},
          "next_due_at": {{(state == "active" ? "\"2026-11-24T02:00:00Z\"" : "null")}},
          "runs_counted": 12, "missed_fires": 0, "version": 3,
          "created_at": "2026-11-01T00:00:00Z", "updated_at": "2026-11-20T00:00:00Z",
          "last_run": {{lastRun ?? "null"}}
        }
        """;

    public static readonly string Nightly = Job("nightly", "\"schedule\": \"0 2 * * *\"");

    public static string Page(string? nextCursor, params string[] items) =>
        $$"""{ "items": [{{string.Join(",", items)}}], "next_cursor": {{(nextCursor is null ? "null" : $"\"{nextCursor}\"")}} }""";

    public static string Problem(int status, string type, string title, string detail, params (string Field, string Message)[] errors) => $$"""
        {
          "type": "https://punctual.dev/problems/{{type}}",
          "title": "{{title}}",
          "status": {{status}},
          "detail": "{{detail}}",
          "errors": [{{string.Join(",", errors.Select(e => $$"""{ "field": "{{e.Field}}", "message": "{{e.Message}}" }"""))}}]
        }
        """;
}
