namespace InfoFunctions.Operations;

/// <summary>Ends a restore before anything is written; <see cref="RestoreService"/> returns its problem.</summary>
internal sealed class RestoreRefusedException(Problem problem) : Exception(problem.Detail)
{
    public Problem Problem { get; } = problem;
}
