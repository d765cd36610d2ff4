using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using MediatR;

namespace Clinic.Api.Features.Appointments;

internal sealed class AppointmentsEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var couples = app.MapGroup("/api/couples/{id:guid}/appointments").WithTags("Appointments").RequireAuthorization(Policies.Therapist);

        couples.MapPost("/", async (Guid id, BookAppointmentCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var appointment = await mediator.Send(command with { CoupleId = id }, ct);
                return TypedResults.Created($"/api/appointments/{appointment.Id}", appointment);
            })
            .WithName("BookAppointment")
            .WithSummary("Book an appointment (startsAt is local time in the practice's zone); 409 on overlap or the safety gate unless confirmed.");

        couples.MapGet("/", (Guid id, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListCoupleAppointmentsQuery(id, page, pageSize), ct))
            .WithName("ListCoupleAppointments").WithSummary("A couple's appointments, latest first.");

        var appointments = app.MapGroup("/api/appointments").WithTags("Appointments").RequireAuthorization(Policies.Therapist);

        appointments.MapGet("/", ([AsParameters] GetMyCalendarQuery query, IMediator mediator, CancellationToken ct) => mediator.Send(query, ct))
            .WithName("GetMyCalendar").WithSummary("My appointments from one practice date to another (at most 62 days).");

        appointments.MapPatch("/{id:guid}", (Guid id, ChangeAppointmentCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Id = id }, ct))
            .WithName("ChangeAppointment")
            .WithSummary("Move or change a booked appointment, or close it as cancelled, late_cancelled or no_show (send the version read).");

        appointments.MapPost("/{id:guid}/hold", (Guid id, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new HoldAppointmentCommand(id), ct))
            .WithName("HoldAppointment").WithSummary("The session took place: mark it held and get the session form prefilled.");

        var portal = app.MapGroup("/api/portal/appointments").WithTags("Portal").RequireAuthorization(Policies.Client);

        portal.MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListMyAppointmentsQuery(), ct))
            .WithName("ListMyAppointments").WithSummary("My upcoming appointments (only those I attend).");

        portal.MapGet("/{id:guid}.ics", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.File(await mediator.Send(new GetMyAppointmentCalendarFileQuery(id), ct), "text/calendar; charset=utf-8",
                    "appointment.ics"))
            .Produces(200, contentType: "text/calendar")
            .WithName("GetMyAppointmentCalendarFile").WithSummary("One of my appointments as an .ics file to add to a calendar.");
    }
}
