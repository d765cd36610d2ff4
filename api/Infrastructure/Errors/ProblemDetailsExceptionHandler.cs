using System.Text.Json;
using Clinic.Api.Domain;
using Clinic.Api.Infrastructure.Auth;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Clinic.Api.Infrastructure.Errors;

/// <summary>
/// The one place an exception becomes an HTTP answer: RFC 9457 problem details, never a stack trace.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger, DenialAudit denialAudit,
    NpgsqlDataSource dataSource, [FromKeyedServices(Startup.ServiceRegistration.ReadOnlyDataSource)] NpgsqlDataSource readOnly)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            ValidationException v => Validation(v.Errors.GroupBy(e => CamelPath(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray())),
            FieldValidationException f => Validation(f.Errors),
            BadHttpRequestException { InnerException: JsonException json } => Validation(JsonError(json)),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                Problem(413, "Request body too large", "The request body exceeds the limit."),
            BadHttpRequestException bad => Validation(BindingError(bad)),
            AuthenticationFailedException af => SignInFailed(af),
            SessionEndedException => SessionEnded(context),
            TooManyAttemptsException many => TooMany(context, many),
            NotFoundException nf => Problem(404, "Not found", nf.Message),
            ForbiddenException fb => Problem(403, "Forbidden", fb.Message),
            ConflictException c => WithExtensions(Problem(409, "Conflict", c.Message), c.Extensions),
            DomainRuleException { Violation: RuleViolation.Conflict } rule => Problem(409, "Conflict", rule.Message),
            DomainRuleException rule => Validation(new Dictionary<string, string[]> { [rule.Field ?? "body"] = [rule.Message] }),
            DbUpdateConcurrencyException => Problem(409, "Conflict",
                "This record was changed by someone else since you read it. Reload and try again."),
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation, ConstraintName: Domain.Appointments.Appointment.NoOverlapConstraint } } =>
                WithExtensions(Problem(409, "Conflict", Domain.Appointments.Appointment.TimeTakenMessage),
                    new Dictionary<string, object?> { ["timeTaken"] = true }),
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } =>
                Problem(409, "Conflict", "A record with these values already exists."),
            _ when IsDatabaseUnavailable(exception) => Problem(503, "Service unavailable",
                "The database is not reachable right now. Try again shortly."),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };

        if (problem is null)
        {
            if (context.RequestAborted.IsCancellationRequested) return true;
            logger.LogError(exception, "Unhandled error for {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = Problem(500, "Server error", "Something went wrong. Quote the correlation id if you report it.");
        }
        else if (problem.Status >= 500)
        {
            // After a database restart every idle pooled connection is dead; without this each one
            // would fail one more request. Cleared, the next request opens a fresh connection.
            dataSource.Clear();
            readOnly.Clear();
            logger.LogWarning("Database unavailable for {Method} {Path}: {Error}", context.Request.Method,
                context.Request.Path, exception.GetType().Name);
        }

        if (problem.Status is 404 or 403) await denialAudit.RecordAsync(context, exception, ct);

        problem.Extensions["correlationId"] = context.TraceIdentifier;
        context.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context, ProblemDetails = problem, Exception = exception,
        });
    }

    /// <summary>As JwtBearer answers a token whose session has ended: 401 with the bearer challenge.</summary>
    private static ProblemDetails SessionEnded(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\", error_description=\"The session has ended.\"";
        return Problem(401, "Unauthorized", "The session has ended. Sign in again.");
    }

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail, Type = $"https://httpstatuses.io/{status}" };

    private static ProblemDetails WithExtensions(ProblemDetails problem, IReadOnlyDictionary<string, object?> extensions)
    {
        foreach (var (key, value) in extensions) problem.Extensions[key] = value;
        return problem;
    }

    private static ProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new HttpValidationProblemDetails(errors.ToDictionary(p => p.Key, p => p.Value))
        {
            Status = 400, Title = "Invalid request", Type = "https://httpstatuses.io/400",
            Detail = "One or more fields are invalid: " + string.Join(", ", errors.Keys) + ".",
        };

    /// <summary>Names the JSON field that failed to bind, as the client spelt it.</summary>
    private static Dictionary<string, string[]> JsonError(JsonException json)
    {
        var path = json.Path is { Length: > 0 } p ? p.TrimStart('$').TrimStart('.') : "";
        if (json is Json.InputRuleException rule) return new() { [string.IsNullOrEmpty(path) ? "body" : path] = [rule.Message] };
        var message = json.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "This field is not allowed here."
            : json.Message.Contains("missing required properties", StringComparison.Ordinal)
                ? "Required fields are missing."
                : "The value is not valid for this field.";
        if (json.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            // STJ reports the unknown member's name inside the message: 'The JSON property 'x' could not be mapped…'.
            var start = json.Message.IndexOf('\'');
            var end = start >= 0 ? json.Message.IndexOf('\'', start + 1) : -1;
            if (end > start) path = string.IsNullOrEmpty(path) || path.EndsWith(json.Message[(start + 1)..end], StringComparison.Ordinal)
                ? json.Message[(start + 1)..end]
                : $"{path}.{json.Message[(start + 1)..end]}";
        }
        return new() { [string.IsNullOrEmpty(path) ? "body" : path] = [message] };
    }

    private static ProblemDetails SignInFailed(AuthenticationFailedException e)
    {
        var problem = Problem(401, "Sign-in failed", e.Message);
        if (e.Failure == AuthenticationFailure.MfaRequired) problem.Extensions["mfaRequired"] = true;
        if (e.Failure == AuthenticationFailure.PortalClosed) problem.Extensions["portalClosed"] = true;
        return problem;
    }

    private static ProblemDetails TooMany(HttpContext context, TooManyAttemptsException e)
    {
        // The response was cleared before this handler ran, so the header set here is the one sent.
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(e.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem(429, "Too many attempts", e.Message);
    }

    /// <summary>Query and route values that fail to bind: 'Failed to bind parameter "int? Page" from "x".'</summary>
    private static Dictionary<string, string[]> BindingError(BadHttpRequestException bad)
    {
        var match = System.Text.RegularExpressions.Regex.Match(bad.Message, "parameter \"(?:[^\" ]+ )?([A-Za-z0-9_]+)\"");
        var field = match.Success ? CamelPath(match.Groups[1].Value) : "body";
        var message = match.Success ? "The value is not valid for this field." : "The request could not be read.";
        return new() { [field] = [message] };
    }

    private static string CamelPath(string path) => string.Join('.', path.Split('.')
        .Select(s => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..]));

    /// <summary>
    /// Not reaching a usable database — refused, reset, timed out, no host that is the primary right now
    /// (a failover in progress), shutting down, or read-only — as opposed to the database refusing a statement.
    /// </summary>
    private static bool IsDatabaseUnavailable(Exception? e) => e switch
    {
        null => false,
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "25006" } => true,
        PostgresException => false,
        NpgsqlException or TimeoutException => true,
        AggregateException all => all.InnerExceptions.Any(IsDatabaseUnavailable),
        _ => IsDatabaseUnavailable(e.InnerException),
    };
}
