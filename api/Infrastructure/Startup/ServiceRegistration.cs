using System.Reflection;
using Clinic.Api.Data;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Behaviours;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Json;
using Clinic.Api.Infrastructure.Migrations;
using Clinic.Api.Infrastructure.Observability;
using Clinic.Api.Infrastructure.OpenApi;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Clinic.Api.Infrastructure.Startup;

public static class ServiceRegistration
{
    private static readonly Assembly ApiAssembly = typeof(ServiceRegistration).Assembly;

    public static void AddClinic(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddSingleton(TimeProvider.System);
        // A time zone this machine does not know stops start-up, not the first request that needs today's date.
        services.AddOptions<PracticeOptions>().Bind(configuration.GetSection("Clinic:Practice"))
            .Validate(o => PracticeCalendar.TryFind(o.TimeZone) is not null, PracticeCalendar.UnknownZoneMessage)
            .ValidateOnStart();
        services.AddSingleton<PracticeCalendar>();
        // SIGTERM: stop accepting, let in-flight requests finish (a dashboard takes well under this), exit 0.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<BatchedSessionCheck>();
        services.AddSingleton<DenialAudit>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        services.AddSingleton<SqlMigrator>();

        services.AddOptions<JwtOptions>().Bind(configuration.GetSection("Clinic:Jwt"))
            .Validate(o => o.AccessTokenMinutes is > 0 and <= 60, "Clinic:Jwt:AccessTokenMinutes must be more than 0 and at most 60.")
            .ValidateOnStart();
        services.Configure<BootstrapAdminOptions>(configuration.GetSection("Clinic:BootstrapAdmin"));
        services.AddPublishedSecretChecks();
        services.Configure<SecurityOptions>(configuration.GetSection("Clinic:Security"));
        services.AddSingleton<TokenService>();
        services.AddScoped<Features.Auth.SessionIssuer>();
        services.AddScoped<AccountLockout>();
        services.AddScoped<Features.Auth.PortalAccess>();
        services.AddScoped<Features.Auth.IPartnerAccountFactory, Features.Couples.PartnerAccountFactory>();

        AddDatabase(services, configuration);
        services.AddSingleton(AdmissionControl.Create);
        AddMediator(services);
        AddIdentity(services);
        AddAuthentication(services);
        services.AddClinicRateLimits(configuration);
        services.AddClinicNetwork(configuration);

        foreach (var module in ApiAssembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IFeatureModule).IsAssignableFrom(t))
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
            ((IFeatureModule)Activator.CreateInstance(module)!).AddServices(services, configuration);

