using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>
/// Keeps every formatted log line with its scopes (trace id, request path …), as the console writes
/// them with IncludeScopes, so tests can prove what logs contain and never contain.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider? _scopes;

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(string category, CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes?.Push(state);
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder($"{logLevel} {category}: {formatter(state, exception)} {exception?.Message}");
            owner._scopes?.ForEachScope((scope, text) => text.Append(" => ").Append(scope), line);
            owner._lines.Enqueue(line.ToString());
        }
    }
}
