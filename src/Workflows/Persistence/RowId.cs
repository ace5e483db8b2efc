namespace CityOps.Workflows.Persistence;

/// <summary>
/// Keys for new rows: version 7 GUIDs (RFC 9562), whose leading 48 bits are the creation time in milliseconds.
/// </summary>
/// <remarks>
/// Rows keyed by random GUIDs land on a random leaf of every key index, so each transaction dirties (and, in
/// SQLite's WAL, writes out) a page per row that no other row of the transaction shares. Time-ordered keys go to the
/// right-hand edge of the index instead: the rows of one step share their leaf pages, and so do consecutive steps.
/// In the case-loop benchmark this wrote 17 % fewer WAL pages and read 17 % fewer pages per loop. The time is the
/// caller's (its injected <see cref="TimeProvider"/>), never the system clock; the 74 random bits keep keys made in
/// the same millisecond (or under a frozen test clock) unique. A key carries no meaning beyond identity: nothing may
/// read the time back out of it.
/// </remarks>
public static class RowId
{
    /// <summary>A new key ordered by <paramref name="at"/>.</summary>
    public static Guid New(DateTimeOffset at) => Guid.CreateVersion7(at);
}
