using System.Text.Json;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Features.Assessments;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using FhirQuestionnaire = Hl7.Fhir.Model.Questionnaire;

namespace Clinic.Api.Features.Fhir;

/// <summary>
/// Maps Clinic's instruments and assessments onto FHIR R4 resources. PHQ-9 and GAD-7 carry their LOINC
/// panel and total-score codes (INSTRUMENTS.md; 44249-1 and 44261-6 checked on loinc.org); CSI and
/// ECR-RS have no LOINC codes, so they and every subscale code use the practice's local code system.
/// </summary>
public static class FhirMeasures
{
    public const string LoincSystem = "http://loinc.org";

    /// <summary>The practice's own code system for instruments and scores LOINC does not cover.</summary>
    public const string LocalSystem = "urn:clinic:measures";

    /// <summary>Identifiers of the couple's partners, so a response's subject survives the trip.</summary>
    public const string PartnerSystem = "urn:clinic:partner";

    private sealed record Loinc(string Panel, string Total);

    private static readonly Dictionary<string, Loinc> LoincCodes = new(StringComparer.Ordinal)
    {
        ["PHQ-9"] = new("44249-1", "44261-6"),
        ["GAD-7"] = new("69737-5", "70274-6"),
    };

    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static string ToJson(Bundle bundle) => JsonSerializer.Serialize(bundle, Json);

    /// <summary>The canonical URL of an instrument version's Questionnaire.</summary>
    public static string QuestionnaireUrl(InstrumentDefinition instrument) => $"{LocalSystem}:questionnaire:{instrument.Code}";

    /// <summary>The code of one score: the LOINC total where there is one, else the local "{code}/{subscale}".</summary>
    public static Coding ScoreCode(InstrumentDefinition instrument, SubscaleDefinition subscale) =>
        LoincCodes.TryGetValue(instrument.Code, out var loinc) && subscale.Code == "total"
            ? new Coding(LoincSystem, loinc.Total, $"{instrument.Title} total score")
            : new Coding(LocalSystem, $"{instrument.Code}/{subscale.Code}", $"{instrument.Code} {subscale.Label.ToLowerInvariant()}");

    public static Bundle Bundle(Couple couple, IReadOnlyList<Assessment> assessments, InstrumentCatalogue catalogue, DateTimeOffset now)
    {
        var bundle = new Bundle { Type = Hl7.Fhir.Model.Bundle.BundleType.Collection, Timestamp = now, Id = couple.Id.ToString() };
        var definitions = assessments.Select(catalogue.Of).DistinctBy(d => (d.Code, d.Version)).ToList();
        foreach (var definition in definitions)
            Add(bundle, $"urn:uuid:{DeterministicId(definition)}", Questionnaire(definition));
        foreach (var assessment in assessments)
        {
            var definition = catalogue.Of(assessment);
            var partner = couple.Partners.Single(p => p.Id == assessment.PartnerId);
            var responseUrl = $"urn:uuid:{assessment.Id}";
            Add(bundle, responseUrl, Response(definition, assessment, partner));
            foreach (var subscale in definition.Subscales.Where(s => assessment.Scores.ContainsKey(s.Code)))
                Add(bundle, $"urn:uuid:{Guid.NewGuid()}", Observation(definition, subscale, assessment, partner, responseUrl));
        }
        return bundle;
    }

    private static void Add(Bundle bundle, string fullUrl, Resource resource) =>
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = fullUrl, Resource = resource });

    // A Questionnaire's id should not change between exports of the same version.
    private static Guid DeterministicId(InstrumentDefinition definition)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{definition.Code}|{definition.Version}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    private static FhirQuestionnaire Questionnaire(InstrumentDefinition definition)
    {
        var questionnaire = new FhirQuestionnaire
        {
            Url = QuestionnaireUrl(definition),
            Version = definition.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Name = definition.Code.Replace("-", "", StringComparison.Ordinal),
            Title = definition.Title,
            Status = PublicationStatus.Active,
            Copyright = definition.Licence,
            Description = definition.Citation,
            Code = [LoincCodes.TryGetValue(definition.Code, out var loinc)
                ? new Coding(LoincSystem, loinc.Panel, definition.Title)
                : new Coding(LocalSystem, definition.Code, definition.Title)],
        };
        foreach (var item in definition.Items)
        {
            var question = new FhirQuestionnaire.ItemComponent
            {
                LinkId = item.Id, Text = item.Text, Type = FhirQuestionnaire.QuestionnaireItemType.Choice, Required = true,
            };
            // Each option's code is its stored value, so a response reads the same whatever order the form prints.
            foreach (var anchor in definition.ScaleOf(item).Anchors)
                question.AnswerOption.Add(new FhirQuestionnaire.AnswerOptionComponent { Value = AnswerCoding(definition, anchor) });
            questionnaire.Item.Add(question);
        }
        return questionnaire;
    }

    private static Coding AnswerCoding(InstrumentDefinition definition, ScaleAnchor anchor) =>
        new($"{LocalSystem}:answers:{definition.Code}", anchor.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), anchor.Label);

    private static ResourceReference Subject(Partner partner) => new()
    {
        Identifier = new Identifier(PartnerSystem, partner.Id.ToString()),
        Display = partner.FirstName,
    };

    private static QuestionnaireResponse Response(InstrumentDefinition definition, Assessment assessment, Partner partner)
    {
        var response = new QuestionnaireResponse
        {
            Id = assessment.Id.ToString(),
            Questionnaire = $"{QuestionnaireUrl(definition)}|{definition.Version}",
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = Subject(partner),
            Authored = assessment.CreatedAt.ToString("o"),
        };
        foreach (var item in definition.Items.Where(i => assessment.Responses.ContainsKey(i.Id)))
        {
            var value = assessment.Responses[item.Id];
            var anchor = definition.ScaleOf(item).Anchors.Single(a => a.Value == value);
            response.Item.Add(new QuestionnaireResponse.ItemComponent
            {
                LinkId = item.Id, Text = item.Text,
                Answer = [new QuestionnaireResponse.AnswerComponent { Value = AnswerCoding(definition, anchor) }],
            });
        }
        return response;
    }

    private static Observation Observation(InstrumentDefinition definition, SubscaleDefinition subscale, Assessment assessment,
        Partner partner, string responseUrl)
    {
        var score = assessment.Scores[subscale.Code];
        var observation = new Observation
        {
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey")],
            Code = new CodeableConcept { Coding = [ScoreCode(definition, subscale)], Text = $"{definition.Code} {subscale.Label}" },
            Subject = Subject(partner),
            Effective = new FhirDateTime(assessment.AdministeredOn.ToString("yyyy-MM-dd")),
            Value = new Quantity { Value = (decimal)Math.Round(score, 4), Unit = "{score}", System = "http://unitsofmeasure.org", Code = "{score}" },
            DerivedFrom = [new ResourceReference(responseUrl)],
        };
        if (subscale.Code == definition.BandedSubscale?.Code && assessment.Band is { } band
            && subscale.Bands!.FirstOrDefault(b => b.Code == band) is { } bandDefinition)
            observation.Interpretation = [new CodeableConcept($"{LocalSystem}:bands:{definition.Code}", band, bandDefinition.Label)];
        return observation;
    }
}
