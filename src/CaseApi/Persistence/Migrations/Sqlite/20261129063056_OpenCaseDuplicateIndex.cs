using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityOps.CaseApi.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OpenCaseDuplicateIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_Kind_Code_CreatedAt_Status",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Open_Kind_Code_CreatedAt",
                table: "Cases",
                columns: new[] { "Kind", "Code", "CreatedAt" },
                filter: "\"Status\" <> 'Closed' AND \"Status\" <> 'Voided' AND \"Status\" <> 'Merged'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_Open_Kind_Code_CreatedAt",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Kind_Code_CreatedAt_Status",
                table: "Cases",
                columns: new[] { "Kind", "Code", "CreatedAt", "Status" });
        }
    }
}
