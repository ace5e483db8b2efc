using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityOps.CaseApi.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DuplicateWindowIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_Kind_Code_Status",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Kind_Code_CreatedAt_Status",
                table: "Cases",
                columns: new[] { "Kind", "Code", "CreatedAt", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_Kind_Code_CreatedAt_Status",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Kind_Code_Status",
                table: "Cases",
                columns: new[] { "Kind", "Code", "Status" });
        }
    }
}
