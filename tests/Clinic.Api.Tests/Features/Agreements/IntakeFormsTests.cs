using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Agreements;

/// <summary>Issue 28 item 5: intake forms as catalogue data, answered privately one section at a time; "Start intake".</summary>
public sealed class IntakeFormsTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private static readonly object Complete = new
    {
        yearsTogether = 7, livingTogether = true, relationshipHistory = "Met at university.", mainConcern = "We fight about chores.",
        hopesForTherapy = "Feel close again.", commitment = "fully", priorTherapy = false, emergencyContactName = "Ana Reed",
        emergencyContactPhone = "+44 20 7946 0000",
    };

    private static async Task<JsonNode> MyOnlyFormAsync(ApiClient client) =>
        (await client.GetJsonAsync("/api/portal/forms"))["items"]!.AsArray().Single()!;

    [Fact]
    public async Task StartIntake_SendsConsentPolicyAndTheIntakeForm_AndStartingAgainSendsNothingTwice()
    {
        await factory.PublishDocumentsAsync();
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var url = $"/api/couples/{couple.Id()}/intake";

        var started = await therapist.PostJsonAsync(url, new { policy = "limited_secrets" }, HttpStatusCode.OK);
        await therapist.PostJsonAsync(url, new { policy = "limited_secrets" }, HttpStatusCode.OK);

        started.Text("policy").Should().Be("limited_secrets");
        started["items"]!.AsArray().Select(i => i!.Text("kind")).Should().BeEquivalentTo("consent", "confidentiality_policy");
        started["consent"]!["complete"]!.GetValue<bool>().Should().BeFalse();
        var requests = (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/form-requests"))["items"]!.AsArray();
        requests.Select(r => r!.Text("formCode")).Should().Equal("couples-intake", "couples-intake");
        requests.Select(r => r!["partnerId"]!.GetValue<Guid>()).Should().BeEquivalentTo([couple.PartnerId(0), couple.PartnerId(1)]);
        (await therapist.AgreementsAsync(couple))["items"]!.AsArray().Should().HaveCount(2);
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM safety_checks WHERE couple_id = '{couple.Id()}' AND status = 'pending'"))
            .Should().Be(2, "each partner's intake check-in, once");
        (await therapist.PostAsync(url, new { })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task APartner_AnswersOneSectionAtATime_ThenSends_AndTheTherapistReadsIt_Audited()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, _) = await therapist.PartnersAsync(couple);
        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/form-requests", new { formCode = "couples-intake", partnerId = couple.PartnerId(0) });
        var form = await MyOnlyFormAsync(a);
        var url = $"/api/portal/forms/{form.Id()}";

        await a.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"{url}/draft", new { answers = new { yearsTogether = 7, livingTogether = true } });
        var draft = await a.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"{url}/draft", new { answers = new { mainConcern = "Chores." } });
        var early = await a.PostAsync(url, new { answers = new { } });
        var sent = await a.PostJsonAsync(url, new { answers = Complete }, HttpStatusCode.OK);
        var again = await a.PostAsync(url, new { answers = Complete });

        draft["answers"]!["yearsTogether"]!.GetValue<int>().Should().Be(7, "each section's save is kept with the earlier ones");
        draft["answers"]!["mainConcern"]!.GetValue<string>().Should().Be("Chores.");
        (await early.ErrorFieldsAsync()).Should().Contain("answers.relationshipHistory").And.Contain("answers.emergencyContactPhone")
            .And.NotContain("answers.yearsTogether");
        sent.Text("status").Should().Be("completed");
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var request = (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/form-requests"))["items"]![0]!;
        var read = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/form-requests/{request.Id()}");
        read["answers"]!["emergencyContactName"]!.GetValue<string>().Should().Be("Ana Reed");
        read["form"]!["sections"]!.AsArray().Should().HaveCount(5);
        (await factory.AuditAsync(couple, "form.read"))["items"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task TheOtherPartner_CannotSeeOrTouchTheForm_AndAnotherCaseloadIs404()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var other = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, b) = await therapist.PartnersAsync(couple);
        var request = await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/form-requests", new { formCode = "couples-intake", partnerId = couple.PartnerId(0) });
        var url = $"/api/portal/forms/{request.Id()}";
        await a.PostJsonAsync(url, new { answers = Complete }, HttpStatusCode.OK);

        (await b.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await b.PutAsync($"{url}/draft", new { answers = new { yearsTogether = 1 } })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await b.PostAsync(url, new { answers = Complete })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await b.GetJsonAsync("/api/portal/forms"))["items"]!.AsArray().Should().BeEmpty();
        (await other.GetAsync($"/api/couples/{couple.Id()}/form-requests/{request.Id()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/couples/{couple.Id()}/form-requests")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.PostAsync($"/api/couples/{couple.Id()}/form-requests", new { formCode = "couples-intake", partnerId = couple.PartnerId(1) }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BadAnswers_And_BadRequests_Are400NamingTheField()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, _) = await therapist.PartnersAsync(couple);
        var request = await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/form-requests", new { formCode = "couples-intake", partnerId = couple.PartnerId(0) });
        var url = $"/api/portal/forms/{request.Id()}";

        var wrongType = await a.PutAsync($"{url}/draft", new { answers = new { yearsTogether = "seven", madeUp = 1, commitment = "maybe" } });
        var unknownForm = await therapist.PostAsync($"/api/couples/{couple.Id()}/form-requests", new { formCode = "no-such-form", partnerId = couple.PartnerId(0) });
        var stranger = await therapist.PostAsync($"/api/couples/{couple.Id()}/form-requests", new { formCode = "couples-intake", partnerId = Guid.NewGuid() });
        var twice = await therapist.PostAsync($"/api/couples/{couple.Id()}/form-requests", new { formCode = "couples-intake", partnerId = couple.PartnerId(0) });
        var empty = await a.PutAsync($"{url}/draft", new { });

        (await wrongType.ErrorFieldsAsync()).Should().BeEquivalentTo("answers.yearsTogether", "answers.madeUp", "answers.commitment");
        (await unknownForm.ErrorFieldsAsync()).Should().Equal("formCode");
        (await stranger.ErrorFieldsAsync()).Should().Equal("partnerId");
        twice.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await empty.ErrorFieldsAsync()).Should().Equal("answers");
    }

    [Fact]
    public async Task APracticeForm_IsCheckedLikeTheCatalogue_AndVersioned()
    {
        var admin = await factory.AdminAsync();
        var section = new { key = "about", title = "About you", fields = new object[] { new { name = "goal", label = "Your goal", type = "text", required = true, maxLength = 500 } } };

        var created = await admin.PostJsonAsync("/api/admin/forms", new { code = "short-intake", title = "Short intake", sections = new[] { section } });
        var duplicate = await admin.PostAsync("/api/admin/forms", new { code = "short-intake", title = "Short intake", sections = new[] { section } });
        var v2 = await admin.PostJsonAsync("/api/admin/forms", new { code = "short-intake", title = "Short intake", basedOnVersion = 1, sections = new[] { section } });
        var stale = await admin.PostAsync("/api/admin/forms", new { code = "short-intake", title = "Short intake", basedOnVersion = 1, sections = new[] { section } });
        var badField = await admin.PostAsync("/api/admin/forms", new
        {
            code = "broken", title = "Broken",
            sections = new[] { new { key = "a", title = "A", fields = new object[] { new { name = "score", label = "Score", type = "integer", required = true, min = 5, max = 1 } } } },
        });
        var badType = await admin.PostAsync("/api/admin/forms", new
        {
            code = "broken", title = "Broken",
            sections = new[] { new { key = "a", title = "A", fields = new object[] { new { name = "x", label = "X", type = "essay", required = true } } } },
        });
        var therapist = await factory.SignedInTherapistAsync();
        var list = await therapist.GetJsonAsync("/api/forms");

        created["version"]!.GetValue<int>().Should().Be(1);
        duplicate.StatusCode.Should().Be(HttpStatusCode.Conflict);
        v2["version"]!.GetValue<int>().Should().Be(2);
        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await badField.ErrorFieldsAsync()).Should().Equal("sections");
        (await badField.ErrorMessageAsync("sections")).Should().Contain("min <= max");
        (await badType.ErrorFieldsAsync()).Should().ContainSingle().Which.Should().Contain("type");
        list["items"]!.AsArray().Select(f => f!.Text("code")).Should().Contain(["couples-intake", "short-intake"]);
        list["items"]!.AsArray().Single(f => f!.Text("code") == "short-intake")!["version"]!.GetValue<int>().Should().Be(2);
        (await therapist.PostAsync("/api/admin/forms", new { code = "mine", title = "Mine", sections = new[] { section } }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
