namespace Clinic.Api.Infrastructure.Email;

/// <summary>Clinic:Smtp — where mail goes (MailKit). The defaults reach the local catcher that make up starts.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 2525;
    /// <summary>"Name &lt;address&gt;" or an address; the practice's name is used when no name is given.</summary>
    public string From { get; set; } = "no-reply@clinic.test";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>True: TLS from the start (port 465) or STARTTLS when the server offers it; false: plain (a local catcher).</summary>
    public bool UseTls { get; set; }
    /// <summary>Seconds before a connect or a command gives up, so an unreachable server frees the sender quickly.</summary>
    public int TimeoutSeconds { get; set; } = 10;
}

/// <summary>Clinic:Email — how the outbox sender works.</summary>
public sealed class EmailOptions
{
    /// <summary>False stops this instance sending (messages still go into the outbox for another instance).</summary>
    public bool SenderEnabled { get; set; } = true;
    /// <summary>Concurrent sends per instance, each with its own SMTP connection.</summary>
    public int Workers { get; set; } = 2;
    /// <summary>How often an idle sender looks for due messages.</summary>
    public int PollMilliseconds { get; set; } = 1000;
    /// <summary>First retry after this; each later one waits twice as long, up to <see cref="MaxRetrySeconds"/>.</summary>
    public int RetryBaseSeconds { get; set; } = 30;
    public int MaxRetrySeconds { get; set; } = 3600;
    /// <summary>Attempts before a message is given up as failed (visible in the admin delivery log, which can resend it).</summary>
    public int MaxAttempts { get; set; } = 10;
    /// <summary>The appointment reminder goes this many hours before the start.</summary>
    public int AppointmentReminderHours { get; set; } = 24;
    /// <summary>Days without an entry on an active assignment before a nudge, and pending before a questionnaire reminder.</summary>
    public int NudgeAfterDays { get; set; } = 3;
    /// <summary>Hours a sent message keeps its content (its links expire within 72 h), after which only the log remains.</summary>
    public int KeepContentHours { get; set; } = 72;
}
