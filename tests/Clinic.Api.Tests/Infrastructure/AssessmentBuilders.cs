using System.Text.Json.Nodes;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>Builders for ECR-RS answers, assessments and questionnaire requests, arranged through the API.</summary>
public static class AssessmentBuilders
{
    /// <summary>Nine answers keyed ecrrs-1 … ecrrs-9, in item order.</summary>
    public static Dictionary<string, int> EcrRs(params int[] answers)
    {
        if (answers.Length != 9) throw new ArgumentException("ECR-RS has nine items.", nameof(answers));
        return answers.Select((a, i) => (Key: $"ecrrs-{i + 1}", a)).ToDictionary(p => p.Key, p => p.a);
    }

    public static Dictionary<string, int> EcrRsAll(int value) => EcrRs(Enumerable.Repeat(value, 9).ToArray());

    public static object NewAssessment(Guid partnerId, IReadOnlyDictionary<string, int> responses, string administeredOn = "2026-11-09",
        string instrument = "ECR-RS") => new { partnerId, instrument, administeredOn, responses };

    public static Task<JsonNode> RecordAssessmentAsync(this ApiClient therapist, JsonNode couple, int partner,
        IReadOnlyDictionary<string, int> responses, string administeredOn = "2026-11-09") =>
        therapist.PostJsonAsync($"/api/couples/{couple.Id()}/assessments",
            NewAssessment(couple.PartnerId(partner), responses, administeredOn));

    public static Task<JsonNode> RequestQuestionnaireAsync(this ApiClient therapist, JsonNode couple, int partner, bool share = false) =>
        therapist.PostJsonAsync($"/api/couples/{couple.Id()}/questionnaire-requests",
            new { partnerId = couple.PartnerId(partner), instrument = "ECR-RS", shareResultsWithClient = share });

    public static Task<JsonNode> AnswerQuestionnaireAsync(this ApiClient client, JsonNode request, IReadOnlyDictionary<string, int> responses) =>
        client.PostJsonAsync($"/api/portal/questionnaires/{request.Id()}", new { responses });

    public static double Number(this JsonNode node, string name) => node[name]!.GetValue<double>();
    public static string Text(this JsonNode node, string name) => node[name]!.GetValue<string>();
}
