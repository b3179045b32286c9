namespace InfoFunctions.LocalHost;

public static class Program
{
    public static int Main(string[] args) => 0;
}
