using Clinic.Api.Domain.Assessments;

namespace Clinic.Api.Features.Schedules;

/// <summary>One request a schedule made: the day it was due and where it stands.</summary>
public sealed record ScheduledRequestDto(Guid QuestionnaireRequestId, DateOnly DueOn, QuestionnaireStatus Status);

/// <param name="Until">The last day a request may fall on; null when the schedule ends after <paramref name="Count"/> requests.</param>
/// <param name="Running">Not stopped and with requests still to come (or one due today).</param>
/// <param name="NextDueOn">The practice date of the next request; null once stopped or run out.</param>
/// <param name="Requests">The requests it has made, newest first.</param>
public sealed record MeasureScheduleDto(Guid Id, Guid CoupleId, Guid PartnerId, string Instrument, int EveryWeeks,
    DateOnly StartsOn, DateOnly? Until, int? Count, DateTimeOffset CreatedAt, DateTimeOffset? StoppedAt, bool Running,
    DateOnly? NextDueOn, IReadOnlyList<ScheduledRequestDto> Requests)
{
    public static MeasureScheduleDto From(MeasureSchedule s, DateOnly today, IEnumerable<QuestionnaireRequest> requests) =>
        new(s.Id, s.CoupleId, s.PartnerId, s.Instrument, s.EveryWeeks, s.StartsOn, s.UntilOn, s.Occurrences, s.CreatedAt, s.StoppedAt,
            s.IsRunning(today), s.NextDueAfter(today),
            requests.Where(r => r.ScheduleId == s.Id).OrderByDescending(r => r.DueOn)
                .Select(r => new ScheduledRequestDto(r.Id, r.DueOn!.Value, r.Status)).ToList());
}
