using Clinic.Api.Domain.Appointments;
using FluentValidation;

namespace Clinic.Api.Features.Appointments;

/// <summary>The fields a booking and a change share; one set of rules for both.</summary>
public interface IAppointmentFields
{
    DateTime? StartsAt { get; }
    int? DurationMinutes { get; }
    AppointmentFormat? Format { get; }
    string? VideoLink { get; }
    string? NoteToClients { get; }
}

public sealed class AppointmentFieldsValidator : AbstractValidator<IAppointmentFields>
{
    public AppointmentFieldsValidator()
    {
        RuleFor(c => c.StartsAt).Must(t => t!.Value.Kind == DateTimeKind.Unspecified)
            .When(c => c.StartsAt is not null)
            .WithMessage("Give the local date and time in the practice's time zone, without an offset (2026-11-09T17:00).");
        RuleFor(c => c.DurationMinutes).InclusiveBetween(Appointment.MinDurationMinutes, Appointment.MaxDurationMinutes)
            .WithMessage($"An appointment lasts {Appointment.MinDurationMinutes} to {Appointment.MaxDurationMinutes} minutes.");
        RuleFor(c => c.VideoLink).MaximumLength(Appointment.MaxVideoLinkLength)
            .Must(link => Appointment.IsHttpsLink(link!)).When(c => !string.IsNullOrWhiteSpace(c.VideoLink))
            .WithMessage("A video link must be an https:// address, on one line.");
        RuleFor(c => c.NoteToClients).MaximumLength(Appointment.MaxNoteLength);
    }
}
