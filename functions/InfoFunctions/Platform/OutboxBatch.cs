namespace InfoFunctions.Platform;

/// <summary>
/// The messages of one change, staged by <see cref="MessageOutbox.StageAsync"/>: add <see cref="Rows"/> to the
/// change's entity-group transaction, then hand the batch to <see cref="MessageOutbox.SendAsync"/>.
/// </summary>
public sealed record OutboxBatch(string Table, IReadOnlyList<OutboxMessage> Messages, IReadOnlyList<TableEntity> Rows)
{
    public IEnumerable<TableTransactionAction> Actions =>
        Rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r));
}
