using System.Text.Json;
using CityOps.Cases.Cases;

namespace CityOps.Cases.Tests.CaseLoop;

public sealed class TaskFormRulesTests
{
    private const string Form = """
        {"fields":[{"name":"workingHours","type":"number","requiredFor":["RequestExtension"]},{"name":"department","type":"department"}],
         "requirePhotos":["Handled"],"requireComment":["RequestExtension"]}
        """;

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void Validate_HandledWithoutPhoto_NamesPhotos() =>
        Assert.Equal(["photos"], TaskFormRules.Validate(Form, "Handled", null, null, 0, _ => true).Keys);

    [Fact]
    public void Validate_ExtensionWithoutHoursOrReason_NamesBoth() =>
        Assert.Equal(["comment", "form.workingHours"], TaskFormRules.Validate(Form, "RequestExtension", Json("{}"), null, 0, _ => true).Keys.Order());

    [Fact]
    public void Validate_NegativeHoursAndUnknownDepartment_AreErrors()
    {
        var errors = TaskFormRules.Validate(Form, "RequestExtension", Json("""{"workingHours":-1,"department":"X"}"""), "why", 0, d => d == "CITY-WATER");
        Assert.Equal(["form.department", "form.workingHours"], errors.Keys.Order());
    }

    [Fact]
    public void Validate_CompleteSubmission_HasNoErrors() =>
        Assert.Empty(TaskFormRules.Validate(Form, "RequestExtension", Json("""{"workingHours":4}"""), "需要采购", 0, _ => true));

    [Theory]
    [InlineData("Handled", "assist")]
    [InlineData("RequestExtension", "")]
    public void BlockingActivities_ListsTheActivitiesOfTheOutcome(string outcome, string expected) =>
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries),
            TaskFormRules.BlockingActivities("""{"blockedWhileOpen":{"Handled":["assist"]}}""", outcome));

    [Fact]
    public void BlockingActivities_NoForm_None() => Assert.Empty(TaskFormRules.BlockingActivities(null, "Handled"));
}
