using CityOps.CaseApi.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCityOpsHost();

var app = builder.Build();
await app.UseCityOpsHostAsync();
await app.RunAsync();

/// <summary>Entry point, visible to <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
