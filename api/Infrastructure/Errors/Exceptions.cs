namespace Clinic.Api.Infrastructure.Errors;

/// <summary>The resource does not exist or the caller may not know that it does: both answer 404.</summary>
public sealed class NotFoundException(string resource, object? id = null)
    : Exception(id is null ? $"The {resource} was not found." : $"The {resource} '{id}' was not found.")
{
    public string Resource { get; } = resource;
    public object? Id { get; } = id;
}

/// <summary>
/// The write cannot apply to the current state (stale version, signed session, duplicate).
/// <paramref name="extensions"/> become extra members of the problem body (e.g. <c>requiresSafetyConfirmation</c>)
/// so a client can tell which conflict it met without parsing the message.
/// </summary>
public sealed class ConflictException(string message, IReadOnlyDictionary<string, object?>? extensions = null) : Exception(message)
{
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();
}

/// <summary>The caller's role may never do this.</summary>
public sealed class ForbiddenException(string message = "You are not allowed to do this.") : Exception(message);

/// <summary>A rule failed for one or more named fields; answers 400 with field errors.</summary>
public sealed class FieldValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public FieldValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] }) { }
}

/// <summary>Too many attempts for now (sign-in failures, a locked account's password checks); answers 429 with Retry-After.</summary>
public sealed class TooManyAttemptsException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
