using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityOps.CaseApi.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PersonTaskIndexesOnlyNamed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_AssigneePerson_Status",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_ClaimedBy_Status",
                table: "WorkflowTasks");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_AssigneePerson_Status",
                table: "WorkflowTasks",
                columns: new[] { "AssigneePerson", "Status" },
                filter: "\"AssigneePerson\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_ClaimedBy_Status",
                table: "WorkflowTasks",
                columns: new[] { "ClaimedBy", "Status" },
                filter: "\"ClaimedBy\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_AssigneePerson_Status",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_ClaimedBy_Status",
                table: "WorkflowTasks");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_AssigneePerson_Status",
                table: "WorkflowTasks",
                columns: new[] { "AssigneePerson", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_ClaimedBy_Status",
                table: "WorkflowTasks",
                columns: new[] { "ClaimedBy", "Status" });
        }
    }
}
