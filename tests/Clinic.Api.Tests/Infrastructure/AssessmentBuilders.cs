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

    /// <summary>Answers keyed <c>{prefix}-1</c>… in item order: <c>Items("phq9", 1, 0, …)</c>.</summary>
    public static Dictionary<string, int> Items(string prefix, params int[] answers) =>
        answers.Select((a, i) => (Key: $"{prefix}-{i + 1}", a)).ToDictionary(p => p.Key, p => p.a);

    /// <summary>Nine PHQ-9 answers whose total is <paramref name="total"/> with item 9 as given (3s first, then the rest).</summary>
    public static Dictionary<string, int> Phq9(int total, int item9 = 0)
    {
        var left = total - item9;
        var answers = Enumerable.Range(0, 8).Select(i => Math.Clamp(left - 3 * i, 0, 3)).Append(item9).ToArray();
        if (answers.Sum() != total) throw new ArgumentException($"PHQ-9 cannot total {total} with item 9 = {item9}.", nameof(total));
        return Items("phq9", answers);
    }

    public static Task<JsonNode> RecordAsync(this ApiClient therapist, JsonNode couple, int partner, string instrument,
        IReadOnlyDictionary<string, int> responses, string administeredOn = "2026-11-09") =>
        therapist.PostJsonAsync($"/api/couples/{couple.Id()}/assessments",
            NewAssessment(couple.PartnerId(partner), responses, administeredOn, instrument));

    public static object NewAssessment(Guid partnerId, IReadOnlyDictionary<string, int> responses, string administeredOn = "2026-11-09",
        string instrument = "ECR-RS") => new { partnerId, instrument, administeredOn, responses };

    public static Task<JsonNode> RecordAssessmentAsync(this ApiClient therapist, JsonNode couple, int partner,
        IReadOnlyDictionary<string, int> responses, string administeredOn = "2026-11-09") =>
        therapist.PostJsonAsync($"/api/couples/{couple.Id()}/assessments",
            NewAssessment(couple.PartnerId(partner), responses, administeredOn));

    public static Task<JsonNode> RequestQuestionnaireAsync(this ApiClient therapist, JsonNode couple, int partner, bool share = false,
        string instrument = "ECR-RS") =>
        therapist.PostJsonAsync($"/api/couples/{couple.Id()}/questionnaire-requests",
            new { partnerId = couple.PartnerId(partner), instrument, shareResultsWithClient = share });

    /// <summary>Answers and returns the questionnaire as the portal now shows it (the answer's <c>questionnaire</c>).</summary>
    public static async Task<JsonNode> AnswerQuestionnaireAsync(this ApiClient client, JsonNode request, IReadOnlyDictionary<string, int> responses) =>
        (await client.PostJsonAsync($"/api/portal/questionnaires/{request.Id()}", new { responses }))["questionnaire"]!;

    public static double Number(this JsonNode node, string name) => node[name]!.GetValue<double>();
    public static string Text(this JsonNode node, string name) => node[name]!.GetValue<string>();
}
