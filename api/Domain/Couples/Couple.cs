using System.Text.Json;

namespace Clinic.Api.Domain.Couples;

public enum CoupleStatus { Intake, Active, Paused, Closed }

public enum PartnerLabel { PartnerA, PartnerB }

/// <summary>
/// A couple on one therapist's caseload, with exactly two partners. Closing archives the couple;
/// nothing about it is ever deleted.
/// </summary>
public sealed class Couple
{
    /// <summary>
    /// Portal access: the couple a signed-in client reaches — the one whose partner <paramref name="partnerId"/> is linked to
    /// the account <paramref name="userId"/>. The portal's caller lookup queries with it; SqlRulesTests checks it in memory too.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<Couple, bool>> ReachedByPortal(Guid partnerId, Guid userId) =>
        c => c.Partners.Any(p => p.Id == partnerId && p.UserId == userId);

    private readonly List<Partner> _partners = [];

    private Couple() { }

    public Guid Id { get; private set; }
    public Guid TherapistId { get; private set; }
    public string DisplayName { get; private set; } = "";
    public CoupleStatus Status { get; private set; }
    public DateOnly StartedOn { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public string PresentingConcerns { get; private set; } = "";
    public string Goals { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public uint Version { get; private set; }
    public IReadOnlyList<Partner> Partners => _partners;

    public static Couple Open(Guid therapistId, PartnerDetails a, PartnerDetails b, string presentingConcerns, string goals,
        DateOnly startedOn, DateTimeOffset now)
    {
        var couple = new Couple
        {
            Id = Guid.NewGuid(), TherapistId = therapistId, Status = CoupleStatus.Intake, StartedOn = startedOn,
            PresentingConcerns = presentingConcerns.Trim(), Goals = goals.Trim(), CreatedAt = now,
            DisplayName = $"{a.FirstName.Trim()} & {b.FirstName.Trim()}",
        };
        couple._partners.Add(Partner.Create(couple.Id, PartnerLabel.PartnerA, a, now));
        couple._partners.Add(Partner.Create(couple.Id, PartnerLabel.PartnerB, b, now));
        return couple;
    }

    /// <summary>
    /// The display name's initials for a file name ("Alex & Sam" → "AS", "Zoë & Émile" → "ZE"): the first letter
    /// of each word, Latin accents folded as a typed signature's name is, ASCII letters only (a header's file name
    /// must be ASCII), so a download names the couple without spelling out names.
    /// </summary>
    public static string InitialsOf(string displayName)
    {
        var letters = Signatures.SignerName.Normalise(displayName).Split([' ', '&', '-', ','], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w != "and")
            .Select(w => w[0])
            .Where(char.IsAsciiLetter)
            .Select(char.ToUpperInvariant);
        var initials = string.Concat(letters);
        return initials.Length == 0 ? "couple" : initials;
    }

    public Partner PartnerA => _partners.Single(p => p.Label == PartnerLabel.PartnerA);
    public Partner PartnerB => _partners.Single(p => p.Label == PartnerLabel.PartnerB);

    public static bool CanMove(CoupleStatus from, CoupleStatus to) => (from, to) switch
    {
        _ when from == to => true,
        (CoupleStatus.Closed, _) => false,
        (_, CoupleStatus.Closed) => true,
        (CoupleStatus.Intake, CoupleStatus.Active) => true,
        (CoupleStatus.Active, CoupleStatus.Paused) => true,
        (CoupleStatus.Paused, CoupleStatus.Active) => true,
        _ => false,
    };

    /// <summary>intake → active ⇄ paused → closed; a closed couple stays archived.</summary>
    public void MoveTo(CoupleStatus status, DateOnly today)
    {
        if (!CanMove(Status, status))
            throw DomainRuleException.Invalid("status", IsClosed
                ? "A closed couple is archived and cannot be reopened."
                : $"A couple cannot move from {Word(Status)} to {Word(status)}.");
        if (status == CoupleStatus.Closed && Status != CoupleStatus.Closed) ClosedOn = today;
        Status = status;
    }

    public void Describe(string? presentingConcerns, string? goals)
    {
        if (presentingConcerns is not null) PresentingConcerns = presentingConcerns.Trim();
        if (goals is not null) Goals = goals.Trim();
    }

    public bool IsClosed => Status == CoupleStatus.Closed;

    /// <summary>
    /// Corrects one partner's details. The couple's name is made from the partners' first names, so
    /// it follows a corrected first name. Returns whether the email changed.
    /// </summary>
    public bool CorrectPartner(Guid partnerId, PartnerCorrection correction)
    {
        var partner = PartnerById(partnerId);
        var emailChanged = partner.Correct(correction);
        DisplayName = $"{PartnerA.FirstName} & {PartnerB.FirstName}";
        return emailChanged;
    }

    public const string ClosedMessage = "This couple is closed: its record is archived and takes nothing new.";

    /// <summary>
    /// A closed couple takes nothing new — no session, assessment, questionnaire, check-in, homework, entry or
    /// invitation. Every write that adds to the record asks this first.
    /// </summary>
    public void EnsureOpen()
    {
        if (IsClosed) throw DomainRuleException.Conflict(ClosedMessage);
    }

    public const string NotAPartnerMessage = "This is not a partner of this couple.";

    /// <summary>Whether the id is one of this couple's two partners.</summary>
    public bool HasPartner(Guid? partnerId) => _partners.Any(p => p.Id == partnerId);

    /// <summary>
    /// One of this couple's two partners. Any other id — another couple's partner or none at all — is the
    /// same 400 naming <paramref name="field"/>: the couple is the caller's, the partner id is input that
    /// selects one of its two partners, and the answer never tells whether the id exists elsewhere.
    /// </summary>
    public Partner PartnerById(Guid? partnerId, string field = "partnerId") =>
        _partners.SingleOrDefault(p => p.Id == partnerId) ?? throw DomainRuleException.Invalid(field, NotAPartnerMessage);

    private static string Word(CoupleStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());
}

/// <summary>What a correction changes: null leaves a value as it is; empty pronouns clear them.</summary>
public sealed record PartnerCorrection(string? FirstName, string? LastName, string? Email, string? Pronouns);

public sealed record PartnerDetails(string FirstName, string LastName, string Email, string? Pronouns);

public sealed class Partner
{
    private Partner() { }

    public Guid Id { get; private set; }
    public Guid CoupleId { get; private set; }
    public PartnerLabel Label { get; private set; }
    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    public string? Pronouns { get; private set; }
    public string Email { get; private set; } = "";
    public Guid? UserId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public uint Version { get; private set; }
    /// <summary>A corrected sign-in address waiting for the partner to follow the link sent to it (issue 26).</summary>
    public string? PendingEmail { get; private set; }
    public string? PendingEmailTokenHash { get; private set; }
    public DateTimeOffset? PendingEmailExpiresAt { get; private set; }

    public static readonly TimeSpan PendingEmailLifetime = TimeSpan.FromHours(72);

    /// <summary>
    /// A partner with a portal account keeps signing in with their address until they prove the new one is
    /// theirs: returns the link's token (only its hash is kept). A second request replaces the first.
    /// </summary>
    public string RequestSignInEmailChange(string email, DateTimeOffset now)
    {
        if (UserId is null) throw new InvalidOperationException("Only a partner with a portal account confirms a new sign-in address.");
        var token = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        PendingEmail = NormaliseEmail(email);
        PendingEmailTokenHash = Users.Invitation.Hash(token);
        PendingEmailExpiresAt = now + PendingEmailLifetime;
        return token;
    }

    /// <summary>The partner followed the link: the waiting address becomes theirs. Returns the address it replaced.</summary>
    public string ConfirmSignInEmailChange(DateTimeOffset now)
    {
        if (PendingEmail is null || PendingEmailExpiresAt is null || now >= PendingEmailExpiresAt)
            throw DomainRuleException.Invalid("token", "This link is not valid any more: it was used, has expired or was replaced.");
        var old = Email;
        Email = PendingEmail;
        ForgetPendingEmail();
        return old;
    }

    public void ForgetPendingEmail()
    {
        PendingEmail = null;
        PendingEmailTokenHash = null;
        PendingEmailExpiresAt = null;
    }

    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    internal static Partner Create(Guid coupleId, PartnerLabel label, PartnerDetails details, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), CoupleId = coupleId, Label = label, FirstName = details.FirstName.Trim(),
        LastName = details.LastName.Trim(), Email = NormaliseEmail(details.Email),
        Pronouns = string.IsNullOrWhiteSpace(details.Pronouns) ? null : details.Pronouns.Trim(), CreatedAt = now,
    };

    internal bool Correct(PartnerCorrection correction)
    {
        if (correction.FirstName is { } first) FirstName = first.Trim();
        if (correction.LastName is { } last) LastName = last.Trim();
        if (correction.Pronouns is { } pronouns) Pronouns = string.IsNullOrWhiteSpace(pronouns) ? null : pronouns.Trim();
        if (correction.Email is not { } email || NormaliseEmail(email) == Email) return false;
        Email = NormaliseEmail(email);
        return true;
    }

    /// <summary>A partner with a portal account is not invited again.</summary>
    public void EnsureInvitable()
    {
        if (UserId is not null) throw DomainRuleException.Conflict("This partner already has a portal account.");
    }

    public void LinkAccount(Guid userId)
    {
        EnsureInvitable();
        UserId = userId;
    }
}
