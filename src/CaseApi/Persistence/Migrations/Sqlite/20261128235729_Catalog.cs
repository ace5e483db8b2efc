using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityOps.CaseApi.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Catalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CatalogAreas",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ParentCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: true),
                    Geometry = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogAreas", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "CatalogCalendarHours",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StandardDay = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Weekdays = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogCalendarHours", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CatalogCalendarYears",
                columns: table => new
                {
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Holidays = table.Column<string>(type: "TEXT", nullable: false),
                    AdjustedWorkdays = table.Column<string>(type: "TEXT", nullable: false),
                    SourceNotes = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogCalendarYears", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "CatalogCodeConfigs",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    DepartmentCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LimitAmount = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: false),
                    LimitUnit = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogCodeConfigs", x => new { x.Kind, x.Code });
                });

            migrationBuilder.CreateTable(
                name: "CatalogDepartments",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ParentCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    AreaCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogDepartments", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "CatalogLocalCodes",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    MajorCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    MajorClassZh = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MajorClassEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogLocalCodes", x => new { x.Kind, x.Code });
                });

            migrationBuilder.CreateTable(
                name: "CatalogResponsibilities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DepartmentCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Codes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Area = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DutyZh = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DutyEn = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogResponsibilities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CatalogRevision",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogRevision", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CatalogRoutingRules",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Area = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DepartmentCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogRoutingRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CatalogSeedMarks",
                columns: table => new
                {
                    Section = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SeededAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Added = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogSeedMarks", x => x.Section);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CatalogAreas_ParentCode",
                table: "CatalogAreas",
                column: "ParentCode");

            migrationBuilder.CreateIndex(
                name: "IX_CatalogDepartments_ParentCode",
                table: "CatalogDepartments",
                column: "ParentCode");

            migrationBuilder.CreateIndex(
                name: "IX_CatalogResponsibilities_DepartmentCode",
                table: "CatalogResponsibilities",
                column: "DepartmentCode");

            migrationBuilder.CreateIndex(
                name: "IX_CatalogRoutingRules_Code_Area",
                table: "CatalogRoutingRules",
                columns: new[] { "Code", "Area" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CatalogAreas");

            migrationBuilder.DropTable(
                name: "CatalogCalendarHours");

            migrationBuilder.DropTable(
                name: "CatalogCalendarYears");

            migrationBuilder.DropTable(
                name: "CatalogCodeConfigs");

            migrationBuilder.DropTable(
                name: "CatalogDepartments");

            migrationBuilder.DropTable(
                name: "CatalogLocalCodes");

            migrationBuilder.DropTable(
                name: "CatalogResponsibilities");

            migrationBuilder.DropTable(
                name: "CatalogRevision");

            migrationBuilder.DropTable(
                name: "CatalogRoutingRules");

            migrationBuilder.DropTable(
                name: "CatalogSeedMarks");
        }
    }
}
