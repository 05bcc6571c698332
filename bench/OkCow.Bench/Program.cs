using OkCow.Bench;

// bench micro <results.json>          the embedded store's micro-benchmarks (BenchmarkDotNet)
// bench http <base url> <results.json> the HTTP load generator against a running local host
// OKCOW_BENCH_QUICK=1 shortens both to a smoke run.
var quick = Environment.GetEnvironmentVariable("OKCOW_BENCH_QUICK") == "1";
return args switch
{
    ["micro", var output] => Micro.Run(output, quick),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: OkCow.Bench micro <results.json>");
    return 2;
}
