using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CityOps.CaseApi.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseNumberCounters",
                columns: table => new
                {
                    Day = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Last = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseNumberCounters", x => x.Day);
                });

            migrationBuilder.CreateTable(
                name: "CasePhotos",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContentType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    StoredPath = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CasePhotos", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Source = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ReportedCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    Address = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    GridCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    CommunityCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    StreetCode = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    DistrictCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    ReporterUserName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReporterContact = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Urgency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    LeadDepartment = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    AssistingDepartments = table.Column<List<string>>(type: "text[]", nullable: false),
                    DispatchReason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    SelfDisposed = table.Column<bool>(type: "boolean", nullable: false),
                    ReturnCount = table.Column<int>(type: "integer", nullable: false),
                    ReworkCount = table.Column<int>(type: "integer", nullable: false),
                    ExtensionCount = table.Column<int>(type: "integer", nullable: false),
                    SupervisionCount = table.Column<int>(type: "integer", nullable: false),
                    PendingExtensionMinutes = table.Column<int>(type: "integer", nullable: true),
                    MasterCaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    WorkflowInstanceId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TimelineCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CaseSupervisionOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSupervisionOrders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CaseTimeline",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Action = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    FromStatus = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ToStatus = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PhotoIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseTimeline", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CatalogAreas",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ParentCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    Geometry = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogAreas", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "CatalogCalendarHours",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    TimeZoneId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StandardDay = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Weekdays = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogCalendarHours", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CatalogCalendarYears",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Holidays = table.Column<string>(type: "text", nullable: false),
                    AdjustedWorkdays = table.Column<string>(type: "text", nullable: false),
                    SourceNotes = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogCalendarYears", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "CatalogCodeConfigs",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    DepartmentCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Urgency = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LimitAmount = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    LimitUnit = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogCodeConfigs", x => new { x.Kind, x.Code });
                });

            migrationBuilder.CreateTable(
                name: "CatalogDepartments",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ParentCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    AreaCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogDepartments", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "CatalogLocalCodes",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    MajorCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    MajorClassZh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MajorClassEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogLocalCodes", x => new { x.Kind, x.Code });
                });

            migrationBuilder.CreateTable(
                name: "CatalogResponsibilities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DepartmentCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Codes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Area = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DutyZh = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DutyEn = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogResponsibilities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CatalogRevision",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogRevision", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CatalogRoutingRules",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Area = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DepartmentCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogRoutingRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CatalogSeedMarks",
                columns: table => new
                {
                    Section = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SeededAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Added = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogSeedMarks", x => x.Section);
                });

            migrationBuilder.CreateTable(
                name: "Users",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PasswordHash = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Roles = table.Column<List<string>>(type: "text[]", nullable: false),
                    DepartmentCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    AreaCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Users", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowBookmarks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivityId = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CorrelationHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowBookmarks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowDefinitions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    DefinitionId = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "text", nullable: true),
                    IsLatest = table.Column<bool>(type: "boolean", nullable: false),
                    IsPublished = table.Column<bool>(type: "boolean", nullable: false),
                    TriggerEventName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PublishedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowDefinitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowInstances",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DefinitionId = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    DefinitionVersion = table.Column<int>(type: "integer", nullable: false),
                    CorrelationId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    IncidentCount = table.Column<int>(type: "integer", nullable: false),
                    StateJson = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowInstances", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowJournal",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    ActivityId = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    ActivityType = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EventName = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Outcomes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Timestamp = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Payload = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowJournal", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowOutbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivityId = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Channel = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Recipient = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Body = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowOutbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowParkedStimuli",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CorrelationHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StimulusJson = table.Column<string>(type: "text", nullable: false),
                    ParkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowParkedStimuli", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowStimuli",
                columns: table => new
                {
                    IdempotencyKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: true),
                    ResultJson = table.Column<string>(type: "text", nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowStimuli", x => x.IdempotencyKey);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    BookmarkId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivityId = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    AssigneeGroup = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AssigneePerson = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Outcomes = table.Column<List<string>>(type: "text[]", nullable: false),
                    FormSchemaJson = table.Column<string>(type: "text", nullable: true),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ClaimedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CompletedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    FormDataJson = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowTasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowTimers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    BookmarkId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivityId = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowTimers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CaseStages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LimitAmount = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    LimitUnit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ExtensionMinutes = table.Column<int>(type: "integer", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseStages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseStages_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseSuspensions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    To = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSuspensions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseSuspensions_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CasePhotos_CaseId",
                table: "CasePhotos",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_GridCode",
                table: "Cases",
                column: "GridCode");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Kind_Code_Status",
                table: "Cases",
                columns: new[] { "Kind", "Code", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_LeadDepartment",
                table: "Cases",
                column: "LeadDepartment");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Number",
                table: "Cases",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_CreatedAt",
                table: "Cases",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_WorkflowInstanceId",
                table: "Cases",
                column: "WorkflowInstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseStages_CaseId",
                table: "CaseStages",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSupervisionOrders_CaseId",
                table: "CaseSupervisionOrders",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSupervisionOrders_DepartmentCode",
                table: "CaseSupervisionOrders",
                column: "DepartmentCode");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSuspensions_CaseId",
                table: "CaseSuspensions",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseTimeline_CaseId_Sequence",
                table: "CaseTimeline",
                columns: new[] { "CaseId", "Sequence" },
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "IX_Users_DepartmentCode",
                table: "Users",
                column: "DepartmentCode");

            migrationBuilder.CreateIndex(
                name: "IX_Users_UserName",
                table: "Users",
                column: "UserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowBookmarks_InstanceId",
                table: "WorkflowBookmarks",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowBookmarks_Name_CorrelationHash",
                table: "WorkflowBookmarks",
                columns: new[] { "Name", "CorrelationHash" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowDefinitions_DefinitionId_IsLatest",
                table: "WorkflowDefinitions",
                columns: new[] { "DefinitionId", "IsLatest" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowDefinitions_DefinitionId_Version",
                table: "WorkflowDefinitions",
                columns: new[] { "DefinitionId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowDefinitions_TriggerEventName_IsPublished",
                table: "WorkflowDefinitions",
                columns: new[] { "TriggerEventName", "IsPublished" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowInstances_CorrelationId",
                table: "WorkflowInstances",
                column: "CorrelationId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowInstances_Status_DefinitionId",
                table: "WorkflowInstances",
                columns: new[] { "Status", "DefinitionId" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowJournal_InstanceId_Sequence",
                table: "WorkflowJournal",
                columns: new[] { "InstanceId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowOutbox_InstanceId_CreatedAt",
                table: "WorkflowOutbox",
                columns: new[] { "InstanceId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowOutbox_SentAt_CreatedAt",
                table: "WorkflowOutbox",
                columns: new[] { "SentAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowParkedStimuli_Name_CorrelationHash",
                table: "WorkflowParkedStimuli",
                columns: new[] { "Name", "CorrelationHash" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowStimuli_ProcessedAt",
                table: "WorkflowStimuli",
                column: "ProcessedAt");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_AssigneeGroup_Status_CreatedAt",
                table: "WorkflowTasks",
                columns: new[] { "AssigneeGroup", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_AssigneePerson_Status",
                table: "WorkflowTasks",
                columns: new[] { "AssigneePerson", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_ClaimedBy_Status",
                table: "WorkflowTasks",
                columns: new[] { "ClaimedBy", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_InstanceId",
                table: "WorkflowTasks",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTimers_DueAt",
                table: "WorkflowTimers",
                column: "DueAt");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTimers_InstanceId",
                table: "WorkflowTimers",
                column: "InstanceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseNumberCounters");

            migrationBuilder.DropTable(
                name: "CasePhotos");

            migrationBuilder.DropTable(
                name: "CaseStages");

            migrationBuilder.DropTable(
                name: "CaseSupervisionOrders");

            migrationBuilder.DropTable(
                name: "CaseSuspensions");

            migrationBuilder.DropTable(
                name: "CaseTimeline");

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

            migrationBuilder.DropTable(
                name: "Users");

            migrationBuilder.DropTable(
                name: "WorkflowBookmarks");

            migrationBuilder.DropTable(
                name: "WorkflowDefinitions");

            migrationBuilder.DropTable(
                name: "WorkflowInstances");

            migrationBuilder.DropTable(
                name: "WorkflowJournal");

            migrationBuilder.DropTable(
                name: "WorkflowOutbox");

            migrationBuilder.DropTable(
                name: "WorkflowParkedStimuli");

            migrationBuilder.DropTable(
                name: "WorkflowStimuli");

            migrationBuilder.DropTable(
                name: "WorkflowTasks");

            migrationBuilder.DropTable(
                name: "WorkflowTimers");

            migrationBuilder.DropTable(
                name: "Cases");
        }
    }
}