        services.ConfigureHttpJsonOptions(o => JsonSetup.Configure(o.SerializerOptions));
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => o.SerializerOptions.MaxDepth = 32);
        // Bind failures always throw, so the exception handler can answer with named fields.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // traceId is the W3C trace id (32 hex digits), the one in the log lines and in exported traces.
        // correlationId on every problem, whoever wrote it (a handler, a status code page, the rate limiter).
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] = Telemetry.CurrentTraceId() ?? context.HttpContext.TraceIdentifier;
            context.ProblemDetails.Extensions.TryAdd("correlationId", context.HttpContext.TraceIdentifier);
        });
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonFallbackWriter>();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

        services.AddClinicOpenApi();
        builder.AddClinicTelemetry();
    }

    /// <summary>The keyed <see cref="NpgsqlDataSource"/> behind <see cref="ClinicReadDbContext"/>.</summary>
    public const string ReadOnlyDataSource = "read-only";

    private static void AddDatabase(IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Clinic")
            ?? throw new InvalidOperationException("ConnectionStrings:Clinic is not set (ConnectionStrings__Clinic).");
        var readOnlyString = configuration.GetConnectionString("ClinicReadOnly");
        var usesStandby = !string.IsNullOrWhiteSpace(readOnlyString);
        services.AddSingleton(_ => DataSource(connectionString, "clinic"));
        // Lag-tolerant reads: a standby when ClinicReadOnly is set, else the primary's own pool.
        services.AddKeyedSingleton(ReadOnlyDataSource, (sp, _) =>
            usesStandby ? DataSource(readOnlyString!, "clinic-read-only") : sp.GetRequiredService<NpgsqlDataSource>());
        services.AddSingleton(new ReadRouting(usesStandby));
        // Pooled: a context per request is reset and reused instead of built, which the read endpoints feel.
        services.AddDbContextPool<ClinicDbContext>((sp, options) => Configure(options, sp.GetRequiredService<NpgsqlDataSource>(), sp));
        services.AddDbContextPool<ClinicReadDbContext>((sp, options) =>
            Configure(options, sp.GetRequiredKeyedService<NpgsqlDataSource>(ReadOnlyDataSource), sp));

        static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource, IServiceProvider sp) => options
            .UseNpgsql(dataSource)
            // The schema is hand-written snake_case SQL; ModelMatchesSchemaTests proves every column agrees.
            .UseSnakeCaseNamingConvention()
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            // Interceptors registered in DI (none in production; tests count commands with one).
            .AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
    }

    /// <summary>
    /// A pool for one connection string. Multi-host strings work as they are: <c>Host=a:5432,b:5432;Target
    /// Session Attributes=primary</c> finds the primary after a failover without a restart, and
    /// <c>prefer-standby</c> reads from a standby while one answers.
    /// </summary>
    /// <summary>Connections per core of this instance in each pool, unless the connection string says otherwise.</summary>
    internal const int PoolSizePerCore = 10;

    internal static NpgsqlDataSource DataSource(string connectionString, string name)
    {
        var sourceBuilder = new NpgsqlDataSourceBuilder(connectionString);
        // Fail fast when the database is unreachable (the default is 15 s per attempt): a request
        // answers 503 within seconds instead of hanging. An explicit Timeout in the string wins.
        if (!Sets(connectionString, @"(Connect(ion)?\s*)?Timeout"))
            sourceBuilder.ConnectionStringBuilder.Timeout = 3;
        // Statements run twice on a connection are prepared, as pgbench -M prepared does: parse and
        // plan once per connection instead of per request (the caseload's first statement spends
        // ~5 ms planning). Explicit settings in the string win.
        if (!Sets(connectionString, @"Max\s*Auto\s*Prepare"))
        {
            sourceBuilder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            sourceBuilder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }
        // The command timeout is the connection's default rather than EF's per-command setting: a command
        // whose timeout differs from the connection's makes Npgsql set the socket timeout twice (two syscalls).
        if (!Sets(connectionString, @"Command\s*Timeout"))
            sourceBuilder.ConnectionStringBuilder.CommandTimeout = 15;
        // The app never changes session state (the migrator's advisory lock is released explicitly), so a
        // pooled connection needs no RESET ALL / DISCARD statement each time it goes back to the pool.
        if (!Sets(connectionString, @"No\s*Reset\s*On\s*Close"))
            sourceBuilder.ConnectionStringBuilder.NoResetOnClose = true;
        // After a failover a host's role is known again within a second (Npgsql's default is 10 s, during
        // which the promoted standby would still be skipped as "not the primary").
        if (!Sets(connectionString, @"Host\s*Recheck\s*Seconds"))
            sourceBuilder.ConnectionStringBuilder.HostRecheckSeconds = 1;
        // A pool sized to what this instance can keep busy, not Npgsql's 100. Idle connections are handed out
        // first-in first-out, so after a burst at 64 concurrent requests a steady 16 cycled through all 64
        // backends, each one cold, and the database spent more per request: the couple list fell from 0.73 to
        // 0.62 of its pgbench ceiling at 16 connections (tests/bench/README.md). Requests beyond the pool wait
        // for a connection (up to the connect timeout, then 503) instead of queueing inside PostgreSQL.
        if (!Sets(connectionString, @"Max(imum)?\s*Pool\s*Size"))
            sourceBuilder.ConnectionStringBuilder.MaxPoolSize = PoolSizePerCore * Environment.ProcessorCount;
        // The pool's name in metrics (db.client.connection.*) and spans, instead of the connection string.
        sourceBuilder.Name = name;
        return sourceBuilder.Build();
    }

    /// <summary>Whether the connection string sets this keyword itself (an explicit setting wins over our defaults).</summary>
    private static bool Sets(string connectionString, string keywordPattern) =>
        System.Text.RegularExpressions.Regex.IsMatch(connectionString, @"(^|;)\s*" + keywordPattern + @"\s*=",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>
    /// MediatR 5 has no DI package, so handlers and the two behaviours are registered by scanning; validators
    /// by FluentValidation's own registration. Validators hold no per-request state (their only dependencies are
    /// the singleton catalogues and calendar), so each is built once: building one per request assembled its rules'
    /// expression trees again every time, ~6 % of the couple list's CPU in profiles (tests/bench/README.md).
    /// </summary>
    private static void AddMediator(IServiceCollection services)
    {
        services.AddScoped<IMediator>(sp => new Mediator(sp.GetService!));
        var handlerInterfaces = new[] { typeof(IRequestHandler<,>), typeof(INotificationHandler<>) };
        foreach (var type in ApiAssembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType &&
                         handlerInterfaces.Contains(i.GetGenericTypeDefinition())))
                services.AddScoped(contract, type);
        }
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddValidatorsFromAssembly(ApiAssembly, ServiceLifetime.Singleton);
        ValidatorOptions.Global.PropertyNameResolver = (_, member, expression) =>
            member is null ? null : JsonCamel(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonCamel(member.Name);
    }

    private static string JsonCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static void AddIdentity(IServiceCollection services)
    {
        services.AddIdentityCore<User>(o =>
            {
                // Length over composition rules: see PasswordPolicy.
                o.Password.RequiredLength = PasswordPolicy.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters += "+'";
            })
            .AddUserStore<ClinicUserStore>()
            .AddTokenProvider<Features.Mfa.TotpTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
    }

    private static void AddAuthentication(IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddSingleton<RememberingTokenHandler>();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenService, RememberingTokenHandler>((o, tokens, handler) =>
            {
                o.MapInboundClaims = false;
                // Nothing reads the bearer token back from the authentication properties: storing it there
                // (the default) copied it and formatted its expiry on every request.
                o.SaveToken = false;
                o.TokenHandlers.Clear();
                o.TokenHandlers.Add(handler);
                o.TokenValidationParameters = tokens.ValidationParameters();
                o.Events = new JwtBearerEvents { OnTokenValidated = SessionValidation.OnTokenValidated };
            });
        services.AddAuthorization(Policies.Add);
    }
}
